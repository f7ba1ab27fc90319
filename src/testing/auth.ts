import type { MiddlewareHandler } from 'hono';
import type { AppEnv, EmulatorContext } from './context.js';
import { EmulatorHttpError } from './errors.js';

const unauthorized = (reason: string) => new EmulatorHttpError(401, reason, {}, { 'www-authenticate': 'Basic' });

/**
 * Basic (`key:secret`) or Bearer auth on every API route. Without configured credentials any
 * non-empty ones pass; with `apiKey`/`apiSecret` (or `token`) only those do. Also resolves the
 * owner: `?projectId=` when given, else the emulator's default project.
 */
export function auth(context: EmulatorContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refusal = checkAuthorization(context, c.req.header('authorization'));
    if (refusal) throw unauthorized(refusal);
    c.set('owner', c.req.query('projectId') || context.options.projectId);
    await next();
  };
}

function checkAuthorization(context: EmulatorContext, header: string | undefined): string | undefined {
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
    return undefined;
  }
  if (/^bearer$/i.test(scheme)) {
    if (token !== undefined ? value !== token : apiKey !== undefined) return 'Invalid bearer token';
    return undefined;
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
