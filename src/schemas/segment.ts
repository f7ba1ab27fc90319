import * as z from 'zod/mini';
import { ImageRefSchema } from './generation.js';

/** Body of `POST /generate/segment` as sent on the wire. */
export const SegmentBodySchema = z.strictObject({
  /** The image to segment: asset id or data URL. */
  image: ImageRefSchema,
  /** The segmentation model. */
  checkpoint: z.optional(z.enum(['fastsam_x', 'sam_b', 'sam_h'])),
  /** Words describing the object to segment: `the sword`. */
  text: z.optional(z.string()),
  /** A box around the object, in the API's own string form. */
  bbox: z.optional(z.array(z.string())),
  /** Points on the object, in the API's own string form. */
  points: z.optional(z.array(z.array(z.string()))),
  /** Grow the masks by this many pixels. */
  dilate: z.optional(z.number().check(z.int(), z.minimum(0))),
  /** Opacity of the background in the result images, 0–255. */
  backgroundOpacity: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(255))),
  /** Remove small dark spots and close small bright cracks. */
  betterQuality: z.optional(z.boolean()),
  /** Return the masks (black and white images). */
  resultMask: z.optional(z.boolean()),
  /** Return the cut-out object. */
  resultImage: z.optional(z.boolean()),
  /** Return the contours. */
  resultContours: z.optional(z.boolean()),
});
/** The parsed shape of {@link SegmentBodySchema}. */
export type SegmentBody = z.output<typeof SegmentBodySchema>;
