import { HttpResponse, delay } from 'msw';
import { expect, test, vi } from 'vitest';
import { z } from 'zod';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

test('smoke', async () => {
  const { handler, requests } = recordApi(() => HttpResponse.json({ a: 1, b: 2 }));
  server.use(handler);
  const res = await testClient({ projectId: 'p1' }).transport.request({ method: 'GET', path: '/x', schema: z.object({ a: z.number() }) });
  expect(res).toEqual({ a: 1, b: 2 });
  console.log(requests[0]?.url, Object.fromEntries(requests[0]!.headers));
});

test('timeout', async () => {
  const { handler, requests } = recordApi(async () => { await delay('infinite'); return HttpResponse.json({}); });
  server.use(handler);
  const err = await testClient({ timeout: 50 }).transport.request({ method: 'POST', path: '/x', schema: z.any() }).catch(e => e);
  console.log(err, requests.length);
});

test('fake timers retry-after', async () => {
  vi.useFakeTimers();
  const { handler, requests } = recordApi((_r, n) => n === 1 ? HttpResponse.json({ reason: 'slow' }, { status: 429, headers: { 'retry-after': '1' } }) : HttpResponse.json({ ok: true }));
  server.use(handler);
  const p = testClient().transport.request({ method: 'POST', path: '/x', schema: z.any() });
  await vi.advanceTimersByTimeAsync(999);
  console.log('at 999', requests.length);
  await vi.advanceTimersByTimeAsync(1);
  console.log('at 1000', requests.length);
  console.log(await p);
  vi.useRealTimers();
});
