import * as z from 'zod/mini';
import { ImageInputSchema } from '../lib/image-input.js';
import { resolveImages } from '../lib/resolve-images.js';
import { DetectBodySchema } from '../schemas/detect.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

type Thresholds = Partial<Record<'lowThreshold' | 'highThreshold' | 'minThreshold' | 'maxThreshold', number>>;

/** Refinement: threshold `low` must not exceed `high` when both are given. */
function ordered(
  low: keyof Thresholds,
  high: keyof Thresholds,
): [(params: Thresholds) => boolean, { message: string; path: string[] }] {
  const check = (params: Thresholds) =>
    (params[low] ?? Number.NEGATIVE_INFINITY) <= (params[high] ?? Number.POSITIVE_INFINITY);
  return [check, { message: `${low} must not exceed ${high}`, path: [low] }];
}

/** Params of `client.detect.create/run/estimate`: the wire body, with `image` taking any image input. */
export const DetectParamsSchema = z
  .extend(DetectBodySchema, {
    /** The image to extract a map from. Any image input. */
    image: ImageInputSchema,
  })
  .check(z.refine(...ordered('lowThreshold', 'highThreshold')), z.refine(...ordered('minThreshold', 'maxThreshold')));
/** What the caller passes, as {@link DetectParamsSchema}. */
export type DetectParams = z.input<typeof DetectParamsSchema>;

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
    super(client, {
      what: 'detect params',
      schema: DetectParamsSchema,
      async prepare({ image, ...rest }, context) {
        const [resolved] = await resolveImages([{ field: 'image', input: image }], context);
        return { path: '/generate/detect', body: { ...rest, image: resolved } };
      },
    });
  }
}
