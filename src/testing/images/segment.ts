import { removeBackground } from './remove-background.js';
import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** What `POST /generate/segment` reads. */
export interface SegmentOptions {
  /** Grow the mask by this many pixels. */
  dilate?: number | undefined;
  /** Smooth the mask (a median filter). */
  betterQuality?: boolean | undefined;
  /** Opacity of the background in the cut-out, 0–255 (default 0). */
  backgroundOpacity?: number | undefined;
}

/**
 * The main object of an image and its mask, at its size: the object is what is not the
 * border-connected background (as remove-background finds it). `mask` is white on the object and
 * black elsewhere; `cutout` is the image with its background at `backgroundOpacity`.
 */
export async function segment(
  input: Uint8Array,
  options: SegmentOptions,
): Promise<{ mask: RenderedImage; cutout: RenderedImage }> {
  const sharp = await loadSharp();
  const cut = await removeBackground(input);
  let mask = sharp(cut.bytes).extractChannel(3).toColourspace('b-w');
  if (options.betterQuality) mask = sharp(await mask.median(3).png().toBuffer());
  if (options.dilate) mask = sharp(await mask.dilate(options.dilate).png().toBuffer());
  const maskPixels = await mask.clone().raw().toBuffer();
  const background = options.backgroundOpacity ?? 0;
  const alpha = Uint8Array.from(maskPixels, (value) => Math.max(value, background));
  const { width, height } = cut;
  // sharp applies removeAlpha after joinChannel in one pipeline: the colours are read first.
  const rgb = await sharp(input).removeAlpha().toColourspace('srgb').raw().toBuffer();
  const cutout = sharp(rgb, { raw: { width, height, channels: 3 } }).joinChannel(Buffer.from(alpha), {
    raw: { width, height, channels: 1 },
  });
  return { mask: await encode(mask), cutout: await encode(cutout) };
}
