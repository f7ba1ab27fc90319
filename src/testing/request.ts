import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { safeParse } from '../core/validate.js';
import { badRequest, EmulatorHttpError } from './errors.js';

/**
 * The API gateway's synchronous payload ceiling (~6 MB). Generation
 * bodies carry inline images, so a client that inlines too much must hit it here as it would there.
 */
export const MAX_GENERATE_BODY_BYTES = 6 * 1024 * 1024;

/** The request's JSON body; a body that is not JSON gets the 400 the real API sends. */
export async function readJson(c: Context, maxBytes = Number.POSITIVE_INFINITY): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > maxBytes) {
    throw new EmulatorHttpError(413, `Request body too large (${text.length} bytes, limit ${maxBytes})`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

/**
 * Validates with the SDK's own wire schema (one source of truth for the rules). The reason is
 * phrased like the real API's (`Input prompt is required`) for missing fields.
 */
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown): z.core.output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => {
    const path = issue.path.join('.') || 'body';
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    if (missing) return `Input ${path} is required`;
    if (issue.code === 'unrecognized_keys') return `Unknown input(s) ${issue.keys.join(', ')}`;
    return `Invalid ${path}: ${issue.message}`;
  });
  throw badRequest(reasons.join('; '));
}

/** A `true`/`false` query flag. */
export const queryFlag = (c: Context, name: string) => c.req.query(name) === 'true';

/** The values of repeatable, comma-separated query parameters (`?types=a,b&type=c`), in order of `names`. */
export const queryList = (c: Context, ...names: string[]) =>
  names.flatMap((name) => c.req.queries(name) ?? []).flatMap((value) => value.split(','));
