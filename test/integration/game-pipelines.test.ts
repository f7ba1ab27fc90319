/**
 * Each game-pipeline route through its typed resource (or `seamless`), against the emulator
 * in-process and over HTTP: the route reached, the swagger's field names on the wire (the
 * emulator runs strict, so an unknown field would be a 400), and the result typed as the
 * resource says: assets, maps by name, or text and vectors.
 */
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import type { Asset, Scenario } from '../../src/index.js';
import type { Emulator } from '../../src/testing/index.js';
import { imageInfo, MODES, QUICK, requestsTo, SKETCH_PATH, sketchBytes } from './setup.js';

/** The wire body the emulator recorded for the job on `route` (images as the asset ids they became). */
async function recordedInput(emulator: Emulator, type: string) {
  const jobs = await emulator.state.jobs();
  const job = jobs.find((candidate) => candidate.metadata.input?.type === type);
  return job?.metadata.input as Record<string, unknown>;
}

const square = (size: number, colour: string) =>
  sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .png()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

/** Width and height of an asset's bytes. */
async function sizeOf(client: Scenario, asset: Asset | undefined) {
  if (!asset) throw new Error('no output');
  const { width, height } = await imageInfo(await client.assets.download(asset));
  return [width, height];
}

describe.concurrent.each(MODES)('game pipelines ($name)', (mode) => {
  test('seamless: true sends txt2img, img2img and controlnet to their -texture routes', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const base = { modelId: 'flux.1-dev', prompt: 'mossy cobblestones', seamless: true } as const;
    const results = await Promise.all([
      client.txt2img.run({ ...base, width: 128, height: 128 }, QUICK),
      client.img2img.run({ ...base, image: SKETCH_PATH, influence: 60, width: 128, height: 128 }, QUICK),
      client.controlnet.run({ ...base, image: SKETCH_PATH, modality: 'canny', width: 128, height: 128 }, QUICK),
    ]);
    for (const route of ['txt2img-texture', 'img2img-texture', 'controlnet-texture']) {
      expect(requestsTo(emulator, `POST /generate/${route}`), route).toBe(1);
    }
    expect(results.map(({ assets }) => assets[0]?.metadata.type)).toEqual([
      'inference-txt2img-texture',
      'inference-img2img-texture',
      'inference-controlnet-texture',
    ]);
    expect(await recordedInput(emulator, 'img2img-texture')).toMatchObject({ strength: 0.4 });
  });

  test('texture: the material maps by name, at the texture size; a local file is uploaded (asset ids only)', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const { job, assets, maps } = await client.texture.run({ texture: SKETCH_PATH, raised: 0.6 }, QUICK);
    expect(job.jobType).toBe('texture');
    expect(Object.keys(maps).sort()).toEqual(['albedo', 'ao', 'edge', 'height', 'metallic', 'normal', 'smoothness']);
    expect(assets).toHaveLength(7);
    expect(maps.normal?.metadata.type).toBe('texture-normal');
    expect(maps.height?.properties).toMatchObject({ width: 512, height: 512 });
    expect(requestsTo(emulator, 'POST /assets')).toBe(1);
    expect((await recordedInput(emulator, 'texture'))?.texture).toMatch(/^asset_/);
  });

  test('skybox and skyboxUpscale: a 2:1 panorama, then twice its size', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const style = await client.assets.upload(await square(32, '#3050c0'));
    const sky = await client.skybox.run(
      { prompt: 'alien desert at dusk', style: 'fantasy', width: 256, styleImages: [style.id] },
      QUICK,
    );
    expect(sky.job.jobType).toBe('skybox-base-360');
    const [panorama] = sky.assets;
    if (!panorama) throw new Error('no skybox');
    expect(await sizeOf(client, panorama)).toEqual([256, 128]);
    const large = await client.skyboxUpscale.run({ image: panorama.id, scalingFactor: 2 }, QUICK);
    expect(await sizeOf(client, large.assets[0])).toEqual([512, 256]);
    expect(requestsTo(emulator, 'POST /generate/skybox-base-360')).toBe(1);
    expect(requestsTo(emulator, 'POST /generate/skybox-upscale-360')).toBe(1);
  });

  test('pixelate, vectorize and segment on one sketch', async () => {
    const { client } = await mode.start({ strict: true });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const [pixels, vector, segments] = await Promise.all([
      client.pixelate.run({ image: sketch.id, pixelGridSize: 64, colorPaletteSize: 8 }, QUICK),
      client.vectorize.run({ image: sketch.id, colorMode: 'bw' }, QUICK),
      client.segment.run({ image: sketch.id, resultImage: true }, QUICK),
    ]);
    expect(pixels.assets[0]?.metadata.type).toBe('pixelization');
    expect(await sizeOf(client, pixels.assets[0])).toEqual([512, 512]);
    expect(vector.assets[0]?.mimeType).toBe('image/svg+xml');
    const svg = new TextDecoder().decode(await client.assets.download(vector.assets[0]?.id as string));
    expect(svg).toMatch(/^<svg /);
    expect(segments.assets.map((asset) => asset.metadata.type)).toEqual(['segmentation-mask', 'segmentation-image']);
  });

  test('reframe, restyle, generativeFill, promptEditing and patch', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const sketch = await sketchBytes();
    const mask = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#000' } })
      .composite([{ input: Buffer.from(await square(128, '#fff')), left: 192, top: 192 }])
      .png()
      .toBuffer();
    const [framed, restyled, filled, edited, patched] = await Promise.all([
      client.reframe.run({ image: sketch, targetWidth: 640, targetHeight: 320, inputLocation: 'left' }, QUICK),
      client.restyle.run({ image: sketch, styleImages: [await square(32, '#c03030')], styleFidelity: 80 }, QUICK),
      client.generativeFill.run({ image: sketch, mask: new Uint8Array(mask) }, QUICK),
      client.promptEditing.run({ image: sketch, prompt: 'give the knight a red cape', numSamples: 2 }, QUICK),
      client.patch.run(
        { image: sketch, patch: { image: await square(64, '#20a020'), mode: 'override' }, position: { x: 10, y: 10 } },
        QUICK,
      ),
    ]);
    expect(await sizeOf(client, framed.assets[0])).toEqual([640, 320]);
    expect(restyled.job.jobType).toBe('restyle');
    expect(filled.job.jobType).toBe('repaint');
    expect(edited.assets).toHaveLength(2);
    expect(patched.job.jobType).toBe('patch-image');
    // The mask was inlined as a data URL: it travels as `mask`; the restyle's style image as an asset id.
    expect(Object.keys(await recordedInput(emulator, 'generative-fill'))).toContain('mask');
    expect((await recordedInput(emulator, 'restyle'))?.styleImages).toEqual([expect.stringMatching(/^asset_/)]);
  });

  test('caption, describeStyle, prompt, translate and embed resolve to typed text and vectors, with no poll', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const [captioned, style, prompts, translated, embedded] = await Promise.all([
      client.caption.run({ images: [SKETCH_PATH, await square(32, '#2040d0')] }, QUICK),
      client.describeStyle.run({ images: [SKETCH_PATH] }, QUICK),
      client.prompt.run({ mode: 'inventive', prompt: 'a potion shop', numResults: 3 }, QUICK),
      client.translate.run({ prompt: 'ein Ritter mit Schwert' }, QUICK),
      client.embed.run({ text: 'a rusty iron sword' }, QUICK),
    ]);
    expect(captioned.captions).toHaveLength(2);
    expect(captioned.captions[1]).toMatch(/blue/);
    expect(style).toMatchObject({ description: expect.any(String), synthesis: expect.any(String) });
    expect(prompts.prompts).toHaveLength(3);
    expect(translated).toMatchObject({ translation: 'a knight with sword', detectedLanguage: 'de' });
    expect(embedded.embedding).toHaveLength(1024);
    expect(embedded.job).toMatchObject({ jobType: 'embed', status: 'success' });
    expect(requestsTo(emulator, 'GET /jobs/:jobId')).toBe(0);
    // create() then wait() reads the same typed result.
    const generation = await client.embed.create({ text: 'a rusty iron sword' });
    expect((await generation.wait(QUICK)).embedding).toEqual(embedded.embedding);
  });

  test('estimate quotes every new route with a dry run: no job', async () => {
    const { emulator, client } = await mode.start({ strict: true });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const quotes = await Promise.all([
      client.texture.estimate({ texture: sketch.id }),
      client.skybox.estimate({ prompt: 'a sky', width: 512 }),
      client.pixelate.estimate({ image: sketch.id, pixelGridSize: 32 }),
      client.caption.estimate({ images: [sketch.id] }),
      client.embed.estimate({ text: 'a sword' }),
    ]);
    for (const quote of quotes) expect(quote.creativeUnitsCost).toBeGreaterThan(0);
    expect(emulator.state.counters.jobsCreated).toBe(0);
  });
});
