import * as z from 'zod/mini';
import { type GenerationContext, GenerationResource } from '../lib/generation-resource.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { resolveImages } from '../lib/resolve-images.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/generation.js';
import { Img2ImgBodySchema } from '../schemas/img2img.js';

/**
 * Params of `client.img2img.create/run/estimate`: the wire body, except that `image` takes any
 * image input (asset id, data URL, URL, file path, bytes, Blob, stream) and `influence`
 * (0–100, the web app's slider) may replace `strength`. Unknown keys are refused.
 */
export const Img2ImgParamsSchema = z
  .extend(Img2ImgBodySchema, {
    /** The reference image: any image input; resolved (inlined or uploaded) before the request. */
    image: ImageInputSchema,
    /** 0–100, higher stays closer to the reference; sent as `strength = clamp((100 - influence) / 100, 0.01, 1)`. */
    influence: z.optional(InfluenceSchema),
  })
  .check(z.refine(...influenceOrStrength));
/** What the caller passes, as {@link Img2ImgParamsSchema}. */
export type Img2ImgParams = z.input<typeof Img2ImgParamsSchema>;

/**
 * Image-to-image (`POST /generate/img2img`): a new image from a reference image and a prompt.
 *
 * @example
 * ```ts
 * const { assets } = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight, painted', image: './sketch.png', influence: 20, numSamples: 3 });
 * ```
 */
export class Img2Img extends GenerationResource<typeof Img2ImgParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(context: GenerationContext) {
    super(context, {
      what: 'img2img params',
      schema: Img2ImgParamsSchema,
      async prepare({ image, influence, strength, ...rest }, context) {
        const [resolved] = await resolveImages([{ field: 'image', input: image }], context);
        const body = {
          ...rest,
          image: resolved,
          strength: strengthOf({ influence, strength }),
        };
        return { path: '/generate/img2img', body };
      },
    });
  }
}
