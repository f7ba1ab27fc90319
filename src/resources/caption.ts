import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { CaptionBodySchema, CaptionOutputSchema } from '../schemas/caption.js';
import type { Job } from '../schemas/job.js';
import { outputFields } from './generation-outcome.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.caption.create/run/estimate`: the wire body, with `images` taking any image inputs. */
export const CaptionParamsSchema = z.extend(CaptionBodySchema, {
  /** The images to caption, one or more. Any image inputs. */
  images: z.array(ImageInputSchema).check(z.minLength(1)),
});
/** What the caller passes, as {@link CaptionParamsSchema}. */
export type CaptionParams = z.input<typeof CaptionParamsSchema>;

/** A finished `client.caption` run. */
export interface CaptionResult {
  job: Job;
  /** One caption per image, in the order given. */
  captions: string[];
}

/**
 * Captions (`POST /generate/caption`): a description of each image, as a prompt that would make
 * it; with `modelId`, in the way that model's training images are captioned. For training sets
 * and asset libraries. The result is text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { captions } = await client.caption.run({ images: ['./hero.png', './villain.png'] });
 * ```
 * @example create
 * ```ts
 * const generation = await client.caption.create({ images: ['asset_hero'], detailsLevel: 'action+style' });
 * const { captions } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { captions: [heroCaption, villainCaption] } = await client.caption.run({ images: ['./hero.png', './villain.png'] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.caption.estimate({ images: ['asset_hero'] });
 * ```
 */
export class Caption extends GenerationResource<typeof CaptionParamsSchema, CaptionResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'caption params',
      schema: CaptionParamsSchema,
      async prepare({ images, ...rest }, context) {
        const resolved = await resolveImageFields({ images: { input: images } }, context);
        return { path: '/generate/caption', body: { ...rest, images: resolved.images } };
      },
      outcome: outputFields(CaptionOutputSchema, 'POST /generate/caption'),
    });
  }
}
