import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { PromptParamsSchema, PromptResult } from './prompt-endpoint.js';

/**
 * Prompt writing (`POST /generate/prompt`): prompts completed, invented or structured from a
 * spark (`mode`), conditioned on a model, or an edit instruction for an image
 * (`mode: 'image-editing'`). The result is text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { prompts } = await client.prompt.run({ mode: 'inventive', prompt: 'a potion shop', numResults: 4 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.prompt.create({ mode: 'completion', prompt: 'a dwarven forge,' });
 * const { prompts } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { prompts } = await client.prompt.run({ mode: 'inventive', prompt: 'a potion shop', numResults: 4 });
 * const { prompts: [edit] } = await client.prompt.run({ mode: 'image-editing', image: './knight.png' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.prompt.estimate({ mode: 'structured', prompt: 'a potion shop' });
 * ```
 */
export class Prompt extends GenerationResource<typeof PromptParamsSchema, PromptResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'prompt', () => import('./prompt-endpoint.js'));
  }
}
