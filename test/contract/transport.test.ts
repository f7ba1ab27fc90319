/**
 * design.md §4 — transport rules observable from outside, and the RequestOptions last argument.
 */
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '../../src/index.js';
import { onFakeTime } from '../helpers/timers.js';
import { API, BASIC, CDN, contractClient as client, jobWire, PNG, rejectionOf, useFakeApi } from './_fake-api.js';

const { api, use, rec } = useFakeApi();
const params = { modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc', strength: 0.5 };

/** Answers `first` once (or `times` times), then falls through to the fake's normal handler. */
function failFirst(method: 'get' | 'post', url: string, first: () => Response, times = 1) {
  let left = times;
  use(
    http[method](url, async ({ request }) => {
      if (left <= 0) return undefined; // fall through to the default handler
      left--;
      await api.record(request);
      return first();
    }),
  );
}

describe('retries', () => {
  it('a GET answered 503 is retried and then succeeds', async () => {
    api.addAsset('asset_1');
    failFirst('get', `${API}/assets/:id`, () => HttpResponse.json({ reason: 'Service Unavailable' }, { status: 503 }));
    const asset = await client().assets.get('asset_1');
    expect(asset.id).toBe('asset_1');
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(2);
  });

  it('a GET that hits a connection failure is retried', async () => {
    api.addAsset('asset_1');
    failFirst('get', `${API}/assets/:id`, () => HttpResponse.error());
    const asset = await client().assets.get('asset_1');
    expect(asset.id).toBe('asset_1');
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(2);
  });

  it('POST /generate/img2img answered 500 is sent exactly once (no double billing)', async () => {
    use(
      http.post(
        `${API}/generate/img2img`,
        rec(() => HttpResponse.json({ reason: 'Internal error' }, { status: 500 })),
      ),
    );
    const err = await rejectionOf(client().img2img.create(params));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(500);
    expect(api.calls('POST', '/generate/img2img')).toHaveLength(1);
  });

  it('POST /generate/img2img answered 503 is sent exactly once', async () => {
    use(
      http.post(
        `${API}/generate/img2img`,
        rec(() => HttpResponse.json({ reason: 'Unavailable' }, { status: 503, headers: { 'Retry-After': '0' } })),
      ),
    );
    await rejectionOf(client().img2img.create(params));
    expect(api.calls('POST', '/generate/img2img')).toHaveLength(1);
  });

  it('POST /assets (upload) answered 502 is sent exactly once', async () => {
    use(
      http.post(
        `${API}/assets`,
        rec(() => HttpResponse.json({ reason: 'Bad gateway' }, { status: 502 })),
      ),
    );
    await rejectionOf(client().assets.upload(PNG, { name: 'a.png' }));
    expect(api.calls('POST', '/assets')).toHaveLength(1);
  });

  it('a POST timeout is not retried', async () => {
    use(
      http.post(
        `${API}/generate/img2img`,
        rec(async () => {
          await delay(1_000);
          return HttpResponse.json({ job: jobWire('job_late', 'queued', 0) });
        }),
      ),
    );
    const err = await rejectionOf(client({ timeout: 50 }).img2img.create(params));
    expect(err).toBeInstanceOf(APITimeoutError);
    expect(api.calls('POST', '/generate/img2img')).toHaveLength(1);
  });

  it('a 429 on POST /generate/img2img is retried (Retry-After: 0) and succeeds', async () => {
    failFirst('post', `${API}/generate/img2img`, () =>
      HttpResponse.json(
        { reason: 'Too many parallel jobs', details: { actionName: 'parallel-inference', actionLimit: 2 } },
        { status: 429, headers: { 'Retry-After': '0' } },
      ),
    );
    const gj = await client().img2img.create(params);
    expect(gj.id).toMatch(/^job_/);
    expect(api.calls('POST', '/generate/img2img')).toHaveLength(2);
  });

  it('a 429 asking to wait more than 60 s is thrown at once as RateLimitError with retryAfterMs', async () => {
    use(
      http.post(
        `${API}/generate/img2img`,
        rec(() => HttpResponse.json({ reason: 'cooldown' }, { status: 429, headers: { 'Retry-After': '120' } })),
      ),
    );
    const { error, elapsedMs } = await onFakeTime(() => client().img2img.create(params));
    expect(elapsedMs).toBe(0);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(api.calls('POST', '/generate/img2img')).toHaveLength(1);
  });

  it('Retry-After as an HTTP date is honoured (the retry waits until that date)', async () => {
    api.addAsset('asset_1');
    // On the fake clock, now is a whole second: the date asks for exactly 2 s, longer than the
    // first backoff step could be (0.5 s with full jitter), so only honouring the header passes.
    failFirst('get', `${API}/assets/:id`, () =>
      HttpResponse.json(
        { reason: 'slow down' },
        { status: 429, headers: { 'Retry-After': new Date(Date.now() + 2_000).toUTCString() } },
      ),
    );
    const { value: asset, elapsedMs } = await onFakeTime(() => client().assets.get('asset_1'));
    expect(asset?.id).toBe('asset_1');
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(2_000);
  });

  it('Retry-After: 0 means retry at once (no backoff sleep), also on a 503', async () => {
    api.addAsset('asset_1');
    failFirst(
      'get',
      `${API}/assets/:id`,
      () => HttpResponse.json({ reason: 'Unavailable' }, { status: 503, headers: { 'Retry-After': '0' } }),
      3,
    );
    const { value: asset, elapsedMs } = await onFakeTime(() => client({ maxRetries: 3 }).assets.get('asset_1'));
    expect(asset?.id).toBe('asset_1');
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(4);
    // backoff would sleep up to 0.5 + 1 + 2 s here; Retry-After: 0 asks for none
    expect(elapsedMs).toBe(0);
  });
});

describe('responses', () => {
  it('any 2xx is success (203 on a GET)', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(({ params: p }) => HttpResponse.json({ asset: api.addAsset(String(p.id)) }, { status: 203 })),
      ),
    );
    const asset = await client().assets.get('asset_203');
    expect(asset.id).toBe('asset_203');
  });

  it('an HTML 502 from the gateway gives a readable error without markup', async () => {
    const html =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => new HttpResponse(html, { status: 502, headers: { 'content-type': 'text/html' } })),
      ),
    );
    const err = await rejectionOf(client({ maxRetries: 0 }).assets.get('asset_1'));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(502);
    expect(typeof err.message).toBe('string');
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message).not.toMatch(/<[a-z/!]/i);
  });
});

describe('auth header scope', () => {
  it('no Authorization header (Basic or Bearer) on an asset URL on another host', async () => {
    const asset = api.addAsset('asset_cdn');
    await client().assets.download(asset as never);
    await client({ apiKey: undefined, apiSecret: undefined, token: 'jwt-abc' }).assets.download(asset as never);
    const cdn = api.requests.filter((r) => r.url.origin === CDN);
    expect(cdn).toHaveLength(2);
    for (const r of cdn) expect(r.headers.get('authorization')).toBeNull();
  });

  it('no Authorization header after a redirect from the CDN to yet another host', async () => {
    const asset = api.addAsset('asset_redirect', { url: `${CDN}/redirect/asset_redirect?Signature=s` });
    use(
      http.get(
        `${CDN}/redirect/:id`,
        rec(
          () =>
            new HttpResponse(null, {
              status: 302,
              headers: { location: 'https://storage.example.test/blob/asset_redirect' },
            }),
        ),
      ),
    );
    use(
      http.get(
        'https://storage.example.test/blob/:id',
        rec(() => new HttpResponse(PNG.slice(), { headers: { 'content-type': 'image/png' } })),
      ),
    );
    const bytes = await client().assets.download(asset as never);
    expect(bytes.byteLength).toBe(PNG.byteLength);
    const offApi = api.requests.filter((r) => !r.url.href.startsWith(API));
    expect(offApi.length).toBeGreaterThanOrEqual(2);
    for (const r of offApi) expect(r.headers.get('authorization')).toBeNull();
  });
});

describe('path parameters are encoded', () => {
  it("jobs.get('../assets') does not reach /assets", async () => {
    const err = await rejectionOf(client({ maxRetries: 0 }).jobs.get('../assets'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(api.requests.length).toBeGreaterThan(0);
    for (const r of api.requests) {
      expect(r.url.pathname).not.toBe('/v1/assets');
      expect(r.url.pathname.startsWith('/v1/jobs/')).toBe(true);
    }
  });

  it("assets.get('a/b?c#d') stays one path segment", async () => {
    await rejectionOf(client({ maxRetries: 0 }).assets.get('a/b?c#d'));
    const [r] = api.requests;
    expect(r?.url.pathname).toBe('/v1/assets/a%2Fb%3Fc%23d');
  });
});

describe('RequestOptions (last argument of every method)', () => {
  it('headers reach the wire and are merged with defaultHeaders and auth', async () => {
    api.addAsset('asset_1');
    await client({ defaultHeaders: { 'X-Default': 'd' } }).assets.get('asset_1', { headers: { 'X-Per-Call': 'c' } });
    const [r] = api.requests;
    expect(r?.headers.get('x-per-call')).toBe('c');
    expect(r?.headers.get('x-default')).toBe('d');
    expect(r?.headers.get('authorization')).toBe(BASIC);
  });

  it('projectId overrides the client projectId on the wire', async () => {
    await client({ projectId: 'proj_client' }).img2img.create(params, { projectId: 'proj_call' });
    expect(api.requests[0]?.url.searchParams.getAll('projectId')).toEqual(['proj_call']);
  });

  it('headers and projectId work on list(), estimate() and jobs.cancel() too', async () => {
    api.cancelBehaviour = 'accept';
    api.jobScripts.set('job_1', [jobWire('job_1', 'in-progress', 0.5)]);
    const o = { headers: { 'X-Per-Call': 'c' }, projectId: 'proj_call' };
    await client().assets.list({ pageSize: 1 }, o);
    await client().img2img.estimate(params, o);
    await client().jobs.cancel('job_1', o);
    expect(api.requests).toHaveLength(3);
    for (const r of api.requests) {
      expect(r.headers.get('x-per-call')).toBe('c');
      expect(r.url.searchParams.get('projectId')).toBe('proj_call');
    }
  });

  it('signal aborts an in-flight call with APIUserAbortError', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(async () => {
          await delay(2_000);
          return HttpResponse.json({ asset: api.addAsset('asset_slow') });
        }),
      ),
    );
    const { error, elapsedMs } = await onFakeTime(() => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 30);
      return client().assets.get('asset_slow', { signal: ac.signal });
    });
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(elapsedMs).toBe(30);
    expect(api.calls('GET', '/assets/asset_slow')).toHaveLength(1); // an abort is not retried
  });

  it('an already-aborted signal sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await rejectionOf(client().img2img.create(params, { signal: ac.signal }));
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(api.requests).toHaveLength(0);
  });

  it('timeout and maxRetries per call', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(async () => {
          await delay(1_000);
          return HttpResponse.json({ asset: api.addAsset('asset_slow') });
        }),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_slow', { timeout: 40, maxRetries: 0 }));
    expect(err).toBeInstanceOf(APITimeoutError);
    expect(api.calls('GET', '/assets/asset_slow')).toHaveLength(1);
  });

  it('maxRetries per call overrides the client default', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.error()),
      ),
    );
    const err = await rejectionOf(client({ maxRetries: 0 }).assets.get('asset_1', { maxRetries: 1 }));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(api.calls('GET', '/assets/asset_1')).toHaveLength(2);
  });
});
