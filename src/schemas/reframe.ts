import * as z from 'zod/mini';
import { ConceptSchema, ImageRefSchema, InferenceStepsSchema, PercentSchema, SeedSchema } from './generation.js';

/** Where `POST /generate/reframe` places the input in the new frame. */
export const REFRAME_LOCATIONS = ['bottom', 'left', 'middle', 'right', 'top'] as const;

/** A side of a reframed output in pixels. The API states no range: the SDK takes 64–8192. */
export const ReframeSideSchema = z.number().check(z.int(), z.minimum(64), z.maximum(8192));

/**
 * Body of `POST /generate/reframe` as sent on the wire. The deprecated `horizontalExpansionRatio`,
 * `verticalExpansionRatio` and `negativePrompt` are never sent.
 */
export const ReframeBodySchema = z.strictObject({
  /** The image to reframe: asset id or data URL. */
  image: ImageRefSchema,
  /** Output width in pixels. */
  targetWidth: ReframeSideSchema,
  /** Output height in pixels. */
  targetHeight: ReframeSideSchema,
  /** Where the input goes in the output (default `middle`). */
  inputLocation: z.optional(z.enum(REFRAME_LOCATIONS)),
  /**
   * The input's size in the output, as a percentage of the largest size it fits at: 100 (the
   * default) fits it to the frame, 50 half that. The API documents it as a proportion; the SDK
   * reads it, as the outpainting tools it comes from do, in percent.
   */
  resizeOption: z.optional(z.number().check(z.minimum(1), z.maximum(100))),
  /** How far, in percent, the new content overlaps the input's edges to blend in. */
  overlapPercentage: z.optional(PercentSchema),
  /** What the new space should show. */
  prompt: z.optional(z.string()),
  /** How closely the prompt is followed, 0–100. */
  promptFidelity: z.optional(PercentSchema),
  numInferenceSteps: z.optional(InferenceStepsSchema),
  concepts: z.optional(z.array(ConceptSchema)),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link ReframeBodySchema}. */
export type ReframeBody = z.output<typeof ReframeBodySchema>;
