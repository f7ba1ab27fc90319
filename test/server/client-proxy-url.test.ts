import { afterEach, describe, expect, test, vi } from 'vitest';
import { Scenario } from '../../src/client.js';
import { InvalidRequestError } from '../../src/core/errors.js';
import { captureLogger } from '../helpers/msw.js';

/** A client's only request, as its `fetch` received it. */
async function firstRequest(client: (fetch: typeof globalThis.fetch) => Scenario): Promise<Request> {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return Response.json({ job: { jobId: 'job_1', status: 'queued', progress: 0, jobType: 'flux' } });
  };
  await client(fetch as typeof globalThis.fetch).request({ method: 'GET', path: '/jobs/job_1' });
  return seen[0] as Request;
}

afterEach(() => vi.unstubAllGlobals());

describe('new Scenario({ proxyUrl })', () => {
  test('a relative proxyUrl resolves against the page, and requests carry no credentials, even with some in the env', async () => {
    vi.stubGlobal('location', { href: 'https://studio.example.com/app/page?x=1' });
    vi.stubEnv('SCENARIO_API_KEY', 'api_env');
    vi.stubEnv('SCENARIO_API_SECRET', 'env-secret');
    vi.stubEnv('SCENARIO_PROJECT_ID', 'proj_env');
    const request = await firstRequest((fetch) => new Scenario({ proxyUrl: '/api/scenario', fetch }));
    expect(request.url).toBe('https://studio.example.com/api/scenario/jobs/job_1');
    expect(request.headers.get('authorization')).toBeNull();
    const client = new Scenario({ proxyUrl: '/api/scenario' });
    expect([client.baseUrl, client.auth, client.projectId]).toEqual([
      'https://studio.example.com/api/scenario',
      undefined,
      undefined,
    ]);
  });

  test('a relative proxyUrl on an http: page is allowed (the page’s own origin); an absolute one follows the base URL rules', () => {
    vi.stubGlobal('location', { href: 'http://intranet.example/tools/' });
    expect(new Scenario({ proxyUrl: 'scenario' }).baseUrl).toBe('http://intranet.example/tools/scenario');
    expect(() => new Scenario({ proxyUrl: 'http://intranet.example/api' })).toThrow(
      /proxyUrl: http: is only allowed for loopback hosts/,
    );
    expect(new Scenario({ proxyUrl: 'http://localhost:3000/api/scenario' }).baseUrl).toBe(
      'http://localhost:3000/api/scenario',
    );
  });

  test('outside a page, a relative proxyUrl is refused with what to do', () => {
    expect(() => new Scenario({ proxyUrl: '/api/scenario' })).toThrow(
      /proxyUrl: a relative proxyUrl resolves against the page; outside a browser pass an absolute URL/,
    );
  });

  test('credentials, baseUrl and projectId are refused beside it, all at once', () => {
    const error = (() => {
      try {
        new Scenario({
          proxyUrl: 'https://app.example/api',
          apiKey: 'k',
          apiSecret: 's',
          baseUrl: 'https://x',
          projectId: 'p',
        });
      } catch (caught) {
        return caught as InvalidRequestError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.issues.map((issue) => issue.path)).toEqual(['apiKey', 'apiSecret', 'baseUrl', 'projectId']);
    expect(error?.message).toContain('the proxy adds the credentials');
    expect(error?.message).not.toContain('"s"');
  });
});

describe('apiSecret in a browser page', () => {
  test('warns once per page, naming the risk and the proxy; never on a server', async () => {
    const { lines, logger } = captureLogger();
    new Scenario({ apiKey: 'api_k', apiSecret: 'server-secret', logger });
    expect(lines).toEqual([]);

    vi.resetModules();
    const { Scenario: PageScenario } = await import('../../src/client.js');
    vi.stubGlobal('document', {});
    new PageScenario({ apiKey: 'api_k', apiSecret: 'page-secret', logger });
    new PageScenario({ apiKey: 'api_k', apiSecret: 'page-secret', logger });
    new PageScenario({ proxyUrl: 'https://app.example/api', logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warn: \[scenario-sdk\] apiSecret is in a browser page: anyone who opens it can read the key/,
    );
    expect(lines[0]).toContain("createProxy from 'scenario-sdk/server'");
    expect(lines[0]).toContain("{ proxyUrl: '/api/scenario' }");
    expect(lines[0]).not.toContain('page-secret');
  });
});

describe('client.request', () => {
  test('sends a call as given through the transport, with the credentials', async () => {
    const request = await firstRequest((fetch) => new Scenario({ apiKey: 'api_k', apiSecret: 's', fetch }));
    expect(request.url).toBe('https://api.cloud.scenario.com/v1/jobs/job_1');
    expect(request.headers.get('authorization')).toBe(`Basic ${btoa('api_k:s')}`);
  });

  test.each(['jobs', '/jobs/../teams', '/jobs/./x', '//evil.example/x', '/jobs?x=1', '/jobs#x', '/'])(
    'refuses a path that could leave the base URL: %s',
    async (path) => {
      const client = new Scenario({ apiKey: 'k', apiSecret: 's', fetch: () => expect.unreachable() });
      await expect(client.request({ method: 'GET', path })).rejects.toThrow(InvalidRequestError);
    },
  );
});
