/**
 * One request cannot exhaust the emulator: bodies are refused by their declared length or once
 * they stream past the limit, never buffered whole; a multipart upload announces at most S3's
 * 10,000 parts and 100 MiB, and its parts cannot outgrow what it announced.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../../src/testing/body-limit.js';
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js';
import { AUTH, caller, setup } from './helpers.js';

const MiB = 1024 * 1024;

let server: RunningEmulator;
beforeAll(async () => {
  server = await startEmulator();
});
afterAll(() => server.close());

/** A JSON body of `size` bytes (`{"name":"x","image":"AAAA…`), made as it is sent, never held whole. */
function endlessJson(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MiB).fill(0x41);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"name":"x","image":"'));
      if (sent >= size) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

/** Runs `work` and returns its result with the largest RSS growth of this process seen meanwhile. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('request bodies are limited before they are buffered', () => {
  test('a 300 MB POST /assets streamed without a length: 413 once past 16 MiB, RSS barely moves', async () => {
    const { result, growth } = await peakRssGrowth(() =>
      fetch(`${server.url}/assets`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: endlessJson(300 * MiB),
        duplex: 'half',
      } as RequestInit),
    );
    expect(result.status).toBe(413);
    expect((await result.json()).reason).toBe(`Request body too large (limit ${MAX_REQUEST_BODY_BYTES} bytes)`);
    // Buffering it whole took this process from 83 to 1287 MB; the limit keeps it to tens of MB.
    expect(growth).toBeLessThan(150 * MiB);
    expect(server.state.counters.assetsCreated).toBe(0);
  });

  test('a body whose content-length is over the limit is refused before it is read', async () => {
    const answer = await fetch(`${server.url}/assets`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', 'content-length': String(300 * MiB) },
      body: endlessJson(300 * MiB),
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // The server answers 413 at once and closes; fetch may see the answer or the closed socket.
    if (answer instanceof Response) expect(answer.status).toBe(413);
    else expect(answer).toBeInstanceOf(TypeError);
    expect(server.state.requests.at(-1)).toMatchObject({ route: '/assets', status: 413 });
  });
});

describe('multipart uploads announce what the emulator can hold', () => {
  const multipart = { fileName: 'a.png', contentType: 'image/png', kind: 'image' };

  test('parts: 1e9 is a 400 at once (it hung the emulator, signing a billion part URLs)', async () => {
    const { call } = setup();
    const answer = await call('POST', '/uploads', { body: { ...multipart, fileSize: 50 * MiB, parts: 1e9 } });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toBe("Input parts must be a whole number from 1 to 10000 (S3's limit), got 1000000000");
  });

  test.each([
    [{ parts: 10_001, fileSize: 60 * MiB }, /parts must be a whole number from 1 to 10000/],
    [{ parts: 0, fileSize: 10 }, /parts must be/],
    [{ parts: 2.5, fileSize: 10 }, /parts must be/],
    [{ parts: 1, fileSize: 100 * MiB + 1 }, /fileSize must be a whole number of bytes from 1 to 104857600/],
    [{ parts: 1, fileSize: 0 }, /fileSize must be/],
  ])('%j is refused', async (sizes, reason) => {
    const { call } = setup();
    const answer = await call('POST', '/uploads', { body: { ...multipart, ...sizes } });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(reason);
  });

  test("parts cannot outgrow the announced fileSize: S3's EntityTooLarge, the rest never read", async () => {
    const call = caller({ url: server.url, fetch: globalThis.fetch });
    const { upload } = (await call('POST', '/uploads', { body: { ...multipart, fileSize: 10, parts: 2 } })).body;
    const [first, second] = upload.parts as { url: string }[];
    expect((await fetch(first?.url as string, { method: 'PUT', body: new Uint8Array(6) })).status).toBe(200);
    const tooMuch = await fetch(second?.url as string, { method: 'PUT', body: new Uint8Array(5 * MiB) });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.text()).toContain('<Code>EntityTooLarge</Code>');
    // Sending part 1 again replaces it: what counts is the parts' total.
    expect((await fetch(first?.url as string, { method: 'PUT', body: new Uint8Array(2) })).status).toBe(200);
    expect((await fetch(second?.url as string, { method: 'PUT', body: new Uint8Array(8) })).status).toBe(200);
  });
});
