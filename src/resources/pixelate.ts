import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PixelateFieldsSchema, paletteOrSize } from '../schemas/pixelate.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.pixelate.create/run/estimate`: the wire body, with `image` taking any image
 * input (the route takes asset ids only, so anything else is uploaded first, as a hidden asset)
 * and `removeNoise`, which the API requires, defaulting to `false`.
 */
export const PixelateParamsSchema = z
  .extend(PixelateFieldsSchema, {
    /** The image to pixelate. Any image input. */
    image: ImageInputSchema,
    /** Reduce pixel-art artifacts. Default `false`. */
    removeNoise: z._default(z.boolean(), false),
  })
  .check(z.refine(...paletteOrSize));
/** What the caller passes, as {@link PixelateParamsSchema}. */
export type PixelateParams = z.input<typeof PixelateParamsSchema>;

/**
 * Pixel art from an image (`POST /generate/pixelate`): a grid of `pixelGridSize` pixel-art pixels
 * along the longer side, each one flat colour, in at most `colorPaletteSize` colours (or only
 * those of `colorPalette`); `removeBackground` cuts the subject out first, for sprites.
 *
 * @example
 * ```ts
 * const { assets: [sprite] } = await client.pixelate.run({ image: './knight.png', pixelGridSize: 64, colorPaletteSize: 16, removeBackground: true });
 * ```
 * @example create
 * ```ts
 * const generation = await client.pixelate.create({ image: 'asset_knight', pixelGridSize: 32 });
 * const { assets: [sprite] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [sprite] } = await client.pixelate.run({ image: './knight.png', pixelGridSize: 64, colorPaletteSize: 16, removeBackground: true });
 * // With a fixed palette (a Game Boy's four greens):
 * const gameBoy = await client.pixelate.run({ image: 'asset_knight', pixelGridSize: 32, colorPalette: [[15, 56, 15], [48, 98, 48], [139, 172, 15], [155, 188, 15]] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.pixelate.estimate({ image: 'asset_knight', pixelGridSize: 64 });
 * ```
 */
export class Pixelate extends GenerationResource<typeof PixelateParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'pixelate params',
      schema: PixelateParamsSchema,
      async prepare({ image, ...rest }, context) {
        const images = await resolveImageFields({ image: { input: image, assetIdOnly: true } }, context);
        return { path: '/generate/pixelate', body: { ...rest, image: images.image } };
      },
    });
  }
}
