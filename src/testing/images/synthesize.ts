import { createRng } from '../rng.js';
import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** A seeded image from nothing (text-to-image models without a reference): a two-colour gradient with grain. */
export async function synthesizeImage(options: {
  width: number;
  height: number;
  seed: number;
}): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const { width, height, seed } = options;
  const rng = createRng(seed);
  const from = [rng.int(256), rng.int(256), rng.int(256)];
  const to = [rng.int(256), rng.int(256), rng.int(256)];
  const out = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const grain = (rng.next() - 0.5) * 24;
      for (let channel = 0; channel < 3; channel++) {
        out[(y * width + x) * 3 + channel] = (from[channel] ?? 0) * (1 - t) + (to[channel] ?? 0) * t + grain;
      }
    }
  }
  return encode(sharp(out, { raw: { width, height, channels: 3 } }));
}
