import { encodeBase64 } from './base64.js';
import { InvalidRequestError } from './errors/InvalidRequestError.js';

/** Credentials as given to the client; any may be missing until a call needs them. */
export interface Credentials {
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  token?: string | undefined;
}

/** The `Authorization` header value: Basic for a key pair, else Bearer for a token. */
export function authorizationHeader({ apiKey, apiSecret, token }: Credentials): string {
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
