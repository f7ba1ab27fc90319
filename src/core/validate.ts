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

/**
 * Checks `input` against a schema the way the SDK checks a call before any request, and returns
 * the parsed value. On bad input it throws the SDK's `InvalidRequestError`: `issues` lists every
 * problem as `{ path, message }` in English (a schema's `safeParse` under `zod/mini` loads no
 * locale, so its messages read "Invalid input"), and `what` names the input in the message
 * ("img2img params" → `Invalid img2img params: influence: Too big: …`). For a form, a command
 * line or a manifest that should fail as the SDK would.
 *
 * @example
 * ```ts
 * import { InvalidRequestError } from 'scenario-sdk';
 * import { Img2ImgParamsSchema, parseInput } from 'scenario-sdk/schemas';
 *
 * try {
 *   parseInput(Img2ImgParamsSchema, { modelId: 'flux.1-dev', image: 'asset_abc', influence: 150 }, 'img2img params');
 * } catch (error) {
 *   if (error instanceof InvalidRequestError) for (const { path, message } of error.issues) console.log(path, message);
 * }
 * ```
 */
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
