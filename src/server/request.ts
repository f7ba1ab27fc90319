import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { Refusal } from './answers.js';

/** zod's English messages, as the SDK gives them: zod/mini loads no locale of its own. */
const { localeError } = en();

/** `value` as `schema` reads it, or a 400 whose `issues` name every problem with its path. */
export function checked<S extends z.core.$ZodType>(schema: S, value: unknown, what: string): z.core.output<S> {
  const result = z.safeParse(schema, value, { error: localeError });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues.map(({ path, message }) => (path ? `${path}: ${message}` : message)).join('; ');
  throw new Refusal(400, `invalid ${what}: ${summary}`, { issues });
}

/**
 * The JSON body, read no further than `maxBytes`: a larger body is refused (413) before it is
 * buffered, by its `content-length` when it says so, else as soon as the stream passes the limit.
 * A body must say it is JSON (415 otherwise): a browser lets any page send a `text/plain` POST
 * to another site without asking, but asks first (a CORS preflight) before `application/json`.
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
  if (hasBody && type !== 'application/json' && !type.endsWith('+json')) {
    throw new Refusal(415, `send the body as application/json, not ${type || 'without a content-type'}`);
  }
  const tooLarge = () => new Refusal(413, `the body is larger than ${maxBytes} bytes`);
  if (Number(request.headers.get('content-length')) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const text = new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, 'the body is not JSON');
  }
}

/**
 * The query as `schema` reads it. Every value arrives as a string: where the schema wants a
 * number, a boolean or a list, the string is read as one (`pageSize=20`, `dryRun=true`, a single `types=…`).
 */
export function readQuery(schema: z.core.$ZodType, params: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length > 1 ? values : values[0];
  }
  const first = z.safeParse(schema, query);
  for (const issue of first.error?.issues ?? []) {
    const [key] = issue.path;
    const value = typeof key === 'string' ? query[key] : undefined;
    if (issue.code !== 'invalid_type' || issue.path.length !== 1 || typeof value !== 'string') continue;
    if (issue.expected === 'number' && value.trim() !== '') query[key as string] = Number(value);
    if (issue.expected === 'boolean' && (value === 'true' || value === 'false'))
      query[key as string] = value === 'true';
    if (issue.expected === 'array') query[key as string] = [value];
  }
  return checked(schema, query, 'query') as Record<string, unknown>;
}
