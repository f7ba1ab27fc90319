import * as z from 'zod/mini';
import { imageOrAssetIdField, resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SeamlessParam, seamlessPath, seamlessRules } from '../lib/seamless.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { ControlNetBodySchema } from '../schemas/controlnet.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/influence.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.controlnet.create/run/estimate`. `image`, `controlImage` and `styleImages`
 * take any image input. The route follows from what is given:
 *
 * - `image` alone is the control map: `POST /generate/controlnet`;
 * - with `controlImage`, `image` is the init image and `controlImage` the control map:
 *   `POST /generate/controlnet-img2img`, where `influence` (0–100) or `strength` apply;
 * - with `styleImages` (no `controlImage`): `POST /generate/controlnet-ip-adapter`. The API has no
 *   route combining an init image with style images, so both at once are refused;
 * - with `seamless: true` (neither `controlImage` nor `styleImages`): `POST /generate/controlnet-texture`,
 *   outputs that tile seamlessly.
 *
 * On plain `/generate/controlnet` the map is sent as `image`, the field every ControlNet route
 * reads it from; the API's optional `controlImage` there would only repeat it, so the SDK keeps
 * `controlImage` for the init-image case and never sends both meanings on one route. A control
 * image given as an asset id travels as `controlImageId`.
 */
export const ControlNetParamsSchema = z
  .extend(z.omit(ControlNetBodySchema, { controlImageId: true }), {
    /** The control map, or the init image when `controlImage` is given. Any image input. */
    image: ImageInputSchema,
    /** The control map of the img2img variant. Any image input. */
    controlImage: z.optional(ImageInputSchema),
    /** img2img variant only: 0–100, higher stays closer to `image`. */
    influence: z.optional(InfluenceSchema),
    ...StyleImageParams,
    ...SeamlessParam,
  })
  .check(
    z.refine(...influenceOrStrength),
    z.refine((params) => params.controlImage !== undefined || (params.influence ?? params.strength) === undefined, {
      message: 'influence and strength apply only with controlImage (ControlNet on an init image)',
      path: ['controlImage'],
    }),
    z.refine((params) => params.controlImage === undefined || params.styleImages === undefined, {
      message:
        'styleImages do not combine with controlImage: the API has no route for ControlNet on an init image with style images',
      path: ['styleImages'],
    }),
    styleImageRules,
    seamlessRules({
      controlImage: 'the API has no seamless route for ControlNet on an init image',
      styleImages: 'the API has no seamless route with style images',
    }),
  );
/** What the caller passes, as {@link ControlNetParamsSchema}. */
export type ControlNetParams = z.input<typeof ControlNetParamsSchema>;

/** How `client.controlnet` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof ControlNetParamsSchema> = {
  schema: ControlNetParamsSchema,
  async prepare(params, context) {
    const { image, controlImage, influence, strength, seamless, styleImages, styleScale, styleType, ...rest } = params;
    const resolved = await resolveGenerationImages({ image, controlImage }, styleImages, context);
    const control = resolved.images.controlImage;
    const body = {
      ...rest,
      image: resolved.images.image,
      ...imageOrAssetIdField(control, 'controlImage', 'controlImageId'),
      strength: strengthOf({ influence, strength }),
    };
    const path =
      control === undefined ? seamlessPath('/generate/controlnet', seamless) : '/generate/controlnet-img2img';
    return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
  },
};
