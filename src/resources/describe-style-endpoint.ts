import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { DescribeStyleFieldsSchema, DescribeStyleOutputSchema } from '../schemas/describe-style.js';
import type { Job } from '../schemas/job.js';
import type { GenerationEndpoint } from './generation-calls.js';
import { outputFields } from './generation-outcome.js';

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

/** How `client.describeStyle` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof DescribeStyleParamsSchema, DescribeStyleResult> = {
  schema: DescribeStyleParamsSchema,
  async prepare({ images, ...rest }, context) {
    const resolved = await resolveImageFields({ images: { input: images } }, context);
    return { path: '/generate/describe-style', body: { ...rest, ...resolved } };
  },
  outcome: outputFields(DescribeStyleOutputSchema, 'POST /generate/describe-style'),
};
