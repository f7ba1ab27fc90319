import { describe, expect, test } from 'vitest';
import type { Job } from '../../src/schemas/job.js';
import {
  imageInfo,
  MODES,
  meanDifference,
  QUICK,
  requestsTo,
  SKETCH_PATH,
  sketchBytes,
  startWithSteppingJobs,
} from './setup.js';

describe.concurrent.each(MODES)('img2img workflow ($name)', (mode) => {
  test('uploads the sketch from a path and from bytes', async () => {
    const { emulator, client } = await mode.start();
    const fromPath = await client.assets.upload(SKETCH_PATH);
    const fromBytes = await client.assets.upload(await sketchBytes(), { name: 'knight-sketch.png' });

    for (const asset of [fromPath, fromBytes]) {
      expect(asset.id).toMatch(/^asset_/);
      expect(asset.mimeType).toBe('image/png');
      expect(asset.properties).toMatchObject({ width: 512, height: 512 });
      expect(asset.metadata.type).toBe('uploaded');
    }
    expect(fromPath.metadata.name).toBe('sketch.png');
    expect(fromBytes.metadata.name).toBe('knight-sketch.png');
    expect(fromPath.id).not.toBe(fromBytes.id);
    // Small images go inline: one POST /assets each, no multipart upload.
    expect(requestsTo(emulator, 'POST /assets')).toBe(2);
    expect(emulator.state.counters.uploadsCreated).toBe(0);
    // The stored bytes are the sketch's own.
    expect(await client.assets.download(fromPath.id)).toEqual(await sketchBytes());
  });

  test('img2img with influence 20 and 3 samples: strength 0.8 on the wire, 3 PNGs of the requested size', async () => {
    // Each poll finds the job 400 ms further on: polls see it part-way, however busy the machine.
    const { emulator, client } = await startWithSteppingJobs(mode, 400, { jobDurations: { flux: 1200 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const seen: Job[] = [];

    const { job, assets } = await client.img2img.run(
      {
        modelId: 'flux.1-dev',
        image: sketch.id,
        prompt: 'a knight in shining armour, painterly',
        influence: 20,
        numSamples: 3,
        width: 384,
        height: 256,
      },
      { ...QUICK, onProgress: (update) => seen.push(update) },
    );

    expect(job.status).toBe('success');
    expect(job.jobType).toBe('flux');
    expect(job.metadata.input).toMatchObject({ strength: 0.8, numSamples: 3, image: sketch.id });
    expect(job.metadata.input).not.toHaveProperty('influence');
    expect(assets).toHaveLength(3);
    expect(assets.map((asset) => asset.id)).toEqual(job.metadata.assetIds);
    expect(new Set(assets.map((asset) => asset.id)).size).toBe(3);
    for (const [index, asset] of assets.entries()) {
      expect(asset.url.startsWith(`${emulator.cdnUrl}/`)).toBe(true);
      expect(asset.outputIndex).toBe(index);
      expect(asset.properties).toMatchObject({ width: 384, height: 256 });
      expect(asset.metadata).toMatchObject({
        strength: 0.8,
        parentId: sketch.id,
        modelId: 'flux.1-dev',
        type: 'inference-img2img',
      });
    }

    const bytes = await client.assets.download(assets[0] as (typeof assets)[number]);
    expect(await imageInfo(bytes)).toMatchObject({ format: 'png', width: 384, height: 256 });
    const second = await client.assets.download(assets[1]?.id as string);
    expect(second).not.toEqual(bytes); // Each sample has its own seed.

    const progress = seen.map((update) => update.progress);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] as number);
    expect(progress[0]).toBeLessThan(1);
    expect(progress.some((value) => value > 0 && value < 1)).toBe(true);
    expect(seen.at(-1)?.status).toBe('success');
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test('refine loop: an output becomes the next reference, with a higher influence', async () => {
    const { emulator, client } = await mode.start();
    const sketch = await sketchBytes();
    const base = { modelId: 'stable-diffusion-xl-base-1.0', prompt: 'a knight, concept art', seed: 42 };

    // The sketch goes in as bytes (inlined as a data URL, which the API turns into an asset).
    const first = await client.img2img.run({ ...base, image: sketch, influence: 20 }, QUICK);
    const draft = first.assets[0];
    if (!draft) throw new Error('no draft');
    const refined = await client.img2img.run({ ...base, image: draft.id, influence: 75 }, QUICK);
    const final = refined.assets[0];
    if (!final) throw new Error('no refined asset');

    expect(refined.job.metadata.input).toMatchObject({ image: draft.id, strength: 0.25 });
    expect(final.metadata.parentId).toBe(draft.id);
    const sketchAsset = await client.assets.get(draft.metadata.parentId as string);
    expect(sketchAsset.metadata.type).toBe('uploaded');
    // Lineage is queryable too.
    const children = await client.assets.list({ parentAssetId: draft.id });
    expect(children.items.map((asset) => asset.id)).toEqual([final.id]);

    // A higher influence keeps the output closer to its reference.
    const [draftBytes, finalBytes] = await Promise.all([client.assets.download(draft), client.assets.download(final)]);
    const drift = await meanDifference(draftBytes, sketch);
    const refineDrift = await meanDifference(finalBytes, draftBytes);
    expect(refineDrift).toBeLessThan(drift);
    expect(emulator.state.counters.jobsCreated).toBe(2);
  });

  test('estimate quotes a cost without creating a job or an asset', async () => {
    const { emulator, client } = await mode.start();
    const sketch = await client.assets.upload(SKETCH_PATH);
    const before = { ...emulator.state.counters };

    const estimate = await client.img2img.estimate({
      modelId: 'flux.1-dev',
      image: sketch.id,
      prompt: 'a knight',
      influence: 20,
      numSamples: 3,
    });
    const single = await client.img2img.estimate({ modelId: 'flux.1-dev', image: sketch.id, prompt: 'a knight' });

    expect(estimate.creativeUnitsCost).toBeGreaterThan(0);
    expect(estimate.creativeUnitsCost).toBeGreaterThan(single.creativeUnitsCost);
    expect(emulator.state.counters.jobsCreated).toBe(before.jobsCreated);
    expect(emulator.state.counters.assetsCreated).toBe(before.assetsCreated);
    expect(await emulator.state.jobs()).toEqual([]);
    const quotes = emulator.state.requests.filter((entry) => entry.route === '/generate/img2img');
    expect(quotes.map((entry) => entry.status)).toEqual([269, 269]);

    // Quoting an image given as bytes does not create its asset either.
    await client.upscale.estimate({ image: await sketchBytes(), scalingFactor: 2 });
    expect(emulator.state.counters.assetsCreated).toBe(before.assetsCreated);
  });
});
