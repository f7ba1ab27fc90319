/**
 * design.md §2 — the `Scenario` constructor options, env fallbacks and what reaches the wire.
 */
import { delay, HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APITimeoutError, Scenario, ScenarioError } from '../../src/index.js';
import { onFakeTime } from '../helpers/timers.js';
import { API, BASIC, KEY, rejectionOf, SECRET, useFakeApi } from './_fake-api.js';

const { api, use, rec } = useFakeApi();

const ENV = [
  'SCENARIO_API_KEY',
  'SCENARIO_API_SECRET',
  'SCENARIO_API_TOKEN',
  'SCENARIO_BASE_URL',
  'SCENARIO_PROJECT_ID',
];

beforeEach(() => {
  for (const name of ENV) vi.stubEnv(name, undefined);
  api.addAsset('asset_1');
});

describe('credentials', () => {
  it('apiKey + apiSecret → HTTP Basic base64(key:secret) on API calls', async () => {
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET });
    const asset = await client.assets.get('asset_1');
    expect(asset.id).toBe('asset_1');
    const [req] = api.calls('GET', '/assets/asset_1');
    expect(req?.headers.get('authorization')).toBe(BASIC);
    expect(`${req?.url.origin}${req?.url.pathname}`).toBe(`${API}/assets/asset_1`);
  });

  it('token → Authorization: Bearer <token>', async () => {
    const client = new Scenario({ token: 'eyJhbGciOi.jwt-body.sig' });
    await client.assets.get('asset_1');
    expect(api.requests[0]?.headers.get('authorization')).toBe('Bearer eyJhbGciOi.jwt-body.sig');
  });

  it('falls back to SCENARIO_API_KEY / SCENARIO_API_SECRET', async () => {
    vi.stubEnv('SCENARIO_API_KEY', 'api_fromenv');
    vi.stubEnv('SCENARIO_API_SECRET', 'secret_fromenv');
    const client = new Scenario();
    await client.assets.get('asset_1');
    expect(api.requests[0]?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('api_fromenv:secret_fromenv').toString('base64')}`,
    );
  });

  it('falls back to SCENARIO_API_TOKEN', async () => {
    vi.stubEnv('SCENARIO_API_TOKEN', 'jwt-from-env');
    const client = new Scenario({});
    await client.assets.get('asset_1');
    expect(api.requests[0]?.headers.get('authorization')).toBe('Bearer jwt-from-env');
  });

  it('explicit options win over env', async () => {
    vi.stubEnv('SCENARIO_API_KEY', 'api_fromenv');
    vi.stubEnv('SCENARIO_API_SECRET', 'secret_fromenv');
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET });
    await client.assets.get('asset_1');
    expect(api.requests[0]?.headers.get('authorization')).toBe(BASIC);
  });
});

describe('baseUrl', () => {
  it('defaults to https://api.cloud.scenario.com/v1', async () => {
    await new Scenario({ apiKey: KEY, apiSecret: SECRET }).assets.get('asset_1');
    expect(api.requests[0]?.url.href.startsWith(`${API}/assets/asset_1`)).toBe(true);
  });

  it('takes the baseUrl option', async () => {
    await new Scenario({ apiKey: KEY, apiSecret: SECRET, baseUrl: 'https://staging.scenario.test/v1' }).assets.get(
      'asset_1',
    );
    expect(api.requests[0]?.url.href.startsWith('https://staging.scenario.test/v1/assets/asset_1')).toBe(true);
  });

  it('falls back to SCENARIO_BASE_URL', async () => {
    vi.stubEnv('SCENARIO_BASE_URL', 'https://staging.scenario.test/v1');
    await new Scenario({ apiKey: KEY, apiSecret: SECRET }).assets.get('asset_1');
    expect(api.requests[0]?.url.href.startsWith('https://staging.scenario.test/v1/assets/asset_1')).toBe(true);
  });

  it('refuses an http: base URL for a non-loopback host, before any request', async () => {
    const err = await rejectionOf(async () => {
      const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, baseUrl: 'http://api.cloud.scenario.com/v1' });
      await client.assets.get('asset_1');
    });
    expect(err).toBeInstanceOf(ScenarioError);
    expect(api.requests).toHaveLength(0);
  });

  it.each(['http://127.0.0.1:4010/v1', 'http://localhost:4010/v1'])(
    'accepts http: on loopback (%s)',
    async (baseUrl) => {
      const asset = await new Scenario({ apiKey: KEY, apiSecret: SECRET, baseUrl }).assets.get('asset_1');
      expect(asset.id).toBe('asset_1');
      expect(api.requests[0]?.url.href.startsWith(`${baseUrl}/assets/asset_1`)).toBe(true);
    },
  );
});

describe('projectId', () => {
  it('is sent as ?projectId= on every call (GET, POST, DELETE)', async () => {
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, projectId: 'proj_one' });
    await client.assets.get('asset_1');
    await client.img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_1', strength: 0.5 });
    await client.assets.delete(['asset_1']);
    expect(api.requests).toHaveLength(3);
    for (const r of api.requests) expect(r.url.searchParams.get('projectId')).toBe('proj_one');
  });

  it('falls back to SCENARIO_PROJECT_ID', async () => {
    vi.stubEnv('SCENARIO_PROJECT_ID', 'proj_env');
    await new Scenario({ apiKey: KEY, apiSecret: SECRET }).assets.get('asset_1');
    expect(api.requests[0]?.url.searchParams.get('projectId')).toBe('proj_env');
  });

  it('is absent when not configured', async () => {
    await new Scenario({ apiKey: KEY, apiSecret: SECRET }).assets.get('asset_1');
    expect(api.requests[0]?.url.searchParams.has('projectId')).toBe(false);
  });
});

describe('other options', () => {
  it('defaultHeaders reach the wire', async () => {
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, defaultHeaders: { 'X-Studio': 'pipeline-7' } });
    await client.assets.get('asset_1');
    expect(api.requests[0]?.headers.get('x-studio')).toBe('pipeline-7');
  });

  it('a custom fetch is used for API calls', async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, fetch });
    const asset = await client.assets.get('asset_1');
    expect(asset.id).toBe('asset_1');
    expect(calls.some((u) => u.startsWith(`${API}/assets/asset_1`))).toBe(true);
  });

  it('timeout (per attempt, ms) → APITimeoutError', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(async () => {
          await delay(2_000);
          return HttpResponse.json({});
        }),
      ),
    );
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, timeout: 50, maxRetries: 0 });
    const { error, elapsedMs } = await onFakeTime(() => client.assets.get('asset_1'));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(elapsedMs).toBe(50);
  });

  it('maxRetries: 0 sends a failing GET once', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json({ reason: 'down' }, { status: 503 })),
      ),
    );
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET, maxRetries: 0 });
    await rejectionOf(client.assets.get('asset_1'));
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(1);
  });

  it('maxRetries defaults to 2 (a GET answered 503 is tried 3 times)', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json({ reason: 'down' }, { status: 503, headers: { 'Retry-After': '0' } })),
      ),
    );
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET });
    await rejectionOf(client.assets.get('asset_1'));
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(3);
  });

  it('logger receives lines at logLevel "debug" and nothing at "off"', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const logger = { debug: capture, info: capture, warn: capture, error: capture, log: capture };
    await new Scenario({ apiKey: KEY, apiSecret: SECRET, logger, logLevel: 'debug' }).assets.get('asset_1');
    expect(lines.length).toBeGreaterThan(0);
    lines.length = 0;
    await new Scenario({ apiKey: KEY, apiSecret: SECRET, logger, logLevel: 'off' }).assets.get('asset_1');
    expect(lines).toHaveLength(0);
  });

  it('resources are fields of the client', () => {
    const client = new Scenario({ apiKey: KEY, apiSecret: SECRET });
    for (const name of [
      'assets',
      'img2img',
      'controlnet',
      'detect',
      'removeBackground',
      'upscale',
      'custom',
      'jobs',
      'models',
    ] as const) {
      expect(client[name], name).toBeTypeOf('object');
    }
    for (const r of [
      client.img2img,
      client.controlnet,
      client.detect,
      client.removeBackground,
      client.upscale,
      client.custom,
    ]) {
      expect(r.create).toBeTypeOf('function');
      expect(r.run).toBeTypeOf('function');
      expect(r.estimate).toBeTypeOf('function');
    }
    for (const m of ['upload', 'get', 'getMany', 'list', 'delete', 'download', 'downloadTo'] as const) {
      expect(client.assets[m], `assets.${m}`).toBeTypeOf('function');
    }
    for (const m of ['get', 'list', 'cancel', 'wait'] as const)
      expect(client.jobs[m], `jobs.${m}`).toBeTypeOf('function');
    for (const m of ['get', 'list'] as const) expect(client.models[m], `models.${m}`).toBeTypeOf('function');
  });
});
