import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { lazyImport } from '../../src/core/lazy-import.js';
import { APIConnectionError, isScenarioError } from '../../src/index.js';
import { recordApi, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';
import { jobWire } from '../resources/fake-generation.js';

/** What a browser throws when a chunk cannot be fetched (offline, or replaced by a new deployment). */
const chunkFailure = () =>
  new TypeError('Failed to fetch dynamically imported module: https://app.example/assets/img2img-endpoint-3f2a.js');

describe('lazyImport', () => {
  it('resolves with the module', async () => {
    const module = { answer: 42 };
    expect(await lazyImport('client.test', async () => module)).toBe(module);
  });

  it('a failed load rejects with an APIConnectionError that names the code and keeps the cause', async () => {
    const failure = chunkFailure();
    const error = await rejectionOf(lazyImport('client.img2img', () => Promise.reject(failure)));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(isScenarioError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Could not load the SDK's code for client\.img2img \(Failed to fetch/);
    expect((error as Error).message).toContain('nothing was sent');
    expect((error as Error).cause).toBe(failure);
  });
});

describe('a client whose code fails to load', () => {
  const server = useMockServer();

  it.each([
    ['a resource', '../../src/resources/img2img-endpoint.js', /client\.img2img/],
    ['the HTTP client', '../../src/core/http-client.js', /the HTTP client/],
  ])('%s: the call rejects with an APIConnectionError, and no request is sent', async (_, module, named) => {
    const api = recordApi(() => HttpResponse.json({ job: jobWire('job_1', 'queued', 0) }));
    server.use(api.handler);
    vi.resetModules();
    vi.doMock(module, () => {
      throw chunkFailure();
    });
    try {
      const { Scenario } = await import('../../src/index.js');
      const client = new Scenario({ apiKey: 'api_test', apiSecret: 'secret_test', logLevel: 'off' });
      const error = await rejectionOf(
        client.img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_a' }),
      );
      expect(isScenarioError(error)).toBe(true);
      expect(error.constructor.name).toBe('APIConnectionError');
      expect((error as Error).message).toMatch(named);
      expect(api.requests).toHaveLength(0);
    } finally {
      vi.doUnmock(module);
      vi.resetModules();
    }
  });
});

describe('the HTTP client of a client', () => {
  const server = useMockServer();

  it('is loaded again by the next call after a failed load, which sends the request then', async () => {
    const api = recordApi(() => HttpResponse.json({ job: jobWire('job_1', 'success', 1) }));
    server.use(api.handler);
    vi.resetModules();
    vi.doMock('../../src/core/http-client.js', () => {
      throw chunkFailure();
    });
    const { Scenario } = await import('../../src/index.js');
    const client = new Scenario({ apiKey: 'api_test', apiSecret: 'secret_test', logLevel: 'off' });
    try {
      expect((await rejectionOf(client.jobs.get('job_1'))).constructor.name).toBe('APIConnectionError');
    } finally {
      vi.doUnmock('../../src/core/http-client.js');
    }
    expect((await client.jobs.get('job_1')).status).toBe('success');
    expect(api.requests).toHaveLength(1);
    vi.resetModules();
  });
});
