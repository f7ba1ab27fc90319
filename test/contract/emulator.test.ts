/**
 * design.md §7 — the emulator (`scenario-sdk/testing`) served as a plain `fetch` for the client.
 */
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../src/index.js';
import { createEmulator } from '../../src/testing/index.js';
import { PNG } from './_fake-api.js';

describe('createEmulator().fetch', () => {
  it('runs img2img on an uploaded PNG without network and returns assets with urls', async () => {
    const emulator = await createEmulator();
    const client = new Scenario({ fetch: emulator.fetch, apiKey: 'k', apiSecret: 's' });

    const reference = await client.assets.upload(PNG, { name: 'sketch.png' });
    expect(reference.id).toMatch(/^asset_/);

    const result = await client.img2img.run(
      { modelId: 'flux.1-dev', prompt: 'a knight, painted', image: reference.id, influence: 20 },
      { pollInterval: 20, waitTimeout: 20_000 },
    );
    expect(result.job.status).toBe('success');
    expect(result.assets.length).toBeGreaterThan(0);
    for (const asset of result.assets) {
      expect(asset.id).toMatch(/^asset_/);
      expect(typeof asset.url).toBe('string');
      expect(asset.url.length).toBeGreaterThan(0);
    }
  }, 30_000);
});
