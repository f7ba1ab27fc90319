import type { z } from 'zod';
import { type InputIssue, InvalidRequestError } from './errors/InvalidRequestError.js';
import { ResponseValidationError } from './errors/ResponseValidationError.js';
import { redactValue } from './redact.js';

/** zod issues as `path: message` pairs, the path written the way a user would write it. */
function toInputIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (result, segment) =>
      typeof segment === 'number' ? `${result}[${segment}]` : result ? `${result}.${String(segment)}` : String(segment),
    '',
  );
}

/** Validates caller input before any request; `what` names it in the error ("img2img params"). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidRequestError(what, toInputIssues(result.error.issues));
  return result.data;
}

/**
 * Validates a server answer; `endpoint` ("GET /jobs/{id}") names it in the error. `redact`
 * cleans the body and issues kept on the error, since a server may echo credentials.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  endpoint: string,
  redact: (text: string) => string = (text) => text,
): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = toInputIssues(result.error.issues).map((issue) => redactValue(issue, redact));
    throw new ResponseValidationError(endpoint, issues, redactValue(body, redact));
  }
  return result.data;
}
