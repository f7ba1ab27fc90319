import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** What `POST /generate/patch` reads. */
export interface PatchOptions {
  mode: 'erase' | 'override';
  x: number;
  y: number;
  allowOverflow: boolean;
  crop?: { top: number; left: number; width: number; height: number; backgroundColor?: string | undefined };
  /** What erased areas become: a colour (default white), or `transparent`. */
  backgroundColor?: string | undefined;
  format?: 'png' | 'jpeg' | undefined;
}

/** Patch pixels at least this opaque erase. */
const OPAQUE = 128;

interface Canvas {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * The patch merged onto the image with its top-left corner at (x, y): `override` paints it over
 * (alpha-blended), `erase` clears the image where the patch is opaque. With `allowOverflow` the
 * canvas grows to hold all of the patch, else the patch is clipped to the image. Then the crop,
 * and the erased and uncovered areas filled with `backgroundColor` (white unless `transparent`).
 */
export async function patchImage(image: Uint8Array, patch: Uint8Array, options: PatchOptions): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const rgba = async (bytes: Uint8Array): Promise<Canvas> => {
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  };
  const [base, top] = await Promise.all([rgba(image), rgba(patch)]);
  const { x, y } = options;
  const bounds = options.allowOverflow
    ? {
        left: Math.min(0, x),
        top: Math.min(0, y),
        right: Math.max(base.width, x + top.width),
        bottom: Math.max(base.height, y + top.height),
      }
    : { left: 0, top: 0, right: base.width, bottom: base.height };
  let canvas = blank(bounds.right - bounds.left, bounds.bottom - bounds.top);
  draw(canvas, base, -bounds.left, -bounds.top, (to, from) => to.set(from));
  draw(canvas, top, x - bounds.left, y - bounds.top, (to, from) => {
    if (options.mode === 'erase') {
      if ((from[3] ?? 0) >= OPAQUE) to.fill(0);
      return;
    }
    const alpha = (from[3] ?? 0) / 255;
    for (let c = 0; c < 3; c++) to[c] = (from[c] ?? 0) * alpha + (to[c] ?? 0) * (1 - alpha);
    to[3] = Math.max(to[3] ?? 0, from[3] ?? 0);
  });
  if (options.crop) {
    const { left, top: cropTop, width, height } = options.crop;
    const cropped = blank(width, height);
    draw(cropped, canvas, -left, -cropTop, (to, from) => to.set(from));
    canvas = cropped;
  }
  const fill = options.backgroundColor ?? 'white';
  const result = sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 4 } });
  return encode(fill === 'transparent' ? result : result.flatten({ background: fill }), options.format);
}

const blank = (width: number, height: number): Canvas => ({ data: new Uint8Array(width * height * 4), width, height });

/** Calls `merge` with each pixel of `source` placed at (left, top) on `target` and the target pixel under it, clipped. */
function draw(
  target: Canvas,
  source: Canvas,
  left: number,
  top: number,
  merge: (to: Uint8Array, from: Uint8Array) => void,
): void {
  for (let sy = Math.max(0, -top); sy < Math.min(source.height, target.height - top); sy++) {
    for (let sx = Math.max(0, -left); sx < Math.min(source.width, target.width - left); sx++) {
      const to = ((sy + top) * target.width + sx + left) * 4;
      const from = (sy * source.width + sx) * 4;
      merge(target.data.subarray(to, to + 4), source.data.subarray(from, from + 4));
    }
  }
}
