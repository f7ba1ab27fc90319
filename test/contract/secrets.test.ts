/**
 * design.md §2–3 — "no error, log line or JSON.stringify(error) ever contains the key, secret or token".
 * Canary credentials are driven through every kind of failure with a debug logger attached.
 */
import { inspect } from 'node:util';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { Scenario, ScenarioError } from '../../src/index.js';
import { API, jobWire, PDF, rejectionOf, useFakeApi } from './_fake-api.js';

const { api, use, rec } = useFakeApi();

const CANARY_KEY = 'api_CANARYkey7Q3xZ9';
const CANARY_SECRET = 'CANARYsecret-4f8e2b1d9c';
const CANARY_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.CANARYtoken0b5a.sigCANARY77';
const CANARY_BASIC = Buffer.from(`${CANARY_KEY}:${CANARY_SECRET}`).toString('base64');
const FORBIDDEN = [CANARY_KEY, CANARY_SECRET, CANARY_TOKEN, CANARY_BASIC];

function captureLogger() {
  const lines: string[] = [];
  const capture = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '));
  return {
    lines,
    logger: { debug: capture, info: capture, warn: capture, error: capture, log: capture, trace: capture },
  };
}

function expectClean(label: string, text: string) {
  for (const s of FORBIDDEN) expect(text, `${label} leaks ${s.slice(0, 12)}…`).not.toContain(s);
}

function expectErrorClean(err: unknown) {
  expect(err).toBeInstanceOf(ScenarioError);
  const e = err as Error;
  expectClean('message', e.message);
  expectClean('stack', e.stack ?? '');
  expectClean('JSON.stringify(error)', JSON.stringify(e) ?? '');
  expectClean('util.inspect(error)', inspect(e, { depth: 8, showHidden: false }));
  expectClean('String(error)', String(e));
}

const failures: [string, () => void][] = [
  [
    '401',
    () =>
      use(
        http.get(
          `${API}/assets/:id`,
          rec(() => HttpResponse.json({ reason: 'Invalid credentials' }, { status: 401 })),
        ),
      ),
  ],
  [
    '500 (after retries)',
    () =>
      use(
        http.get(
          `${API}/assets/:id`,
          rec(() => HttpResponse.json({ reason: 'oops' }, { status: 500, headers: { 'Retry-After': '0' } })),
        ),
      ),
  ],
  [
    'connection failure',
    () =>
      use(
        http.get(
          `${API}/assets/:id`,
          rec(() => HttpResponse.error()),
        ),
      ),
  ],
  [
    'timeout',
    () =>
      use(
        http.get(
          `${API}/assets/:id`,
          rec(async () => {
            await delay(1_000);
            return HttpResponse.json({});
          }),
        ),
      ),
  ],
  [
    'malformed 200',
    () =>
      use(
        http.get(
          `${API}/assets/:id`,
          rec(() => HttpResponse.json({ asset: 'nope' })),
        ),
      ),
  ],
];

describe.each([
  ['apiKey/apiSecret', { apiKey: CANARY_KEY, apiSecret: CANARY_SECRET }],
  ['token', { token: CANARY_TOKEN }],
] as const)('with %s credentials', (_label, creds) => {
  it.each(failures)('a %s error and the debug log lines contain no credential', async (_name, arrange) => {
    arrange();
    const { lines, logger } = captureLogger();
    const client = new Scenario({ ...creds, logger, logLevel: 'debug', timeout: 100 });
    const err = await rejectionOf(client.assets.get('asset_1'));
    expectErrorClean(err);
    expect(api.requests.length).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0); // debug logging is on: the check below is not vacuous
    for (const line of lines) expectClean('log line', line);
  });

  it('a job failure error and an InvalidRequestError contain no credential', async () => {
    api.jobScripts.set('job_f', [jobWire('job_f', 'failure', 0.2, { error: 'bad input', hint: 'fix it' })]);
    const { lines, logger } = captureLogger();
    const client = new Scenario({ ...creds, logger, logLevel: 'debug' });
    expectErrorClean(await rejectionOf(client.jobs.wait('job_f', { pollInterval: 10 })));
    expectErrorClean(
      await rejectionOf(client.img2img.create({ modelId: 'm', prompt: 'p', image: PDF, strength: 0.5 })),
    );
    for (const line of lines) expectClean('log line', line);
  });

  it('a successful call logs nothing secret at debug level', async () => {
    api.addAsset('asset_1');
    const { lines, logger } = captureLogger();
    const client = new Scenario({ ...creds, logger, logLevel: 'debug' });
    await client.assets.get('asset_1');
    await client.img2img.create({ modelId: 'm', prompt: 'p', image: 'asset_1', strength: 0.5 });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expectClean('log line', line);
  });
});
