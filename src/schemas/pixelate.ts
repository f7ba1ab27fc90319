import * as z from 'zod/mini';
import { AssetIdRefSchema } from './generation.js';

/** Grid sizes `POST /generate/pixelate` takes: the number of pixel-art pixels along the image's longer side. */
export const PIXEL_GRID_SIZES = [16, 32, 64, 128, 256] as const;
/** Schema of {@link PIXEL_GRID_SIZES}. */
export const PixelGridSizeSchema = z.literal(PIXEL_GRID_SIZES);

const channel = z.number().check(z.int(), z.minimum(0), z.maximum(255));
/** A palette colour as `[red, green, blue]`, each 0–255. */
export const PaletteColorSchema = z.array(channel).check(z.length(3, 'expected [red, green, blue]'));

/** The fields of {@link PixelateBodySchema}, before its cross-field check. */
export const PixelateFieldsSchema = z.strictObject({
  /** The image to pixelate: an asset id (the route takes no data URL). */
  image: AssetIdRefSchema,
  /** Pixel-art pixels along the longer side: 16, 32, 64, 128 or 256. */
  pixelGridSize: PixelGridSizeSchema,
  /** Reduce pixel-art artifacts. The API requires the field. */
  removeNoise: z.boolean(),
  /** Remove the background first. */
  removeBackground: z.optional(z.boolean()),
  /** The colours to use, `[[r, g, b], …]`. */
  colorPalette: z.optional(z.array(PaletteColorSchema).check(z.minLength(1), z.maxLength(256))),
  /** Without `colorPalette`: at most this many colours, 2–256. */
  colorPaletteSize: z.optional(z.number().check(z.int(), z.minimum(2), z.maximum(256))),
});

type Palette = { colorPalette?: unknown; colorPaletteSize?: unknown };
/** Refinement: a palette or a palette size, not both (the API reads the size only without a palette). */
export const paletteOrSize: [(body: Palette) => boolean, { message: string; path: string[] }] = [
  (body) => body.colorPalette === undefined || body.colorPaletteSize === undefined,
  { message: 'pass colorPalette or colorPaletteSize, not both', path: ['colorPaletteSize'] },
];

/** Body of `POST /generate/pixelate` as sent on the wire. */
export const PixelateBodySchema = PixelateFieldsSchema.check(z.refine(...paletteOrSize));
/** The parsed shape of {@link PixelateBodySchema}. */
export type PixelateBody = z.output<typeof PixelateBodySchema>;
