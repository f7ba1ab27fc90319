import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/options.js';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { MIN_UPLOAD_PART_BYTES } from '../../src/schemas/upload.js';
import { PNG, pngOfSize } from '../helpers/images.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();
const CDN = 'https://cdn.cloud.scenario.com';
const S3 = 'https://s3.example.com/bucket';

const wireAsset = (id: string) => ({
  id,
  url: `${CDN}/assets/${id}?Signature=s`,
  mimeType: 'image/png',
  kind: 'image',
  metadata: { kind: 'image', type: 'uploaded' },
  properties: { size: 1, width: 1, height: 1 },
});

/** Progress reports, with a check that they only go forward and end at 100 % of `size`. */
function recorder() {
  const seen: Progress[] = [];
  const onProgress = (progress: Progress) => seen.push(progress);
  const expectWhole = (size: number) => {
    expect(seen.at(-1)).toEqual({ percent: 1, transferredBytes: size, totalBytes: size });
    for (const [index, progress] of seen.entries()) {
      expect(progress.percent).toBeGreaterThanOrEqual(index === 0 ? 0 : (seen[index - 1] as Progress).percent);
      expect(progress.transferredBytes).toBeLessThanOrEqual(size);
    }
  };
  return { seen, onProgress, expectWhole };
}

describe('assets.upload onUploadProgress', () => {
  it('an image sent in one POST /assets reports 0 then 100 %', async () => {
    server.use(recordApi(() => HttpResponse.json({ asset: wireAsset('asset_up') })).handler);
    const { seen, onProgress, expectWhole } = recorder();
    await testClient().assets.upload(PNG, { onUploadProgress: onProgress });
    expect(seen[0]).toEqual({ percent: 0, transferredBytes: 0, totalBytes: PNG.byteLength });
    expectWhole(PNG.byteLength);
  });

  it('a multipart upload reports the whole file, part after part', async () => {
    const size = MAX_INLINE_IMAGE_BYTES + MIN_UPLOAD_PART_BYTES;
    server.use(
      http.post(`${API}/uploads`, async ({ request }) => {
        const { parts } = (await request.json()) as { parts: number };
        const signed = Array.from({ length: parts }, (_, index) => ({ number: index + 1, url: `${S3}/${index + 1}` }));
        return HttpResponse.json({ upload: { id: 'upload_1', status: 'pending', parts: signed } });
      }),
      http.put(`${S3}/:number`, async ({ request }) => {
        await request.arrayBuffer();
        return new HttpResponse(null, { status: 200 });
      }),
      http.post(`${API}/uploads/upload_1/action`, () =>
        HttpResponse.json({ upload: { id: 'upload_1', status: 'imported', entityId: 'asset_big' } }),
      ),
      http.get(`${API}/assets/asset_big`, () => HttpResponse.json({ asset: wireAsset('asset_big') })),
    );
    const { seen, onProgress, expectWhole } = recorder();
    await testClient().assets.upload(pngOfSize(size), { onUploadProgress: onProgress });
    expect(seen.length).toBeGreaterThan(10);
    expectWhole(size);
  });

  it('a callback that is not a function is refused before any request', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const error = await rejectionOf(testClient().assets.upload(PNG, { onUploadProgress: 'log' as never }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('onUploadProgress');
    expect(requests).toHaveLength(0);
  });
});

describe('assets.download / downloadTo onDownloadProgress', () => {
  const size = 300_000;
  const bytes = pngOfSize(size);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scenario-progress-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const serveFile = () =>
    server.use(
      http.get(`${API}/assets/asset_d`, () => HttpResponse.json({ asset: wireAsset('asset_d') })),
      http.get(`${CDN}/assets/asset_d`, () =>
        HttpResponse.arrayBuffer(bytes.slice().buffer, {
          headers: { 'content-type': 'image/png', 'content-length': String(size) },
        }),
      ),
    );

  it('download reports the bytes as they arrive, up to 100 % of content-length', async () => {
    serveFile();
    const { onProgress, expectWhole } = recorder();
    const downloaded = await testClient().assets.download('asset_d', { onDownloadProgress: onProgress });
    expect(downloaded.byteLength).toBe(size);
    expectWhole(size);
  });

  it('downloadTo reports the same way', async () => {
    serveFile();
    const { onProgress, expectWhole } = recorder();
    const path = join(dir, 'out.png');
    await testClient().assets.downloadTo('asset_d', path, { onDownloadProgress: onProgress });
    expect((await readFile(path)).byteLength).toBe(size);
    expectWhole(size);
  });

  it('a callback that is not a function is refused before any request', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    for (const call of [
      () => testClient().assets.download('asset_d', { onDownloadProgress: 1 as never }),
      () => testClient().assets.downloadTo('asset_d', join(dir, 'never.png'), { onDownloadProgress: {} as never }),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toContain('onDownloadProgress');
    }
    expect(requests).toHaveLength(0);
  });
});
