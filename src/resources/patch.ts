import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PatchFieldsSchema } from '../schemas/patch.js';
import { transparentNeedsPng } from '../schemas/remove-background.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.patch.create/run/estimate`: the wire body, with `image` and `patch.image` taking any image input. */
export const PatchParamsSchema = z
  .extend(PatchFieldsSchema, {
    /** The image to patch. Any image input. */
    image: ImageInputSchema,
    /** What to merge in (any image input), and how: `override` paints it over, `erase` clears where it is opaque. */
    patch: z.strictObject({ image: ImageInputSchema, mode: PatchFieldsSchema.shape.patch.shape.mode }),
  })
  .check(z.refine(...transparentNeedsPng));
/** What the caller passes, as {@link PatchParamsSchema}. */
export type PatchParams = z.input<typeof PatchParamsSchema>;

/**
 * Patching (`POST /generate/patch`): one image merged onto another at `position`, painted over
 * it (`mode: 'override'`) or erasing it where the patch is opaque (`mode: 'erase'`, the erased
 * area becoming `backgroundColor`), optionally cropped. No model runs: for decals, sprite
 * compositing and quick erasures.
 *
 * @example
 * ```ts
 * const { assets: [decorated] } = await client.patch.run({ image: './wall.png', patch: { image: './banner.png', mode: 'override' }, position: { x: 64, y: 32 } });
 * ```
 * @example create
 * ```ts
 * const generation = await client.patch.create({ image: 'asset_wall', patch: { image: 'asset_banner', mode: 'override' } });
 * const { assets: [decorated] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * // Erase a region to transparency: the patch's opaque pixels say where.
 * const { assets: [cut] } = await client.patch.run({ image: './sprite.png', patch: { image: './hole.png', mode: 'erase' }, backgroundColor: 'transparent' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.patch.estimate({ image: 'asset_wall', patch: { image: 'asset_banner', mode: 'override' } });
 * ```
 */
export class Patch extends GenerationResource<typeof PatchParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'patch params',
      schema: PatchParamsSchema,
      async prepare({ image, patch, ...rest }, context) {
        const images = await resolveImageFields(
          { image: { input: image }, 'patch.image': { input: patch.image } },
          context,
        );
        return {
          path: '/generate/patch',
          body: { ...rest, image: images.image, patch: { ...patch, image: images['patch.image'] } },
        };
      },
    });
  }
}
