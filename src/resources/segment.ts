import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { SegmentParamsSchema } from './segment-endpoint.js';

/**
 * Segmentation (`POST /generate/segment`): a mask of an object in the image (white = the object),
 * picked by `text`, a box or points, and with `resultImage` the object cut out. Feed the mask to
 * `client.generativeFill` to erase the object, or to `client.inpaint` to repaint it.
 *
 * @example
 * ```ts
 * const { assets: [mask] } = await client.segment.run({ image: './scene.png', text: 'the barrel', dilate: 4 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.segment.create({ image: 'asset_scene', text: 'the barrel' });
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets } = await client.segment.run({ image: './scene.png', text: 'the barrel', resultImage: true });
 * console.log(assets.map((asset) => asset.metadata.type)); // segmentation-mask, segmentation-image
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.segment.estimate({ image: 'asset_scene', text: 'the barrel' });
 * ```
 */
export class Segment extends GenerationResource<typeof SegmentParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'segment', () => import('./segment-endpoint.js'));
  }
}
