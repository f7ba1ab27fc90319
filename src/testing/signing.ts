import { hashSeed } from './rng.js';

/**
 * Signed URLs for asset downloads and upload parts, checked without the API auth header as
 * real CDN/S3 URLs are. The keyed hash is not cryptographic: it only proves that this emulator
 * issued the URL for that resource, which is all a test needs to catch a client that drops or
 * edits the query string.
 */
export class UrlSigner {
  constructor(private readonly secret: string) {}

  /** `${cdnUrl}/${resource}?expires=…&signature=…`; `expires` is in clock ms. */
  sign(cdnUrl: string, resource: string, expires: number): string {
    const query = new URLSearchParams({ expires: String(expires), signature: this.#signature(resource, expires) });
    return `${cdnUrl}/${resource}?${query}`;
  }

  /** Why a request for `resource` is refused, or `undefined` when it is validly signed and not expired at `now`. */
  check(resource: string, query: URLSearchParams, now: number): string | undefined {
    const expires = Number(query.get('expires'));
    const signature = query.get('signature');
    if (!signature || !Number.isFinite(expires)) return 'Request has no signature';
    if (signature !== this.#signature(resource, expires)) return 'The request signature does not match';
    if (now > expires) return 'Request has expired';
    return undefined;
  }

  #signature(resource: string, expires: number): string {
    return [hashSeed(this.secret, resource, expires), hashSeed(expires, resource, this.secret)]
      .map((n) => n.toString(16).padStart(8, '0'))
      .join('');
  }
}
