import { ScenarioError } from './ScenarioError.js';

/** The caller's `signal` aborted the call. */
export class APIUserAbortError extends ScenarioError {
  constructor(message = 'The request was aborted by its signal.', options?: { cause?: unknown }) {
    super(message, options);
  }
}
