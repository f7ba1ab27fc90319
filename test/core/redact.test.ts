import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Scenario, transportOf } from '../../src/client.js';
import { createRedactor, redactingUrl, redactValue, withoutSignatures } from '../../src/core/redact.js';
import { captureLogger, recordApi, useMockServer } from '../helpers/msw.js';
import { renderings } from '../helpers/renderings.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();

const CANARY = 'CANARY7f3a91';
const apiKey = `api_${CANARY}_key`;
const apiSecret = `${CANARY}_secret`;
const token = `eyJ.${CANARY}_jwt.sig`;
const basic = Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
const secrets = [CANARY, basic];

/** What a careless server or proxy might send back: the credentials it received, decoded. */
function echo(request: Request) {
  const authorization = request.headers.get('authorization') ?? '';
  const [scheme = '', value = ''] = authorization.split(' ');
  const received = scheme === 'Basic' ? Buffer.from(value, 'base64').toString().split(':') : [value];
  return {
    reason: `bad credentials ${received.join(' / ')}`,
    authorization,
    nested: { list: [received.at(-1), { deeper: received[0] }] },
  };
}

const failures: Record<
  string,
  { answer: (request: Request) => Response | Promise<Response>; method?: 'GET' | 'POST' }
> = {
  '401 echoing the credentials': { answer: (request) => HttpResponse.json(echo(request), { status: 401 }) },
  '500 echoing the credentials': { answer: (request) => HttpResponse.json(echo(request), { status: 500 }) },
  '429 over the wait cap': {
    answer: (request) => HttpResponse.json({ ...echo(request), remainingSeconds: 999 }, { status: 429 }),
  },
  'HTML error page echoing the header': {
    answer: (request) =>
      new HttpResponse(`<html><title>Denied ${echo(request).reason}</title></html>`, { status: 502 }),
  },
  timeout: {
    answer: async () => {
      await delay('infinite');
      return HttpResponse.json({});
    },
    method: 'POST',
  },
  'network error': { answer: () => HttpResponse.error() },
  '2xx failing validation, echoing the credentials': {
    answer: (request) => HttpResponse.json({ job: { status: 42 }, echo: echo(request) }),
  },
  '2xx that is not JSON, echoing the credentials': {
    answer: (request) => new HttpResponse(`${echo(request).reason} not json`),
  },
};

function expectNoSecret(texts: string[], where: string) {
  for (const text of texts) for (const secret of secrets) expect(text, where).not.toContain(secret);
}

const schema = z.looseObject({ job: z.looseObject({ status: z.string() }) });

describe.each([
  ['key and secret', { apiKey, apiSecret, token }],
  ['token', { token }],
])('secret canary with %s', (_name, credentials) => {
  test.each(Object.keys(failures))('%s: absent from the error and every log line', async (name) => {
    const failure = failures[name] as (typeof failures)[string];
    const { logger, lines } = captureLogger();
    const { handler, requests } = recordApi((request) => failure.answer(request));
    server.use(handler);
    const client = new Scenario({ ...credentials, logger, logLevel: 'debug', timeout: 50, maxRetries: 1 });
    const error = await rejectionOf(
      transportOf(client).request({ method: failure.method ?? 'GET', path: '/jobs/job_1', body: undefined, schema }),
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(requests[0]?.headers.get('authorization')).toContain('apiKey' in credentials ? basic : CANARY);
    expectNoSecret(renderings(error), `${name}: error`);
    expectNoSecret(lines, `${name}: log`);
  });

  test('a connection error whose cause carries the request headers', async () => {
    const { logger, lines } = captureLogger();
    const client = new Scenario({
      ...credentials,
      logger,
      logLevel: 'debug',
      maxRetries: 1,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const auth = request.headers.get('authorization');
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error(`proxy refused ${auth}`), { code: 'ECONNRESET', request, auth }),
        });
      },
    });
    const error = await rejectionOf(transportOf(client).request({ method: 'GET', path: '/jobs', schema: z.unknown() }));
    expect(error.name).toBe('APIConnectionError');
    expectNoSecret(renderings(error), 'error');
    expectNoSecret(lines, 'log');
  });
});

describe('createRedactor', () => {
  test('replaces every occurrence of every secret', () => {
    const redact = createRedactor(['abcd', 'xyz12', undefined]);
    expect(redact('abcd-xyz12-abcd')).toBe('[redacted]-[redacted]-[redacted]');
  });

  test('ignores secrets too short to be real (they would blank out ordinary text)', () => {
    expect(createRedactor(['a', ''])('a banana')).toBe('a banana');
  });

  test('redactValue walks objects and arrays', () => {
    const redact = createRedactor(['s3cret']);
    expect(redactValue({ a: ['x s3cret'], b: { c: 's3cret' }, n: 1 }, redact)).toEqual({
      a: ['x [redacted]'],
      b: { c: '[redacted]' },
      n: 1,
    });
  });
});

test('response headers that echo the credentials are redacted in the error', async () => {
  server.use(
    recordApi((request) =>
      HttpResponse.json(
        { reason: 'no' },
        { status: 403, headers: { 'x-echo-auth': request.headers.get('authorization') ?? '' } },
      ),
    ).handler,
  );
  const client = new Scenario({ apiKey, apiSecret, logLevel: 'off' });
  const error = await rejectionOf(transportOf(client).request({ method: 'GET', path: '/jobs', schema: z.unknown() }));
  for (const text of [JSON.stringify(error), inspect(error, { depth: 10 })]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  expect((error as unknown as { headers: Record<string, string> }).headers['x-echo-auth']).toContain('[redacted]');
});

describe('error bodies are redacted after JSON decoding', () => {
  /** Every character as a JSON `\u00xx` escape. */
  const unicodeEscaped = (text: string) =>
    [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const slashSecret = `${CANARY}/slash+secret`;

  test.each([
    ['\\/ escapes', (secret: string) => secret.replaceAll('/', '\\/')],
    ['\\u00xx escapes', unicodeEscaped],
  ])('a server echoing the credentials with %s leaks nothing', async (_name, escaped) => {
    server.use(
      recordApi(
        () =>
          new HttpResponse(
            `{"reason":"bad secret ${escaped(slashSecret)}","details":{"${escaped(slashSecret)}":["${escaped(slashSecret)}"]}}`,
            { status: 401, headers: { 'content-type': 'application/json' } },
          ),
      ).handler,
    );
    const client = new Scenario({ apiKey, apiSecret: slashSecret, logLevel: 'off' });
    const error = await rejectionOf(transportOf(client).request({ method: 'GET', path: '/jobs', schema: z.unknown() }));
    expect(error.message).toContain('bad secret [redacted]');
    for (const text of renderings(error)) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain('slash+secret');
    }
  });

  test('a secret that contains another leaves no fragment (longest first)', async () => {
    const key = `api_${CANARY}`;
    const secret = `${key}_tail_of_the_secret`;
    server.use(recordApi(() => HttpResponse.json({ reason: `you sent ${secret}` }, { status: 403 })).handler);
    const client = new Scenario({ apiKey: key, apiSecret: secret, logLevel: 'off' });
    const error = await rejectionOf(transportOf(client).request({ method: 'GET', path: '/jobs', schema: z.unknown() }));
    expect(error.message).toContain('you sent [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain('tail_of_the_secret');
  });
});

describe('createRedactor order', () => {
  test('replaces the longest secret first, whatever the order given', () => {
    expect(createRedactor(['abcd', 'abcd-longer'])('x abcd-longer y abcd')).toBe('x [redacted] y [redacted]');
  });

  test('redactValue redacts keys too', () => {
    expect(redactValue({ s3cret: 1 }, createRedactor(['s3cret']))).toEqual({ '[redacted]': 1 });
  });
});

describe('redactingUrl', () => {
  test('shows a quoted URL without its signed query, and hides the query alone', () => {
    const url = 'https://cdn.example.com/a/b.png?X-Amz-Signature=SIGNED&Expires=1';
    const redact = redactingUrl(createRedactor([]), url);
    expect(redact(`request to ${url} failed`)).toBe('request to https://cdn.example.com/a/b.png failed');
    expect(redact('query ?X-Amz-Signature=SIGNED&Expires=1 rejected')).toBe('query ?[redacted] rejected');
  });
});

describe('withoutSignatures', () => {
  test.each([
    [
      'CloudFront',
      'https://cdn.cloud.scenario.com/a.png?p=100&Expires=1999&Signature=abc~d-e_f&Key-Pair-Id=K2X',
      'https://cdn.cloud.scenario.com/a.png?p=100&Expires=1999&Signature=[redacted]&Key-Pair-Id=[redacted]',
    ],
    [
      'S3 presigned',
      'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F2025&X-Amz-Signature=0a1b&X-Amz-Security-Token=IQo',
      'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]',
    ],
    [
      'percent-encoded inside another URL',
      'next=https%3A%2F%2Fb%2Fk%3FX-Amz-Signature%3D0a1b%26page%3D2',
      'next=https%3A%2F%2Fb%2Fk%3FX-Amz-Signature%3D[redacted]%26page%3D2',
    ],
    [
      'the emulator',
      '"url":"http://127.0.0.1:4010/cdn/assets/a?expires=1&signature=ff00"',
      '"url":"http://127.0.0.1:4010/cdn/assets/a?expires=1&signature=[redacted]"',
    ],
    [
      'prose without a signature',
      'Job failed: signature mismatch in design',
      'Job failed: signature mismatch in design',
    ],
  ])('%s', (_name, text, shown) => {
    expect(withoutSignatures(text)).toBe(shown);
  });
});
