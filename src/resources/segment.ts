import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SegmentBodySchema } from '../schemas/segment.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.segment.create/run/estimate`: the wire body, with `image` taking any image input. */
export const SegmentParamsSchema = z.extend(SegmentBodySchema, {
  /** The image to segment. Any image input. */
  image: ImageInputSchema,
});
/** What the caller passes, as {@link SegmentParamsSchema}. */
export type SegmentParams = z.input<typeof SegmentParamsSchema>;

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
    super(client, {
      what: 'segment params',
      schema: SegmentParamsSchema,
      async prepare({ image, ...rest }, context) {
        const images = await resolveImageFields({ image: { input: image } }, context);
        return { path: '/generate/segment', body: { ...rest, image: images.image } };
      },
    });
  }
}
