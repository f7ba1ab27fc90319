import * as z from 'zod/mini';
import { PromptSchema } from './generation.js';

/** Body of `POST /generate/embed` as sent on the wire. */
export const EmbedBodySchema = z.strictObject({
  /** The text to embed; not empty. */
  text: PromptSchema,
});
/** The parsed shape of {@link EmbedBodySchema}. */
export type EmbedBody = z.output<typeof EmbedBodySchema>;

/** What `POST /generate/embed` answers besides the job: the vector (1024 numbers). */
export const EmbedOutputSchema = z.object({ embedding: z.array(z.number()) });
