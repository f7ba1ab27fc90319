import type { InputIssue } from './InvalidRequestError.js';
import { ScenarioError } from './ScenarioError.js';

/** The server answered 2xx with a shape the SDK cannot use. `body` is what it sent. */
export class ResponseValidationError extends ScenarioError {
  readonly issues: InputIssue[];
  readonly body: unknown;

  constructor(endpoint: string, issues: InputIssue[], body: unknown) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    super(`Unexpected response from ${endpoint}: ${list}. Please report this with the SDK version.`);
    this.issues = issues;
    this.body = body;
  }
}
