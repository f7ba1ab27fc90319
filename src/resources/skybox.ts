import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SkyboxBodySchema } from '../schemas/skybox.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.skybox.create/run/estimate`: the wire body, with every image field taking any
 * image input. `image` is inlined or uploaded as usual; `structureImage`, `cannyStructureImage`,
 * `depthImage` and `styleImages`, which the route takes as asset ids only, are uploaded (as
 * hidden assets) unless they are asset ids already.
 */
export const SkyboxParamsSchema = z.extend(SkyboxBodySchema, {
  /** A starting image. Any image input. */
  image: z.optional(ImageInputSchema),
  /** A structure reference a canny detector is run on. Any image input. */
  structureImage: z.optional(ImageInputSchema),
  /** A structure reference that already is a canny map. Any image input. */
  cannyStructureImage: z.optional(ImageInputSchema),
  /** A depth map to follow. Any image input. */
  depthImage: z.optional(ImageInputSchema),
  /** Style references. Any image inputs. */
  styleImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link SkyboxParamsSchema}. */
export type SkyboxParams = z.input<typeof SkyboxParamsSchema>;

/**
 * A 360° skybox (`POST /generate/skybox-base-360`): an equirectangular panorama, twice as wide as
 * high, whose left and right edges meet, ready for a sky sphere or a cubemap converter. From a
 * prompt, optionally a starting `image`, a `style` and structure or depth references.
 *
 * @example
 * ```ts
 * const { assets: [sky] } = await client.skybox.run({ prompt: 'alien desert at dusk, two moons', style: 'fantasy', width: 2048 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.skybox.create({ prompt: 'snowy mountain range at dawn', style: 'photo' });
 * const { assets: [sky] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [sky] } = await client.skybox.run({ prompt: 'alien desert at dusk, two moons', style: 'fantasy', width: 2048 });
 * console.log(sky?.properties.width, sky?.properties.height); // 2048 1024
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.skybox.estimate({ prompt: 'snowy mountain range at dawn', numOutputs: 2 });
 * ```
 */
export class Skybox extends GenerationResource<typeof SkyboxParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'skybox params',
      schema: SkyboxParamsSchema,
      async prepare({ image, structureImage, cannyStructureImage, depthImage, styleImages, ...rest }, context) {
        const images = await resolveImageFields(
          {
            image: { input: image },
            structureImage: { input: structureImage, assetIdOnly: true },
            cannyStructureImage: { input: cannyStructureImage, assetIdOnly: true },
            depthImage: { input: depthImage, assetIdOnly: true },
            styleImages: { input: styleImages, assetIdOnly: true },
          },
          context,
        );
        return { path: '/generate/skybox-base-360', body: { ...rest, ...images } };
      },
    });
  }
}
