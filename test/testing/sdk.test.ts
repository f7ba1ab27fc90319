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
});
