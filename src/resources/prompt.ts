import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Job } from '../schemas/job.js';
import { PromptFieldsSchema, PromptOutputSchema } from '../schemas/prompt.js';
import { outputFields } from './generation-outcome.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.prompt.create/run/estimate`: the wire body, with `image` and `images` taking any image input. */
export const PromptParamsSchema = z
  .extend(PromptFieldsSchema, {
    /** `image-editing`: the image to write an edit for. Any image input. */
    image: z.optional(ImageInputSchema),
    /** Images to draw on. Any image inputs. */
    images: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((params) => params.mode !== 'image-editing' || params.image !== undefined, {
      message: 'mode "image-editing" needs the image to write an edit for',
      path: ['image'],
    }),
  );
/** What the caller passes, as {@link PromptParamsSchema}. */
export type PromptParams = z.input<typeof PromptParamsSchema>;

/** A finished `client.prompt` run. */
export interface PromptResult {
  job: Job;
  /** The prompts written. */
  prompts: string[];
}

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
    super(client, {
      what: 'prompt params',
      schema: PromptParamsSchema,
      async prepare({ image, images, ...rest }, context) {
        const resolved = await resolveImageFields({ image: { input: image }, images: { input: images } }, context);
        return { path: '/generate/prompt', body: { ...rest, ...resolved } };
      },
      outcome: outputFields(PromptOutputSchema, 'POST /generate/prompt'),
    });
  }
}
