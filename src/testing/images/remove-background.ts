import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** Largest per-channel sum of differences still counted as "the background colour". */
const TOLERANCE = 60;

type Rgb = [number, number, number];

/**
 * Cuts the background out: the colour most common along the borders, flood-filled from the
 * borders, becomes transparent. With `backgroundColor` (or for JPEG, white by default) the cut
 * is flattened onto that colour instead.
 */
export async function removeBackground(
  input: Uint8Array,
  options: { backgroundColor?: string | undefined; format?: 'png' | 'jpeg' | undefined } = {},
): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const border = borderPixels(width, height);
  const background = mostFrequentColour(data, border);
  const near = (pixel: number) =>
    rgbAt(data, pixel).reduce((sum, value, channel) => sum + Math.abs(value - background[channel as 0 | 1 | 2]), 0) <=
    TOLERANCE;

  const seen = new Uint8Array(width * height);
  const stack = [...border];
  while (stack.length > 0) {
    const pixel = stack.pop() as number;
    if (seen[pixel] || !near(pixel)) continue;
    seen[pixel] = 1;
    data[pixel * 4 + 3] = 0;
    const x = pixel % width;
    if (x > 0) stack.push(pixel - 1);
    if (x < width - 1) stack.push(pixel + 1);
    if (pixel >= width) stack.push(pixel - width);
    if (pixel < width * (height - 1)) stack.push(pixel + width);
  }

  const cut = sharp(data, { raw: { width, height, channels: 4 } });
  const fill = options.backgroundColor || (options.format === 'jpeg' ? '#ffffff' : undefined);
  const flattened = fill && fill !== 'transparent' ? cut.flatten({ background: fill }) : cut;
  return encode(flattened, options.format);
}

const rgbAt = (data: Uint8Array, pixel: number): Rgb => [
  data[pixel * 4] ?? 0,
  data[pixel * 4 + 1] ?? 0,
  data[pixel * 4 + 2] ?? 0,
];

/** Indexes of the pixels on the image's four edges. */
function borderPixels(width: number, height: number): number[] {
  const pixels: number[] = [];
  for (let x = 0; x < width; x++) pixels.push(x, (height - 1) * width + x);
  for (let y = 0; y < height; y++) pixels.push(y * width, y * width + width - 1);
  return pixels;
}

/** The most frequent colour among `pixels`, quantised so JPEG noise does not split it. */
function mostFrequentColour(data: Uint8Array, pixels: number[]): Rgb {
  const counts = new Map<number, { count: number; rgb: Rgb }>();
  for (const pixel of pixels) {
    const rgb = rgbAt(data, pixel);
    const key = ((rgb[0] >> 4) << 8) | ((rgb[1] >> 4) << 4) | (rgb[2] >> 4);
    const entry = counts.get(key) ?? { count: 0, rgb };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.rgb ?? [255, 255, 255];
}
