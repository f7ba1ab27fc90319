import type * as z from 'zod/mini';
import { EmbedBodySchema, EmbedOutputSchema } from '../schemas/embed.js';
import type { Job } from '../schemas/job.js';
import type { GenerationEndpoint } from './generation-calls.js';
import { outputFields } from './generation-outcome.js';

/** Params of `client.embed.create/run/estimate`: the wire body. */
export const EmbedParamsSchema = EmbedBodySchema;
/** What the caller passes, as {@link EmbedParamsSchema}. */
export type EmbedParams = z.input<typeof EmbedParamsSchema>;

/** A finished `client.embed` run. */
export interface EmbedResult {
  job: Job;
  /** The text's embedding vector (1024 numbers), for similarity search over prompts and captions. */
  embedding: number[];
}

/** How `client.embed` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof EmbedParamsSchema, EmbedResult> = {
  schema: EmbedParamsSchema,
  async prepare(body) {
    return { path: '/generate/embed', body };
  },
  outcome: outputFields(EmbedOutputSchema, 'POST /generate/embed'),
};
