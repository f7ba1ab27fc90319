import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { DescribeStyleFieldsSchema, DescribeStyleOutputSchema } from '../schemas/describe-style.js';
import type { Job } from '../schemas/job.js';
import { outputFields } from './generation-outcome.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

/** Params of `client.describeStyle.create/run/estimate`: the wire body, with `images` taking any image inputs. */
export const DescribeStyleParamsSchema = z
  .extend(DescribeStyleFieldsSchema, {
    /** The images whose style to describe. Any image inputs. */
    images: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((params) => params.images !== undefined || params.modelId !== undefined, {
      message: 'pass images, a modelId, or both: there is no style to describe otherwise',
      path: ['images'],
    }),
  );
/** What the caller passes, as {@link DescribeStyleParamsSchema}. */
export type DescribeStyleParams = z.input<typeof DescribeStyleParamsSchema>;

/** A finished `client.describeStyle` run. */
export interface DescribeStyleResult {
  job: Job;
  /** The style, described. */
  description: string;
  /** A short synthesis of it. */
  synthesis: string;
}

/**
 * Style description (`POST /generate/describe-style`): the style of some images, or of a
 * model's training set, in words, ready to reuse in prompts or a style guide. The result is
 * text, not assets: the API answers with it at once.
 *
 * @example
 * ```ts
 * const { description, synthesis } = await client.describeStyle.run({ images: ['./concept-1.png', './concept-2.png'] });
 * ```
 * @example create
 * ```ts
 * const generation = await client.describeStyle.create({ modelId: 'model_watercolor' });
 * const { synthesis } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { description, synthesis } = await client.describeStyle.run({ images: ['./concept-1.png', './concept-2.png'] });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.describeStyle.estimate({ modelId: 'model_watercolor' });
 * ```
 */
export class DescribeStyle extends GenerationResource<typeof DescribeStyleParamsSchema, DescribeStyleResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, {
      what: 'describeStyle params',
      schema: DescribeStyleParamsSchema,
      async prepare({ images, ...rest }, context) {
        const resolved = await resolveImageFields({ images: { input: images } }, context);
        return { path: '/generate/describe-style', body: { ...rest, ...resolved } };
      },
      outcome: outputFields(DescribeStyleOutputSchema, 'POST /generate/describe-style'),
    });
  }
}
