const placeholder = '[redacted]';

/** A URL as errors and logs show it: origin and path only, since the query of a signed URL is a credential. */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Text that should be a URL but may not parse, as errors show it: any user info (everything
 * between `//` and the last `@`), query and fragment cut out.
 */
export function shownUrlText(text: string): string {
  const cut = text.replace(/\/\/.*@/s, '//').replace(/[?#].*$/s, '');
  return cut.length > 120 ? `${cut.slice(0, 117)}…` : cut;
}

/**
 * The shortest secret redacted from successful answers, which are data: real keys, secrets and
 * tokens are longer, while a test value such as `secret` or `emulator` would turn names, prompts
 * and URLs into `[redacted]`. Errors and logs are redacted of secrets from 4 characters on.
 */
export const MIN_ANSWER_SECRET_LENGTH = 16;

/** The redactor of no secret: texts unchanged, so a value need not be copied to be redacted. */
export const unredacted = (text: string): string => text;

/**
 * Builds a function that replaces every secret (and its Basic-auth encodings) of at least
 * `minLength` characters in a text. Applied to log lines, to errors and to answers, which a
 * server may echo credentials into. The longest secret goes first, so one that contains another
 * leaves no fragment behind. Without a secret that long, {@link unredacted}.
 */
export function createRedactor(secrets: Array<string | undefined>, minLength = 4): (text: string) => string {
  const needles = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= minLength)
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return unredacted;
  return (text) => needles.reduce((result, needle) => result.split(needle).join(placeholder), text);
}

/**
 * Extends `redact` for a request to a URL outside the API: wherever a text quotes the URL (a
 * custom fetch's error may), it is shown as {@link shownUrl} shows it, without the query that
 * signs it.
 */
export function redactingUrl(redact: (text: string) => string, url: string): (text: string) => string {
  const parsed = URL.parse(url);
  if (!parsed) return redact;
  const shown = shownUrl(parsed);
  const quoted = [...new Set([url, parsed.href])].sort((a, b) => b.length - a.length);
  const query = parsed.search.length > 1 ? parsed.search : undefined;
  return (text) => {
    const withoutUrl = quoted.reduce((result, form) => result.split(form).join(shown), redact(text));
    return query ? withoutUrl.split(query).join(`?${placeholder}`) : withoutUrl;
  };
}

/**
 * The query parameters that sign a URL: CloudFront's (`Signature`, `Key-Pair-Id`, `Policy`),
 * S3's and GCS's presigned ones, Azure's `sig`, and the emulator's `signature`. Whoever holds
 * them can read or write what the URL points at until it expires.
 */
const signingParameter =
  /\b(signature|sig|key-pair-id|policy|x-amz-credential|x-amz-security-token|x-goog-credential)(=|%3D)(?:(?!%26)[^&#\s"'<>\\])*/gi;

/**
 * Removes the values of signing query parameters from a text (in URLs, percent-encoded ones
 * included), so an error that quotes a signed URL names it without granting access to it.
 */
export function withoutSignatures(text: string): string {
  return text.replace(signingParameter, `$1$2${placeholder}`);
}

/** Redacts every string inside a JSON-like value, keys included. */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactValue(item, redact)]),
    ) as T;
  }
  return value;
}
