import type { MiddlewareHandler } from 'hono';
import type { AppEnv, EmulatorContext } from './context.js';
import { forbidden } from './errors.js';
import type { AllowList } from './options.js';

/**
 * Whether a host name is this machine's own: `localhost` (and `*.localhost`, which browsers
 * resolve locally), `127.0.0.0/8`, `::1`. A web page elsewhere cannot make a browser send those
 * as its own origin or `Host`, which is what keeps loopback-only servers out of its reach.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether a browser page of `origin` may call the emulator: a loopback origin (any port), one of
 * `allowed` (exact `scheme://host[:port]`), or any with `'*'`. `null` (a file or sandboxed page) is not.
 */
export function isAllowedOrigin(origin: string, allowed: AllowList): boolean {
  if (allowed === '*') return true;
  const url = URL.parse(origin);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return isLoopbackHost(url.hostname) || allowed.some((entry) => URL.parse(entry)?.origin === url.origin);
}

/**
 * Whether a request's `Host` names this server: a loopback name (any port), one of `allowed`
 * (`name` for any port, `name:port` for one), or any with `'*'`. Refusing other names defeats DNS
 * rebinding, where a page's own host name is made to resolve to 127.0.0.1.
 */
export function isAllowedHost(host: string, allowed: AllowList): boolean {
  if (allowed === '*') return true;
  const url = /^(\[[\da-f:.]+\]|[\w.-]+)(:\d+)?$/i.test(host) ? URL.parse(`http://${host}`) : null;
  if (!url) return false;
  if (isLoopbackHost(url.hostname)) return true;
  return allowed.some((entry) => {
    const wanted = URL.parse(`http://${entry}`);
    return wanted !== null && wanted.hostname === url.hostname && (wanted.port === '' || wanted.port === url.port);
  });
}

/**
 * For the HTTP server: refuses (403) a request whose `Host` or `Origin` the emulator was not
 * opened to, before it reaches any route. In-process forms are only reachable by their own
 * process, and are not checked.
 */
export function httpAccess(context: EmulatorContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hosts = context.http?.allowHosts;
    if (hosts === undefined) return next();
    const host = c.req.header('host') ?? '';
    if (!isAllowedHost(host, hosts)) {
      throw forbidden(
        `Host "${host}" is not served: the emulator answers loopback names only (localhost, 127.0.0.1, [::1]); start it with --allow-host <name> (or --open) to serve others`,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !isAllowedOrigin(origin, context.options.allowOrigins)) {
      throw forbidden(
        `Origin "${origin}" is not allowed: the emulator answers pages on loopback origins only; start it with --allow-origin ${origin} (or --open) to answer it`,
      );
    }
    return next();
  };
}
