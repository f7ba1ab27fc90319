import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { VectorizeFieldsSchema, vectorizeTuningRule } from '../schemas/vectorize.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.vectorize.create/run/estimate`: the wire body, with `image` taking any image
 * input (the route takes asset ids only, so anything else is uploaded first, as a hidden asset).
 */
export const VectorizeParamsSchema = z
  .extend(VectorizeFieldsSchema, {
    /** The image to trace. Any image input. */
    image: ImageInputSchema,
  })
  .check(vectorizeTuningRule);
/** What the caller passes, as {@link VectorizeParamsSchema}. */
export type VectorizeParams = z.input<typeof VectorizeParamsSchema>;

/**
 * Vectorization (`POST /generate/vectorize`): an image traced into an SVG asset
 * (`image/svg+xml`), for icons and UI art that scale to any size. A `preset` picks the tracing
 * settings; with `preset: 'custom'` (or none) the tuning fields apply.
 *
 * @example
 * ```ts
 * const { assets: [svg] } = await client.vectorize.run({ image: './shield-icon.png', preset: 'poster' });
 * const text = new TextDecoder().decode(await client.assets.download(svg!));
 * ```
 * @example create
 * ```ts
 * const generation = await client.vectorize.create({ image: 'asset_icon', preset: 'bw' });
 * const { assets: [svg] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [svg] } = await client.vectorize.run({ image: './shield-icon.png', colorMode: 'color', mode: 'spline', filterSpeckle: 4 });
 * console.log(svg?.mimeType); // image/svg+xml
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.vectorize.estimate({ image: 'asset_icon' });
 * ```
 */
export class Vectorize extends GenerationResource<typeof VectorizeParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'vectorize params',
      schema: VectorizeParamsSchema,
      async prepare({ image, ...rest }, context) {
        const images = await resolveImageFields({ image: { input: image, assetIdOnly: true } }, context);
        return { path: '/generate/vectorize', body: { ...rest, image: images.image } };
      },
    });
  }
}
