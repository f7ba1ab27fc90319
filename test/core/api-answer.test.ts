/**
 * API answers are read with a size limit: a huge 2xx body (a broken proxy, a hostile server) is
 * refused before it is buffered, declared or streamed, and the refusal is not retried.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { MAX_API_ANSWER_BYTES } from '../../src/core/api-answer.js';
import { ResponseValidationError } from '../../src/core/errors.js';
import { testClient } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const MiB = 1024 * 1024;

/** A JSON answer of `size` bytes made on demand (`{"job":"xxxx…"}`), counting what was pulled from it. */
function hugeAnswer(size: number, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(MiB).fill(0x78);
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === 0) controller.enqueue(new TextEncoder().encode('{"job":"'));
      if (pulled >= size) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const calls = { count: 0 };
  const fetch: typeof globalThis.fetch = async () => {
    calls.count++;
    return new Response(body, { headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch, calls, pulled: () => pulled };
}

const call = (fetch: typeof globalThis.fetch, method: 'GET' | 'POST', path: string) =>
  transportOf(testClient({ fetch })).request({
    method,
    path,
    body: method === 'POST' ? {} : undefined,
    schema: z.unknown(),
  });

describe('the size limit of an API answer', () => {
  test(`a 200 MiB streamed answer to GET /jobs/{id} is refused once past ${MAX_API_ANSWER_BYTES / MiB} MiB, and not retried`, async () => {
    const answer = hugeAnswer(200 * MiB);
    const error = await rejectionOf(call(answer.fetch, 'GET', '/jobs/job_abc'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/GET \/jobs\/job_abc: \(root\): the answer is larger than 32 MiB .*not read/);
    expect(answer.pulled()).toBeLessThanOrEqual(MAX_API_ANSWER_BYTES + 2 * MiB);
    expect(answer.calls.count).toBe(1);
  });

  test('an answer that declares a larger content-length is refused before any of it is read', async () => {
    const answer = hugeAnswer(200 * MiB, { 'content-length': String(200 * MiB) });
    const error = await rejectionOf(call(answer.fetch, 'GET', '/assets'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain(`${200 * MiB} bytes or more`);
    expect(answer.pulled()).toBeLessThanOrEqual(2 * MiB);
  });

  test('a billed call refused for its answer size says the work may exist', async () => {
    const answer = hugeAnswer(40 * MiB);
    const error = await rejectionOf(call(answer.fetch, 'POST', '/generate/img2img'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('The server may have done the work');
    expect(answer.calls.count).toBe(1);
  });

  test('an answer just under the limit is read', async () => {
    const text = JSON.stringify({ job: 'x'.repeat(MAX_API_ANSWER_BYTES - 20) });
    const fetch: typeof globalThis.fetch = async () => new Response(text);
    await expect(call(fetch, 'GET', '/jobs/job_abc')).resolves.toEqual({ job: expect.any(String) });
  });
});
