import type * as z from 'zod/mini';
import { JobError } from '../core/errors.js';
import { safeParse } from '../core/validate.js';
import type { GenerationResult, GenerationSubmitResponse } from '../schemas/generation.js';
import type { Job } from '../schemas/job.js';

/**
 * How a generation resource reads its result: from the submission's answer, or by waiting for
 * the job (`wait` polls it and fetches its output assets). Called once per `run()` or `wait()`.
 */
export type GenerationOutcome<R> = (
  response: GenerationSubmitResponse,
  wait: () => Promise<GenerationResult>,
) => Promise<R>;

/** The result of most generations: the finished job and its output assets. */
export const outputAssets: GenerationOutcome<GenerationResult> = (_response, wait) => wait();

/**
 * Results a route answers as fields, not assets (`captions`, `embedding`, …): read from the
 * submission's answer, where the API sends them at once; failing that, from the finished job's
 * `metadata.output`, for a server that answers before the job is done. A job that succeeded
 * without them is a `JobError` naming it.
 */
export function outputFields<S extends z.core.$ZodObject>(
  schema: S,
  route: string,
): GenerationOutcome<{ job: Job } & z.core.output<S>> {
  return async (response, wait) => {
    const answered = safeParse(schema, response);
    if (answered.success) return { job: response.job, ...answered.data };
    const { job } = await wait();
    const output = safeParse(schema, job.metadata.output ?? {});
    if (output.success) return { job, ...output.data };
    const fields = Object.keys(schema._zod.def.shape).join(', ');
    throw new JobError(
      job.jobId,
      `Job ${job.jobId} (${route}) succeeded but neither its answer nor its metadata.output has ${fields}; see it with client.jobs.get('${job.jobId}').`,
    );
  };
}
