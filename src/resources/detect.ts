import * as z from 'zod/mini';
import { type GenerationContext, GenerationResource } from '../core/generation-resource.js';
import { ImageInputSchema } from '../core/image-input.js';
import { resolveImages } from '../core/resolve-images.js';
import { type GenerationSubmitResponse, GenerationSubmitResponseSchema, ImageRefSchema } from './generation.js';

/** Maps `POST /generate/detect` can extract. Note `normal`, `segmentation`, `grayscale` (ControlNet says `normal-map`, `seg`, `gray`). */
export const DetectModalitySchema = z.enum([
  'canny',
  'depth',
  'grayscale',
  'lineart_anime',
  'mlsd',
  'normal',
  'pose',
  'scribble',
  'segmentation',
  'sketch',
]);
/** The parsed shape of {@link DetectModalitySchema}. */
export type DetectModality = z.output<typeof DetectModalitySchema>;

/** Body of `POST /generate/detect` as sent on the wire. */
export const DetectBodySchema = z.strictObject({
  image: ImageRefSchema,
  modality: DetectModalitySchema,
  /** Canny thresholds. */
  lowThreshold: z.optional(z.number().check(z.minimum(0), z.maximum(255))),
  highThreshold: z.optional(z.number().check(z.minimum(0), z.maximum(255))),
  minThreshold: z.optional(z.number()),
  maxThreshold: z.optional(z.number()),
  /** Contrast factor (grayscale). */
  factor: z.optional(z.number()),
  /** Remove the background first (grayscale). */
  removeBackground: z.optional(z.boolean()),
  /** Pose keypoint confidence threshold. */
  keypointThreshold: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});
/** The parsed shape of {@link DetectBodySchema}. */
export type DetectBody = z.output<typeof DetectBodySchema>;

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

/** Wire answer of `POST /generate/detect` (may carry the map as `asset`). */
export const DetectCreateResponseSchema = GenerationSubmitResponseSchema;
/** The wire answer of `create()`, before the SDK wraps it in a `GenerationJob`. */
export type DetectCreateResponse = GenerationSubmitResponse;

/**
 * Map detection (`POST /generate/detect`): extracts a control map (edges, depth, pose…) from an
 * image, ready for ControlNet. Detect modality names differ from ControlNet's (`normal` vs `normal-map`).
 *
 * @example
 * ```ts
 * const { assets: [poseMap] } = await client.detect.run({ image: './photo.png', modality: 'pose' });
 * await client.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: poseMap.id });
 * ```
 */
export class Detect extends GenerationResource<typeof DetectParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(context: GenerationContext) {
    super(context, {
      what: 'detect params',
      schema: DetectParamsSchema,
      async prepare({ image, ...rest }, context) {
        const [resolved] = await resolveImages([{ field: 'image', input: image }], context);
        return { path: '/generate/detect', body: { ...rest, image: resolved } };
      },
    });
  }
}
