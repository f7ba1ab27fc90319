const placeholder = '[redacted]';

/** A URL as errors and logs show it: origin and path only, since the query of a signed URL is a credential. */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Builds a function that replaces every secret (and its Basic-auth encodings) in a text.
 * Applied to log lines and to error bodies, which a server may echo credentials into.
 */
export function createRedactor(secrets: Array<string | undefined>): (text: string) => string {
  const needles = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  if (needles.length === 0) return (text) => text;
  return (text) => needles.reduce((result, needle) => result.split(needle).join(placeholder), text);
}

/** Redacts every string inside a JSON-like value. */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, redact)])) as T;
  }
  return value;
}
