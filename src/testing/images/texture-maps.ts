import type { Sharp } from 'sharp';
import { encode, type RenderedImage } from './rendered.js';
import { loadSharp } from './sharp.js';

/** The surface sliders of `POST /generate/texture`, 0–1. */
export interface SurfaceOptions {
  raised?: number | undefined;
  polished?: number | undefined;
  shiny?: number | undefined;
  angular?: number | undefined;
  invert?: boolean | undefined;
}

/** A material map and its name (`normal`, `height`, …). */
export interface TextureMap {
  name: string;
  image: RenderedImage;
}

const DEFAULT_SLIDER = 0.5;

/**
 * The material maps of a texture, each at its size: `height` (grey, the blurred luminance,
 * stretched; `invert` flips it; sharper when `angular`), `normal` (from the height's slopes,
 * wrapping at the edges as a tile does, so mostly (128, 128, 255) on gentle relief, steeper
 * with `raised`), `ao` (darker in hollows), `edge` (the height's curvature), `smoothness` (from
 * `polished`), `metallic` (from `shiny`) and `albedo` (the texture itself).
 */
export async function textureMaps(input: Uint8Array, surface: SurfaceOptions): Promise<TextureMap[]> {
  const sharp = await loadSharp();
  const flat = sharp(input).flatten({ background: '#ffffff' });
  const { data: lum, info } = await flat
    .clone()
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const gray = (bytes: Uint8Array) => sharp(bytes, { raw: { width, height, channels: 1 } }).toColourspace('b-w');
  const blurSigma = 0.5 + 2 * (1 - (surface.angular ?? DEFAULT_SLIDER));
  const relief = await gray(lum)
    .blur(blurSigma)
    .normalise()
    .negate(surface.invert ?? false)
    .raw()
    .toBuffer();
  const hollows = await gray(relief).blur(8).raw().toBuffer();
  const raised = surface.raised ?? DEFAULT_SLIDER;
  const heightAt = (x: number, y: number) => relief[((y + height) % height) * width + ((x + width) % width)] ?? 0;

  const normal = new Uint8Array(width * height * 3);
  const ao = new Uint8Array(width * height);
  const edge = new Uint8Array(width * height);
  const smoothness = new Uint8Array(width * height);
  const polish = (surface.polished ?? DEFAULT_SLIDER) * 255;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = y * width + x;
      const dx = (heightAt(x + 1, y) - heightAt(x - 1, y)) / 510;
      const dy = (heightAt(x, y + 1) - heightAt(x, y - 1)) / 510;
      const [nx, ny, nz] = unit(-dx * (1 + 4 * raised), -dy * (1 + 4 * raised), 1);
      normal.set([(nx + 1) * 127.5, (ny + 1) * 127.5, (nz + 1) * 127.5].map(Math.round), pixel * 3);
      const here = heightAt(x, y);
      ao[pixel] = clampByte(255 - Math.max(0, (hollows[pixel] ?? 0) - here) * 2);
      const curvature = 4 * here - heightAt(x + 1, y) - heightAt(x - 1, y) - heightAt(x, y + 1) - heightAt(x, y - 1);
      edge[pixel] = clampByte(Math.abs(curvature) * 4);
      smoothness[pixel] = clampByte(polish + (here - 128) * 0.1);
    }
  }
  const metallic = new Uint8Array(width * height).fill(Math.round((surface.shiny ?? 0) * 255));
  const rgb = (bytes: Uint8Array) => sharp(bytes, { raw: { width, height, channels: 3 } });
  const maps: [string, Sharp][] = [
    ['albedo', flat.clone().toColourspace('srgb')],
    ['normal', rgb(normal)],
    ['height', gray(relief)],
    ['smoothness', gray(smoothness)],
    ['metallic', gray(metallic)],
    ['ao', gray(ao)],
    ['edge', gray(edge)],
  ];
  return Promise.all(maps.map(async ([name, pipeline]) => ({ name, image: await encode(pipeline) })));
}

function unit(x: number, y: number, z: number): [number, number, number] {
  const length = Math.hypot(x, y, z);
  return [x / length, y / length, z / length];
}

const clampByte = (value: number) => Math.min(255, Math.max(0, Math.round(value)));
