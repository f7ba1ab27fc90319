import { maskWeights } from './generation.js';
import { drawPromptImage } from './prompt-image.js';
import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** What `POST /generate/generative-fill` reads. */
export interface FillOptions {
  /** What to paint in the masked area; without it the area is erased into its surroundings. */
  prompt?: string | undefined;
  seed: number;
  /** Output size (default the image's). */
  targetWidth?: number | undefined;
  targetHeight?: number | undefined;
}

/** How much of the prompt's drawing shows in a filled area. */
const PROMPT_SHARE = 0.6;

/**
 * The white area of the mask painted anew, the rest kept pixel for pixel: filled with the
 * surroundings (a blur of the unmasked pixels only, so the erased object leaves no trace), mixed
 * with a drawing of the prompt when there is one. Grey mask pixels blend the two.
 */
export async function fillMasked(image: Uint8Array, mask: Uint8Array, options: FillOptions): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const { data: base, info } = await sharp(image)
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const weights = await maskWeights(sharp, mask, width, height);
  const keptRgb = Uint8Array.from(base, (value, index) => value * (1 - (weights[Math.floor(index / 3)] ?? 0)));
  const keptShare = Uint8Array.from(weights, (value) => 255 * (1 - value));
  const sigma = Math.max(2, Math.max(width, height) / 16);
  const blur = async (bytes: Uint8Array, channels: 1 | 3) =>
    sharp(bytes, { raw: { width, height, channels } }).blur(sigma).raw().toBuffer();
  const [around, share] = await Promise.all([blur(keptRgb, 3), blur(keptShare, 1)]);
  const drawn = options.prompt ? drawPromptImage(options.prompt, width, height, options.seed) : undefined;
  const out = new Uint8ClampedArray(base.length);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const repaint = weights[pixel] ?? 0;
    const known = Math.max(1, share[pixel] ?? 0) / 255;
    for (let channel = 0; channel < 3; channel++) {
      const offset = pixel * 3 + channel;
      const surroundings = (around[offset] ?? 0) / known;
      const fill = drawn ? surroundings * (1 - PROMPT_SHARE) + (drawn[offset] ?? 0) * PROMPT_SHARE : surroundings;
      out[offset] = (base[offset] ?? 0) * (1 - repaint) + fill * repaint;
    }
  }
  const result = sharp(out, { raw: { width, height, channels: 3 } });
  const resized =
    options.targetWidth || options.targetHeight
      ? result.resize(options.targetWidth ?? width, options.targetHeight ?? height, { fit: 'fill' })
      : result;
  return encode(resized);
}
