import { InvalidRequestError } from './errors.js';
import { shownUrl, shownUrlText } from './redact.js';

export const DEFAULT_BASE_URL = 'https://api.cloud.scenario.com/v1';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** How {@link parseBaseUrl} judges a base URL, and where it came from (named in errors). */
export interface BaseUrlOptions {
  /** Allow `http:` to a host that is not loopback (the client option of the same name). */
  allowInsecureHttp?: boolean | undefined;
  /** `baseUrl` (the option, the default), `SCENARIO_BASE_URL` (the env variable) or `proxyUrl`. */
  source?: 'baseUrl' | 'SCENARIO_BASE_URL' | 'proxyUrl' | undefined;
}

/**
 * Parses the API root. `http:` is allowed only on loopback unless `allowInsecureHttp`, so
 * credentials cross a network in clear only when asked to; a user or password in the URL is
 * refused, since it would reach every request, error and log (and the API takes neither).
 */
export function parseBaseUrl(value: string | URL, options: BaseUrlOptions = {}): URL {
  const invalid = (message: string) =>
    new InvalidRequestError('client options', [{ path: options.source ?? 'baseUrl', message }]);
  const url = URL.parse(value);
  if (!url) throw invalid(`not a URL: ${JSON.stringify(shownUrlText(String(value)))}`);
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      `must not contain a user name or password (${shownUrl(url)}); pass credentials as apiKey and apiSecret, or token`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`unsupported protocol ${url.protocol}`);
  if (url.protocol === 'http:' && !loopbackHosts.test(url.hostname) && !options.allowInsecureHttp) {
    throw invalid(
      `http: is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]); use https://${url.host}${url.pathname}, ` +
        'or set allowInsecureHttp: true for a host on a network you trust (an emulator in docker compose)',
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * Parses the client option `proxyUrl`. A relative one (`/api/scenario`) resolves against the
 * page, and then shares its origin, so `http:` is as safe as the page itself; an absolute one
 * follows the base URL's rules.
 */
export function parseProxyUrl(value: string | URL, options: BaseUrlOptions = {}): URL {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  if (typeof value === 'string' && !URL.canParse(value)) {
    const resolved = page === undefined ? null : URL.parse(value, page);
    if (!resolved) {
      throw new InvalidRequestError('client options', [
        {
          path: 'proxyUrl',
          message: 'a relative proxyUrl resolves against the page; outside a browser pass an absolute URL',
        },
      ]);
    }
    return parseBaseUrl(resolved, { ...options, allowInsecureHttp: true, source: 'proxyUrl' });
  }
  return parseBaseUrl(value, { ...options, source: 'proxyUrl' });
}
