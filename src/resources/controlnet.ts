import * as z from 'zod/mini';
import { type GenerationContext, GenerationResource } from '../lib/generation-resource.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { resolveImages } from '../lib/resolve-images.js';
import { ControlNetBodySchema } from '../schemas/controlnet.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/generation.js';

/**
 * Params of `client.controlnet.create/run/estimate`. `image` (and `controlImage`) take any image
 * input. With `image` alone, it is the control map (`POST /generate/controlnet`); with
 * `controlImage` too, `image` is the init image and `controlImage` the control map, sent to
 * `POST /generate/controlnet-img2img`, where `influence` (0–100) or `strength` apply.
 */
export const ControlNetParamsSchema = z
  .extend(ControlNetBodySchema, {
    /** The control map, or the init image when `controlImage` is given. Any image input. */
    image: ImageInputSchema,
    /** The control map of the img2img variant. Any image input. */
    controlImage: z.optional(ImageInputSchema),
    /** img2img variant only: 0–100, higher stays closer to `image`. */
    influence: z.optional(InfluenceSchema),
  })
  .check(
    z.refine(...influenceOrStrength),
    z.refine((params) => params.controlImage !== undefined || (params.influence ?? params.strength) === undefined, {
      message: 'influence and strength apply only with controlImage (ControlNet on an init image)',
      path: ['controlImage'],
    }),
  );
/** What the caller passes, as {@link ControlNetParamsSchema}. */
export type ControlNetParams = z.input<typeof ControlNetParamsSchema>;

/**
 * ControlNet (`POST /generate/controlnet`): a new image that follows the structure of a control
 * map (pose, depth, edges…) given as `modality`.
 *
 * @example
 * ```ts
 * const { assets } = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: './pose.png' });
 * const mixed = await client.controlnet.create({ modelId: 'model_sdxl', prompt: 'a castle', modality: 'depth:0.5,canny:1.0', image: 'asset_abc' });
 * ```
 */
export class ControlNet extends GenerationResource<typeof ControlNetParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(context: GenerationContext) {
    super(context, {
      what: 'controlnet params',
      schema: ControlNetParamsSchema,
      async prepare({ image, controlImage, influence, strength, ...rest }, context) {
        const slots = [{ field: 'image', input: image }];
        if (controlImage !== undefined) slots.push({ field: 'controlImage', input: controlImage });
        const [resolvedImage, resolvedControl] = await resolveImages(slots, context);
        const body = {
          ...rest,
          image: resolvedImage,
          controlImage: resolvedControl,
          strength: strengthOf({ influence, strength }),
        };
        return { path: resolvedControl ? '/generate/controlnet-img2img' : '/generate/controlnet', body };
      },
    });
  }
}
