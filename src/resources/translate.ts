import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { TranslateParamsSchema, TranslateResult } from './translate-endpoint.js';

/**
 * Translation (`POST /generate/translate`): a prompt in any language, in English, the language
 * the image models read best. The result is text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { translation, detectedLanguage } = await client.translate.run({ prompt: 'un chevalier en armure dorée' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.translate.create({ prompt: 'ein Drache aus Eis' });
 * const { translation } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { translation, detectedLanguage } = await client.translate.run({ prompt: 'un chevalier en armure dorée' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.translate.estimate({ prompt: 'ein Drache aus Eis' });
 * ```
 */
export class Translate extends GenerationResource<typeof TranslateParamsSchema, TranslateResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'translate', () => import('./translate-endpoint.js'));
  }
}
