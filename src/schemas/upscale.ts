import * as z from 'zod/mini';
import { ImageRefSchema, PercentSchema, SeedSchema } from './generation.js';

/** Body of `POST /generate/upscale` as sent on the wire. */
export const UpscaleBodySchema = z.strictObject({
  image: ImageRefSchema,
  /** 1–16; ignored when `targetWidth` is set. */
  scalingFactor: z.optional(z.number().check(z.minimum(1), z.maximum(16))),
  /** Output width in pixels; takes priority over `scalingFactor`. */
  targetWidth: z.optional(z.number().check(z.int(), z.minimum(64), z.maximum(16_384))),
  /** Default `balanced`. */
  preset: z.optional(z.enum(['precise', 'balanced', 'creative'])),
  style: z.optional(z.enum(['standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography'])),
  /** How much detail the upscaler may invent. */
  creativity: z.optional(PercentSchema),
  creativityDecay: z.optional(PercentSchema),
  imageFidelity: z.optional(PercentSchema),
  promptFidelity: z.optional(PercentSchema),
  detailsLevel: z.optional(z.number().check(z.minimum(-50), z.maximum(50))),
  fractality: z.optional(PercentSchema),
  refinementSteps: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
  /** Style references: asset ids or data URLs. */
  styleImages: z.optional(z.array(ImageRefSchema).check(z.maxLength(10))),
  styleImagesFidelity: z.optional(PercentSchema),
  tileStyle: z.optional(z.boolean()),
  imageType: z.optional(z.enum(['seamfull', 'skybox', 'texture'])),
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  overrideEmbeddings: z.optional(z.boolean()),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link UpscaleBodySchema}. */
export type UpscaleBody = z.output<typeof UpscaleBodySchema>;
