/**
 * What `fetch` accepts in a header, checked before a request is built: `Headers` throws a
 * `TypeError` that quotes the bad value, which for a token is the secret itself.
 */

/** An HTTP token: the characters a header name may have. */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Once `fetch` has trimmed the outer whitespace, a value may hold no NUL, CR or LF (they would
 * split the header), and no character above U+00FF (a header is a byte string).
 */
const forbiddenInValue = /[\0\r\n]|[^\0-\xff]/;

export function isHeaderName(name: string): boolean {
  return headerName.test(name);
}

export function isHeaderValue(value: string): boolean {
  return !forbiddenInValue.test(value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''));
}

/** Why a value was refused, without quoting it: it may be a credential. */
export const INVALID_HEADER_VALUE =
  'cannot be sent in an HTTP header: it contains a line break, a NUL or a character outside Latin-1 (value not shown)';
