import type { RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** What `POST /generate/vectorize` reads. */
export interface VectorizeOptions {
  /** `bw`: black on white; `color` (default): colour layers. */
  colorMode?: 'bw' | 'color' | undefined;
  /** `color` mode: bits kept per channel (default 3; more than 4 read as 4, the emulator's limit). */
  colorPrecision?: number | undefined;
}

/** Cells along the longer side of the traced grid: enough for an icon, small enough for a short SVG. */
const TRACE_CELLS = 64;
const MAX_BITS = 4;

/**
 * An image traced into an SVG of its size: the image sampled on a grid of {@link TRACE_CELLS}
 * cells along its longer side, colours quantised (`bw`: a luminance threshold), and each run of
 * same-coloured cells along a row drawn as a rectangle, one `<path>` per colour. Transparent
 * cells are left out.
 */
export async function vectorize(input: Uint8Array, options: VectorizeOptions): Promise<RenderedImage> {
  const sharp = await loadSharp();
  const { width = 1, height = 1 } = await sharp(input).metadata();
  const scale = Math.min(1, TRACE_CELLS / Math.max(width, height));
  const columns = Math.max(1, Math.round(width * scale));
  const rows = Math.max(1, Math.round(height * scale));
  const cells = await sharp(input).ensureAlpha().resize(columns, rows, { fit: 'fill' }).raw().toBuffer();
  const quantise = colourQuantiser(options);
  const runs = new Map<string, string[]>();
  const [cellWidth, cellHeight] = [width / columns, height / rows];
  for (let row = 0; row < rows; row++) {
    let start = 0;
    for (let column = 1; column <= columns; column++) {
      const colour = colourAt(cells, row * columns + start, quantise);
      if (column < columns && colourAt(cells, row * columns + column, quantise) === colour) continue;
      if (colour !== undefined) {
        const [x, y] = [round(start * cellWidth), round(row * cellHeight)];
        const [w, h] = [round((column - start) * cellWidth), round(cellHeight)];
        runs.set(colour, [...(runs.get(colour) ?? []), `M${x} ${y}h${w}v${h}h${-w}z`]);
      }
      start = column;
    }
  }
  const paths = [...runs].map(([fill, parts]) => `<path fill="${fill}" d="${parts.join('')}"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${paths.join('')}</svg>`;
  return { bytes: new TextEncoder().encode(svg), mimeType: 'image/svg+xml', width, height };
}

/** The `#rrggbb` of a cell, quantised, or `undefined` when it is transparent. */
function colourAt(cells: Uint8Array, cell: number, quantise: (rgb: number[]) => number[]): string | undefined {
  const offset = cell * 4;
  if ((cells[offset + 3] ?? 0) < 128) return undefined;
  const rgb = quantise([cells[offset] ?? 0, cells[offset + 1] ?? 0, cells[offset + 2] ?? 0]);
  return `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

function colourQuantiser({ colorMode, colorPrecision }: VectorizeOptions): (rgb: number[]) => number[] {
  if (colorMode === 'bw') {
    return ([r = 0, g = 0, b = 0]) => (0.2126 * r + 0.7152 * g + 0.0722 * b >= 128 ? [255, 255, 255] : [0, 0, 0]);
  }
  const levels = 2 ** Math.min(MAX_BITS, colorPrecision ?? 3) - 1;
  return (rgb) => rgb.map((value) => Math.round((Math.round((value / 255) * levels) / levels) * 255));
}

const round = (value: number) => Math.round(value * 100) / 100;
