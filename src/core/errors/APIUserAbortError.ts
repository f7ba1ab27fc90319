import { ScenarioError } from './ScenarioError.js';

/**
 * The caller's `signal` aborted the call. Aborted after a job was created (while waiting for it or
 * fetching its outputs), it carries the job's `jobId`, and its message says whether the job keeps
 * running and how to resume or cancel it.
 */
export class APIUserAbortError extends ScenarioError {
  /** The job that was being waited for, when the abort came after it was created. */
  declare readonly jobId?: string;

  constructor(message = 'The request was aborted by its signal.', options?: { cause?: unknown; jobId?: string }) {
    super(message, options);
    // Only set when known, so a plain abort has no `jobId` key at all.
    if (options?.jobId !== undefined) (this as { jobId?: string }).jobId = options.jobId;
  }
}
