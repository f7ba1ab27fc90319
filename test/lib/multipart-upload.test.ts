import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { transportOf } from '../../src/client.js';
import type { Clock } from '../../src/core/clock.js';
import {
  APIUserAbortError,
  InternalServerError,
  ResponseValidationError,
  UploadFailedError,
  UploadTimeoutError,
} from '../../src/core/errors.js';
import type { Progress } from '../../src/core/options.js';
import { checkRequestOptions } from '../../src/core/options.js';
import { planUploadParts, uploadMultipart } from '../../src/lib/multipart-upload.js';
import { MIN_UPLOAD_PART_BYTES } from '../../src/schemas/upload.js';
import { pngOfSize } from '../helpers/images.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import { onFakeTime } from '../helpers/timers.js';

const server = useMockServer();
const S3 = 'https://s3.example.com/bucket';

/** A clock whose sleeps only move virtual time, recording each wait. */
function virtualClock() {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw new APIUserAbortError();
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps };
}

interface FlowOptions {
  /** Statuses answered by successive `GET /uploads/{id}` polls; the last one repeats. */
  polls?: Record<string, unknown>[];
  /** Answer to `PUT` part n (1-based) on attempt a; default 200. */
  part?: (number: number, attempt: number) => Response | undefined;
  create?: () => Response | undefined;
  partCount?: (asked: number) => number;
}

function flow(options: FlowOptions = {}) {
  const log: string[] = [];
  const bodies = new Map<number, Uint8Array>();
  const lengths = new Map<number, string | null>();
  const attempts = new Map<number, number>();
  let poll = 0;
  const polls = options.polls ?? [{ status: 'imported', entityId: 'asset_new' }];
  server.use(
    http.post(`${API}/uploads`, async ({ request }) => {
      log.push('create');
      const custom = options.create?.();
      if (custom) return custom;
      const { parts } = (await request.json()) as { parts: number };
      const count = options.partCount?.(parts) ?? parts;
      // Deliberately out of order: the SDK must sort by `number`.
      const signed = Array.from({ length: count }, (_, index) => ({
        number: count - index,
        url: `${S3}/${count - index}?sig=x`,
      }));
      return HttpResponse.json({ upload: { id: 'upload_9', status: 'pending', parts: signed } });
    }),
    http.put(`${S3}/:number`, async ({ request, params }) => {
      const number = Number(params.number);
      const attempt = (attempts.get(number) ?? 0) + 1;
      attempts.set(number, attempt);
      log.push(`put ${number}`);
      const custom = options.part?.(number, attempt);
      if (custom) return custom;
      lengths.set(number, request.headers.get('content-length'));
      bodies.set(number, new Uint8Array(await request.arrayBuffer()));
      return new HttpResponse(null, { status: 200 });
    }),
    http.post(`${API}/uploads/upload_9/action`, () => {
      log.push('complete');
      return HttpResponse.json({ upload: { id: 'upload_9', status: 'validating' } });
    }),
    http.get(`${API}/uploads/upload_9`, () => {
      log.push('poll');
      const answer = polls[Math.min(poll++, polls.length - 1)];
      return HttpResponse.json({ upload: { id: 'upload_9', fileName: 'big.png', ...answer } });
    }),
  );
  return { log, bodies, lengths, attempts };
}

/** Byte equality without vitest's slow element-wise diff of megabytes. */
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

const file = (size: number) => ({ data: pngOfSize(size), fileName: 'big.png', contentType: 'image/png' });

describe('planUploadParts', () => {
  it('cuts 5 MiB parts, the last one smaller', () => {
    expect(planUploadParts(1)).toEqual({ partSize: MIN_UPLOAD_PART_BYTES, count: 1 });
    expect(planUploadParts(MIN_UPLOAD_PART_BYTES)).toEqual({ partSize: MIN_UPLOAD_PART_BYTES, count: 1 });
    expect(planUploadParts(MIN_UPLOAD_PART_BYTES + 1)).toEqual({ partSize: MIN_UPLOAD_PART_BYTES, count: 2 });
  });

  it('grows the parts so no file needs more than 10,000', () => {
    const { partSize, count } = planUploadParts(100 * 1024 ** 3);
    expect(count).toBeLessThanOrEqual(10_000);
    expect(partSize * count).toBeGreaterThanOrEqual(100 * 1024 ** 3);
  });
});

describe('uploadMultipart', () => {
  it('sends each part’s exact bytes to its URL (sorted by number), then completes and polls', async () => {
    const { log, bodies } = flow({ polls: [{ status: 'validated' }, { status: 'imported', entityId: 'asset_new' }] });
    const { clock, sleeps } = virtualClock();
    const source = file(2 * MIN_UPLOAD_PART_BYTES + 10);
    const upload = await uploadMultipart(transportOf(testClient()), source, { clock });
    expect(upload.entityId).toBe('asset_new');
    expect(log[0]).toBe('create');
    expect(log.slice(1, 4).sort()).toEqual(['put 1', 'put 2', 'put 3']);
    expect(log.slice(4)).toEqual(['complete', 'poll', 'poll']);
    expect(same(bodies.get(1), source.data.subarray(0, MIN_UPLOAD_PART_BYTES))).toBe(true);
    expect(same(bodies.get(3), source.data.subarray(2 * MIN_UPLOAD_PART_BYTES))).toBe(true);
    expect(sleeps).toEqual([500, 750]);
  });

  it('slices a Blob per part without reading it whole; each part states its length (S3 refuses chunked PUTs)', async () => {
    const { bodies, lengths } = flow();
    const bytes = pngOfSize(MIN_UPLOAD_PART_BYTES + 5);
    const blob = new Blob([bytes]);
    await uploadMultipart(
      transportOf(testClient()),
      { data: blob, fileName: 'b.png', contentType: 'image/png' },
      {
        clock: virtualClock().clock,
      },
    );
    expect(same(bodies.get(1), bytes.subarray(0, MIN_UPLOAD_PART_BYTES))).toBe(true);
    expect(same(bodies.get(2), bytes.subarray(MIN_UPLOAD_PART_BYTES))).toBe(true);
    expect([lengths.get(1), lengths.get(2)]).toEqual([String(MIN_UPLOAD_PART_BYTES), '5']);
  });

  it('passes assetOptions and the kind', async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/uploads`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ reason: 'stop here' }, { status: 400 });
      }),
    );
    await expect(
      uploadMultipart(transportOf(testClient()), file(10), { assetOptions: { hide: true, parentId: 'asset_p' } }),
    ).rejects.toThrow('stop here');
    expect(body).toMatchObject({ kind: 'image', assetOptions: { hide: true, parentId: 'asset_p' } });
  });

  it('throws UploadFailedError with the server’s errorMessage', async () => {
    flow({ polls: [{ status: 'failed', errorMessage: 'corrupt image data' }] });
    const error = await uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UploadFailedError);
    expect(error).toMatchObject({ uploadId: 'upload_9', reason: 'corrupt image data' });
    expect((error as Error).message).toBe(
      'Upload upload_9 of big.png failed: corrupt image data. Check that the file is a valid image and upload it again.',
    );
  });

  it('gives up after the timeout with UploadTimeoutError and the last upload', async () => {
    const { log } = flow({ polls: [{ status: 'validating' }] });
    const { clock, sleeps } = virtualClock();
    const error = await uploadMultipart(transportOf(testClient()), file(100), { clock, timeout: 10_000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UploadTimeoutError);
    expect(error).toMatchObject({ uploadId: 'upload_9', lastUpload: { status: 'validating' } });
    expect((error as Error).message).toContain('still processing after 10 s (last status validating)');
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
    expect(Math.max(...sleeps)).toBe(2_000);
    expect(log.filter((entry) => entry === 'poll').length).toBeLessThanOrEqual(9);
  });

  it('stops polling at once when aborted', async () => {
    flow({ polls: [{ status: 'validating' }] });
    const { error, elapsedMs } = await onFakeTime(() => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 700);
      return uploadMultipart(
        transportOf(testClient()),
        file(100),
        {},
        checkRequestOptions({ signal: controller.signal }),
      );
    });
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(elapsedMs).toBe(700);
  });

  it('retries a part PUT after a 503 (parts are idempotent)', async () => {
    const { attempts } = flow({
      part: (_number, attempt) => (attempt === 1 ? new HttpResponse('busy', { status: 503 }) : undefined),
    });
    const upload = await uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock });
    expect(upload.entityId).toBe('asset_new');
    expect(attempts.get(1)).toBe(2);
  });

  it('does not retry POST /uploads after a 5xx (it may have created the upload)', async () => {
    const { log } = flow({ create: () => HttpResponse.json({ reason: 'boom' }, { status: 502 }) });
    await expect(uploadMultipart(transportOf(testClient()), file(100))).rejects.toBeInstanceOf(InternalServerError);
    expect(log).toEqual(['create']);
  });

  it('stops when a part fails for good, without completing', async () => {
    const { log } = flow({ part: () => new HttpResponse('denied', { status: 403 }) });
    await expect(uploadMultipart(transportOf(testClient()), file(100))).rejects.toThrow(
      /PUT https:\/\/s3\.example\.com\/bucket\/1 failed with 403/,
    );
    expect(log).not.toContain('complete');
  });

  it('refuses an answer with the wrong number of part URLs', async () => {
    flow({ partCount: (asked) => asked - 1 });
    const error = await uploadMultipart(transportOf(testClient()), file(MIN_UPLOAD_PART_BYTES + 1)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('expected 2 signed part URLs, received 1');
  });

  it('refuses an imported upload without entityId', async () => {
    flow({ polls: [{ status: 'imported' }] });
    await expect(
      uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock }),
    ).rejects.toBeInstanceOf(ResponseValidationError);
  });
});

describe('uploadMultipart: the upload id on every later error', () => {
  const uploadIdOf = async (promise: Promise<unknown>) => {
    const error = (await promise.catch((caught: unknown) => caught)) as Error & { uploadId?: unknown };
    expect(error).toBeInstanceOf(Error);
    expect(Object.hasOwn(error, 'uploadId')).toBe(true);
    expect(error.message).toContain('upload_9');
    // The stack shows the message as it is now, the note once.
    expect(error.stack?.startsWith(`${error.name}: ${error.message}\n`)).toBe(true);
    expect(error.stack?.split('(upload upload_9)').length).toBeLessThanOrEqual(2);
    return error;
  };

  it('a part refused for good', async () => {
    flow({ part: () => new HttpResponse('denied', { status: 403 }) });
    const error = await uploadIdOf(uploadMultipart(transportOf(testClient()), file(100)));
    expect(error.uploadId).toBe('upload_9');
  });

  it('an abort while the parts are sent', async () => {
    flow({ part: () => undefined });
    const controller = new AbortController();
    server.use(
      http.put(`${S3}/:number`, async () => {
        controller.abort();
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const error = await uploadIdOf(
      uploadMultipart(transportOf(testClient()), file(100), {}, checkRequestOptions({ signal: controller.signal })),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('a failed complete and a failed poll', async () => {
    flow();
    server.use(http.post(`${API}/uploads/upload_9/action`, () => HttpResponse.json({ reason: 'no' }, { status: 409 })));
    await uploadIdOf(uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock }));
    server.resetHandlers();
    flow({ polls: [{ status: 'validating' }] });
    server.use(http.get(`${API}/uploads/upload_9`, () => HttpResponse.json({ reason: 'gone' }, { status: 404 })));
    await uploadIdOf(uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock }));
  });

  it('a part list the SDK refuses', async () => {
    flow({ partCount: (asked) => asked - 1 });
    const error = await uploadIdOf(uploadMultipart(transportOf(testClient()), file(MIN_UPLOAD_PART_BYTES + 1)));
    expect(error).toBeInstanceOf(ResponseValidationError);
  });

  it('UploadFailedError keeps its own message', async () => {
    flow({ polls: [{ status: 'failed', errorMessage: 'corrupt' }] });
    const error = await uploadIdOf(
      uploadMultipart(transportOf(testClient()), file(100), { clock: virtualClock().clock }),
    );
    expect(error.message).not.toContain('(upload upload_9)');
  });
});

describe('uploadMultipart: part numbers', () => {
  /** `POST /uploads` answers parts numbered `numbers`, each with a URL named after it. */
  function numbered(numbers: number[]) {
    const { log } = flow();
    server.use(
      http.post(`${API}/uploads`, () =>
        HttpResponse.json({
          upload: {
            id: 'upload_9',
            status: 'pending',
            parts: numbers.map((number, index) => ({ number, url: `${S3}/${index + 1}?sig=x` })),
          },
        }),
      ),
    );
    return log;
  }

  it.each([
    [[1, 1], '1, 1'],
    [[0, 1], '0, 1'],
    [[2, 3], '2, 3'],
    [[1, 1.5], '1, 1.5'],
  ])('refuses %j for 2 parts, before sending any', async (numbers, shown) => {
    const log = numbered(numbers);
    const error = await uploadMultipart(transportOf(testClient()), file(MIN_UPLOAD_PART_BYTES + 1)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain(`expected parts numbered 1 to 2, each once; received ${shown}`);
    expect(log.filter((entry) => entry.startsWith('put'))).toEqual([]);
  });
});

describe('uploadMultipart: onUploadProgress', () => {
  it('reports the whole file across all parts, from 0 to 1, never backwards', async () => {
    flow({
      part: (number, attempt) =>
        number === 2 && attempt === 1 ? new HttpResponse('busy', { status: 503 }) : undefined,
    });
    const size = 2 * MIN_UPLOAD_PART_BYTES + 10;
    const seen: Progress[] = [];
    await uploadMultipart(transportOf(testClient()), file(size), {
      clock: virtualClock().clock,
      onUploadProgress: (progress) => seen.push(progress),
    });
    expect(seen[0]).toEqual({ percent: 0, transferredBytes: 0, totalBytes: size });
    expect(seen.at(-1)).toEqual({ percent: 1, transferredBytes: size, totalBytes: size });
    // Streamed parts report as they go, not only once each is done.
    expect(seen.length).toBeGreaterThan(5);
    for (const [index, progress] of seen.entries()) {
      expect(progress.totalBytes).toBe(size);
      expect(progress.percent).toBeCloseTo(progress.transferredBytes / size, 10);
      if (index > 0) expect(progress.transferredBytes).toBeGreaterThan((seen[index - 1] as Progress).transferredBytes);
    }
  });
});
