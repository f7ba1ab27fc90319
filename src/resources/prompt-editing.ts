import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PromptEditingBodySchema } from '../schemas/prompt-editing.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/**
 * Params of `client.promptEditing.create/run/estimate`: the wire body, with `image`, `mask` and
 * `referenceImages` taking any image input (reference images, which the SDK sends as asset ids,
 * are uploaded as hidden assets unless they are asset ids already).
 */
export const PromptEditingParamsSchema = z.extend(PromptEditingBodySchema, {
  /** The image to edit. Any image input. */
  image: ImageInputSchema,
  /** gpt-image-1 only: where to edit (black = replace, the rest kept). Any image input. */
  mask: z.optional(ImageInputSchema),
  /** More images the edit may draw on. Any image inputs. */
  referenceImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link PromptEditingParamsSchema}. */
export type PromptEditingParams = z.input<typeof PromptEditingParamsSchema>;

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
    super(client, {
      what: 'promptEditing params',
      schema: PromptEditingParamsSchema,
      async prepare({ image, mask, referenceImages, ...rest }, context) {
        const images = await resolveImageFields(
          {
            image: { input: image },
            mask: { input: mask },
            referenceImages: { input: referenceImages, assetIdOnly: true },
          },
          context,
        );
        return { path: '/generate/prompt-editing', body: { ...rest, ...images } };
      },
    });
  }
}
