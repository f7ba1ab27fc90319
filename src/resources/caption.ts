import type { CaptionParamsSchema, CaptionResult } from './caption-endpoint.js';
import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';

/**
 * Captions (`POST /generate/caption`): a description of each image, as a prompt that would make
 * it; with `modelId`, in the way that model's training images are captioned. For training sets
 * and asset libraries. The result is text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { captions } = await client.caption.run({ images: ['./hero.png', './villain.png'] });
 * ```
 * @example create
 * ```ts
 * const generation = await client.caption.create({ images: ['asset_hero'], detailsLevel: 'action+style' });
 * const { captions } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { captions: [heroCaption, villainCaption] } = await client.caption.run({ images: ['./hero.png', './villain.png'] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.caption.estimate({ images: ['asset_hero'] });
 * ```
 */
export class Caption extends GenerationResource<typeof CaptionParamsSchema, CaptionResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'caption', () => import('./caption-endpoint.js'));
  }
}
