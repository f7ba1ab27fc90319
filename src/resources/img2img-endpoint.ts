import * as z from 'zod/mini';
import { resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SeamlessParam, seamlessPath, seamlessRules } from '../lib/seamless.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { Img2ImgBodySchema } from '../schemas/img2img.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/influence.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.img2img.create/run/estimate`: the wire body, except that `image` takes any
 * image input (asset id, data URL, URL, file path, bytes, Blob, stream) and `influence`
 * (0–100, the web app's slider) may replace `strength`. With `styleImages`, the request goes to
 * `POST /generate/img2img-ip-adapter`; with `seamless: true`, to `POST /generate/img2img-texture`
 * (not with style images). Unknown keys are refused.
 */
export const Img2ImgParamsSchema = z
  .extend(Img2ImgBodySchema, {
    /** The reference image: any image input; resolved (inlined or uploaded) before the request. */
    image: ImageInputSchema,
    /** 0–100, higher stays closer to the reference; sent as `strength = clamp((100 - influence) / 100, 0.01, 1)`. */
    influence: z.optional(InfluenceSchema),
    ...StyleImageParams,
    ...SeamlessParam,
  })
  .check(
    z.refine(...influenceOrStrength),
    styleImageRules,
    seamlessRules({ styleImages: 'the API has no seamless route with style images' }),
  );
/** What the caller passes, as {@link Img2ImgParamsSchema}. */
export type Img2ImgParams = z.input<typeof Img2ImgParamsSchema>;

/** How `client.img2img` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof Img2ImgParamsSchema> = {
  schema: Img2ImgParamsSchema,
  async prepare({ image, influence, strength, seamless, styleImages, styleScale, styleType, ...rest }, context) {
    const resolved = await resolveGenerationImages({ image }, styleImages, context);
    const body = { ...rest, image: resolved.images.image, strength: strengthOf({ influence, strength }) };
    const path = seamlessPath('/generate/img2img', seamless);
    return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
  },
};
