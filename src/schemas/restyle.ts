import * as z from 'zod/mini';
import {
  AssetIdRefSchema,
  FractionSchema,
  ImageRefSchema,
  InferenceStepsSchema,
  PercentSchema,
  SeedSchema,
} from './generation.js';

/** Body of `POST /generate/restyle` as sent on the wire. */
export const RestyleBodySchema = z.strictObject({
  /** The sketch (or any image) to restyle: asset id or data URL. */
  image: ImageRefSchema,
  /** The style references: asset ids (the route does not say it takes data URLs). */
  styleImages: z.array(AssetIdRefSchema).check(z.minLength(1)),
  /** How much the result looks like the style images, 0–100. */
  styleFidelity: z.optional(PercentSchema),
  /** How much of the input's structure is kept, 0–100. */
  structureFidelity: z.optional(PercentSchema),
  /** What the result shows: `cute++ chibi character`. */
  prompt: z.optional(z.string()),
  /** How closely the prompt is followed, 0–100. */
  promptFidelity: z.optional(PercentSchema),
  /** Fraction of the steps the structure control applies to. */
  controlEnd: z.optional(FractionSchema),
  /** Read the input with sketch detection instead of canny edges. */
  sketch: z.optional(z.boolean()),
  /** Cluster the input's colours first. */
  clustering: z.optional(z.boolean()),
  numInferenceSteps: z.optional(InferenceStepsSchema),
  seed: z.optional(SeedSchema),
});
/** The parsed shape of {@link RestyleBodySchema}. */
export type RestyleBody = z.output<typeof RestyleBodySchema>;
