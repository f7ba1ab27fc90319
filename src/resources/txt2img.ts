import * as z from 'zod/mini';
import { resolveGenerationImages } from '../lib/generation-images.js';
import { SeamlessParam, seamlessPath, seamlessRules } from '../lib/seamless.js';
import { StyleImageParams, styledRequest, styleImageRules } from '../lib/style-images.js';
import { Txt2ImgBodySchema } from '../schemas/txt2img.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

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

/**
 * Text-to-image (`POST /generate/txt2img`): new images from a prompt alone. With `styleImages`
 * (`POST /generate/txt2img-ip-adapter`), in the style of those images, or with their character
 * (`styleType: 'character'`); with `seamless: true` (`POST /generate/txt2img-texture`), as tiles
 * that repeat without a seam.
 *
 * @example
 * ```ts
 * const { assets } = await client.txt2img.run({ modelId: 'flux.1-dev', prompt: 'a treasure chest, game sprite', numSamples: 4, width: 512, height: 512 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.txt2img.create({ modelId: 'flux.1-dev', prompt: 'a treasure chest, game sprite', numSamples: 4 });
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets } = await client.txt2img.run({ modelId: 'flux.1-dev', prompt: 'a treasure chest, game sprite', numSamples: 4, width: 512, height: 512 });
 * // The same character in new poses (POST /generate/txt2img-ip-adapter):
 * const poses = await client.txt2img.run({ modelId: 'flux.1-dev', prompt: 'the knight, running', styleImages: 'asset_knight', styleType: 'character' });
 * // A tileable floor texture (POST /generate/txt2img-texture):
 * const tiles = await client.txt2img.run({ modelId: 'flux.1-dev', prompt: 'mossy cobblestones, top view', seamless: true });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.txt2img.estimate({ modelId: 'flux.1-dev', prompt: 'a treasure chest', numSamples: 4 });
 * ```
 */
export class Txt2Img extends GenerationResource<typeof Txt2ImgParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'txt2img params',
      schema: Txt2ImgParamsSchema,
      async prepare({ seamless, styleImages, styleScale, styleType, ...body }, context) {
        const resolved = await resolveGenerationImages({}, styleImages, context);
        const path = seamlessPath('/generate/txt2img', seamless);
        return styledRequest(path, body, resolved.styleImages, { styleScale, styleType });
      },
    });
  }
}
