import * as z from 'zod/mini';
import { ImageInputSchema } from '../lib/image-input.js';
import { resolveImages } from '../lib/resolve-images.js';
import { RemoveBackgroundFieldsSchema, transparentNeedsPng } from '../schemas/remove-background.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.removeBackground.create/run/estimate`: the wire body, with `image` taking any image input. */
export const RemoveBackgroundParamsSchema = z
  .extend(RemoveBackgroundFieldsSchema, {
    /** The image to cut out. Any image input. */
    image: ImageInputSchema,
  })
  .check(z.refine(...transparentNeedsPng));
/** What the caller passes, as {@link RemoveBackgroundParamsSchema}. */
export type RemoveBackgroundParams = z.input<typeof RemoveBackgroundParamsSchema>;

/**
 * Background removal (`POST /generate/remove-background`): the subject cut out, on a transparent
 * (png) or solid background.
 *
 * @example
 * ```ts
 * const { assets: [cutout] } = await client.removeBackground.run({ image: 'asset_abc' });
 * const onWhite = await client.removeBackground.run({ image: './hero.jpg', backgroundColor: '#FFFFFF', format: 'jpeg' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.removeBackground.create({ image: 'asset_abc' });
 * const { assets: [cutout] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [cutout] } = await client.removeBackground.run({ image: './hero.png' });
 * const onWhite = await client.removeBackground.run({ image: './hero.jpg', backgroundColor: '#FFFFFF', format: 'jpeg' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.removeBackground.estimate({ image: 'asset_abc' });
 * ```
 */
export class RemoveBackground extends GenerationResource<typeof RemoveBackgroundParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'removeBackground params',
      schema: RemoveBackgroundParamsSchema,
      async prepare({ image, ...rest }, context) {
        const [resolved] = await resolveImages([{ field: 'image', input: image }], context);
        return { path: '/generate/remove-background', body: { ...rest, image: resolved } };
      },
    });
  }
}
