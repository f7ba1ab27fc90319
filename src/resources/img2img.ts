import * as z from 'zod/mini';
import { resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SeamlessParam, seamlessPath, seamlessRules } from '../lib/seamless.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { InfluenceSchema, influenceOrStrength, strengthOf } from '../schemas/generation.js';
import { Img2ImgBodySchema } from '../schemas/img2img.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

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

/**
 * Image-to-image (`POST /generate/img2img`): a new image from a reference image and a prompt.
 * With `styleImages` (`POST /generate/img2img-ip-adapter`), their style or character guides it too;
 * with `seamless: true` (`POST /generate/img2img-texture`), the outputs tile without a seam.
 *
 * @example
 * ```ts
 * const { assets } = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight, painted', image: './sketch.png', influence: 20, numSamples: 3 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png', influence: 20 });
 * console.log(generation.id, generation.creativeUnitsCost);
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets } = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight, painted', image: './sketch.png', influence: 20, numSamples: 3 });
 * console.log(assets.map((asset) => asset.url));
 * // The same sketch in the style of two reference images (POST /generate/img2img-ip-adapter):
 * const styled = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png', styleImages: ['./ink.png', './palette.png'], styleScale: [0.8, 0.4] });
 * // A photo of a wall made tileable (POST /generate/img2img-texture):
 * const tile = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'old brick wall', image: './wall.jpg', influence: 40, seamless: true });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.img2img.estimate({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc' });
 * ```
 */
export class Img2Img extends GenerationResource<typeof Img2ImgParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'img2img params',
      schema: Img2ImgParamsSchema,
      async prepare({ image, influence, strength, seamless, styleImages, styleScale, styleType, ...rest }, context) {
        const resolved = await resolveGenerationImages({ image }, styleImages, context);
        const body = { ...rest, image: resolved.images.image, strength: strengthOf({ influence, strength }) };
        const path = seamlessPath('/generate/img2img', seamless);
        return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
      },
    });
  }
}
