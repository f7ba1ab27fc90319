import type { EmbedParamsSchema, EmbedResult } from './embed-endpoint.js';
import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';

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
    super(client, 'embed', () => import('./embed-endpoint.js'));
  }
}
