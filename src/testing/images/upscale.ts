import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** The input resized to `width` (height kept in proportion) with a Lanczos filter, as PNG. */
export async function upscaleImage(input: Uint8Array, width: number): Promise<RenderedImage> {
  const sharp = await loadSharp();
  return encode(sharp(input).resize({ width, kernel: 'lanczos3' }));
}
