import * as z from 'zod/mini';
import { type KnownFields, type ObjectSchema, responseObject } from './object-schema.js';
import { type OpenEnum, openEnum } from './open-enum.js';
import { commaList } from './query.js';

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
export const JobStatusSchema: z.ZodMiniType<JobStatus> = openEnum(KNOWN_JOB_STATUSES);

const jobMetadataShape = {
  assetIds: z.optional(z.array(z.string())),
  error: z.nullish(z.string()),
  hint: z.nullish(z.string()),
  input: z.optional(z.record(z.string(), z.unknown())),
  output: z.optional(z.record(z.string(), z.unknown())),
  workflowId: z.nullish(z.string()),
  workflowJobId: z.nullish(z.string()),
};
/**
 * Job metadata: outputs, error and hint on failure, an echo of the input.
 *
 * @interface
 */
export type JobMetadata = KnownFields<typeof jobMetadataShape>;
/** Schema of {@link JobMetadata}. Unknown fields are kept: read them with `withUnknownFields()`. */
export const JobMetadataSchema: ObjectSchema<typeof jobMetadataShape, JobMetadata> = responseObject(jobMetadataShape);

const jobBillingShape = {
  cuCost: z.number(),
  cuDiscount: z.optional(z.number()),
  disableRefund: z.optional(z.boolean()),
};
/**
 * What a job cost: creative units charged and discounted.
 *
 * @interface
 */
export type JobBilling = KnownFields<typeof jobBillingShape>;
/** Schema of {@link JobBilling}. */
export const JobBillingSchema: ObjectSchema<typeof jobBillingShape, JobBilling> = responseObject(jobBillingShape);

const jobShape = {
  jobId: z.string(),
  jobType: z.string(),
  status: JobStatusSchema,
  /** 0 to 1. */
  progress: z._default(z.number(), 0),
  statusHistory: z._default(z.array(responseObject({ status: JobStatusSchema, date: z.string() })), []),
  metadata: z._default(JobMetadataSchema, {}),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorId: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  billing: z.optional(JobBillingSchema),
};
/**
 * An asynchronous job: status, progress 0–1, outputs in `metadata.assetIds`, `billing`.
 *
 * @interface
 */
export type Job = KnownFields<typeof jobShape>;
/** Schema of {@link Job}, as `GET /jobs/{jobId}` returns it. Unknown fields are kept: read them with `withUnknownFields()`. */
export const JobSchema: ObjectSchema<typeof jobShape, Job> = responseObject(jobShape);

/** `{ job }` envelope of `GET /jobs/{jobId}` and of the cancel action. */
export const JobEnvelopeSchema = responseObject({ job: JobSchema });

const jobListResponseShape = {
  jobs: z.array(JobSchema),
  nextPaginationToken: z.nullish(z.string()),
};
/**
 * One page of `GET /jobs`.
 *
 * @interface
 */
export type JobListResponse = KnownFields<typeof jobListResponseShape>;
/** `{ jobs, nextPaginationToken? }` of `GET /jobs`. */
export const JobListResponseSchema: ObjectSchema<typeof jobListResponseShape, JobListResponse> =
  responseObject(jobListResponseShape);

/** Query of `client.jobs.list()` (`GET /jobs`); the project comes from the client's or the call's `projectId`. */
export const JobListQuerySchema = z.strictObject({
  /** Jobs per page, 1–200. Server default 10. */
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
  /** Resume a listing where a page's `nextPaginationToken` points. */
  paginationToken: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs with this status. */
  status: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs of this type (`inference`, `upscale`, …). */
  type: z.optional(z.string().check(z.minLength(1))),
  /** Only jobs of these types (sent comma-separated); wins over `type`. */
  types: z.optional(commaList),
  /** Only jobs submitted by this user. */
  authorId: z.optional(z.string().check(z.minLength(1))),
  /** `false` leaves out jobs submitted with `hideResults`. */
  hideResults: z.optional(z.boolean()),
});
/** What the caller passes, as {@link JobListQuerySchema}. */
export type JobListQuery = z.input<typeof JobListQuerySchema>;

/** Body of `POST /jobs/{jobId}/action`; `cancel` is the only action. */
export const JobActionBodySchema = z.strictObject({ action: z.literal('cancel') });

/** Answer of the cancel action: the job, when the server sends it back. */
export const JobActionResponseSchema = responseObject({ job: z.optional(JobSchema) });
