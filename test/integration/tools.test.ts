import { describe, expect, test } from 'vitest';
import { InvalidRequestError } from '../../src/core/errors.js';
import type { Model } from '../../src/schemas/model.js';
import { alphaAt, imageInfo, MODES, QUICK, requestsTo, SKETCH_PATH, sketchBytes, totalRequests } from './setup.js';

describe.concurrent.each(MODES)('detect, controlnet, remove background, upscale, custom ($name)', (mode) => {
  test('detect a pose map from the sketch, then controlnet with modality pose on that map', async () => {
    const { emulator, client } = await mode.start();

    // The sketch as a file path: inlined, and turned into an asset by the API.
    const detected = await client.detect.run({ image: SKETCH_PATH, modality: 'pose' }, QUICK);
    expect(detected.job.jobType).toBe('detection');
    expect(detected.assets).toHaveLength(1);
    const map = detected.assets[0];
    if (!map) throw new Error('no map');
    expect(map.metadata).toMatchObject({ type: 'detection', modality: 'pose' });
    expect(map.properties).toMatchObject({ width: 512, height: 512 });
    const mapBytes = await client.assets.download(map);
    expect(await imageInfo(mapBytes)).toMatchObject({ format: 'png', width: 512, height: 512 });
    expect(mapBytes).not.toEqual(await sketchBytes());

    const modelIds = ['stable-diffusion-xl-base-1.0', 'flux.1-dev'];
    const runs = await Promise.all(
      modelIds.map((modelId) =>
        client.controlnet.run(
          { modelId, prompt: 'a knight striking a heroic pose', modality: 'pose', image: map.id, numSamples: 2 },
          QUICK,
        ),
      ),
    );
    for (const [index, { job, assets }] of runs.entries()) {
      expect(job.status).toBe('success');
      expect(job.jobType).toBe(index === 0 ? 'inference' : 'flux');
      expect(job.metadata.input).toMatchObject({ type: 'controlnet', modality: 'pose', image: map.id });
      expect(assets).toHaveLength(2);
      for (const asset of assets) {
        expect(asset.metadata).toMatchObject({ modality: 'pose', parentId: map.id, modelId: modelIds[index] });
        expect(asset.properties).toMatchObject({ width: 512, height: 512 });
      }
    }
    expect(requestsTo(emulator, 'POST /generate/controlnet')).toBe(2);
    expect(emulator.state.counters.jobsCreated).toBe(3);
  });

  test('removeBackground gives a PNG with an alpha channel: transparent corners, opaque subject', async () => {
    const { client } = await mode.start();
    const { job, assets } = await client.removeBackground.run({ image: await sketchBytes() }, QUICK);
    expect(job.jobType).toBe('remove-background');
    expect(assets).toHaveLength(1);
    const bytes = await client.assets.download(assets[0]?.id as string);

    const info = await imageInfo(bytes);
    expect(info).toMatchObject({ format: 'png', width: 512, height: 512, hasAlpha: true, channels: 4 });
    for (const [x, y] of [
      [0, 0],
      [511, 0],
      [0, 511],
      [511, 511],
    ] as const) {
      expect(await alphaAt(bytes, x, y)).toBe(0);
    }
    // The sketch's dark centre stroke is kept.
    expect(await alphaAt(bytes, 256, 256)).toBe(255);
  });

  test('upscale ×2 doubles width and height exactly', async () => {
    const { client } = await mode.start();
    const sketch = await client.assets.upload(SKETCH_PATH);
    const { job, assets } = await client.upscale.run({ image: sketch.id, scalingFactor: 2 }, QUICK);
    expect(job.jobType).toBe('upscale');
    const [upscaled] = assets;
    if (!upscaled) throw new Error('no output');
    expect(upscaled.properties).toMatchObject({ width: 1024, height: 1024 });
    expect(upscaled.metadata.parentId).toBe(sketch.id);
    const bytes = await client.assets.download(upscaled);
    expect(await imageInfo(bytes)).toMatchObject({ width: 1024, height: 1024 });
  });

  test('custom model run: a seeded model from models.list, its inputs checked with validate: true', async () => {
    const { emulator, client } = await mode.start();
    let model: Model | undefined;
    for await (const candidate of client.models.list({ privacy: 'public' })) {
      if (candidate.name?.includes('Upscale')) model = candidate;
    }
    if (!model) throw new Error('no seeded custom upscale model');
    // Listings leave out a model's inputs, as the live API does: validate: true reads them with GET /models/{id}.
    expect(model.inputs).toBeUndefined();

    // An image given as bytes is uploaded first, then sent as an asset id.
    const { job, assets } = await client.custom.run(
      model.id,
      { image: await sketchBytes(), upscaleFactor: 2 },
      { ...QUICK, validate: true },
    );
    expect(job.jobType).toBe('custom');
    expect(job.metadata.input).toMatchObject({ modelId: model.id, upscaleFactor: 2 });
    expect(job.metadata.input?.image).toMatch(/^asset_/);
    expect(assets).toHaveLength(1);
    expect(assets[0]?.properties).toMatchObject({ width: 1024, height: 1024 });
    const bytes = await client.assets.download(assets[0]?.id as string);
    expect(await imageInfo(bytes)).toMatchObject({ width: 1024, height: 1024 });
    expect(requestsTo(emulator, 'GET /models/:modelId')).toBe(1);

    // The model's contract is now known: bad inputs are refused with no request at all.
    const sent = totalRequests(emulator);
    for (const bad of [
      { image: 'asset_whatever', upscaleFactor: 50 }, // above max 16
      { image: 'asset_whatever', style: 'watercolour' }, // not an allowed value
      { upscaleFactor: 2 }, // image is required
      { image: 'asset_whatever', colour: 'red' }, // not an input of the model
    ]) {
      await expect(client.custom.run(model.id, bad, { ...QUICK, validate: true })).rejects.toBeInstanceOf(
        InvalidRequestError,
      );
    }
    const error = await client.custom.create(model.id, { image: 'asset_whatever', upscaleFactor: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('upscaleFactor');
    expect(totalRequests(emulator)).toBe(sent);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test("custom run with a file path, as documented: validate: true reads it as the model's file input", async () => {
    const { emulator, client } = await mode.start();
    const { job, assets } = await client.custom.run(
      'model_photoroom-background-removal',
      { image: SKETCH_PATH },
      { ...QUICK, validate: true },
    );
    expect(job.metadata.input?.image).toMatch(/^asset_/);
    expect(requestsTo(emulator, 'POST /assets')).toBe(1);
    const bytes = await client.assets.download(assets[0]?.id as string);
    expect(await imageInfo(bytes)).toMatchObject({ format: 'png', hasAlpha: true, width: 512, height: 512 });
    expect(await alphaAt(bytes, 0, 0)).toBe(0);
  });

  test('custom with validate: true on a model never fetched: one model read, no generation request', async () => {
    const { emulator, client } = await mode.start();
    await expect(
      client.custom.create('model_upscale-v3', { image: SKETCH_PATH, upscaleFactor: 0 }, { validate: true }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(requestsTo(emulator, 'GET /models/:modelId')).toBe(1);
    expect(requestsTo(emulator, 'POST /assets')).toBe(0);
    expect(requestsTo(emulator, 'POST /generate/custom/:modelId')).toBe(0);
  });
});
