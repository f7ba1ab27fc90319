import type { Clock } from '../core/clock.js';
import { lazyImport } from '../core/lazy-import.js';
import { listPages } from '../core/list-pages.js';
import {
  type CheckedRunOptions,
  checkRequestOptions,
  checkRunOptions,
  type RequestOptions,
  type RunOptions,
} from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { assertId } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import type { GenerationResult } from '../schemas/generation.js';
import type { Job, JobListQuery } from '../schemas/job.js';
import type { FetchAssets } from './jobs-calls.js';

/** The code of `client.jobs` and of every wait for a job, loaded with the first call. */
const jobCalls = () => lazyImport('client.jobs', () => import('./jobs-calls.js'));

/** A page of jobs; `for await` walks every later page too. */
export type JobPage = Page<Job>;

/**
 * Waits for a job and fetches its outputs, with options checked by the public method that took
 * them: `client.jobs.wait`, a generation's `run` and `wait`. Built once by the client.
 */
export type JobWaiter = (job: string | Job, options: CheckedRunOptions) => Promise<GenerationResult>;

/**
 * Jobs (`/jobs`): every generation is one. Read, list, cancel, and wait for them.
 *
 * @example
 * ```ts
 * const { job, assets } = await client.jobs.wait('job_abc');
 * ```
 */
export class Jobs {
  readonly #transport: Transport;
  readonly #waiter: JobWaiter;

  /** @internal Built by the client as `client.jobs`. */
  constructor(transport: Transport, waiter: JobWaiter) {
    this.#transport = transport;
    this.#waiter = waiter;
  }

  /**
   * One job (`GET /jobs/{jobId}`), its status and progress as of now.
   *
   * @example
   * ```ts
   * const job = await client.jobs.get('job_abc');
   * console.log(job.status, job.progress);
   * ```
   */
  async get(jobId: string, options?: RequestOptions): Promise<Job> {
    const call = checkRequestOptions(options);
    return (await jobCalls()).getJob(this.#transport, jobId, call);
  }

  /**
   * Jobs, newest first (`GET /jobs`). Await it for the first page, or `for await` it for every job.
   *
   * @example
   * ```ts
   * for await (const job of client.jobs.list({ status: 'in-progress' })) console.log(job.jobId);
   * const page = await client.jobs.list({ pageSize: 50 });
   * ```
   */
  list(query: JobListQuery = {}, options?: RequestOptions): PagePromise<Job> {
    const shape = async () => (await jobCalls()).jobList;
    return listPages(this.#transport, { what: 'jobs.list query', path: '/jobs', query, options, shape });
  }

  /**
   * Asks the server to cancel a job (`POST /jobs/{jobId}/action`) and returns it. Most
   * generation jobs refuse with a `BadRequestError` (400 "Cannot cancel this type of job").
   * Retried like a read: cancelling twice is harmless.
   *
   * @example
   * ```ts
   * const job = await client.jobs.cancel('job_abc');
   * ```
   */
  async cancel(jobId: string, options?: RequestOptions): Promise<Job> {
    const call = checkRequestOptions(options);
    return (await jobCalls()).cancelJob(this.#transport, jobId, call);
  }

  /**
   * Waits until a job ends (adaptive polling: fast at first, then aimed just after the predicted
   * finish), then fetches its output assets in output order. Takes the job id, or a job already
   * seen (which saves the first poll); resumes a job another call gave up on. `options` are one
   * {@link RunOptions} bag, checked before any request: `waitTimeout` bounds the whole wait,
   * the request options apply to each poll, and `signal` aborts it all. Rejects with
   * `JobFailedError`, `JobCanceledError`, `JobTimeoutError`, `APIUserAbortError` or `JobError`,
   * each carrying the job id, or with `NotFoundError` when no job has that id.
   *
   * @example
   * ```ts
   * try {
   *   await client.img2img.run(params, { waitTimeout: 60_000 });
   * } catch (error) {
   *   if (error instanceof JobTimeoutError) {
   *     const { assets } = await client.jobs.wait(error.jobId);
   *   }
   * }
   * ```
   */
  async wait(job: string | Job, options?: RunOptions): Promise<GenerationResult> {
    // A bad id (null, '', '..', a job without jobId) is an InvalidRequestError now, not a TypeError or a failed poll later.
    assertId(typeof job === 'string' ? job : (job as Job | null | undefined)?.jobId);
    return this.#waiter(job, checkRunOptions(options, 'wait options'));
  }
}

/**
 * The client's {@link JobWaiter}: polls with `transport` (on `clock`, default real time), then
 * fetches the outputs with `fetchAssets`.
 */
export function jobWaiter(transport: Transport, fetchAssets: FetchAssets, clock?: Clock): JobWaiter {
  return async (job, options) => (await jobCalls()).waitForOutputs(transport, fetchAssets, clock, job, options);
}
