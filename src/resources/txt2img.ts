import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { Txt2ImgParamsSchema } from './txt2img-endpoint.js';

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
    super(client, 'txt2img', () => import('./txt2img-endpoint.js'));
  }
}
