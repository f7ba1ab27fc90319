import * as z from 'zod/mini';
import { type OpenEnum, openEnum } from './open-enum.js';

/** Known job statuses. */
export const KNOWN_JOB_STATUSES = [
  'queued',
  'pending',
  'warming-up',
  'in-progress',
  'finalizing',
  'success',
  'failure',
  'canceled',
] as const;

/** Statuses after which a job never changes again. */
export const TERMINAL_JOB_STATUSES = ['success', 'failure', 'canceled'] as const;

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
export const JobActionResponseSchema = z.looseObject({ job: z.optional(JobSchema) });
