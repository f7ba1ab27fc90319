import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Job } from '../schemas/job.js';
import { TranslateBodySchema, TranslateOutputSchema } from '../schemas/translate.js';
import { outputFields } from './generation-outcome.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.translate.create/run/estimate`: the wire body, with `images` taking any image inputs. */
export const TranslateParamsSchema = z.extend(TranslateBodySchema, {
  /** Images that give the prompt context. Any image inputs. */
  images: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link TranslateParamsSchema}. */
export type TranslateParams = z.input<typeof TranslateParamsSchema>;

/** A finished `client.translate` run. */
export interface TranslateResult {
  job: Job;
  /** The prompt in English. */
  translation: string;
  /** The language it was written in. */
  detectedLanguage: string;
}

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
    super(client, {
      what: 'translate params',
      schema: TranslateParamsSchema,
      async prepare({ images, ...rest }, context) {
        const resolved = await resolveImageFields({ images: { input: images } }, context);
        return { path: '/generate/translate', body: { ...rest, ...resolved } };
      },
      outcome: outputFields(TranslateOutputSchema, 'POST /generate/translate'),
    });
  }
}
