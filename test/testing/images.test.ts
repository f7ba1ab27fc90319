import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { download, runToEnd, setup, testImage, uploadImage } from './helpers.js';

let reference: Uint8Array;
beforeAll(async () => {
  reference = await testImage(96, 64);
});

/** Runs one generation on a fresh emulator and downloads its outputs. */
async function outputs(path: string, body: (image: string) => object, seed: number | string = 1) {
  const context = setup({ seed });
  const image = (await uploadImage(context.call, reference)).id as string;
  const job = await runToEnd(context, path, body(image));
  expect(job.status).toBe('success');
  const assets = (await context.call('POST', '/assets/get-bulk', { body: { assetIds: job.metadata.assetIds } })).body
    .assets;
  return Promise.all(
    assets.map(async (asset: { url: string; properties: { width: number; height: number; size: number } }) => {
      const bytes = await download(context.emulator, asset.url);
      return { asset, bytes, meta: await sharp(bytes).metadata() };
    }),
  );
}

/** Mean absolute difference per channel between two same-size images, 0–255. */
async function distance(a: Uint8Array, b: Uint8Array, width: number, height: number): Promise<number> {
  const raw = (bytes: Uint8Array) =>
    sharp(bytes).resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  const [x, y] = await Promise.all([raw(a), raw(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] ?? 0) - (y[i] ?? 0));
  return sum / x.length;
}

describe('image outputs', () => {
  test('img2img renders numSamples images at the requested size, properties telling the truth', async () => {
    const results = await outputs('/generate/img2img', (image) => ({
      modelId: 'flux.1-dev',
      prompt: 'p',
      image,
      width: 128,
      height: 96,
      numSamples: 2,
    }));
    expect(results).toHaveLength(2);
    for (const { asset, bytes, meta } of results) {
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 128, 96]);
      expect(asset.properties).toEqual({ width: 128, height: 96, size: bytes.byteLength });
    }
    expect(results[0]?.bytes).not.toEqual(results[1]?.bytes);
  });

  test('img2img moves further from the reference as strength grows', async () => {
    const at = async (strength: number) => {
      const [result] = await outputs('/generate/img2img', (image) => ({
        modelId: 'flux.1-dev',
        prompt: 'p',
        image,
        strength,
        width: 96,
        height: 64,
      }));
      return distance(reference, result?.bytes as Uint8Array, 96, 64);
    };
    const [low, mid, high] = [await at(0.05), await at(0.5), await at(1)];
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(high);
    expect(low).toBeLessThan(5);
  });

  test('outputs are deterministic for a seed and differ across seeds', async () => {
    const run = (seed: number | string, body: object = {}) =>
      outputs('/generate/img2img', (image) => ({ modelId: 'flux.1-dev', prompt: 'p', image, ...body }), seed);
    const [a] = await run(7);
    const [b] = await run(7);
    const [c] = await run(8);
    const [d] = await run(9, { seed: 42 });
    const [e] = await run(10, { seed: 42 });
    expect(a?.bytes).toEqual(b?.bytes);
    expect(a?.asset.id).toBe(b?.asset.id);
    expect(a?.bytes).not.toEqual(c?.bytes);
    expect(d?.bytes).toEqual(e?.bytes);
  });

  test('upscale ×2 doubles width and height; targetWidth wins', async () => {
    const [doubled] = await outputs('/generate/upscale', (image) => ({ image, scalingFactor: 2 }));
    expect([doubled?.meta.width, doubled?.meta.height]).toEqual([192, 128]);
    expect(doubled?.asset.properties).toMatchObject({ width: 192, height: 128 });
    const [wide] = await outputs('/generate/upscale', (image) => ({ image, scalingFactor: 4, targetWidth: 240 }));
    expect([wide?.meta.width, wide?.meta.height]).toEqual([240, 160]);
  });

  test('remove-background makes the border-connected background transparent, keeps the subject', async () => {
    const [cut] = await outputs('/generate/remove-background', (image) => ({ image }));
    expect(cut?.meta).toMatchObject({ format: 'png', channels: 4, hasAlpha: true, width: 96, height: 64 });
    const { data, info } = await sharp(cut?.bytes).raw().toBuffer({ resolveWithObject: true });
    const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(95, 63)).toBe(0);
    expect(alpha(48, 32)).toBe(255);
    const [flat] = await outputs('/generate/remove-background', (image) => ({
      image,
      format: 'jpeg',
      backgroundColor: '#00ff00',
    }));
    expect(flat?.meta).toMatchObject({ format: 'jpeg', hasAlpha: false });
    const corner = await sharp(flat?.bytes).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
    expect(corner[1]).toBeGreaterThan(200);
    expect(corner[0]).toBeLessThan(60);
  });

  test('detect canny gives an edge map: lines on the square outline, dark elsewhere', async () => {
    const [edges] = await outputs('/generate/detect', (image) => ({ image, modality: 'canny' }));
    const { data, info } = await sharp(edges?.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([96, 64]);
    const at = (x: number, y: number) => data[y * info.width + x] ?? -1;
    expect(at(5, 5)).toBe(0);
    expect(at(48, 32)).toBe(0);
    const edge = [at(32, 32), at(31, 32), at(33, 32)];
    expect(Math.max(...edge)).toBe(255);
  });

  test('detect depth gives a smooth grayscale map', async () => {
    const [depth] = await outputs('/generate/detect', (image) => ({ image, modality: 'depth' }));
    const stats = await sharp(depth?.bytes).stats();
    expect(stats.channels).toHaveLength(1);
    expect(stats.channels[0]?.max).toBeGreaterThan(stats.channels[0]?.min ?? 255);
  });

  test('custom models render too: upscale-v3 by upscaleFactor, flux-2 text-to-image at the requested size', async () => {
    const [up] = await outputs('/generate/custom/model_upscale-v3', (image) => ({ image, upscaleFactor: 3 }));
    expect([up?.meta.width, up?.meta.height]).toEqual([288, 192]);
    const generated = await outputs('/generate/custom/model_bfl-flux-2-dev', () => ({
      prompt: 'p',
      width: 1344,
      height: 768,
      numOutputs: 2,
    }));
    expect(generated.map((g) => [g.meta.width, g.meta.height, g.asset.metadata.type])).toEqual([
      [1344, 768, 'inference-txt2img'],
      [1344, 768, 'inference-txt2img'],
    ]);
  });
});
