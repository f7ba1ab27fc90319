import { readBodyBytes } from './body-limit.js';
import { isPublicAddress } from './public-address.js';

/**
 * Which URLs `POST /uploads {url}` may download: `'public'` (the default) only http(s) URLs whose
 * host resolves to public addresses only, at every redirect; `'any'` any http(s) URL (a test's
 * image server on localhost).
 */
export type UploadUrlPolicy = 'public' | 'any';

/** What {@link fetchImportUrl} needs. */
export interface ImportFetch {
  policy: UploadUrlPolicy;
  fetch: typeof fetch;
  /** The most bytes read; a longer answer fails the import, unread past the limit. */
  maxBytes: number;
}

/** Redirects followed, each checked like the first URL. */
const MAX_REDIRECTS = 5;
/** How long one import may take, all redirects included. */
const IMPORT_TIMEOUT_MS = 30_000;

/**
 * Downloads `url` for an import, or `undefined` when it cannot: not http(s), a host that does not
 * resolve or resolves to an address the policy refuses (loopback, private, link-local…; checked
 * again at each redirect), no 200 answer, too large, too slow. The caller reports every one of
 * these the same way, so an import cannot be used to map a network (which ports are open,
 * which paths exist). Names are resolved here and again by `fetch`: a DNS server that changes
 * its answer in between is not caught.
 */
export async function fetchImportUrl(url: string, how: ImportFetch): Promise<Uint8Array | undefined> {
  const signal = AbortSignal.timeout(IMPORT_TIMEOUT_MS);
  try {
    let target = URL.parse(url);
    for (let hop = 0; target && hop <= MAX_REDIRECTS; hop++) {
      if (!(await allowed(target, how.policy))) return undefined;
      const response = await how.fetch(target.href, { redirect: 'manual', signal });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null)
        return response.status === 200 ? await readBodyBytes(response, how.maxBytes, signal) : undefined;
      await response.body?.cancel();
      target = URL.parse(location, target);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

async function allowed(url: URL, policy: UploadUrlPolicy): Promise<boolean> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (policy === 'any') return true;
  const addresses = await resolve(url.hostname.replace(/^\[|\]$/g, ''));
  return addresses.length > 0 && addresses.every(isPublicAddress);
}

/** Every address a host name resolves to (an IP literal: itself). */
async function resolve(host: string): Promise<string[]> {
  const dns = await import('node:dns').catch(() => undefined);
  // Without a resolver (a browser) a name cannot be checked: kept as is, it is no public address.
  if (!dns) return [host];
  const found = await dns.promises.lookup(host, { all: true, verbatim: true });
  return found.map(({ address }) => address);
}
