import * as z from 'zod/mini';
import { imageOrAssetIdField, resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { maskSizeCheck } from '../lib/mask-size.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { ControlNetModalitySchema } from '../schemas/controlnet.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/influence.js';
import { ControlNetInpaintBodySchema } from '../schemas/inpaint.js';
import type { GenerationEndpoint } from './generation-calls.js';

/** Fields that tune the control image; they mean nothing without one. */
const CONTROL_TUNING = ['disableModalityDetection', 'controlStart', 'controlEnd'] as const;

/**
 * Params of `client.inpaint.create/run/estimate`: `image` and `mask` (any image inputs, the same
 * pixel size; white = repaint, black = keep), `influence` (0–100) or `strength` for how far the
 * repainted region may move from the image. The route follows from what is given:
 *
 * - `POST /generate/inpaint`;
 * - with `modality` and `controlImage`, the repainted region follows the control image:
 *   `POST /generate/controlnet-inpaint`;
 * - with `styleImages`, the `-ip-adapter` variant of either. That ControlNet variant takes no
 *   `controlStart`, `controlEnd` or `disableModalityDetection`, so they are refused there.
 *
 * A mask or control image given as an asset id travels as `maskId` / `controlImageId`.
 */
export const InpaintParamsSchema = z
  .extend(z.omit(ControlNetInpaintBodySchema, { maskId: true, controlImageId: true }), {
    /** The image to retouch. Any image input. */
    image: ImageInputSchema,
    /** Where to repaint: white = repaint, black = keep; the size of `image`. Any image input. */
    mask: ImageInputSchema,
    /** With `controlImage`: how to read it (`pose`, `depth`, `canny`…), as for `client.controlnet`. */
    modality: z.optional(ControlNetModalitySchema),
    /** With `modality`: the control map the repainted region follows. Any image input. */
    controlImage: z.optional(ImageInputSchema),
    /** 0–100, higher stays closer to `image` inside the mask; sent as `strength`. */
    influence: z.optional(InfluenceSchema),
    ...StyleImageParams,
  })
  .check(
    z.refine(...influenceOrStrength),
    z.superRefine((params, context) => {
      const withControl = params.modality !== undefined && params.controlImage !== undefined;
      if ((params.modality === undefined) !== (params.controlImage === undefined)) {
        context.addIssue({
          code: 'custom',
          message: 'modality and controlImage go together: both to repaint following a control image, or neither',
          path: [params.modality === undefined ? 'modality' : 'controlImage'],
        });
      }
      for (const field of CONTROL_TUNING) {
        if (params[field] === undefined) continue;
        if (!withControl) {
          context.addIssue({
            code: 'custom',
            message: `${field} applies only with modality and controlImage`,
            path: [field],
          });
        } else if (params.styleImages !== undefined) {
          context.addIssue({
            code: 'custom',
            message: `${field} is not accepted with styleImages (POST /generate/controlnet-inpaint-ip-adapter has no such field)`,
            path: [field],
          });
        }
      }
    }),
    styleImageRules,
  );
/** What the caller passes, as {@link InpaintParamsSchema}. */
export type InpaintParams = z.input<typeof InpaintParamsSchema>;

/** How `client.inpaint` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof InpaintParamsSchema> = {
  schema: InpaintParamsSchema,
  async prepare(params, context) {
    const { image, mask, controlImage, influence, strength, styleImages, styleScale, styleType, ...rest } = params;
    const resolved = await resolveGenerationImages({ image, mask, controlImage }, styleImages, {
      ...context,
      check: maskSizeCheck(context),
    });
    const control = resolved.images.controlImage;
    const body = {
      ...rest,
      image: resolved.images.image,
      ...imageOrAssetIdField(resolved.images.mask, 'mask', 'maskId'),
      ...imageOrAssetIdField(control, 'controlImage', 'controlImageId'),
      strength: strengthOf({ influence, strength }),
    };
    const path = control === undefined ? '/generate/inpaint' : '/generate/controlnet-inpaint';
    return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
  },
};
