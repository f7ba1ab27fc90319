import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { PromptEditingParamsSchema } from './prompt-editing-endpoint.js';

/**
 * Editing with a prompt (`POST /generate/prompt-editing`): an image changed as the words say
 * (`give the knight a red cape`), by one of the route's models (`gpt-image-1`, `flux-kontext`,
 * `gemini-2.5-flash`, …). Deprecated in Scenario's reference, which runs these models through
 * `/generate/custom/{modelId}` (`client.custom`), but still served.
 *
 * @example
 * ```ts
 * const { assets: [edited] } = await client.promptEditing.run({ image: './knight.png', prompt: 'give the knight a red cape', modelId: 'flux-kontext' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.promptEditing.create({ image: 'asset_knight', prompt: 'make it night time' });
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [edited] } = await client.promptEditing.run({ image: './knight.png', prompt: 'give the knight a red cape', modelId: 'gpt-image-1', quality: 'high' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.promptEditing.estimate({ image: 'asset_knight', prompt: 'make it night time', numSamples: 2 });
 * ```
 */
export class PromptEditing extends GenerationResource<typeof PromptEditingParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'promptEditing', () => import('./prompt-editing-endpoint.js'));
  }
}
