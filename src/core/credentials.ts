import { encodeBase64 } from './base64.js';
import { type InputIssue, InvalidRequestError } from './errors.js';
import { INVALID_HEADER_VALUE, isHeaderValue } from './http-header.js';
import type { Logger } from './logger.js';

/** Credentials as given to the client; any may be missing until a call needs them. */
export interface Credentials {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  token?: string | undefined;
}

/**
 * Credentials as they are sent: outer whitespace (the newline of a pasted secret) trimmed, as
 * `fetch` trims a header value and as the env variables are read, and an empty value dropped.
 * The redactor is built from these, so a server's echo of what was sent is redacted.
 */
export function sentCredentials({ apiKey, apiSecret, token }: Credentials): Credentials {
  const trimmed = (value: string | undefined) => value?.trim() || undefined;
  return { apiKey: trimmed(apiKey), apiSecret: trimmed(apiSecret), token: trimmed(token) };
}

/** Every form of the credentials a server could echo: each value, and the Basic encoding of the pair. */
export function secretForms({ apiKey, apiSecret, token }: Credentials): Array<string | undefined> {
  return [apiKey, apiSecret, token, apiKey && apiSecret ? basicToken(apiKey, apiSecret) : undefined];
}

/** The `Authorization` header value: Basic for a key pair, else Bearer for a token. */
export function authorizationHeader({ apiKey, apiSecret, token }: Credentials): string {
  // A key or secret is base64-encoded, so only a token would make `fetch` throw; but a line
  // break or a non-Latin-1 character in any of them is a copy-paste accident, refused alike.
  const unsendable = Object.entries({ apiKey, apiSecret, token })
    .filter(([, value]) => value !== undefined && !isHeaderValue(value))
    .map(([name]): InputIssue => ({ path: name, message: INVALID_HEADER_VALUE }));
  if (unsendable.length > 0) throw new InvalidRequestError('client options', unsendable);
  if (apiKey && apiSecret) return `Basic ${basicToken(apiKey, apiSecret)}`;
  if (token) return `Bearer ${token}`;
  const missing = apiKey ? 'apiSecret is missing' : apiSecret ? 'apiKey is missing' : 'no credentials were given';
  throw new InvalidRequestError('client options', [
    {
      path: 'apiKey',
      message: `${missing}: pass { apiKey, apiSecret } or { token } to new Scenario(), or set SCENARIO_API_KEY and SCENARIO_API_SECRET (or SCENARIO_API_TOKEN)`,
    },
  ]);
}

/** The Basic-auth encoding of a key pair, also used to redact it. */
export function basicToken(apiKey: string, apiSecret: string): string {
  return encodeBase64(new TextEncoder().encode(`${apiKey}:${apiSecret}`));
}

let warnedOfSecretInPage = false;

/**
 * Warns once per page when a client is built with `apiSecret` in a browser, where anyone who
 * opens the page can read the key pair and spend its credits. Servers and workers stay quiet.
 */
export function warnOfSecretInPage(apiSecret: string | undefined, logger: Logger): void {
  if (apiSecret === undefined || warnedOfSecretInPage || !('document' in globalThis)) return;
  warnedOfSecretInPage = true;
  logger.warn(
    'apiSecret is in a browser page: anyone who opens it can read the key and spend its credits. ' +
      "Keep the key on a server: mount createProxy from 'scenario-sdk/server' there and build this client with { proxyUrl: '/api/scenario' }",
  );
}
