import * as z from 'zod/mini';
import type { Clock } from '../core/clock.js';
import { APIUserAbortError } from '../core/errors/APIUserAbortError.js';
import { JobError } from '../core/errors/JobError.js';
import { KNOWN_JOB_STATUSES } from '../core/job-status.js';
import { listPages } from '../core/list-pages.js';
import { type OpenEnum, openEnum } from '../core/open-enum.js';
import type { RequestOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { assertId, path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { type WaitOptions, waitForJob } from '../core/wait-for-job.js';
import type { Asset } from './assets.js';
import type { GenerationResult } from './generation.js';

// Defined in core so the waiting code can read them while this module (which imports it) is still loading.
export { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES } from '../core/job-status.js';

/** A job status: one of {@link KNOWN_JOB_STATUSES}, or a newer one the SDK does not know yet. */
export type JobStatus = OpenEnum<(typeof KNOWN_JOB_STATUSES)[number]>;
/** Schema of {@link JobStatus}. */
export const JobStatusSchema = openEnum(KNOWN_JOB_STATUSES);

/** Job metadata: outputs, error and hint on failure, an echo of the input. Unknown keys kept. */
export const JobMetadataSchema = z.looseObject({
  assetIds: z.optional(z.array(z.string())),
  error: z.nullish(z.string()),
  hint: z.nullish(z.string()),
  input: z.optional(z.record(z.string(), z.unknown())),
  output: z.optional(z.record(z.string(), z.unknown())),
  workflowId: z.nullish(z.string()),
  workflowJobId: z.nullish(z.string()),
});
/** {@link JobMetadataSchema} as a type. */
export type JobMetadata = z.output<typeof JobMetadataSchema>;

/** What a job cost: creative units charged and discounted. */
export const JobBillingSchema = z.looseObject({
  cuCost: z.number(),
  cuDiscount: z.optional(z.number()),
  disableRefund: z.optional(z.boolean()),
});
/** {@link JobBillingSchema} as a type. */
export type JobBilling = z.output<typeof JobBillingSchema>;

/** An asynchronous job, as `GET /jobs/{jobId}` returns it. Unknown fields are kept. */
export const JobSchema = z.looseObject({
  jobId: z.string(),
  jobType: z.string(),
  status: JobStatusSchema,
  /** 0 to 1. */
  progress: z._default(z.number(), 0),
  statusHistory: z._default(z.array(z.looseObject({ status: JobStatusSchema, date: z.string() })), []),
  metadata: z._default(JobMetadataSchema, {}),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorId: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  billing: z.optional(JobBillingSchema),
});
/**
 * An asynchronous job: status, progress 0–1, outputs in `metadata.assetIds`, `billing`.
 *
 * @interface
 */
export type Job = z.output<typeof JobSchema>;

/** `{ job }` envelope of `GET /jobs/{jobId}` and of the cancel action. */
export const JobEnvelopeSchema = z.looseObject({ job: JobSchema });

/** `{ jobs, nextPaginationToken? }` of `GET /jobs`. */
export const JobListResponseSchema = z.looseObject({
  jobs: z.array(JobSchema),
  nextPaginationToken: z.nullish(z.string()),
});
/** The parsed shape of {@link JobListResponseSchema}. */
export type JobListResponse = z.output<typeof JobListResponseSchema>;

/** Query of `client.jobs.list()` (`GET /jobs`); the page token is handled by the page. */
export const JobListQuerySchema = z.strictObject({
  /** Jobs per page, 1–200. Server default 10. */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs with this status. */
  status: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs of this type (`inference`, `upscale`, …). */
  type: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs of these types; wins over `type`. */
  types: z.optional(z.array(z.string().check(z.minLength(1)))),
  authorId: z.optional(z.string().check(z.minLength(1))),
  /** `false` leaves out jobs submitted with `hideResults`. */
  hideResults: z.optional(z.boolean()),
  workflowId: z.optional(z.string().check(z.minLength(1))),
});
/** What the caller passes, as {@link JobListQuerySchema}. */
export type JobListQuery = z.input<typeof JobListQuerySchema>;

/** Body of `POST /jobs/{jobId}/action`; `cancel` is the only action. */
export const JobActionBodySchema = z.strictObject({ action: z.literal('cancel') });

/** Answer of the cancel action: the job, when the server sends it back. */
const JobActionResponseSchema = z.looseObject({ job: z.optional(JobSchema) });

/** A page of jobs; `for await` walks every later page too. */
export type JobPage = Page<Job>;

/** What {@link Jobs} needs to fetch a finished job's outputs: `client.assets`. */
export interface AssetFetcher {
  getMany(ids: string[], options?: RequestOptions): Promise<Asset[]>;
}

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
  readonly #assets: AssetFetcher;
  readonly #clock: Clock | undefined;

  /**
   * `clock` (default: real time) is the one waiting runs on; the emulator's virtual clock fits here.
   *
   * @internal Built by the client as `client.jobs`.
   */
  constructor(transport: Transport, assets: AssetFetcher, clock?: Clock) {
    this.#transport = transport;
    this.#assets = assets;
    this.#clock = clock;
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
    const { job } = await this.#transport.request({
      method: 'GET',
      path: path`/jobs/${jobId}`,
      schema: JobEnvelopeSchema,
      options,
    });
    return job;
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
    return listPages(this.#transport, {
      what: 'jobs.list query',
      path: '/jobs',
      query,
      querySchema: JobListQuerySchema,
      schema: JobListResponseSchema,
      items: (body) => body.jobs,
      options,
    });
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
    const { job } = await this.#transport.request({
      method: 'POST',
      path: path`/jobs/${jobId}/action`,
      body: { action: 'cancel' },
      schema: JobActionResponseSchema,
      retry: 'idempotent',
      options,
    });
    // The answer is documented as the canceled job; read it when a server sends back less.
    return job ?? this.get(jobId, options);
  }

  /**
   * Waits until a job ends (adaptive polling, design.md §5), then fetches its output assets
   * in output order. Takes the job id, or a job already seen (which saves the first poll). Resumes a job another call gave up on. Rejects with `JobFailedError`,
   * `JobCanceledError`, `JobTimeoutError` or `APIUserAbortError`, each carrying the job id.
   * `options` apply to each request; its `signal`, if any, aborts the wait like `waitOptions.signal`.
   *
   * @example
   * ```ts
   * try {
   *   await client.img2img.run(params, { timeout: 60_000 });
   * } catch (error) {
   *   if (error instanceof JobTimeoutError) {
   *     const { assets } = await client.jobs.wait(error.jobId);
   *   }
   * }
   * ```
   */
  async wait(
    job: string | Job,
    waitOptions: WaitOptions = {},
    options: RequestOptions = {},
  ): Promise<GenerationResult> {
    // A bad id (null, '', '..', a job without jobId) is an InvalidRequestError now, not a TypeError or a failed poll later.
    assertId(typeof job === 'string' ? job : (job as Job | null | undefined)?.jobId);
    const signals = [waitOptions.signal, options.signal].filter((signal) => signal !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const done = await waitForJob(
      job,
      {
        getJob: (jobId, stop) => this.get(jobId, { ...options, signal: stop }),
        // Sent after an abort, so without the aborted signal.
        cancelJob: (jobId) => this.cancel(jobId, { ...options, signal: undefined }),
        clock: this.#clock,
        logger: this.#transport.logger,
      },
      { ...waitOptions, signal },
    );
    // The wait's signal covers fetching the outputs too: an abort then still rejects at once.
    return { job: done, assets: await this.#outputs(done, { ...options, signal }) };
  }

  /** The job's output assets, in `metadata.assetIds` order; a failure here still names the (finished, billed) job. */
  async #outputs(job: Job, options: RequestOptions): Promise<Asset[]> {
    const ids = job.metadata.assetIds ?? [];
    if (ids.length === 0) return [];
    try {
      // getMany answers in the order asked, and throws NotFoundError if any id is missing.
      return await this.#assets.getMany(ids, options);
    } catch (error) {
      if (error instanceof APIUserAbortError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new JobError(
        job.jobId,
        `Job ${job.jobId} succeeded but fetching its assets failed: ${reason}; retry with client.jobs.wait('${job.jobId}').`,
        { cause: error },
      );
    }
  }
}
