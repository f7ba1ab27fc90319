import { InvalidRequestError } from './errors/InvalidRequestError.js';

export const DEFAULT_BASE_URL = 'https://api.cloud.scenario.com/v1';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Parses the API root; `http:` is allowed only on loopback, so credentials never cross a network in clear. */
export function parseBaseUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`not a URL: ${JSON.stringify(String(value))}`);
  }
  if (url.protocol === 'http:' && !loopbackHosts.test(url.hostname)) {
    throw invalid(
      `http: is only allowed for loopback hosts (localhost, 127.0.0.1, [::1]); use https://${url.host}${url.pathname}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`unsupported protocol ${url.protocol}`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError('client options', [{ path: 'baseUrl', message }]);
}
