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

/** The sentence every error about a job that may still run ends with: what it costs and what to do next. */
export function stillRunningAdvice(jobId: string): string {
  return `The job keeps running on the server and is billed: resume with client.jobs.wait('${jobId}') or cancel it with client.jobs.cancel('${jobId}').`;
}
