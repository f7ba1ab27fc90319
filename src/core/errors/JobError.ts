import { ScenarioError } from './ScenarioError.js';

/** Base of the job errors: each carries the job id, so paid work can always be found again. */
export class JobError extends ScenarioError {
  /** The job's id: resume with `client.jobs.wait(jobId)` or inspect with `client.jobs.get(jobId)`. */
  readonly jobId: string;

  constructor(jobId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.jobId = jobId;
  }
}

/** What to do about a job that may still run, as the errors that name it say it. */
export function resumeOrCancel(jobId: string): string {
  return `resume with client.jobs.wait('${jobId}') or cancel it with client.jobs.cancel('${jobId}')`;
}
