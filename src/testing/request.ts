import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.js';

/** The request's JSON body; a body that is not JSON gets the 400 the real API sends. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
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
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
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
