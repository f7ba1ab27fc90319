/**
 * URLs carrying a user or password, generated: as the client's base URL (option or
 * SCENARIO_BASE_URL, string or `URL`) and as an image input (string or `URL`). Each must be
 * refused with `InvalidRequestError` before any request, and the password (raw, percent-encoded
 * or as the URL parser keeps it) must appear in no rendering of the error.
 *
 * Rerun: `npx vitest run test/property/url-credentials.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { InvalidRequestError, Scenario } from '../../src/index.js';
import { renderings } from '../helpers/renderings.js';
import { assertInvalid, failureOf, offlineClient } from './arbitraries.js';

const RUNS = 150;

/** A URL with user info, and the strings that must never show: the secret in every form it took. */
interface CredentialUrl {
  href: string;
  secrets: string[];
}

/** Password (or user name, for a user-only URL) with characters that need percent-encoding, tagged so it cannot occur by chance. */
const secret = fc
  .string({ minLength: 0, maxLength: 16, unit: 'grapheme' })
  .map((tail) => `Pw${tail.replace(/\s/g, '')}`);
const user = fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/);
const host = fc.oneof(fc.domain(), fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'api.cloud.scenario.com'));
const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });
const path = fc.constantFrom('', '/', '/v1', '/v1/', '/images/a.png', '/deep/er/b.webp');
const query = fc.constantFrom('', '?X-Amz-Signature=abc', '?a=1&b=2');

const credentialUrl: fc.Arbitrary<CredentialUrl> = fc
  .record({
    scheme: fc.constantFrom('https', 'http'),
    userOnly: fc.boolean(),
    user,
    secret,
    host,
    port,
    path,
    query,
  })
  .map(({ scheme, userOnly, user, secret, host, port, path, query }) => {
    const encoded = encodeURIComponent(secret);
    const userInfo = userOnly ? encoded : `${user}:${encoded}`;
    const href = `${scheme}://${userInfo}@${host}${port === undefined ? '' : `:${port}`}${path}${query}`;
    const parsed = URL.parse(href);
    const kept = parsed ? (userOnly ? parsed.username : parsed.password) : '';
    return { href, secrets: [...new Set([secret, encoded, kept].filter((text) => text.length >= 3))] };
  })
  .filter(({ href }) => URL.canParse(href));

/** Refused for the credentials (not some other mistake), and the secret in none of its renderings. */
function assertSecretAbsent(error: unknown, { href, secrets }: CredentialUrl): void {
  expect((error as Error).message).toMatch(/user name or password/);
  for (const text of renderings(error)) {
    for (const hidden of secrets) {
      if (text.includes(hidden)) throw new Error(`${JSON.stringify(hidden)} of ${href} leaked into: ${text}`);
    }
  }
}

describe('a base URL with credentials', () => {
  test('as the option, a string or a URL: refused, no request, the password absent', async () => {
    await fc.assert(
      fc.asyncProperty(credentialUrl, fc.boolean(), fc.boolean(), async (url, asUrlObject, insecure) => {
        const fetch = vi.fn<typeof globalThis.fetch>();
        const baseUrl = asUrlObject ? new URL(url.href) : url.href;
        const error = await failureOf(
          () => new Scenario({ token: 't0ken', baseUrl, fetch, allowInsecureHttp: insecure }),
        );
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect(fetch).not.toHaveBeenCalled();
        assertSecretAbsent(error, url);
      }),
      { numRuns: RUNS },
    );
  });

  test('from SCENARIO_BASE_URL: refused, naming the variable, the password absent', async () => {
    await fc.assert(
      fc.asyncProperty(credentialUrl, async (url) => {
        vi.stubEnv('SCENARIO_BASE_URL', url.href);
        const fetch = vi.fn<typeof globalThis.fetch>();
        const error = await failureOf(() => new Scenario({ token: 't0ken', fetch }));
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect((error as Error).message).toContain('SCENARIO_BASE_URL');
        expect(fetch).not.toHaveBeenCalled();
        assertSecretAbsent(error, url);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('an image URL with credentials', () => {
  const { client, seen } = offlineClient();
  const png = 'asset_reference';

  test.each([
    ['assets.upload', (image: string | URL) => client.assets.upload(image)],
    [
      'img2img.run',
      (image: string | URL) => client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight', image, strength: 0.5 }),
    ],
    [
      'controlnet.create (controlImage)',
      (image: string | URL) =>
        client.controlnet.create({
          modelId: 'flux.1-dev',
          prompt: 'a knight',
          image: png,
          controlImage: image,
          modality: 'canny',
        }),
    ],
  ])('%s: refused, 0 requests, the password absent', async (_name, call) => {
    await fc.assert(
      fc.asyncProperty(credentialUrl, fc.boolean(), async (url, asUrlObject) => {
        seen.length = 0;
        const error = await failureOf(() => call(asUrlObject ? new URL(url.href) : url.href));
        assertInvalid(error, seen, url.href);
        assertSecretAbsent(error, url);
      }),
      { numRuns: RUNS },
    );
  });
});
