import * as z from 'zod/mini';
import { FractionSchema, ImageRefSchema } from './generation.js';

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
  keypointThreshold: z.optional(FractionSchema),
});
/** The parsed shape of {@link DetectBodySchema}. */
export type DetectBody = z.output<typeof DetectBodySchema>;
