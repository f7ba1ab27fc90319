/*
 * The code of `client.jobs` and of every wait for a job, loaded with the first call (see `Jobs`).
 */
import type { Clock } from '../core/clock.js';
import { APIUserAbortError, JobError, messageOf } from '../core/errors.js';
import { listShape } from '../core/list-pages.js';
import type { CallOptions, CheckedRunOptions } from '../core/options.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { waitForJob } from '../lib/wait-for-job.js';
import type { Asset } from '../schemas/asset.js';
import type { GenerationResult } from '../schemas/generation.js';
import {
  type Job,
  JobActionResponseSchema,
  JobEnvelopeSchema,
  JobListQuerySchema,
  JobListResponseSchema,
} from '../schemas/job.js';

/** Fetches a finished job's output assets, in the order asked (`client.assets`' `getMany`, options already checked). */
export type FetchAssets = (ids: string[], options: CallOptions) => Promise<Asset[]>;

/** `GET /jobs`: its query, and the jobs of a page. */
export const jobList = listShape(JobListQuerySchema, JobListResponseSchema, (body) => body.jobs);

/** `GET /jobs/{jobId}`. */
export function getJob(transport: Transport, jobId: string, options: CallOptions): Promise<Job> {
  return transport
    .request({ method: 'GET', path: path`/jobs/${jobId}`, schema: JobEnvelopeSchema, options })
    .then(({ job }) => job);
}

/** `POST /jobs/{jobId}/action` `{ action: 'cancel' }`. */
export async function cancelJob(transport: Transport, jobId: string, options: CallOptions): Promise<Job> {
  const { job } = await transport.request({
    method: 'POST',
    path: path`/jobs/${jobId}/action`,
    body: { action: 'cancel' },
    schema: JobActionResponseSchema,
    retry: 'idempotent',
    options,
  });
  // The answer is documented as the canceled job; read it when a server sends back less.
  return job ?? getJob(transport, jobId, options);
}

/** Waits for a job with `transport` (on `clock`, default real time), then fetches its outputs with `fetchAssets`. */
export async function waitForOutputs(
  transport: Transport,
  fetchAssets: FetchAssets,
  clock: Clock | undefined,
  job: string | Job,
  { call, wait }: CheckedRunOptions,
): Promise<GenerationResult> {
  const done = await waitForJob(
    job,
    {
      getJob: (jobId, signal) => getJob(transport, jobId, { ...call, signal }),
      cancelJob: (jobId, signal) => cancelJob(transport, jobId, { ...call, signal }),
      clock,
      logger: transport.logger,
      redact: transport.redact,
    },
    wait,
  );
  return { job: done, assets: await outputs(done, fetchAssets, call) };
}

/** The job's output assets, in `metadata.assetIds` order; a failure here still names the (finished, billed) job. */
async function outputs(job: Job, fetchAssets: FetchAssets, options: CallOptions): Promise<Asset[]> {
  const ids = job.metadata.assetIds ?? [];
  if (ids.length === 0) return [];
  try {
    // getMany answers in the order asked, and throws NotFoundError if any id is missing.
    return await fetchAssets(ids, options);
  } catch (error) {
    if (error instanceof APIUserAbortError) {
      throw new APIUserAbortError(
        `Stopped fetching the outputs of job ${job.jobId}: aborted. The job succeeded; fetch them with client.jobs.wait('${job.jobId}').`,
        { cause: error.cause, jobId: job.jobId },
      );
    }
    throw new JobError(
      job.jobId,
      `Job ${job.jobId} succeeded but fetching its assets failed: ${messageOf(error)}; retry with client.jobs.wait('${job.jobId}').`,
      { cause: error },
    );
  }
}
