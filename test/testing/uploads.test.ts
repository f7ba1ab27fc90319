import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { MIN_UPLOAD_PART_BYTES, UploadEnvelopeSchema } from '../../src/schemas/upload.js';
import { dataUrl, download, setup, testImage } from './helpers.js';

/** A PNG over 5 MiB (stored uncompressed), so it needs two parts. */
let large: Uint8Array;
beforeAll(async () => {
  const noise = sharp({
    create: {
      width: 1400,
      height: 1400,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  });
  large = new Uint8Array(await noise.png({ compressionLevel: 0 }).toBuffer());
});

async function created(bytes: Uint8Array, parts: number, context = setup()) {
  const answer = await context.call('POST', '/uploads', {
    body: {
      fileName: 'big.png',
      contentType: 'image/png',
      fileSize: bytes.byteLength,
      parts,
      kind: 'image',
      assetOptions: { hide: false },
    },
  });
  expect(answer.status).toBe(200);
  return { ...context, upload: UploadEnvelopeSchema.parse(answer.body).upload };
}

/** PUTs `chunks` to the part URLs, without any API auth header, as S3 clients do. */
async function putParts(context: Awaited<ReturnType<typeof created>>, chunks: Uint8Array[]) {
  for (const [index, chunk] of chunks.entries()) {
    const url = context.upload.parts?.[index]?.url as string;
    const response = await context.emulator.fetch(url, {
      method: 'PUT',
      body: new Blob([new Uint8Array(chunk)]),
      headers: { 'content-type': 'image/png' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeTruthy();
  }
}

const complete = (context: Awaited<ReturnType<typeof created>>) =>
  context.call('POST', `/uploads/${context.upload.id}/action`, { body: { action: 'complete' } });

describe('multipart uploads', () => {
  test('create → PUT signed parts → complete → validating → imported with entityId', async () => {
    expect(large.byteLength).toBeGreaterThan(MIN_UPLOAD_PART_BYTES);
    const context = await created(large, 2);
    expect(context.upload).toMatchObject({ status: 'pending', source: 'multipart', partsCount: 2 });
    expect(context.upload.parts?.map((part) => part.number)).toEqual([1, 2]);
    expect(context.upload.parts?.[0]?.url).toMatch(
      /^https:\/\/cdn\.cloud\.scenario\.com\/emulator\/uploads\/upload_\w+\/parts\/1\?expires=\d+&signature=\w+$/,
    );
    await putParts(context, [large.subarray(0, MIN_UPLOAD_PART_BYTES), large.subarray(MIN_UPLOAD_PART_BYTES)]);

    const completed = await complete(context);
    expect(completed.body.upload).toMatchObject({ status: 'validating' });
    expect(completed.body.upload.parts).toBeUndefined();
    const job = await context.call('GET', `/jobs/${context.upload.jobId}`);
    expect(job.body.job).toMatchObject({ jobType: 'upload', status: 'in-progress' });

    await context.clock.advance(1_000);
    const imported = (await context.call('GET', `/uploads/${context.upload.id}`)).body.upload;
    expect(imported).toMatchObject({ status: 'imported', entityId: expect.stringMatching(/^asset_/) });
    const uploadJob = (await context.call('GET', `/jobs/${context.upload.jobId}`)).body.job;
    expect(uploadJob).toMatchObject({ status: 'success', metadata: { output: { entityId: imported.entityId } } });
    const { asset } = (await context.call('GET', `/assets/${imported.entityId}`)).body;
    expect(asset).toMatchObject({
      properties: { width: 1400, height: 1400, size: large.byteLength },
      metadata: { type: 'uploaded' },
    });
    expect(Buffer.from(await download(context.emulator, asset.url)).equals(large)).toBe(true);
    expect(context.emulator.state.counters.uploadsCreated).toBe(1);
  });

  test('part URLs refuse requests without a valid signature', async () => {
    const context = await created(new Uint8Array(10), 1);
    const url = new URL(context.upload.parts?.[0]?.url as string);
    const unsigned = `${url.origin}${url.pathname}`;
    for (const target of [
      unsigned,
      url.href.replace(/signature=\w+/, 'signature=forged'),
      url.href.replace(/parts\/1/, 'parts/2'),
    ]) {
      const response = await context.emulator.fetch(target, { method: 'PUT', body: 'x' });
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/AccessDenied/);
    }
  });

  test('signed part URLs expire an hour after creation', async () => {
    const context = await created(new Uint8Array(10), 1);
    await context.clock.advance(3600 * 1000 + 1);
    const response = await context.emulator.fetch(context.upload.parts?.[0]?.url as string, {
      method: 'PUT',
      body: 'x',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/expired/);
  });

  test('complete refuses missing parts and parts under 5 MiB (except the last)', async () => {
    const missing = await created(large, 2);
    await putParts(missing, [large.subarray(0, MIN_UPLOAD_PART_BYTES)]);
    expect((await complete(missing)).body.reason).toMatch(/missing part\(s\) 2/);

    const small = await created(large, 2);
    await putParts(small, [large.subarray(0, 1000), large.subarray(1000)]);
    expect((await complete(small)).body.reason).toMatch(/Part 1 is smaller than the minimum/);
    expect((await small.call('GET', `/uploads/${small.upload.id}`)).body.upload.status).toBe('pending');
  });

  test('a file that is not an image fails validation with errorMessage', async () => {
    const text = new TextEncoder().encode('not an image at all');
    const context = await created(text, 1);
    await putParts(context, [text]);
    await complete(context);
    await context.clock.advance(1_000);
    const { upload } = (await context.call('GET', `/uploads/${context.upload.id}`)).body;
    expect(upload).toMatchObject({ status: 'failed', errorMessage: 'big.png is not a valid image' });
    expect(upload.entityId).toBeUndefined();
    expect((await context.call('GET', `/jobs/${context.upload.jobId}`)).body.job.status).toBe('failure');
  });

  test('refuses bad create bodies, kinds it cannot import, unknown ids and a second complete', async () => {
    const context = setup();
    const bad = await context.call('POST', '/uploads', {
      body: { fileName: 'a.png', contentType: 'image/png', parts: 1, kind: 'image' },
    });
    expect(bad.body.reason).toBe('Input fileSize is required for a multipart upload (or send url and kind)');
    const wrongType = await context.call('POST', '/uploads', {
      body: { fileName: 'a.png', contentType: 'image/png', fileSize: '12', parts: 1, kind: 'image' },
    });
    expect(wrongType.body.reason).toBe('Invalid fileSize: expected a number, got "12"');
    const video = await context.call('POST', '/uploads', {
      body: { fileName: 'a.mp4', contentType: 'video/mp4', fileSize: 9, parts: 1, kind: 'video' },
    });
    expect(video.body.reason).toMatch(/images only/);
    expect((await context.call('GET', '/uploads/upload_nope')).status).toBe(404);

    const tiny = await created(new Uint8Array(4), 1);
    await putParts(tiny, [new Uint8Array(4)]);
    expect((await tiny.call('POST', `/uploads/${tiny.upload.id}/action`, { body: { action: 'finish' } })).status).toBe(
      400,
    );
    await complete(tiny);
    expect((await complete(tiny)).body.reason).toMatch(/already completed/);
  });
});

describe('imports from a URL (POST /uploads {url, kind})', () => {
  test("the emulator's own signed asset URL: validating, then imported as a new asset", async () => {
    const context = setup();
    const png = await testImage(40, 30);
    const source = (await context.call('POST', '/assets', { body: { name: 'a.png', image: dataUrl(png) } })).body.asset;
    const answer = await context.call('POST', '/uploads', {
      body: { url: source.url, kind: 'image', assetOptions: { parentId: source.id } },
    });
    expect(answer.status).toBe(200);
    const { upload } = UploadEnvelopeSchema.parse(answer.body);
    expect(upload).toMatchObject({
      status: 'validating',
      source: 'url',
      url: source.url,
      kind: 'image',
      fileName: source.id,
    });
    expect(upload.parts).toBeUndefined();
    await context.clock.advance(1_000);
    const imported = (await context.call('GET', `/uploads/${upload.id}`)).body.upload;
    expect(imported).toMatchObject({ status: 'imported', fileSize: png.byteLength, contentType: 'image/png' });
    const { asset } = (await context.call('GET', `/assets/${imported.entityId}`)).body;
    expect(asset).toMatchObject({ metadata: { type: 'uploaded', parentId: source.id }, properties: { width: 40 } });
    expect(await download(context.emulator, asset.url)).toEqual(png);
  });

  test('other URLs go through the fetch option (the global fetch by default): an image imports, a 404 fails', async () => {
    const png = await testImage(20, 20);
    const requested: string[] = [];
    const context = setup({
      uploadUrls: 'any', // files.example is made up: it resolves to no public address
      fetch: async (input) => {
        const url = String(input);
        requested.push(url);
        return url.endsWith('/sketch.png')
          ? new Response(new Uint8Array(png))
          : new Response('missing', { status: 404 });
      },
    });
    const imported = await context.call('POST', '/uploads', {
      body: { url: 'https://files.example/art/sketch.png', kind: 'image' },
    });
    const missing = await context.call('POST', '/uploads', {
      body: { url: 'https://files.example/nope.png', kind: 'asset' },
    });
    await context.clock.advance(1_000);
    const read = async (id: string) => (await context.call('GET', `/uploads/${id}`)).body.upload;
    expect(await read(imported.body.upload.id)).toMatchObject({ status: 'imported', fileName: 'sketch.png' });
    expect(await read(missing.body.upload.id)).toMatchObject({
      status: 'failed',
      errorMessage:
        'Could not download https://files.example/nope.png: an import must be an http(s) URL answering 200 with at most 100 MiB',
    });
    expect(requested).toEqual(['https://files.example/art/sketch.png', 'https://files.example/nope.png']);
    const noKind = await context.call('POST', '/uploads', { body: { url: 'https://files.example/a.png' } });
    expect(noKind.body.reason).toBe('Input kind is required with url');
  });
});
