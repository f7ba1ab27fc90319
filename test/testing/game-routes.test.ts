/**
 * The game-pipeline routes answer with output a test can check in the pixels: seamless tiles,
 * material maps, wrapping skyboxes, pixel-art grids and palettes, SVG traces, reframes, masks,
 * fills that keep everything outside the mask, and deterministic text and vectors.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { type Answer, dataUrl, download, runToEnd, setup, testImage, uploadImage } from './helpers.js';

type Context = ReturnType<typeof setup>;
let context: Context;
/** 128×96, dark on the left to light on the right, a red square in the middle: nothing about it tiles. */
let gradient: string;
/** 64×64, a red square on white. */
let square: string;

async function gradientImage(width: number, height: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      pixels.fill(Math.round((x / (width - 1)) * 255), (y * width + x) * 3, (y * width + x + 1) * 3);
  }
  const red = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#d02020' } })
    .png()
    .toBuffer();
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: red, left: 48, top: 32 }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

beforeAll(async () => {
  context = setup({ parallelJobs: 100 });
  gradient = (await uploadImage(context.call, await gradientImage(128, 96))).id;
  square = (await uploadImage(context.call, await testImage(64, 64))).id;
});

/** The finished job's output assets, downloaded. */
async function outputsOf(job: { metadata: { assetIds: string[] } }) {
  return Promise.all(
    job.metadata.assetIds.map(async (id) => {
      const { body } = await context.call('GET', `/assets/${id}`);
      return { asset: body.asset, bytes: await download(context.emulator, body.asset.url) };
    }),
  );
}

async function run(route: string, body: unknown) {
  const job = await runToEnd(context, `/generate/${route}`, body);
  expect(job.status, JSON.stringify(job.metadata)).toBe('success');
  return { job, outputs: await outputsOf(job) };
}

interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
  at(x: number, y: number): number[];
}

async function raster(bytes: Uint8Array, { alpha = false } = {}): Promise<Raster> {
  const image = alpha ? sharp(bytes).ensureAlpha() : sharp(bytes).removeAlpha().toColourspace('srgb');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  return {
    width,
    height,
    channels,
    data,
    at: (x, y) => [...data.subarray((y * width + x) * channels, (y * width + x + 1) * channels)],
  };
}

/** Mean absolute difference per channel between two columns (or rows, `axis: 'y'`) of an image. */
function lineDifference(image: Raster, a: number, b: number, axis: 'x' | 'y'): number {
  const length = axis === 'x' ? image.height : image.width;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const [p, q] = axis === 'x' ? [image.at(a, i), image.at(b, i)] : [image.at(i, a), image.at(i, b)];
    sum += p.reduce((total, value, channel) => total + Math.abs(value - (q[channel] ?? 0)), 0) / p.length;
  }
  return sum / length;
}

/** How much the wrap-around edge (last line to first) differs, against the typical step between neighbouring lines. */
function seam(image: Raster, axis: 'x' | 'y') {
  const size = axis === 'x' ? image.width : image.height;
  const steps = Array.from({ length: size - 1 }, (_, i) => lineDifference(image, i, i + 1, axis));
  return { wrap: lineDifference(image, size - 1, 0, axis), typical: steps.reduce((a, b) => a + b, 0) / steps.length };
}

describe('seamless -texture routes', () => {
  const prompt = { modelId: 'flux.1-dev', prompt: 'mossy cobblestones, top view' };
  test.each([
    ['txt2img-texture', { ...prompt, width: 128, height: 128 }],
    ['img2img-texture', { ...prompt, image: 'GRADIENT', strength: 0.4 }],
    ['controlnet-texture', { ...prompt, image: 'GRADIENT', modality: 'canny' }],
  ])('%s: the left edge continues the right one, the top the bottom', async (route, body) => {
    const { outputs } = await run(route, JSON.parse(JSON.stringify(body).replace('GRADIENT', gradient)));
    const [output] = outputs;
    expect(output?.asset.metadata.type).toBe(`inference-${route}`);
    const image = await raster(output?.bytes as Uint8Array);
    for (const axis of ['x', 'y'] as const) {
      const { wrap, typical } = seam(image, axis);
      expect(wrap, `${axis}: wrap ${wrap} vs typical ${typical}`).toBeLessThanOrEqual(typical * 2 + 2);
    }
  });

  test('the same gradient through plain img2img does not tile: the check above can fail', async () => {
    const { outputs } = await run('img2img', { ...prompt, image: gradient, strength: 0.4 });
    const { wrap, typical } = seam(await raster(outputs[0]?.bytes as Uint8Array), 'x');
    expect(wrap).toBeGreaterThan(typical * 10);
  });
});

describe('texture: the material maps by name', () => {
  test('seven maps at the texture size; height grey, normal mostly (128, 128, 255)', async () => {
    const { outputs, job } = await run('texture', { texture: gradient, raised: 0.5 });
    expect(job.jobType).toBe('texture');
    const byType = Object.fromEntries(outputs.map((output) => [output.asset.metadata.type, output]));
    expect(Object.keys(byType).sort()).toEqual(
      ['albedo', 'ao', 'edge', 'height', 'metallic', 'normal', 'smoothness'].map((name) => `texture-${name}`),
    );
    for (const { asset } of outputs) {
      expect(asset.properties).toMatchObject({ width: 128, height: 96 });
      expect(asset.metadata.parentId).toBe(gradient);
    }
    const height = await raster(byType['texture-height']?.bytes as Uint8Array);
    for (let y = 0; y < height.height; y += 7) {
      for (let x = 0; x < height.width; x += 5) {
        const [r, g, b] = height.at(x, y);
        expect(r === g && g === b).toBe(true);
      }
    }
    const normal = await raster(byType['texture-normal']?.bytes as Uint8Array);
    const flat = (pixel: number[]) =>
      Math.abs((pixel[0] ?? 0) - 128) <= 24 && Math.abs((pixel[1] ?? 0) - 128) <= 24 && (pixel[2] ?? 0) >= 230;
    let flatPixels = 0;
    for (let y = 0; y < normal.height; y++)
      for (let x = 0; x < normal.width; x++) flatPixels += flat(normal.at(x, y)) ? 1 : 0;
    expect(flatPixels / (normal.width * normal.height)).toBeGreaterThan(0.6);
  });

  test('the texture must be an asset id: a data URL is refused', async () => {
    const answer = await context.call('POST', '/generate/texture', { body: { texture: dataUrl(await testImage()) } });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(/texture must reference an existing AssetId/);
  });
});

describe('skyboxes', () => {
  test('skybox-base-360: 2:1 panoramas whose left and right edges meet', async () => {
    const { outputs, job } = await run('skybox-base-360', {
      prompt: 'alien desert at dusk',
      width: 256,
      numOutputs: 2,
    });
    expect(job.jobType).toBe('skybox-base-360');
    expect(outputs).toHaveLength(2);
    for (const { asset, bytes } of outputs) {
      expect(asset.metadata.type).toBe('skybox-base-360');
      const image = await raster(bytes);
      expect([image.width, image.height]).toEqual([256, 128]);
      const { wrap, typical } = seam(image, 'x');
      expect(wrap).toBeLessThanOrEqual(typical * 2 + 2);
    }
  });

  test('skybox-upscale-360 doubles the panorama, which still wraps', async () => {
    const base = await run('skybox-base-360', { prompt: 'snowy peaks', width: 256 });
    const { outputs } = await run('skybox-upscale-360', { image: base.job.metadata.assetIds[0], scalingFactor: 2 });
    const image = await raster(outputs[0]?.bytes as Uint8Array);
    expect([image.width, image.height]).toEqual([512, 256]);
    expect(outputs[0]?.asset.metadata.type).toBe('upscale-skybox');
    const { wrap, typical } = seam(image, 'x');
    expect(wrap).toBeLessThanOrEqual(typical * 2 + 2);
  });
});

/** The distinct RGBA colours of an image, and whether every `block`×`block` cell is one colour. */
async function grid(bytes: Uint8Array, block: number) {
  const image = await raster(bytes, { alpha: true });
  const colours = new Set<string>();
  let mixedCells = 0;
  for (let y = 0; y < image.height; y += block) {
    for (let x = 0; x < image.width; x += block) {
      const first = image.at(x, y).join();
      colours.add(first);
      let mixed = false;
      for (let dy = 0; dy < block; dy++)
        for (let dx = 0; dx < block; dx++) mixed ||= image.at(x + dx, y + dy).join() !== first;
      if (mixed) mixedCells++;
    }
  }
  return { image, colours, mixedCells };
}

describe('pixelate', () => {
  test('blocks of one colour, pixelGridSize of them along the longer side, at most colorPaletteSize colours', async () => {
    const { outputs, job } = await run('pixelate', {
      image: gradient,
      pixelGridSize: 32,
      colorPaletteSize: 4,
      removeNoise: false,
    });
    expect(job.jobType).toBe('pixelate');
    expect(outputs[0]?.asset.metadata.type).toBe('pixelization');
    // 128 px / 32 cells = 4 px blocks; 96 px high = 24 cells.
    const { image, colours, mixedCells } = await grid(outputs[0]?.bytes as Uint8Array, 4);
    expect([image.width, image.height]).toEqual([128, 96]);
    expect(mixedCells).toBe(0);
    expect(colours.size).toBeGreaterThan(1);
    expect(colours.size).toBeLessThanOrEqual(4);
  });

  test('with colorPalette: only its colours; removeBackground leaves the white border transparent', async () => {
    const palette = [
      [15, 56, 15],
      [139, 172, 15],
      [208, 32, 32],
    ];
    const { outputs } = await run('pixelate', {
      image: square,
      pixelGridSize: 16,
      colorPalette: palette,
      removeNoise: true,
      removeBackground: true,
    });
    const { image, colours, mixedCells } = await grid(outputs[0]?.bytes as Uint8Array, 4);
    expect([image.width, image.height, mixedCells]).toEqual([64, 64, 0]);
    const allowed = new Set([...palette.map((rgb) => [...rgb, 255].join()), '0,0,0,0']);
    for (const colour of colours) expect(allowed).toContain(colour);
    expect(image.at(0, 0)[3]).toBe(0);
    expect(image.at(32, 32)).toEqual([208, 32, 32, 255]);
  });

  test('a grid size the route does not take is a 400; so is a data URL for the image', async () => {
    const bad = await context.call('POST', '/generate/pixelate', {
      body: { image: square, pixelGridSize: 48, removeNoise: false },
    });
    expect([bad.status, bad.body.reason]).toEqual([400, expect.stringMatching(/pixelGridSize: 48/)]);
    const inline = await context.call('POST', '/generate/pixelate', {
      body: { image: dataUrl(await testImage()), pixelGridSize: 32, removeNoise: false },
    });
    expect(inline.status).toBe(400);
  });
});

describe('vectorize', () => {
  test('an SVG asset of the image, which renders back to it', async () => {
    const { outputs } = await run('vectorize', { image: square });
    const [{ asset, bytes }] = outputs as [{ asset: Answer['body']; bytes: Uint8Array }];
    expect(asset.mimeType).toBe('image/svg+xml');
    expect(asset.metadata.type).toBe('vectorization');
    const text = new TextDecoder().decode(bytes);
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="64" height="64"/);
    const rendered = await raster(new Uint8Array(await sharp(bytes).png().toBuffer()));
    expect([rendered.width, rendered.height]).toEqual([64, 64]);
    expect(rendered.at(32, 32)).toEqual([219, 36, 36]); // the red square, quantised to 3 bits per channel
    expect(rendered.at(2, 2)).toEqual([255, 255, 255]);
  });
});

describe('reframe', () => {
  test.each([
    ['middle', { left: 64, top: 0 }],
    ['left', { left: 0, top: 0 }],
    ['right', { left: 128, top: 0 }],
  ] as const)('targetWidth×targetHeight with the input at %s', async (inputLocation, { left, top }) => {
    const { outputs } = await run('reframe', { image: square, targetWidth: 256, targetHeight: 128, inputLocation });
    const image = await raster(outputs[0]?.bytes as Uint8Array);
    expect([image.width, image.height]).toEqual([256, 128]);
    // The 64×64 input fits at 128×128: its red square spans the middle half of that area.
    expect(image.at(left + 64, top + 64)).toEqual([208, 32, 32]);
    expect(image.at(left + 8, top + 8)).toEqual([255, 255, 255]);
    expect(image.at(left + 40, top + 64)).toEqual([208, 32, 32]);
  });
});

describe('segment and generative fill', () => {
  test('segment: a mask, white on the object, black elsewhere; resultImage adds the cut-out', async () => {
    const { outputs } = await run('segment', { image: square, resultImage: true });
    expect(outputs.map((output) => output.asset.metadata.type)).toEqual(['segmentation-mask', 'segmentation-image']);
    const mask = await raster(outputs[0]?.bytes as Uint8Array);
    expect([mask.width, mask.height]).toEqual([64, 64]);
    expect(mask.at(32, 32)).toEqual([255, 255, 255]);
    expect(mask.at(2, 2)).toEqual([0, 0, 0]);
    const cutout = await raster(outputs[1]?.bytes as Uint8Array, { alpha: true });
    expect(cutout.at(2, 2)[3]).toBe(0);
    expect(cutout.at(32, 32)[3]).toBe(255);
  });

  test('generative-fill changes only the masked area', async () => {
    const maskPng = await sharp({ create: { width: 128, height: 96, channels: 3, background: '#000' } })
      .composite([
        {
          input: await sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } })
            .png()
            .toBuffer(),
          left: 44,
          top: 28,
        },
      ])
      .png()
      .toBuffer();
    for (const prompt of [undefined, 'a wooden crate']) {
      const { outputs, job } = await run('generative-fill', {
        image: gradient,
        mask: dataUrl(new Uint8Array(maskPng)),
        prompt,
      });
      expect(job.jobType).toBe('repaint');
      const [output, source] = await Promise.all([
        raster(outputs[0]?.bytes as Uint8Array),
        raster((await outputsOf({ metadata: { assetIds: [gradient] } }))[0]?.bytes as Uint8Array),
      ]);
      let changedOutside = 0;
      let changedInside = 0;
      for (let y = 0; y < 96; y++) {
        for (let x = 0; x < 128; x++) {
          const inside = x >= 44 && x < 84 && y >= 28 && y < 68;
          const changed = output.at(x, y).join() !== source.at(x, y).join();
          if (inside) changedInside += changed ? 1 : 0;
          else changedOutside += changed ? 1 : 0;
        }
      }
      expect(changedOutside).toBe(0);
      expect(changedInside).toBeGreaterThan(40 * 40 * 0.9);
      // Erased, the red square is gone: the middle now takes the gradient's colours.
      if (prompt === undefined) expect(output.at(64, 48)[0]).toBeLessThan(180);
    }
  });
});

describe('patch', () => {
  test('override paints the patch at its position; erase clears where it is opaque', async () => {
    const patchPng = await testImage(16, 16, { background: '#2040d0', foreground: '#2040d0' });
    const over = await run('patch', {
      image: square,
      patch: { image: dataUrl(patchPng), mode: 'override' },
      position: { x: 4, y: 8 },
    });
    const painted = await raster(over.outputs[0]?.bytes as Uint8Array);
    expect([painted.width, painted.at(10, 12), painted.at(30, 30)]).toEqual([64, [32, 64, 208], [208, 32, 32]]);
    const erase = await run('patch', {
      image: square,
      patch: { image: dataUrl(patchPng), mode: 'erase' },
      position: { x: 24, y: 24 },
      backgroundColor: 'transparent',
    });
    const erased = await raster(erase.outputs[0]?.bytes as Uint8Array, { alpha: true });
    expect(erased.at(30, 30)[3]).toBe(0);
    expect(erased.at(44, 44)).toEqual([208, 32, 32, 255]);
    expect(erase.job.jobType).toBe('patch-image');
  });
});

describe('language routes answer at once, deterministically', () => {
  const call = (route: string, body: unknown) => context.call('POST', `/generate/${route}`, { body });

  test('caption: one caption per image, the same for the same image; the job is already done', async () => {
    const first = await call('caption', { images: [square, gradient] });
    expect(first.status).toBe(200);
    expect(first.body.captions).toHaveLength(2);
    expect(first.body.captions[0]).toMatch(/red|white/);
    expect(first.body.job).toMatchObject({ jobType: 'caption', status: 'success', progress: 1 });
    expect(first.body.job.metadata.output).toEqual({ captions: first.body.captions });
    const again = await call('caption', { images: [dataUrl(await testImage(64, 64))] });
    expect(again.body.captions).toEqual([first.body.captions[0]]);
  });

  test('describe-style, prompt and translate', async () => {
    const style = await call('describe-style', { images: [square] });
    expect(style.body).toMatchObject({ description: expect.any(String), synthesis: expect.any(String) });
    const prompts = await call('prompt', { mode: 'inventive', prompt: 'a potion shop', numResults: 3 });
    expect(prompts.body.prompts).toHaveLength(3);
    expect(new Set(prompts.body.prompts).size).toBe(3);
    expect((await call('prompt', { mode: 'inventive', prompt: 'a potion shop', numResults: 3 })).body.prompts).toEqual(
      prompts.body.prompts,
    );
    const translated = await call('translate', { prompt: 'un chevalier en armure dorée' });
    expect(translated.body).toMatchObject({ translation: 'a knight in armour golden', detectedLanguage: 'fr' });
    expect((await call('translate', { prompt: 'a red dragon' })).body.detectedLanguage).toBe('en');
  });

  test('embed: a unit vector of 1024 numbers, the same for the same text, closer for texts that share words', async () => {
    const vector = async (text: string) => (await call('embed', { text })).body.embedding as number[];
    const [sword, sameSword, rustySword, castle] = await Promise.all(
      ['a rusty iron sword', 'a rusty iron sword', 'an old rusty sword', 'a castle on a hill'].map(vector),
    );
    expect(sword).toHaveLength(1024);
    expect(sword).toEqual(sameSword);
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    expect(dot(sword as number[], sword as number[])).toBeCloseTo(1, 6);
    expect(dot(sword as number[], rustySword as number[])).toBeGreaterThan(
      dot(sword as number[], castle as number[]) + 0.2,
    );
  });

  test('a dry run quotes without a job or text', async () => {
    const quote = await context.call('POST', '/generate/caption', {
      body: { images: [square] },
      query: { dryRun: 'true' },
    });
    expect(quote.status).toBe(269);
    expect(quote.body).toEqual({
      creativeUnitsCost: 1,
      creativeUnitsDiscount: 0,
      costDetails: expect.any(Object),
      job: {},
    });
  });
});
