import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type InputIssue, InvalidRequestError, ResponseValidationError } from './errors.js';
import { redactValue } from './redact.js';

/**
 * zod's English messages, given to each parse: zod/mini loads no locale (its messages would be
 * "Invalid input"), and `z.config` would also change the messages of the caller's own schemas.
 * Messages a schema sets itself still win.
 */
const { localeError } = en();

/**
 * `schema.safeParse(value)` with zod's English messages. Every parse of the SDK, the emulator's
 * included, goes through here. Takes any zod 4 schema, mini or classic.
 */
export function safeParse<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
): z.core.util.SafeParseResult<z.core.output<S>> {
  return z.safeParse(schema, value, { error: localeError });
}

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
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown, what: string): z.core.output<S> {
  const result = safeParse(schema, input);
  if (!result.success) throw new InvalidRequestError(what, toInputIssues(result.error.issues));
  return result.data;
}

/**
 * Validates a server answer; `endpoint` ("GET /jobs/{id}") names it in the error. `redact`
 * cleans the body and issues kept on the error, since a server may echo credentials; `advice`
 * is added to the error's message.
 */
export function parseResponse<S extends z.core.$ZodType>(
  schema: S,
  body: unknown,
  endpoint: string,
  redact: (text: string) => string,
  advice?: string,
): z.core.output<S> {
  const result = safeParse(schema, body);
  if (!result.success) {
    const issues = toInputIssues(result.error.issues).map((issue) => redactValue(issue, redact));
    throw new ResponseValidationError(endpoint, issues, redactValue(body, redact), { advice });
  }
  return result.data;
}
