import { z } from 'zod';
import { ImageRefSchema } from './generation.js';

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
export type DetectModality = z.output<typeof DetectModalitySchema>;

/** Body of `POST /generate/detect` as sent on the wire. */
export const DetectBodySchema = z.strictObject({
  image: ImageRefSchema,
  modality: DetectModalitySchema,
  /** Canny thresholds. */
  lowThreshold: z.number().min(0).max(255).optional(),
  highThreshold: z.number().min(0).max(255).optional(),
  minThreshold: z.number().optional(),
  maxThreshold: z.number().optional(),
  /** Contrast factor (grayscale). */
  factor: z.number().optional(),
  /** Remove the background first (grayscale). */
  removeBackground: z.boolean().optional(),
  /** Pose keypoint confidence threshold. */
  keypointThreshold: z.number().min(0).max(1).optional(),
});
export type DetectBody = z.output<typeof DetectBodySchema>;
