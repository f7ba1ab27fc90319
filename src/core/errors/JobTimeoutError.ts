import type { Job } from '../../schemas/job.js';
import { JobError } from './JobError.js';

/** `wait()` gave up; the job itself keeps running on the server and can be resumed. */
export class JobTimeoutError extends JobError {
  /** The job as last polled, if any poll answered. */
  readonly lastJob: Job | undefined;

  constructor(jobId: string, timeoutMs: number, lastJob: Job | undefined) {
    const status = lastJob
      ? ` (last status ${lastJob.status}, progress ${Math.round((lastJob.progress ?? 0) * 100)}%)`
      : '';
    super(
      jobId,
      `Job ${jobId} still running after ${formatDuration(timeoutMs)}${status}; resume with client.jobs.wait('${jobId}').`,
    );
    this.lastJob = lastJob;
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}
