import * as z from 'zod/mini';
import { FractionSchema, ImageRefSchema, SeedSchema } from './generation.js';

/**
 * Sampling fields of the language routes (`caption`, `describe-style`, `prompt`, `translate`).
 * Change `temperature` or `topP`, not both.
 */
export const TextSamplingFields = {
  /** 0–2: higher is more varied, lower more focused. */
  temperature: z.optional(z.number().check(z.minimum(0), z.maximum(2))),
  /** Nucleus sampling, 0–1: `0.1` keeps the tokens of the top 10% probability mass. */
  topP: z.optional(FractionSchema),
  /** Best-effort reproducibility with the same parameters. */
  seed: z.optional(SeedSchema),
  /** Try to keep protected IP (names, brands) out of the text. */
  ensureIPCleared: z.optional(z.boolean()),
};

/** Images as the language routes take them: asset ids or data URLs, at least one. */
export const TextImagesSchema = z.array(ImageRefSchema).check(z.minLength(1));

/** Phrases the text must not contain. */
export const UnwantedSequencesSchema = z.array(z.string().check(z.minLength(1)));
