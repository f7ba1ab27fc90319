import { z } from 'zod';

/** Known job statuses. The schema also accepts any other string: an unknown status means "still running". */
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
export const JobStatusSchema = z.union([z.enum(KNOWN_JOB_STATUSES), z.string()]);
export type JobStatus = (typeof KNOWN_JOB_STATUSES)[number] | (string & {});

/** Job metadata: outputs, error and hint on failure, an echo of the input. Unknown keys kept. */
export const JobMetadataSchema = z.looseObject({
  assetIds: z.array(z.string()).optional(),
  error: z.string().nullish(),
  hint: z.string().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  output: z.record(z.string(), z.unknown()).optional(),
  workflowId: z.string().optional(),
  workflowJobId: z.string().optional(),
});

/** What a job cost: creative units charged and discounted. */
export const JobBillingSchema = z.looseObject({
  cuCost: z.number(),
  cuDiscount: z.number().optional(),
  disableRefund: z.boolean().optional(),
});

/** An asynchronous job, as `GET /jobs/{jobId}` returns it. Unknown fields are kept. */
export const JobSchema = z.looseObject({
  jobId: z.string(),
  jobType: z.string(),
  status: JobStatusSchema,
  /** 0 to 1. */
  progress: z.number().default(0),
  statusHistory: z.array(z.looseObject({ status: JobStatusSchema, date: z.string() })).default([]),
  metadata: JobMetadataSchema.default({}),
  createdAt: z.string(),
  updatedAt: z.string(),
  authorId: z.string().optional(),
  ownerId: z.string().optional(),
  billing: JobBillingSchema.optional(),
});
export type Job = z.output<typeof JobSchema>;

/** `{ job }` envelope of `GET /jobs/{jobId}` and of the cancel action. */
export const JobEnvelopeSchema = z.looseObject({ job: JobSchema });
