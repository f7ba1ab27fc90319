import { InvalidRequestError } from './errors.js';
import { shownUrl, shownUrlText } from './redact.js';

export const DEFAULT_BASE_URL = 'https://api.cloud.scenario.com/v1';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** How {@link parseBaseUrl} judges a base URL, and where it came from (named in errors). */
export interface BaseUrlOptions {
  /** Allow `http:` to a host that is not loopback (the client option of the same name). */
  allowInsecureHttp?: boolean | undefined;
  /** `baseUrl` (the option, the default) or `SCENARIO_BASE_URL` (the env variable). */
  source?: 'baseUrl' | 'SCENARIO_BASE_URL' | undefined;
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
