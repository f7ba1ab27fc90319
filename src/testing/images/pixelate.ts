import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** What `POST /generate/pixelate` reads. */
export interface PixelateOptions {
  /** Pixel-art pixels along the longer side. */
  gridSize: number;
  /** At most this many colours (no limit when absent). */
  paletteSize?: number | undefined;
  /** Only these colours, `[r, g, b]` each. */
  palette?: readonly (readonly number[])[] | undefined;
  /** Median-filter the input first, as artifact removal. */
  removeNoise?: boolean | undefined;
}

/** Pixels at least this opaque stay, the others become fully transparent: pixel art has no half-transparent edges. */
const OPAQUE = 128;

/** The grid of a pixelated image: cells across and down, and each cell's side in output pixels. */
function pixelGrid(width: number, height: number, gridSize: number) {
  const longer = Math.max(width, height);
  const block = Math.max(1, Math.round(longer / gridSize));
  const cells = (side: number) => (side === longer ? gridSize : Math.max(1, Math.round((side / longer) * gridSize)));
  return { columns: cells(width), rows: cells(height), block };
}

/**
 * Pixel art from an image: shrunk to `gridSize` cells along its longer side, its colours reduced
 * (to `paletteSize` colours, or each to the nearest of `palette`), alpha made all-or-nothing, then
 * each cell drawn as a `block`×`block` square of one colour. The output is the grid times the
 * block, close to the input's size.
 */
export async function pixelate(input: Uint8Array, options: PixelateOptions): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const source = options.removeNoise ? sharp(input).median(3) : sharp(input);
  const { width = 1, height = 1 } = await sharp(input).metadata();
  const { columns, rows, block } = pixelGrid(width, height, options.gridSize);
  const raw = { raw: { width: columns, height: rows, channels: 4 as const } };
  const cells = await source.ensureAlpha().resize(columns, rows, { fit: 'fill' }).raw().toBuffer();
  for (let offset = 0; offset < cells.length; offset += 4) {
    if ((cells[offset + 3] ?? 0) >= OPAQUE) cells[offset + 3] = 255;
    else cells.fill(0, offset, offset + 4);
  }
  if (options.palette) toPalette(cells, options.palette);
  const reduced = options.paletteSize
    ? await sharp(await sharp(cells, raw).png({ palette: true, colours: options.paletteSize, dither: 0 }).toBuffer())
        .ensureAlpha()
        .raw()
        .toBuffer()
    : cells;
  return encode(sharp(reduced, raw).resize(columns * block, rows * block, { kernel: 'nearest' }));
}

/** Each opaque cell's colour replaced by the nearest palette colour, in place. */
function toPalette(cells: Uint8Array, palette: readonly (readonly number[])[]): void {
  for (let offset = 0; offset < cells.length; offset += 4) {
    if (cells[offset + 3] === 0) continue;
    let best = palette[0] ?? [0, 0, 0];
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const colour of palette) {
      const distance = [0, 1, 2].reduce((sum, c) => sum + ((cells[offset + c] ?? 0) - (colour[c] ?? 0)) ** 2, 0);
      if (distance < bestDistance) [best, bestDistance] = [colour, distance];
    }
    cells.set(best.slice(0, 3), offset);
  }
}
