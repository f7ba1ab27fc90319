/**
 * design.md §2–3 — "no error, log line or JSON.stringify(error) ever contains the key, secret or token".
 * Canary credentials are driven through every kind of failure with a debug logger attached.
 */
import { inspect } from 'node:util';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { Scenario, ScenarioError } from '../../src/index.js';
import { API, CDN, contractClient, jobWire, PDF, rejectionOf, useFakeApi } from './_fake-api.js';

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

describe('echoes in successful answers (the job failed, the call did not)', () => {
  it.each([
    [
      'apiKey/apiSecret',
      { apiKey: CANARY_KEY, apiSecret: CANARY_SECRET },
      `${CANARY_BASIC} / ${CANARY_KEY}:${CANARY_SECRET}`,
    ],
    ['token', { token: CANARY_TOKEN }, `${CANARY_TOKEN} / Bearer ${CANARY_TOKEN}`],
  ] as const)(
    'a failed job whose metadata.error quotes the %s: not in JobFailedError nor in the job read',
    async (_label, creds, echoed) => {
      const echo = `upstream refused ${echoed}`;
      api.jobScripts.set('job_echo', [jobWire('job_echo', 'failure', 0.2, { error: echo, hint: `check ${echoed}` })]);
      const client = new Scenario(creds);
      const error = await rejectionOf(client.jobs.wait('job_echo', { pollInterval: 10 }));
      expectErrorClean(error);
      expect(error.message).toContain('upstream refused [redacted]');
      // What `--json` output and a batch's state file print: the job as the SDK read it.
      const job = await client.jobs.get('job_echo');
      expectClean('job', JSON.stringify(job));
      expect(job.metadata.error).toContain('[redacted]');
    },
  );

  it.each([
    ['token', { token: `${CANARY_TOKEN}\n` }, `Bearer ${CANARY_TOKEN}`],
    ['secret', { apiKey: ` ${CANARY_KEY}`, apiSecret: `${CANARY_SECRET}\r\n` }, `Basic ${CANARY_BASIC}`],
  ] as const)(
    'a %s given with a trailing newline is sent trimmed, and what is sent is redacted',
    async (_label, creds, sent) => {
      use(
        http.get(
          `${API}/assets/:id`,
          rec(({ request }) =>
            HttpResponse.json(
              { reason: `bad credentials: ${request.headers.get('authorization')}` },
              { status: 401, headers: { 'x-echo': request.headers.get('authorization') ?? '' } },
            ),
          ),
        ),
      );
      const error = await rejectionOf(new Scenario(creds).assets.get('asset_1'));
      expect(api.requests[0]?.headers.get('authorization')).toBe(sent);
      expectErrorClean(error);
      expect(error.reason).toBe(`bad credentials: ${sent.split(' ')[0]} [redacted]`);
    },
  );
});

describe('signed URLs in errors: named, never usable', () => {
  const SIGNATURE = 'f00dSIGCANARYc0ffee';
  const signed = `https://bucket.s3.amazonaws.com/out/a.png?X-Amz-Credential=AKIACANARY%2F20250101&X-Amz-Security-Token=TOKCANARY&X-Amz-Signature=${SIGNATURE}`;
  const cdn = `${CDN}/assets-transform/asset_1?Expires=1999999999&Signature=sig~CANARYcdn&Key-Pair-Id=KCANARY`;
  const GRANTS = [SIGNATURE, 'AKIACANARY', 'TOKCANARY', 'sig~CANARYcdn', 'KCANARY'];

  function expectUnsigned(error: unknown) {
    expect(error).toBeInstanceOf(ScenarioError);
    const views = {
      'util.inspect(error)': inspect(error, { depth: 12 }),
      'JSON.stringify(error)': JSON.stringify(error),
      'String(error)': String(error),
      'JSON.stringify(error.body)': JSON.stringify((error as { body?: unknown }).body ?? null),
      'JSON.stringify(error.cause)': JSON.stringify((error as Error).cause ?? null),
    };
    for (const [label, text] of Object.entries(views)) {
      for (const grant of GRANTS) expect(text, `${label} shows ${grant}`).not.toContain(grant);
    }
    return views;
  }

  it('a poll answered with a shape the SDK cannot read: the JobError and its ResponseValidationError cause', async () => {
    const job = jobWire('job_sig', 42 as unknown as string, 0.5, { outputs: [signed, cdn] });
    use(
      http.get(
        `${API}/jobs/:id`,
        rec(() => HttpResponse.json({ job })),
      ),
    );
    const client = contractClient({ maxRetries: 0 });
    const error = await rejectionOf(client.jobs.wait('job_sig', { pollInterval: 10 }));
    expect(error.cause?.name).toBe('ResponseValidationError');
    const views = expectUnsigned(error);
    // Named all the same: the reader still sees which file it was.
    expect(views['util.inspect(error)']).toContain(
      'https://bucket.s3.amazonaws.com/out/a.png?X-Amz-Credential=[redacted]',
    );
    expect(views['util.inspect(error)']).toContain('X-Amz-Signature=[redacted]');
  });

  it('an error answer quoting signed URLs in its body, reason and headers', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() =>
          HttpResponse.json(
            { reason: `cannot read ${signed}`, details: { source: cdn } },
            { status: 400, headers: { location: cdn, 'x-source': signed } },
          ),
        ),
      ),
    );
    const error = await rejectionOf(contractClient().assets.get('asset_1'));
    expect(error.status).toBe(400);
    expectUnsigned(error);
    expect(error.reason).toContain('X-Amz-Signature=[redacted]');
  });

  it('a connection error whose cause quotes a signed URL', async () => {
    const client = contractClient({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError(`fetch failed for ${signed}`, { cause: new Error(`connect ECONNRESET ${cdn}`) });
      },
    });
    expectUnsigned(await rejectionOf(client.assets.get('asset_1')));
  });
});

describe('a short test secret (apiSecret: "secret") and the data it could match', () => {
  it('leaves answers intact (names, URLs), and is still redacted from errors made of them', async () => {
    api.addAsset('asset_s', {
      url: `${CDN}/secret/assets/asset_s?Signature=abc`,
      metadata: { kind: 'image', type: 'uploaded', name: 'secret-level.png' },
    });
    api.jobScripts.set('job_s', [jobWire('job_s', 'failure', 0.5, { error: 'refused key:secret' })]);
    const client = new Scenario({ apiKey: 'key', apiSecret: 'secret' });
    const asset = await client.assets.get('asset_s');
    expect(asset.url).toBe(`${CDN}/secret/assets/asset_s?Signature=abc`);
    expect(asset.metadata).toMatchObject({ name: 'secret-level.png' });
    const error = await rejectionOf(client.jobs.wait('job_s', { pollInterval: 10 }));
    expect(error.message).toBe('Job job_s failed: refused key:[redacted]');
    expect(error.job.metadata.error).toBe('refused key:[redacted]');
  });
});
