import * as z from 'zod/mini';
import {
  AssetIdRefSchema,
  ConceptSchema,
  FractionSchema,
  ImageRefSchema,
  PromptSchema,
  SeedSchema,
} from './generation.js';

/** Models `POST /generate/prompt-editing` runs. */
export const PROMPT_EDITING_MODELS = [
  'flux-kontext',
  'gemini-2.0-flash',
  'gemini-2.5-flash',
  'gpt-image-1',
  'runway-gen4-image',
  'seedream-4',
] as const;

/** Aspect ratios of a prompt edit; `auto` keeps the model's choice. Which ones a model supports varies. */
export const PROMPT_EDITING_ASPECT_RATIOS = [
  '16:9',
  '1:1',
  '21:9',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '9:21',
  'auto',
] as const;

/**
 * Body of `POST /generate/prompt-editing` as sent on the wire. The route is deprecated in
 * Scenario's reference (the models behind it run through `/generate/custom/{modelId}` too) but
 * still served.
 */
export const PromptEditingBodySchema = z.strictObject({
  /** The image to edit: asset id or data URL. */
  image: ImageRefSchema,
  /** The edit, in words: `make the knight's armour gold`. */
  prompt: PromptSchema,
  /** The model that edits. */
  modelId: z.optional(z.enum(PROMPT_EDITING_MODELS)),
  /** More images the edit may draw on: asset ids (the route does not say it takes data URLs). */
  referenceImages: z.optional(z.array(AssetIdRefSchema).check(z.minLength(1))),
  /** gpt-image-1 only: where to edit (black = replace, the rest kept), asset id or data URL. */
  mask: z.optional(ImageRefSchema),
  aspectRatio: z.optional(z.enum(PROMPT_EDITING_ASPECT_RATIOS)),
  /** gpt-image-1 only. */
  format: z.optional(z.enum(['jpeg', 'png', 'webp'])),
  /** gpt-image-1 only, jpeg and webp: compression 0–100 (default 100). */
  compression: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
  /** gpt-image-1 only: `high` keeps faces and logos of the inputs closer. */
  inputFidelity: z.optional(z.enum(['high', 'low'])),
  /** gpt-image-1, flux-kontext, runway-gen4-image and seedream-4. */
  quality: z.optional(z.enum(['high', 'low', 'medium'])),
  /** Images to make (plans may cap it). */
  numSamples: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(128))),
  /** flux-kontext only. */
  guidanceScale: z.optional(z.number().check(z.minimum(0), z.maximum(20))),
  /** flux-kontext LoRAs only. */
  strength: z.optional(FractionSchema),
  concepts: z.optional(z.array(ConceptSchema)),
  /** flux-kontext only. */
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link PromptEditingBodySchema}. */
export type PromptEditingBody = z.output<typeof PromptEditingBodySchema>;
