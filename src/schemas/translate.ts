import * as z from 'zod/mini';
import { PromptSchema } from './generation.js';
import { TextImagesSchema, TextSamplingFields } from './text-sampling.js';

/** Body of `POST /generate/translate` as sent on the wire. */
export const TranslateBodySchema = z.strictObject({
  /** The prompt to translate into English. */
  prompt: PromptSchema,
  /** Images that give the prompt context: asset ids or data URLs. */
  images: z.optional(TextImagesSchema),
  ...TextSamplingFields,
});
/** The parsed shape of {@link TranslateBodySchema}. */
export type TranslateBody = z.output<typeof TranslateBodySchema>;

/** What `POST /generate/translate` answers besides the job. */
export const TranslateOutputSchema = z.object({
  /** The prompt in English. */
  translation: z.string(),
  /** The language the prompt was written in. */
  detectedLanguage: z.string(),
});
