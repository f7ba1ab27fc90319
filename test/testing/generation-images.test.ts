/**
 * The pixels of txt2img, inpaint and style-image outputs: deterministic from prompt and seed,
 * masks respected, style images measurably pulling the output their way.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { download, runToEnd, setup, uploadImage } from './helpers.js';

type Rgb = [number, number, number];
const SIDE = 64;

interface Pixels {
  data: Uint8Array;
  at(x: number, y: number): Rgb;
}

const pixelsOf = async (bytes: Uint8Array): Promise<Pixels> => {
  const data = new Uint8Array(await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer());
  const width = (await sharp(bytes).metadata()).width ?? 0;
  return {
    data,
    at: (x, y) => Array.from(data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)) as Rgb,
  };
};

/** Runs a generation and returns the pixels of each output. */
async function generate(context: ReturnType<typeof setup>, route: string, body: object): Promise<Pixels[]> {
  const job = await runToEnd(context, `/generate/${route}`, body);
  if (job.status !== 'success') throw new Error(`${route}: ${JSON.stringify(job.metadata)}`);
  return Promise.all(
    (job.metadata.assetIds as string[]).map(async (id) => {
      const { asset } = (await context.call('GET', `/assets/${id}`)).body;
      return pixelsOf(await download(context.emulator, asset.url));
    }),
  );
}

/** Mean of `measure` over the pixels of the region. */
function mean(pixels: Pixels, region: { x: [number, number]; y: [number, number] }, measure: (rgb: Rgb) => number) {
  let sum = 0;
  let count = 0;
  for (let y = region.y[0]; y < region.y[1]; y++) {
    for (let x = region.x[0]; x < region.x[1]; x++) {
      sum += measure(pixels.at(x, y));
      count++;
    }
  }
  return sum / count;
}
const WHOLE = { x: [0, SIDE] as [number, number], y: [0, SIDE] as [number, number] };
const channelDistance = (a: Rgb, b: Rgb) => (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2])) / 3;
const blueness = ([r, g, b]: Rgb) => b - (r + g) / 2;

/** A PNG from a pixel function. */
async function png(draw: (x: number, y: number) => Rgb): Promise<Uint8Array> {
  const data = new Uint8Array(SIDE * SIDE * 3);
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) data.set(draw(x, y), (y * SIDE + x) * 3);
  return new Uint8Array(
    await sharp(data, { raw: { width: SIDE, height: SIDE, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

let context: ReturnType<typeof setup>;
let gradient: string;
beforeAll(async () => {
  context = setup();
  // A horizontal grey ramp: no colour of its own, the same luminances in every row.
  gradient = (await uploadImage(context.call, await png((x) => [x * 4, x * 4, x * 4]))).id;
});

describe('txt2img draws from the prompt and the seed', () => {
  const body = (prompt: string, seed: number) => ({ modelId: 'flux.1-dev', prompt, seed, width: SIDE, height: SIDE });

  test('the same prompt and seed give the same pixels, in any emulator', async () => {
    const [first] = await generate(context, 'txt2img', body('a red dragon', 7));
    const [again] = await generate(setup(), 'txt2img', body('a red dragon', 7));
    expect(again?.data).toEqual(first?.data);
  });

  test('another prompt gives visibly different pixels; colours the prompt names dominate', async () => {
    const [red] = await generate(context, 'txt2img', body('a red dragon', 7));
    const [blue] = await generate(context, 'txt2img', body('a blue whale', 7));
    if (!red || !blue) throw new Error('no output');
    let difference = 0;
    for (let i = 0; i < red.data.length; i++) difference += Math.abs((red.data[i] ?? 0) - (blue.data[i] ?? 0));
    expect(difference / red.data.length).toBeGreaterThan(30);
    expect(mean(red, WHOLE, ([r, , b]) => r - b)).toBeGreaterThan(40);
    expect(mean(blue, WHOLE, blueness)).toBeGreaterThan(40);
  });

  test('numSamples outputs, each from its own seed', async () => {
    const outputs = await generate(context, 'txt2img', { ...body('a castle', 1), numSamples: 3 });
    expect(outputs).toHaveLength(3);
    expect(new Set(outputs.map((output) => Buffer.from(output.data).toString('base64'))).size).toBe(3);
  });
});

describe('inpaint repaints the white region of the mask only', () => {
  let init: Pixels;
  let image: string;
  let mask: string;
  beforeAll(async () => {
    const bytes = await png((x, y) => [(x * 3) % 256, (y * 5) % 256, 128]);
    init = await pixelsOf(bytes);
    image = (await uploadImage(context.call, bytes)).id;
    // White = repaint: the left half.
    mask = (await uploadImage(context.call, await png((x) => (x < SIDE / 2 ? [255, 255, 255] : [0, 0, 0])))).id;
  });
  const left = { x: [0, SIDE / 2] as [number, number], y: [0, SIDE] as [number, number] };
  const right = { x: [SIDE / 2, SIDE] as [number, number], y: [0, SIDE] as [number, number] };
  const change = (output: Pixels, region: typeof left) => regionDistance(output, init, region);

  test('unmasked pixels stay within 1 of the input; masked ones change', async () => {
    const [output] = await generate(context, 'inpaint', { modelId: 'flux.1-dev', prompt: 'moss', image, mask });
    if (!output) throw new Error('no output');
    let worst = 0;
    for (let y = 0; y < SIDE; y++) {
      for (let x = SIDE / 2; x < SIDE; x++) worst = Math.max(worst, channelDistance(output.at(x, y), init.at(x, y)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(change(output, left)).toBeGreaterThan(10);
  });

  test('disableMerging lets the whole image change; the -ip-adapter variant keeps the mask too', async () => {
    const body = { modelId: 'flux.1-dev', prompt: 'moss', image, mask };
    const [unmerged] = await generate(context, 'inpaint', { ...body, disableMerging: true });
    const [styled] = await generate(context, 'inpaint-ip-adapter', { ...body, ipAdapterImages: [gradient] });
    if (!unmerged || !styled) throw new Error('no output');
    expect(change(unmerged, right)).toBeGreaterThan(10);
    expect(change(styled, right)).toBeLessThanOrEqual(1);
    expect(change(styled, left)).toBeGreaterThan(10);
  });
});

function regionDistance(a: Pixels, b: Pixels, region: { x: [number, number]; y: [number, number] }): number {
  let sum = 0;
  let count = 0;
  for (let y = region.y[0]; y < region.y[1]; y++) {
    for (let x = region.x[0]; x < region.x[1]; x++) {
      sum += channelDistance(a.at(x, y), b.at(x, y));
      count++;
    }
  }
  return sum / count;
}

describe('style images pull the output towards them', () => {
  const ORANGE: Rgb = [224, 128, 32];
  const PURPLE: Rgb = [112, 48, 160];
  /** Distance from a colour to the orange–purple segment, where the style image's palette lies. */
  const offPalette = (rgb: Rgb) => {
    const direction = ORANGE.map((value, i) => value - (PURPLE[i] ?? 0));
    const offset = rgb.map((value, i) => value - (PURPLE[i] ?? 0));
    const t = Math.min(1, Math.max(0, dot(offset, direction) / dot(direction, direction)));
    return Math.hypot(...offset.map((value, i) => value - t * (direction[i] ?? 0)));
  };
  const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
  const img2img = { modelId: 'flux.1-dev', prompt: 'p', strength: 0.01, seed: 3 };
  let palette: string;
  let character: string;
  beforeAll(async () => {
    palette = (await uploadImage(context.call, await png((x) => (x < SIDE / 2 ? ORANGE : PURPLE)))).id;
    // A blue square on white: a subject with a silhouette.
    const square = (x: number, y: number) => x >= 16 && x < 48 && y >= 16 && y < 48;
    character = (await uploadImage(context.call, await png((x, y) => (square(x, y) ? [32, 64, 192] : [255, 255, 255]))))
      .id;
  });

  test("'style' takes the style image's palette, by its scale", async () => {
    const [plain] = await generate(context, 'img2img', { ...img2img, image: gradient });
    const styled = async (scale: number) =>
      (
        await generate(context, 'img2img-ip-adapter', {
          ...img2img,
          image: gradient,
          ipAdapterImages: [palette],
          ipAdapterScales: [scale],
        })
      )[0];
    const [strong, weak] = [await styled(0.9), await styled(0.3)];
    if (!plain || !strong || !weak) throw new Error('no output');
    const [before, afterWeak, afterStrong] = [plain, weak, strong].map((output) => mean(output, WHOLE, offPalette));
    expect(afterStrong).toBeLessThan((before ?? 0) * 0.25);
    expect(afterWeak).toBeLessThan(before ?? 0);
    expect(afterWeak).toBeGreaterThan(afterStrong ?? 0);
  });

  test("'character' keeps the style image's subject and silhouette, 'style' only its colours", async () => {
    const body = { ...img2img, image: gradient, ipAdapterImageIds: [character] };
    const [asCharacter] = await generate(context, 'img2img-ip-adapter', { ...body, ipAdapterType: 'character' });
    const [asStyle] = await generate(context, 'img2img-ip-adapter', { ...body, ipAdapterType: 'style' });
    if (!asCharacter || !asStyle) throw new Error('no output');
    // The same columns inside the square and above it: the ramp gives both the same luminances.
    const inside = { x: [20, 44] as [number, number], y: [20, 44] as [number, number] };
    const above = { x: [20, 44] as [number, number], y: [0, 12] as [number, number] };
    const silhouette = (output: Pixels) => mean(output, inside, blueness) - mean(output, above, blueness);
    expect(silhouette(asCharacter)).toBeGreaterThan(80);
    expect(Math.abs(silhouette(asStyle))).toBeLessThan(15);
    // Both take the blue of the style image somewhere.
    expect(mean(asStyle, WHOLE, blueness)).toBeGreaterThan(mean(await pixelsOfPlain(), WHOLE, blueness) + 20);
  });

  const pixelsOfPlain = async () => (await generate(context, 'img2img', { ...img2img, image: gradient }))[0] as Pixels;
});
