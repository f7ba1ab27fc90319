import type { Job } from '../../schemas/job.js';
import { JobError } from './JobError.js';

/** The job ended with `canceled`. */
export class JobCanceledError extends JobError {
  /** The canceled job. */
  readonly job: Job;

  constructor(job: Job) {
    super(job.jobId, `Job ${job.jobId} was canceled.`);
    this.job = job;
  }
}
