import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { InvalidRequestError } from '../../src/index.js';
import type { Emulator } from '../../src/testing/index.js';
import { imageInfo, MODES, QUICK, requestsTo, SKETCH_PATH, sketchBytes, totalRequests } from './setup.js';

/** A flat PNG of one colour: a style image whose palette is easy to measure. */
const swatch = (colour: string, size = 64) =>
  sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .png()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

/** A black mask with a white rectangle: repaint inside, keep outside. */
const rectangleMask = (width: number, height: number, box: { left: number; top: number; size: number }) =>
  sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([
      {
        input: { create: { width: box.size, height: box.size, channels: 3, background: '#ffffff' } },
        left: box.left,
        top: box.top,
      },
    ])
    .png()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));

/** RGB pixels of an image, flattened on white. */
const rgb = async (bytes: Uint8Array) =>
  sharp(bytes).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });

/** Mean of one channel (0 red, 1 green, 2 blue) over the image. */
async function channelMean(bytes: Uint8Array, channel: number): Promise<number> {
  const { data, info } = await rgb(bytes);
  let sum = 0;
  for (let i = channel; i < data.length; i += info.channels) sum += data[i] as number;
  return sum / (data.length / info.channels);
}

/** The input the emulator recorded for its only job: the wire body, with images as the asset ids they became. */
async function recordedInput(emulator: Emulator) {
  const jobs = await emulator.state.jobs();
  expect(jobs).toHaveLength(1);
  return jobs[0]?.metadata.input as Record<string, unknown>;
}

describe.concurrent.each(MODES)('txt2img, style images and inpaint ($name)', (mode) => {
  test('txt2img: a prompt to 4 PNGs of the requested size', async () => {
    const { emulator, client } = await mode.start();
    const { job, assets } = await client.txt2img.run(
      { modelId: 'flux.1-dev', prompt: 'a treasure chest, game sprite', numSamples: 4, width: 384, height: 256 },
      QUICK,
    );

    expect(requestsTo(emulator, 'POST /generate/txt2img')).toBe(1);
    expect(job.status).toBe('success');
    expect(await recordedInput(emulator)).toMatchObject({
      type: 'txt2img',
      prompt: 'a treasure chest, game sprite',
      numSamples: 4,
      width: 384,
      height: 256,
    });
    expect(assets).toHaveLength(4);
    const files = await Promise.all(assets.map((asset) => client.assets.download(asset)));
    for (const [index, bytes] of files.entries()) {
      expect(assets[index]?.metadata.type).toBe('inference-txt2img');
      expect(await imageInfo(bytes)).toMatchObject({ format: 'png', width: 384, height: 256 });
    }
    expect(new Set(files.map((bytes) => Buffer.from(bytes).toString('base64'))).size).toBe(4);
  });

  test('img2img + 2 style images: img2img-ip-adapter with both images and both scales on the wire', async () => {
    const { emulator, client } = await mode.start();
    const sketch = await client.assets.upload(SKETCH_PATH);
    const [red, orange] = await Promise.all([swatch('#e02010'), swatch('#f08020')]);
    const base = { modelId: 'flux.1-dev', image: sketch.id, prompt: 'a knight', influence: 30, seed: 7 };

    const plain = await client.img2img.run(base, QUICK);
    const styled = await client.img2img.run({ ...base, styleImages: [red, orange], styleScale: [0.9, 0.4] }, QUICK);

    expect(requestsTo(emulator, 'POST /generate/img2img')).toBe(1);
    expect(requestsTo(emulator, 'POST /generate/img2img-ip-adapter')).toBe(1);
    const input = styled.job.metadata.input as Record<string, unknown>;
    expect(input).toMatchObject({ type: 'img2img-ip-adapter', image: sketch.id, ipAdapterScales: [0.9, 0.4] });
    // Both style images reached the API (as data URLs, which it stored as two assets).
    const styleIds = input.ipAdapterImages as string[];
    expect(styleIds).toHaveLength(2);
    expect(styleIds.every((id) => id.startsWith('asset_'))).toBe(true);
    expect(await client.assets.download(styleIds[0] as string)).toEqual(red);
    expect(await client.assets.download(styleIds[1] as string)).toEqual(orange);
    expect(input).not.toHaveProperty('styleImages');
    expect(input).not.toHaveProperty('ipAdapterImageIds');

    // The red and orange palette pulls the output towards red, away from blue.
    const [plainBytes, styledBytes] = await Promise.all([
      client.assets.download(plain.assets[0]?.id as string),
      client.assets.download(styled.assets[0]?.id as string),
    ]);
    const warmth = async (bytes: Uint8Array) => (await channelMean(bytes, 0)) - (await channelMean(bytes, 2));
    expect((await warmth(styledBytes)) - (await warmth(plainBytes))).toBeGreaterThan(20);
  });

  test('inpaint with a mask: only the white region changes', async () => {
    const { emulator, client } = await mode.start();
    const image = await sketchBytes();
    const box = { left: 160, top: 96, size: 192 };
    const mask = await rectangleMask(512, 512, box);

    const { job, assets } = await client.inpaint.run(
      { modelId: 'flux.1-dev', prompt: 'a golden helmet', image, mask, influence: 10, seed: 3 },
      QUICK,
    );

    expect(requestsTo(emulator, 'POST /generate/inpaint')).toBe(1);
    expect(job.metadata.input).toMatchObject({ type: 'inpaint', strength: 0.9, seed: 3 });
    expect(job.metadata.input).toHaveProperty('mask');
    const output = await client.assets.download(assets[0]?.id as string);
    expect(await imageInfo(output)).toMatchObject({ format: 'png', width: 512, height: 512 });

    const [before, after] = await Promise.all([rgb(image), rgb(output)]);
    const { width, channels } = before.info;
    let outsideMax = 0;
    let insideSum = 0;
    let insideCount = 0;
    for (let y = 0; y < 512; y++) {
      for (let x = 0; x < 512; x++) {
        const inside = x >= box.left && x < box.left + box.size && y >= box.top && y < box.top + box.size;
        // One pixel of margin: a resampled mask edge may blend.
        const nearEdge =
          x >= box.left - 1 && x <= box.left + box.size && y >= box.top - 1 && y <= box.top + box.size && !inside;
        for (let c = 0; c < 3; c++) {
          const at = (y * width + x) * channels + c;
          const difference = Math.abs((before.data[at] as number) - (after.data[at] as number));
          if (inside) {
            insideSum += difference;
            insideCount++;
          } else if (!nearEdge) {
            outsideMax = Math.max(outsideMax, difference);
          }
        }
      }
    }
    expect(outsideMax).toBeLessThanOrEqual(2);
    expect(insideSum / insideCount).toBeGreaterThan(10);
  });

  test('controlnet + a style image: controlnet-ip-adapter', async () => {
    const { emulator, client } = await mode.start();
    const sketch = await client.assets.upload(SKETCH_PATH);
    const ink = await client.assets.upload(await swatch('#202840'), { name: 'ink.png' });

    const { job, assets } = await client.controlnet.run(
      {
        modelId: 'flux.1-dev',
        prompt: 'a knight, ink painting',
        modality: 'pose',
        image: sketch.id,
        styleImages: ink.id,
        styleScale: 0.6,
        styleType: 'character',
      },
      QUICK,
    );

    expect(requestsTo(emulator, 'POST /generate/controlnet-ip-adapter')).toBe(1);
    expect(requestsTo(emulator, 'POST /generate/controlnet')).toBe(0);
    expect(job.metadata.input).toMatchObject({
      type: 'controlnet-ip-adapter',
      modality: 'pose',
      ipAdapterImageIds: [ink.id],
      ipAdapterScales: [0.6],
      ipAdapterType: 'character',
    });
    expect(assets[0]?.metadata.type).toBe('inference-controlnet-ip-adapter');
  });

  test.each([
    {
      case: 'a mask of another size',
      run: async (client: import('../../src/client.js').Scenario) =>
        client.inpaint.create({
          modelId: 'flux.1-dev',
          prompt: 'a helmet',
          image: await sketchBytes(),
          mask: await rectangleMask(256, 256, { left: 0, top: 0, size: 64 }),
        }),
      message: /mask/,
    },
    {
      case: 'more scales than style images',
      run: async (client: import('../../src/client.js').Scenario) =>
        client.txt2img.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          styleImages: [await swatch('#ff0000')],
          styleScale: [0.5, 0.5],
        }),
      message: /2 scales for 1 style image/,
    },
    {
      case: 'a scale above 1',
      run: async (client: import('../../src/client.js').Scenario) =>
        client.img2img.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          image: await sketchBytes(),
          styleImages: await swatch('#ff0000'),
          styleScale: 1.5,
        }),
      message: /styleScale/,
    },
    {
      case: 'a negative scale',
      run: async (client: import('../../src/client.js').Scenario) =>
        client.txt2img.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          styleImages: [await swatch('#ff0000'), await swatch('#00ff00')],
          styleScale: [0.5, -0.1],
        }),
      message: /styleScale/,
    },
    {
      case: 'an unknown styleType',
      run: async (client: import('../../src/client.js').Scenario) =>
        client.txt2img.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          styleImages: await swatch('#ff0000'),
          styleType: 'portrait' as 'style',
        }),
      message: /styleType/,
    },
    {
      case: 'a width not a multiple of 8',
      run: (client: import('../../src/client.js').Scenario) =>
        client.txt2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', width: 500 }),
      message: /width/,
    },
    {
      case: 'a height below 64',
      run: (client: import('../../src/client.js').Scenario) =>
        client.txt2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', height: 56 }),
      message: /height/,
    },
    {
      case: 'a width above 2048',
      run: (client: import('../../src/client.js').Scenario) =>
        client.inpaint.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          image: SKETCH_PATH,
          mask: SKETCH_PATH,
          width: 2056,
        }),
      message: /width/,
    },
  ])('refuses $case with InvalidRequestError before any request', async ({ run, message }) => {
    const { emulator, client } = await mode.start();
    const error = await run(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect(totalRequests(emulator)).toBe(0);
  });
});
