import { describe, expect, test } from 'vitest';
import { Scenario } from '../../src/client.js';
import { createEmulator } from '../../src/testing/index.js';
import { testImage } from './helpers.js';

describe('the SDK against the emulator', () => {
  test('img2img.run uploads, generates, waits and returns assets with real sizes', async () => {
    const emulator = createEmulator({ jobDurations: { flux: 300 } });
    const client = new Scenario({ fetch: emulator.fetch, apiKey: 'key', apiSecret: 'secret', baseUrl: emulator.url });
    const image = await testImage(64, 64);
    const { job, assets } = await client.img2img.run({
      modelId: 'flux.1-dev',
      prompt: 'a knight',
      image,
      influence: 20,
      width: 256,
      height: 128,
      numSamples: 2,
    });
    expect(job.status).toBe('success');
    expect(assets.map((asset) => [asset.properties.width, asset.properties.height])).toEqual([
      [256, 128],
      [256, 128],
    ]);
    expect(emulator.state.counters.jobsCreated).toBe(1);
    const estimate = await client.img2img.estimate({
      modelId: 'flux.1-dev',
      prompt: 'a knight',
      image: assets[0]?.id as string,
    });
    expect(estimate.creativeUnitsCost).toBeGreaterThan(0);
  });

  // A job that ends while its submission is answered (here: at once) must not read as a success
  // whose outputs are not assets yet; the SDK would take that first answer as the end.
  test('a job never reads success before its outputs are assets', async () => {
    const emulator = createEmulator({ jobDurations: { flux: 0 } });
    const client = new Scenario({ fetch: emulator.fetch, apiKey: 'key', apiSecret: 'secret', baseUrl: emulator.url });
    const image = await testImage(64, 64);
    const params = { modelId: 'flux.1-dev', prompt: 'a knight', image, width: 64, height: 64, numSamples: 2 };
    const generation = await client.img2img.create(params);
    expect(generation.job.status === 'success' ? generation.job.metadata.assetIds : ['not yet']).not.toEqual([]);
    const { assets } = await generation.wait({ pollInterval: 1 });
    expect(assets).toHaveLength(2);
  });
});
