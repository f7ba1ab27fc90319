import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { Img2ImgParamsSchema } from './img2img-endpoint.js';

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
    super(client, 'img2img', () => import('./img2img-endpoint.js'));
  }
}
