import { z } from 'zod';
import { GenerationBaseBodySchema, ImageRefSchema } from './generation.js';

/** Body of `POST /generate/img2img` as sent on the wire. */
export const Img2ImgBodySchema = GenerationBaseBodySchema.extend({
  /** The reference image: asset id or data URL. */
  image: ImageRefSchema,
  /** Noise added to the reference: 0.01 stays close, 1 ignores it. */
  strength: z.number().min(0.01).max(1).optional(),
  /** Parent of the asset created from a data-URL `image`. */
  imageParentId: z.string().optional(),
  /** Hide the asset created from a data-URL `image`. */
  imageHide: z.boolean().optional(),
});
export type Img2ImgBody = z.output<typeof Img2ImgBodySchema>;
