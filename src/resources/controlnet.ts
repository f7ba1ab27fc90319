import type { ControlNetParamsSchema } from './controlnet-endpoint.js';
import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';

/**
 * ControlNet (`POST /generate/controlnet`): a new image that follows the structure of a control
 * map (pose, depth, edges…) given as `modality`; on an init image with `controlImage`
 * (`controlnet-img2img`), guided by `styleImages` (`controlnet-ip-adapter`), or as seamless tiles
 * with `seamless: true` (`controlnet-texture`).
 *
 * @example
 * ```ts
 * const { assets } = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: './pose.png' });
 * const mixed = await client.controlnet.create({ modelId: 'model_sdxl', prompt: 'a castle', modality: 'depth:0.5,canny:1.0', image: 'asset_abc' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.controlnet.create({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: './pose.png' });
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets } = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: './pose.png' });
 * // On an init image (POST /generate/controlnet-img2img):
 * const traced = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'canny', image: './sketch.png', controlImage: './edges.png', influence: 40 });
 * // In the style of a reference (POST /generate/controlnet-ip-adapter):
 * const styled = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: './pose.png', styleImages: './ink.png' });
 * // Tiles that follow a depth map's relief (POST /generate/controlnet-texture):
 * const tiles = await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'carved stone', modality: 'depth', image: './relief.png', seamless: true });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.controlnet.estimate({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: 'asset_pose' });
 * ```
 */
export class ControlNet extends GenerationResource<typeof ControlNetParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'controlnet', () => import('./controlnet-endpoint.js'));
  }
}
