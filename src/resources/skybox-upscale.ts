import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SkyboxUpscaleBodySchema } from '../schemas/skybox.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.skyboxUpscale.create/run/estimate`: the wire body, with `image` and
 * `styleImages` taking any image input (style images, which the route takes as asset ids only,
 * are uploaded as hidden assets unless they are asset ids already).
 */
export const SkyboxUpscaleParamsSchema = z.extend(SkyboxUpscaleBodySchema, {
  /** The 360° image to upscale. Any image input. */
  image: ImageInputSchema,
  /** Style references. Any image inputs. */
  styleImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link SkyboxUpscaleParamsSchema}. */
export type SkyboxUpscaleParams = z.input<typeof SkyboxUpscaleParamsSchema>;

/**
 * Skybox upscaling (`POST /generate/skybox-upscale-360`): a 360° panorama enlarged by
 * `scalingFactor` (or to `targetWidth`) with its equirectangular geometry kept, so the left and
 * right edges still meet.
 *
 * @example
 * ```ts
 * const { assets: [large] } = await client.skyboxUpscale.run({ image: 'asset_sky', scalingFactor: 2 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.skyboxUpscale.create({ image: 'asset_sky', targetWidth: 8192 });
 * const { assets: [large] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [large] } = await client.skyboxUpscale.run({ image: './sky.png', scalingFactor: 2, colorCorrection: true });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.skyboxUpscale.estimate({ image: 'asset_sky', scalingFactor: 4 });
 * ```
 */
export class SkyboxUpscale extends GenerationResource<typeof SkyboxUpscaleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'skyboxUpscale params',
      schema: SkyboxUpscaleParamsSchema,
      async prepare({ image, styleImages, ...rest }, context) {
        const images = await resolveImageFields(
          { image: { input: image }, styleImages: { input: styleImages, assetIdOnly: true } },
          context,
        );
        return { path: '/generate/skybox-upscale-360', body: { ...rest, ...images } };
      },
    });
  }
}
