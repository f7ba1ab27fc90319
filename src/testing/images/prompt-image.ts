import { createRng, hashSeed } from '../rng.js';

type Rgb = readonly [number, number, number];

/** Colours a prompt can name; the image takes them in the order the prompt does. */
const NAMED_COLOURS: Record<string, Rgb> = {
  red: [200, 40, 40],
  orange: [235, 130, 30],
  yellow: [240, 210, 60],
  gold: [212, 175, 55],
  green: [60, 160, 70],
  teal: [30, 140, 140],
  blue: [50, 90, 210],
  purple: [130, 60, 170],
  pink: [235, 120, 170],
  brown: [120, 80, 50],
  black: [25, 25, 30],
  white: [240, 240, 235],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
};
const PALETTE_SIZE = 4;
/** How far (per channel) the shades completing a palette of named colours stray from them. */
const SHADE_RANGE = 40;
const MIN_SHAPES = 3;
const MAX_SHAPES = 7;

interface Shape {
  ellipse: boolean;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  colour: Rgb;
}

/**
 * A text-to-image stand-in: RGB pixels drawn from the prompt and the seed. The palette comes
 * from the prompt (the colours it names, then colours hashed from its words), the layout (a
 * two-colour gradient and a few ellipses and rectangles) from prompt and seed together. So the
 * same prompt and seed always give the same image, another seed another layout in the same
 * palette, and another prompt visibly different colours.
 */
export function drawPromptImage(prompt: string, width: number, height: number, seed: number): Uint8ClampedArray {
  const palette = promptPalette(prompt);
  const colour = (index: number) => palette[index % palette.length] as Rgb;
  const rng = createRng(hashSeed(prompt, seed));
  const shapes: Shape[] = Array.from({ length: MIN_SHAPES + rng.int(MAX_SHAPES - MIN_SHAPES + 1) }, (_, i) => ({
    ellipse: rng.next() < 0.6,
    cx: rng.next() * width,
    cy: rng.next() * height,
    rx: (0.08 + rng.next() * 0.25) * width,
    ry: (0.08 + rng.next() * 0.25) * height,
    colour: colour(i + 2),
  }));
  const [top, bottom] = [colour(0), colour(1)];
  const out = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    for (let x = 0; x < width; x++) {
      const shape = shapes.findLast((s) => inside(s, x, y));
      const grain = (rng.next() - 0.5) * 16;
      const offset = (y * width + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        const background = (top[channel] ?? 0) * (1 - t) + (bottom[channel] ?? 0) * t;
        out[offset + channel] = (shape ? (shape.colour[channel] ?? 0) : background) + grain;
      }
    }
  }
  return out;
}

/** The colours the prompt names (completed with shades of them), or else colours hashed from its words. */
function promptPalette(prompt: string): Rgb[] {
  const named = (prompt.toLowerCase().match(/[a-z]+/g) ?? [])
    .map((word) => NAMED_COLOURS[word])
    .filter((rgb): rgb is Rgb => rgb !== undefined);
  const rng = createRng(hashSeed('palette', prompt));
  const hashed = (): Rgb => [rng.int(256), rng.int(256), rng.int(256)];
  const shade = ([r, g, b]: Rgb): Rgb => {
    const delta = rng.int(2 * SHADE_RANGE + 1) - SHADE_RANGE;
    return [r + delta, g + delta, b + delta];
  };
  return Array.from({ length: Math.max(PALETTE_SIZE, named.length) }, (_, i) => {
    if (named.length === 0) return hashed();
    return named[i] ?? shade(named[i % named.length] as Rgb);
  });
}

function inside({ ellipse, cx, cy, rx, ry }: Shape, x: number, y: number): boolean {
  const dx = (x - cx) / rx;
  const dy = (y - cy) / ry;
  return ellipse ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
}
