import type { MiddlewareHandler } from 'hono';
import type { AppEnv, EmulatorContext } from './context.js';
import { EmulatorHttpError, forbidden } from './errors.js';

const unauthorized = (reason: string) => new EmulatorHttpError(401, reason, {}, { 'www-authenticate': 'Basic' });

/** Who is calling: an API key (project-scoped) or a bearer token (a user, who may have several projects). */
type Caller = { kind: 'key'; keyId: string } | { kind: 'token' };

/**
 * Basic (`key:secret`) or Bearer auth on every API route. Without configured credentials any
 * non-empty ones pass; with `apiKey`/`apiSecret` (or `token`) only those do. Also resolves the
 * project things belong to (see {@link projectOf}).
 */
export function auth(context: EmulatorContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = identify(context, c.req.header('authorization'));
    if (typeof caller === 'string') throw unauthorized(caller);
    c.set('owner', projectOf(context, caller, c.req.query('projectId') || undefined));
    await next();
  };
}

/**
 * The project a request acts in. A bearer token acts for a user: `?projectId=` picks any of their
 * projects, the default one without it. An API key belongs to one project from the start, as real
 * keys do: the emulator's `projectId`. Naming that project changes nothing; naming another is a 403.
 */
function projectOf(context: EmulatorContext, caller: Caller, named: string | undefined): string {
  const own = context.options.projectId;
  if (caller.kind === 'token' || named === undefined || named === own) return named ?? own;
  throw forbidden(
    `API key ${caller.keyId} belongs to project ${own} and cannot act in ${named}: API keys are project-scoped, use a key of ${named}`,
  );
}

/** The caller, or why the Authorization header is refused. */
function identify(context: EmulatorContext, header: string | undefined): Caller | string {
  const { apiKey, apiSecret, token } = context.options.credentials;
  const [scheme = '', value = '', extra] = (header ?? '').trim().split(/\s+/);
  if (extra !== undefined || !value) {
    return 'Missing or malformed Authorization header: send "Basic base64(apiKey:apiSecret)" or "Bearer <token>"';
  }
  if (/^basic$/i.test(scheme)) {
    const decoded = decodeBasic(value);
    const separator = decoded?.indexOf(':') ?? -1;
    if (!decoded || separator <= 0 || separator === decoded.length - 1) {
      return 'Malformed Basic credentials: expected base64 of "apiKey:apiSecret"';
    }
    const configured = apiKey !== undefined;
    if (configured && decoded !== `${apiKey}:${apiSecret}`) return 'Invalid API key or secret';
    return { kind: 'key', keyId: decoded.slice(0, separator) };
  }
  if (/^bearer$/i.test(scheme)) {
    if (token !== undefined ? value !== token : apiKey !== undefined) return 'Invalid bearer token';
    return { kind: 'token' };
  }
  return `Unsupported authorization scheme "${scheme}": use Basic or Bearer`;
}

function decodeBasic(value: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(value), (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
