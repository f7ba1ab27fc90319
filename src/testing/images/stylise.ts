import type sharpType from 'sharp';
import { createRng } from '../rng.js';

/** Posterisation levels of the "style" layer. */
const LEVELS = 5;

/** A reference decoded once for all the variants of a job: RGB at the output size, and its blur. */
export interface PreparedReference {
  base: Uint8Array;
  blurred: Uint8Array;
}

/** Decodes, resizes (cover) and flattens `reference` to `width`×`height` RGB, and blurs it for the style layer. */
export async function prepareReference(
  sharp: typeof sharpType,
  reference: Uint8Array,
  width: number,
  height: number,
): Promise<PreparedReference> {
  const base = await sharp(reference)
    .resize(width, height, { fit: 'cover' })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  const blurred = await sharp(base, { raw: { width, height, channels: 3 } })
    .blur(2)
    .raw()
    .toBuffer();
  return { base, blurred };
}

/**
 * A seeded stylised variant of the prepared reference, standing in for an img2img or ControlNet
 * output. The style layer (blurred, posterised, re-tinted by a seeded colour mix, with seeded
 * grain) is blended over the reference by `strength`, so the distance from the reference grows
 * linearly with it, as noise strength does in a real diffusion model.
 */
export function styliseVariant(
  { base, blurred }: PreparedReference,
  strength: number,
  seed: number,
): Uint8ClampedArray {
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
  return out;
}
