import type { InputIssue } from './InvalidRequestError.js';
import { ScenarioError } from './ScenarioError.js';

/** The server answered 2xx with a shape the SDK cannot use. `body` is what it sent. */
export class ResponseValidationError extends ScenarioError {
  /** Where the body differs from the expected shape. */
  readonly issues: InputIssue[];
  /** What the server sent. */
  readonly body: unknown;

  constructor(endpoint: string, issues: InputIssue[], body: unknown) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    super(`Unexpected response from ${endpoint}: ${list}. Please report this with the SDK version.`);
    this.issues = issues;
    this.body = body;
  }
}
