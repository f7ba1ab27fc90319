/**
 * Header values `fetch` cannot send (a line break, a NUL, a character outside Latin-1) given as a
 * credential or a header: each is refused with `InvalidRequestError` before any request, and the
 * value (often a secret) appears nowhere in the error. Values `fetch` can send still go out.
 *
 * Rerun: `npx vitest run test/property/header-values.test.ts`
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ClientOptions, InvalidRequestError, Scenario } from '../../src/index.js';
import { describeError, failureOf } from './arbitraries.js';

const RUNS = 100;

const ASSET = {
  id: 'asset_1',
  url: 'https://cdn.example.test/a.png',
  mimeType: 'image/png',
  kind: 'image',
  metadata: { kind: 'image', type: 'uploaded' },
  properties: { size: 1, width: 1, height: 1 },
};

/** A client whose fetch counts the requests that reach it, and answers an asset. */
function countingClient(options: ClientOptions) {
  const sent: Request[] = [];
  const client = new Scenario({
    apiKey: 'api_header_test',
    apiSecret: 'header-test-secret',
    logLevel: 'off',
    maxRetries: 0,
    ...options,
    fetch: async (input, init) => {
      sent.push(new Request(input, init));
      return Response.json({ asset: ASSET });
    },
  });
  return { client, sent };
}

/** A character `fetch` refuses inside a header value. */
const unsendable = fc.oneof(
  fc.constantFrom('\n', '\r', '\0', '\r\n'),
  fc.integer({ min: 0x100, max: 0xd7ff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('€', '中', '😀', 'ő'),
);

/** A secret-looking value with an unsendable character inside it (at its ends, `fetch` trims whitespace). */
const badValue = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{10,20}$/), unsendable, fc.stringMatching(/^[0-9a-f]{10,20}$/))
  .map(([before, bad, after]) => ({ value: `${before}${bad}${after}`, before, after }));

/** Everywhere a value becomes a header, and the call that sends it. */
const places: Record<string, (value: string) => Promise<unknown> | unknown> = {
  token: (value) => countingClient({ apiKey: undefined, apiSecret: undefined, token: value }),
  apiKey: (value) => countingClient({ apiKey: value }),
  apiSecret: (value) => countingClient({ apiSecret: value }),
  defaultHeaders: (value) => countingClient({ defaultHeaders: { 'x-studio': value } }),
  'per-call headers': (value) => ({ headers: { 'x-trace': value } }),
  'per-call Authorization': (value) => ({ headers: { Authorization: `Bearer ${value}` } }),
};

/** Runs one call with `value` in `place`; returns what it threw and how many requests went out. */
async function attempt(place: string, value: string) {
  let sent: Request[] = [];
  const error = await failureOf(async () => {
    const made = places[place]?.(value) as ReturnType<typeof countingClient> | { headers: Record<string, string> };
    if ('client' in made) {
      sent = made.sent;
      return made.client.assets.get('asset_1');
    }
    const counted = countingClient({});
    sent = counted.sent;
    return counted.client.assets.get('asset_1', { headers: made.headers });
  });
  return { error, sent };
}

describe('header values fetch cannot send', () => {
  for (const place of Object.keys(places)) {
    test(`${place}: InvalidRequestError, no request, the value nowhere in the error`, async () => {
      await fc.assert(
        fc.asyncProperty(badValue, async ({ value, before, after }) => {
          const { error, sent } = await attempt(place, value);
          if (!(error instanceof InvalidRequestError)) {
            throw new Error(`expected InvalidRequestError, got ${describeError(error)}`);
          }
          expect(sent).toHaveLength(0);
          const renderings = [error.message, String(error.stack), JSON.stringify(error), inspect(error)];
          for (const text of renderings) {
            for (const secret of [value, before, after]) expect(text).not.toContain(secret);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('header values fetch can send', () => {
  // Latin-1 beyond ASCII, tabs inside, whitespace at the ends (which fetch trims).
  const sendable = fc
    .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 1 })
    .filter((text) => /[^\t ]/.test(text))
    .map((text) => ` ${text}\t`);

  test('reach the wire, trimmed', async () => {
    await fc.assert(
      fc.asyncProperty(sendable, async (value) => {
        const { error, sent } = await attempt('per-call headers', value);
        expect(error).toBeUndefined();
        expect(sent).toHaveLength(1);
        // HTTP trims tabs and spaces only (not U+00A0, which String#trim also removes).
        expect(sent[0]?.headers.get('x-trace')).toBe(value.replace(/^[\t ]+|[\t ]+$/g, ''));
      }),
      { numRuns: RUNS },
    );
  });
});
