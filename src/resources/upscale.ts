import * as z from 'zod/mini';
import { ImageInputSchema } from '../lib/image-input.js';
import { resolveImages } from '../lib/resolve-images.js';
import { UpscaleBodySchema } from '../schemas/upscale.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.upscale.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input. `scalingFactor` and `targetWidth` are alternatives: pass one.
 */
export const UpscaleParamsSchema = z
  .extend(UpscaleBodySchema, {
    /** The image to upscale. Any image input. */
    image: ImageInputSchema,
    /** Style references. Any image inputs. */
    styleImages: z.optional(z.array(ImageInputSchema).check(z.maxLength(10))),
  })
  .check(
    z.refine((params) => params.scalingFactor === undefined || params.targetWidth === undefined, {
      // The API silently ignores scalingFactor when targetWidth is set; refusing both avoids a surprise.
      message: 'pass scalingFactor or targetWidth, not both',
      path: ['scalingFactor'],
    }),
  );
/** What the caller passes, as {@link UpscaleParamsSchema}. */
export type UpscaleParams = z.input<typeof UpscaleParamsSchema>;

/**
 * Upscaling (`POST /generate/upscale`): a larger, sharper version of an image, by `scalingFactor`
 * (1–16) or to `targetWidth`.
 *
 * @example
 * ```ts
 * const { assets: [big] } = await client.upscale.run({ image: 'asset_abc', scalingFactor: 2, preset: 'precise' });
 * console.log(big.properties.width);
 * ```
 * @example create
 * ```ts
 * const generation = await client.upscale.create({ image: 'asset_abc', targetWidth: 4096 });
 * const { assets: [big] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [big] } = await client.upscale.run({ image: './sprite.png', scalingFactor: 4, style: 'cartoon' });
 * console.log(big.properties.width);
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.upscale.estimate({ image: 'asset_abc', scalingFactor: 8 });
 * ```
 */
export class Upscale extends GenerationResource<typeof UpscaleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'upscale params',
      schema: UpscaleParamsSchema,
      async prepare({ image, styleImages, ...rest }, context) {
        const styleSlots = (styleImages ?? []).map((input, i) => ({ field: `styleImages[${i}]`, input }));
        const [resolved, ...styles] = await resolveImages([{ field: 'image', input: image }, ...styleSlots], context);
        return { path: '/generate/upscale', body: { ...rest, image: resolved, styleImages: styleImages && styles } };
      },
    });
  }
}
