import { z } from 'zod';
import { ImageRefSchema, SeedSchema } from './generation.js';

const percent = z.number().min(0).max(100);

/** Body of `POST /generate/upscale` as sent on the wire. */
export const UpscaleBodySchema = z.strictObject({
  image: ImageRefSchema,
  /** 1–16; ignored when `targetWidth` is set. */
  scalingFactor: z.number().min(1).max(16).optional(),
  /** Output width in pixels; takes priority over `scalingFactor`. */
  targetWidth: z.number().int().min(64).max(16_384).optional(),
  /** Default `balanced`. */
  preset: z.enum(['precise', 'balanced', 'creative']).optional(),
  style: z.enum(['standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography']).optional(),
  /** How much detail the upscaler may invent. */
  creativity: percent.optional(),
  creativityDecay: percent.optional(),
  imageFidelity: percent.optional(),
  promptFidelity: percent.optional(),
  detailsLevel: z.number().min(-50).max(50).optional(),
  fractality: percent.optional(),
  refinementSteps: z.number().int().min(0).max(100).optional(),
  /** Style references: asset ids or data URLs. */
  styleImages: z.array(ImageRefSchema).max(10).optional(),
  styleImagesFidelity: percent.optional(),
  tileStyle: z.boolean().optional(),
  imageType: z.enum(['seamfull', 'skybox', 'texture']).optional(),
  prompt: z.string().optional(),
  negativePrompt: z.string().optional(),
  overrideEmbeddings: z.boolean().optional(),
  seed: SeedSchema.optional(),
});
export type UpscaleBody = z.output<typeof UpscaleBodySchema>;
