import type { InputIssue } from './InvalidRequestError.js';
import { resumeOrCancel } from './JobError.js';
import { ScenarioError } from './ScenarioError.js';

/**
 * The server answered 2xx with a shape the SDK cannot use. `body` is what it sent. When that was
 * the answer to a submission which still names the job it created, `jobId` carries it.
 */
export class ResponseValidationError extends ScenarioError {
  /** Where the body differs from the expected shape. */
  readonly issues: InputIssue[];
  /** What the server sent. */
  readonly body: unknown;
  /** The job the answered submission created, when the answer names it. */
  declare readonly jobId?: string;

  /** `advice`: what to do next beyond reporting it (a billed call's work may exist). */
  constructor(
    endpoint: string,
    issues: InputIssue[],
    body: unknown,
    options?: { jobId?: string | undefined; cause?: unknown; advice?: string | undefined },
  ) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    const { jobId, advice } = options ?? {};
    const job = jobId
      ? ` It created job ${jobId}, which keeps running on the server and is billed: ${resumeOrCancel(jobId)}.`
      : '';
    const next = advice && !jobId ? ` ${advice}.` : '';
    super(
      `Unexpected response from ${endpoint}: ${list}.${job} Please report this with the SDK version.${next}`,
      options,
    );
    this.issues = issues;
    this.body = body;
    // Only set when known, so other validation errors have no `jobId` key at all.
    if (options?.jobId !== undefined) (this as { jobId?: string }).jobId = options.jobId;
  }
}
