import * as z from 'zod/mini';
import { resolveGenerationImages } from '../lib/generation-images.js';
import { SeamlessParam, seamlessPath, seamlessRules } from '../lib/seamless.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { Txt2ImgBodySchema } from '../schemas/txt2img.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.txt2img.create/run/estimate`: the wire body of `POST /generate/txt2img`,
 * plus Style Images (`styleImages`, `styleScale`, `styleType`), which send the request to
 * `POST /generate/txt2img-ip-adapter`, and `seamless: true`, which sends it to
 * `POST /generate/txt2img-texture` (no style images or `aspectRatio` there). Unknown keys are refused.
 */
export const Txt2ImgParamsSchema = z.extend(Txt2ImgBodySchema, { ...StyleImageParams, ...SeamlessParam }).check(
  styleImageRules,
  seamlessRules({
    styleImages: 'the API has no seamless route with style images',
    aspectRatio: 'POST /generate/txt2img-texture takes width and height',
  }),
);
/** What the caller passes, as {@link Txt2ImgParamsSchema}. */
export type Txt2ImgParams = z.input<typeof Txt2ImgParamsSchema>;

/** How `client.txt2img` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof Txt2ImgParamsSchema> = {
  schema: Txt2ImgParamsSchema,
  async prepare({ seamless, styleImages, styleScale, styleType, ...body }, context) {
    const resolved = await resolveGenerationImages({}, styleImages, context);
    const path = seamlessPath('/generate/txt2img', seamless);
    return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
  },
};
