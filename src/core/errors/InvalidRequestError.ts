import { ScenarioError } from './ScenarioError.js';

/** One problem with the caller's input: where it is and what is wrong. */
export interface InputIssue {
  /** Where: `image`, `numSamples`, `styleImages[1]`; empty for the whole input. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** Bad input, caught before any network call. `issues` lists every problem found. */
export class InvalidRequestError extends ScenarioError {
  /** Every problem found. */
  readonly issues: InputIssue[];

  constructor(what: string, issues: InputIssue[]) {
    const list = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super(`Invalid ${what}: ${list.join('; ')}`);
    this.issues = issues;
  }
}
