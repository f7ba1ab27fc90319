import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** `/generate/detect` modalities drawn as line maps (the others are grayscale maps). */
const LINE_MODALITIES = new Set(['canny', 'mlsd', 'pose', 'scribble', 'lineart_anime', 'sketch']);
/** Line maps drawn dark on light, as artists' line art is; the others are light on dark. */
const DARK_LINES = new Set(['lineart_anime', 'sketch']);
const LAPLACIAN = [-1, -1, -1, -1, 8, -1, -1, -1, -1];

/**
 * A control map for `modality`, at the input's size: an edge map (Laplacian) for line
 * modalities, a smooth depth-like grayscale for `depth`/`normal`, two-tone regions for
 * `segmentation`, plain grayscale for `grayscale`.
 */
export async function detectMap(input: Uint8Array, modality: string): Promise<RenderedImage> {
  const sharp = await loadSharp();
  // sharp applies operations in its own fixed order, so each step gets its own pipeline.
  // Single-channel ('b-w') throughout, or sharp widens the raw gray back to sRGB.
  const { data, info } = await sharp(input)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: 1 as const } };
  const gray = (bytes: Uint8Array = data) => sharp(bytes, raw);
  if (LINE_MODALITIES.has(modality)) {
    const edges = await gray()
      .convolve({ width: 3, height: 3, kernel: LAPLACIAN })
      .toColourspace('b-w')
      .raw()
      .toBuffer();
    return encode(gray(edges).threshold(24).negate(DARK_LINES.has(modality)).toColourspace('b-w'));
  }
  if (modality === 'depth' || modality === 'normal') return encode(gray().blur(6).normalise().toColourspace('b-w'));
  if (modality === 'segmentation') return encode(gray().blur(3).threshold(128).toColourspace('b-w'));
  return encode(gray().toColourspace('b-w'));
}
