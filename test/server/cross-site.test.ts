import { describe, expect, test } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import { APP, setup } from './harness.js';

const QUOTE = `${APP}/api/scenario/generate/txt2img?dryRun=true`;
const BODY = JSON.stringify({ modelId: 'flux.1-dev', prompt: 'a knight' });

/** A POST a browser sends for a page: `site` as its `Sec-Fetch-Site`, from `origin`. */
function post(url: string, headers: Record<string, string>, body = BODY): Request {
  return new Request(url, { method: 'POST', headers: { 'x-user': 'ada', ...headers }, body });
}

describe('another site cannot spend a user’s session', () => {
  test('a request a browser marks cross-site is refused (403) before anything goes upstream', async () => {
    const { proxy, upstream } = setup(createMemoryStore());
    const answer = await proxy.fetch(
      post(QUOTE, {
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      }),
    );
    expect(answer.status).toBe(403);
    expect((await answer.json()).reason).toContain('https://evil.example');
    expect(upstream).toHaveLength(0);
  });

  test('same-origin requests pass, and a site named in `origins` may call it', async () => {
    const { proxy } = setup(createMemoryStore(), { origins: ['https://tools.example.com'] });
    const same = await proxy.fetch(
      post(QUOTE, { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }),
    );
    const listed = await proxy.fetch(
      post(QUOTE, {
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
        origin: 'https://tools.example.com',
      }),
    );
    expect([same.status, listed.status]).toEqual([269, 269]);
  });

  test('a body that does not say it is JSON (a form’s text/plain, which needs no preflight) is refused (415)', async () => {
    const { proxy, upstream } = setup(createMemoryStore());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await proxy.fetch(post(QUOTE, { 'content-type': type }));
      expect(answer.status).toBe(415);
    }
    const untyped = await proxy.fetch(
      new Request(QUOTE, { method: 'POST', headers: { 'x-user': 'ada' }, body: new Blob([BODY]) }),
    );
    expect(untyped.status).toBe(415);
    expect(upstream).toHaveLength(0);
  });

  test('createProxy refuses an `origins` entry that is not an origin', () => {
    expect(() => setup(createMemoryStore(), { origins: ['https://tools.example.com/app'] })).toThrow(/origins/);
  });
});
