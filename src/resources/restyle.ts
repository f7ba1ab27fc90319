import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { RestyleBodySchema } from '../schemas/restyle.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.restyle.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input (style images, which the SDK sends as asset ids, are uploaded as hidden
 * assets unless they are asset ids already).
 */
export const RestyleParamsSchema = z.extend(RestyleBodySchema, {
  /** The sketch (or any image) to restyle. Any image input. */
  image: ImageInputSchema,
  /** One or more style references. Any image inputs. */
  styleImages: z.array(ImageInputSchema).check(z.minLength(1)),
});
/** What the caller passes, as {@link RestyleParamsSchema}. */
export type RestyleParams = z.input<typeof RestyleParamsSchema>;

/**
 * Restyling (`POST /generate/restyle`): a sketch or render repainted in the look of one or more
 * style images, its structure kept (`structureFidelity`) and the style followed as closely as
 * `styleFidelity` says.
 *
 * @example
 * ```ts
 * const { assets: [painted] } = await client.restyle.run({ image: './greybox-scene.png', styleImages: ['./concept-art.png'], styleFidelity: 70 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.restyle.create({ image: 'asset_sketch', styleImages: ['asset_style'] });
 * const { assets: [painted] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [painted] } = await client.restyle.run({ image: './greybox-scene.png', styleImages: ['./concept-art.png'], styleFidelity: 70, prompt: 'a cosy tavern' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.restyle.estimate({ image: 'asset_sketch', styleImages: ['asset_style'] });
 * ```
 */
export class Restyle extends GenerationResource<typeof RestyleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'restyle params',
      schema: RestyleParamsSchema,
      async prepare({ image, styleImages, ...rest }, context) {
        const images = await resolveImageFields(
          { image: { input: image }, styleImages: { input: styleImages, assetIdOnly: true } },
          context,
        );
        return { path: '/generate/restyle', body: { ...rest, ...images } };
      },
    });
  }
}
