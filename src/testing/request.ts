import type { Context } from 'hono';
import { MAX_REQUEST_BODY_BYTES, readBodyBytes } from './body-limit.js';
import type { AppEnv, EmulatorContext } from './context.js';
import { badRequest, EmulatorHttpError, jsonResponse } from './errors.js';
import { checkBody } from './spec/check-body.js';
import type { OperationContract } from './spec/contract.js';
import { operationContract } from './spec/operations.js';
import { routeOf } from './traffic.js';

/**
 * The API gateway's synchronous payload ceiling (~6 MB). Generation
 * bodies carry inline images, so a client that inlines too much must hit it here as it would there.
 */
export const MAX_GENERATE_BODY_BYTES = 6 * 1024 * 1024;

/**
 * The request's JSON body, read only up to `maxBytes` (413 beyond, before it is buffered); a body
 * that is not JSON gets the 400 the real API sends.
 */
export async function readJson(c: Context, maxBytes = MAX_REQUEST_BODY_BYTES): Promise<unknown> {
  const bytes = await readBodyBytes(c.req.raw, maxBytes);
  if (!bytes) throw new EmulatorHttpError(413, `Request body too large (limit ${maxBytes} bytes)`);
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

/** The swagger contract of the request's route (`POST /jobs/{jobId}/action`). */
export const contractOf = (c: Context<AppEnv>): OperationContract =>
  operationContract(`${c.req.method} ${routeOf(c).replace(/:(\w+)/g, '{$1}')}`);

/**
 * The JSON body checked against the route's swagger contract: only the fields it lists, typed
 * and in range. The others are ignored (see {@link ignoreFields}).
 */
export async function readBody(
  context: EmulatorContext,
  c: Context<AppEnv>,
  maxBytes?: number,
): Promise<Record<string, unknown>> {
  const { values, unknown } = checkBody(contractOf(c), await readJson(c, maxBytes));
  ignoreFields(context, c, unknown);
  return values;
}

/**
 * Fields the real API would silently ignore: recorded on the request (and so in
 * `emulator.state.ignoredFields` and the response header), or refused in strict mode.
 */
export function ignoreFields(context: EmulatorContext, c: Context<AppEnv>, fields: readonly string[]): void {
  if (fields.length === 0) return;
  if (context.options.strict) {
    throw badRequest(
      `Unknown field(s) ${fields.join(', ')}: the real API ignores them, this emulator refuses them (strict mode)`,
    );
  }
  const entry = c.get('request');
  entry.ignoredFields = [...(entry.ignoredFields ?? []), ...fields];
}

/**
 * Whether `?dryRun` asks for a quote. Any value but `false` or `0` does, a bare `?dryRun` and
 * `?dryRun=1` included: reading an ambiguous flag as "quote" never bills a client that meant one.
 */
export function isDryRun(c: Context): boolean {
  const value = c.req.query('dryRun');
  return value !== undefined && !/^(false|0)$/i.test(value.trim());
}

/** HTTP status of a dry-run quote: non-standard, but what the real API sends. */
const DRY_RUN_STATUS = 269;

/** The answer to a dry run: the quote, `costDetails` itemising it, with the status the real API sends. */
export function dryRunQuote(cost: number, costDetails: Record<string, unknown>): Response {
  return jsonResponse({ creativeUnitsCost: cost, creativeUnitsDiscount: 0, costDetails, job: {} }, DRY_RUN_STATUS);
}

/** The values of repeatable, comma-separated query parameters (`?types=a,b&type=c`), in order of `names`. */
export const queryList = (c: Context, ...names: string[]) =>
  names.flatMap((name) => c.req.queries(name) ?? []).flatMap((value) => value.split(','));
