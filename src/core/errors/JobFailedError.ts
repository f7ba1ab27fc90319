import type { Job } from '../../schemas/job.js';
import { JobError } from './JobError.js';

/** The job ended with `failure`. `reason` is `metadata.error`, `hint` the server's suggested fix. */
export class JobFailedError extends JobError {
  /** The failed job. */
  readonly job: Job;
  /** `metadata.error`, or `no reason given`. */
  readonly reason: string;
  /** The server's suggested fix (`metadata.hint`), if any. */
  readonly hint: string | undefined;

  constructor(job: Job) {
    const reason = job.metadata?.error ?? 'no reason given';
    const hint = job.metadata?.hint ?? undefined;
    super(job.jobId, `Job ${job.jobId} failed: ${reason}${hint ? `. Hint: ${hint}` : ''}`);
    this.job = job;
    this.reason = reason;
    this.hint = hint;
  }
}
