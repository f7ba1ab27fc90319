import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** Where the input goes in the new frame. */
export type ReframeLocation = 'bottom' | 'left' | 'middle' | 'right' | 'top';

/** What `POST /generate/reframe` reads. */
export interface ReframeOptions {
  targetWidth: number;
  targetHeight: number;
  location: ReframeLocation;
  /** The input's size, in percent of the largest size at which it fits the frame. */
  resizePercent: number;
}

/** Where the input lands in the frame, in pixels. */
function reframePlacement(
  input: { width: number; height: number },
  { targetWidth, targetHeight, location, resizePercent }: ReframeOptions,
): { left: number; top: number; width: number; height: number } {
  const scale = Math.min(targetWidth / input.width, targetHeight / input.height) * (resizePercent / 100);
  const width = Math.max(1, Math.round(input.width * scale));
  const height = Math.max(1, Math.round(input.height * scale));
  const centreX = Math.floor((targetWidth - width) / 2);
  const centreY = Math.floor((targetHeight - height) / 2);
  const left = location === 'left' ? 0 : location === 'right' ? targetWidth - width : centreX;
  const top = location === 'top' ? 0 : location === 'bottom' ? targetHeight - height : centreY;
  return { left, top, width, height };
}

/**
 * The input fitted into a `targetWidth`×`targetHeight` frame at `location`, the space around it
 * painted as a continuation: the input itself stretched over the whole frame, heavily blurred.
 */
export async function reframe(input: Uint8Array, options: ReframeOptions): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const flat = sharp(input).flatten({ background: '#ffffff' });
  const { width = 1, height = 1 } = await sharp(input).metadata();
  const placement = reframePlacement({ width, height }, options);
  const placed = await flat.clone().resize(placement.width, placement.height, { fit: 'fill' }).png().toBuffer();
  const context = await flat
    .clone()
    .resize(options.targetWidth, options.targetHeight, { fit: 'fill' })
    .blur(Math.max(2, Math.max(options.targetWidth, options.targetHeight) / 24))
    .png()
    .toBuffer();
  return encode(sharp(context).composite([{ input: placed, left: placement.left, top: placement.top }]));
}
