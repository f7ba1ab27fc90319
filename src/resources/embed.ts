import type * as z from 'zod/mini';
import { EmbedBodySchema, EmbedOutputSchema } from '../schemas/embed.js';
import type { Job } from '../schemas/job.js';
import { outputFields } from './generation-outcome.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

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

/**
 * Text embedding (`POST /generate/embed`): a vector for a text, to compare prompts, captions and
 * asset descriptions by meaning (cosine similarity). The result is a vector, not assets: the
 * API answers with it at once.
 *
 * @example
 * ```ts
 * const { embedding } = await client.embed.run({ text: 'a rusty iron sword' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.embed.create({ text: 'a rusty iron sword' });
 * const { embedding } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const [sword, blade] = await Promise.all(['a rusty iron sword', 'an old corroded blade'].map((text) => client.embed.run({ text })));
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.embed.estimate({ text: 'a rusty iron sword' });
 * ```
 */
export class Embed extends GenerationResource<typeof EmbedParamsSchema, EmbedResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'embed params',
      schema: EmbedParamsSchema,
      async prepare(body) {
        return { path: '/generate/embed', body };
      },
      outcome: outputFields(EmbedOutputSchema, 'POST /generate/embed'),
    });
  }
}
