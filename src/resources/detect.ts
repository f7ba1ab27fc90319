import type { DetectParamsSchema } from './detect-endpoint.js';
import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';

/**
 * Map detection (`POST /generate/detect`): extracts a control map (edges, depth, pose…) from an
 * image, ready for ControlNet. Detect modality names differ from ControlNet's (`normal` vs `normal-map`).
 *
 * @example
 * ```ts
 * const { assets: [poseMap] } = await client.detect.run({ image: './photo.png', modality: 'pose' });
 * await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: poseMap.id });
 * ```
 * @example create
 * ```ts
 * const generation = await client.detect.create({ image: './photo.png', modality: 'depth' });
 * const { assets: [depthMap] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [edges] } = await client.detect.run({ image: './photo.png', modality: 'canny', lowThreshold: 50, highThreshold: 150 });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.detect.estimate({ image: 'asset_abc', modality: 'pose' });
 * ```
 */
export class Detect extends GenerationResource<typeof DetectParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'detect', () => import('./detect-endpoint.js'));
  }
}
