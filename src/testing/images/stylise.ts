import type sharpType from 'sharp';
import { createRng } from '../rng.js';
import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** Posterisation levels of the "style" layer. */
const LEVELS = 5;

/**
 * `count` seeded stylised variants of `reference` at `width`×`height` (the `i`-th seeded by
 * `seed + i`), standing in for img2img and ControlNet outputs. The style layer (blurred,
 * posterised, re-tinted by a seeded colour mix, with seeded grain) is blended over the resized
 * reference by `strength`, so the distance from the reference grows linearly with it, as noise
 * strength does in a real diffusion model. The reference is decoded, resized and blurred once
 * for all the variants.
 */
export async function styliseImages(
  reference: Uint8Array,
  options: { width: number; height: number; strength: number; seed: number },
  count: number,
): Promise<RenderedImage[]> {
  const sharp = await loadSharp();
  const { width, height, seed } = options;
  const base = await sharp(reference)
    .resize(width, height, { fit: 'cover' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer();
  const blurred = await sharp(base, { raw: { width, height, channels: 3 } })
    .blur(2)
    .raw()
    .toBuffer();
  return Promise.all(Array.from({ length: count }, (_, i) => variant(sharp, base, blurred, options, seed + i)));
}

/** One variant of the prepared reference (`base`, and `blurred` for the style layer). */
function variant(
  sharp: typeof sharpType,
  base: Uint8Array,
  blurred: Uint8Array,
  { width, height, strength }: { width: number; height: number; strength: number },
  seed: number,
): Promise<RenderedImage> {
  const rng = createRng(seed);
  // A seeded 3×3 colour mix, mostly diagonal so the variant keeps the reference's shapes.
  const mix = Array.from({ length: 9 }, (_, i) => (i % 4 === 0 ? 0.5 : 0) + rng.next() * 0.5);
  const out = new Uint8ClampedArray(base.length);
  for (let pixel = 0; pixel < base.length; pixel += 3) {
    const grain = (rng.next() - 0.5) * 40;
    const [r = 0, g = 0, b = 0] = blurred.subarray(pixel, pixel + 3);
    for (let channel = 0; channel < 3; channel++) {
      const row = channel * 3;
      const mixed = (mix[row] ?? 0) * r + (mix[row + 1] ?? 0) * g + (mix[row + 2] ?? 0) * b;
      const posterised = Math.round((Math.min(255, mixed) / 255) * (LEVELS - 1)) * (255 / (LEVELS - 1)) + grain;
      out[pixel + channel] = (base[pixel + channel] ?? 0) * (1 - strength) + posterised * strength;
    }
  }
  return encode(sharp(out, { raw: { width, height, channels: 3 } }));
}
