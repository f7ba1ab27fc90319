import type { InputIssue } from './InvalidRequestError.js';
import { ScenarioError } from './ScenarioError.js';

/** The server answered 2xx with a shape the SDK cannot use. `body` is what it sent. */
export class ResponseValidationError extends ScenarioError {
  /** Where the body differs from the expected shape. */
  readonly issues: InputIssue[];
  /** What the server sent. */
  readonly body: unknown;

  /** `advice`: what to do next beyond reporting it (a billed call's work may exist). */
  constructor(endpoint: string, issues: InputIssue[], body: unknown, advice?: string) {
    const list = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    const next = advice ? ` ${advice}.` : '';
    super(`Unexpected response from ${endpoint}: ${list}. Please report this with the SDK version.${next}`);
    this.issues = issues;
    this.body = body;
  }
}
