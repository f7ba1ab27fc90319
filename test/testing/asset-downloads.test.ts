import { inflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { download, runToEnd, setup, testImage, uploadImage } from './helpers.js';

/** The names and bytes of a ZIP's entries, read from its central directory. */
function unzip(archive: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = archive.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const entries = new Map<string, Uint8Array>();
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(archive.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const stored = archive.subarray(start, start + size);
    entries.set(name, method === 0 ? stored : new Uint8Array(inflateRawSync(stored)));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

describe('POST /assets/download and GET /assets/download/{jobId}', () => {
  test('zips the chosen assets (by id, by the job that made them, by model) once the job is done', async () => {
    const context = setup({ jobDurations: { flux: 1000, 'assets-download': 2000 } });
    const { call, clock, emulator } = context;
    const png = await testImage();
    const upload = await uploadImage(call, png, 'sketch.png');
    await uploadImage(call, png, 'left-out.png');
    const job = await runToEnd(context, '/generate/txt2img', {
      modelId: 'flux.1-dev',
      prompt: 'a shield',
      seed: 5,
      numSamples: 2,
      width: 64,
      height: 64,
    });
    const requested = await call('POST', '/assets/download', {
      body: {
        query: { assetIds: [upload.id], inferenceIds: [job.jobId], modelIds: [] },
        options: { fileNameTemplate: '<prompt>-<num>-<seed>', flat: false },
      },
    });
    expect(requested.status).toBe(200);
    const { jobId } = requested.body;
    expect(Object.keys(requested.body)).toEqual(['jobId']);
    expect((await call('GET', `/assets/download/${jobId}`)).body).toEqual({ jobId, jobStatus: 'queued' });
    expect((await call('GET', `/jobs/${jobId}`)).body.job.jobType).toBe('assets-download');
    await clock.advance(2000);
    const ready = (await call('GET', `/assets/download/${jobId}`)).body;
    expect(ready).toMatchObject({ jobId, jobStatus: 'success', downloadUrl: expect.stringContaining('/archives/') });
    const files = unzip(await download(emulator, ready.downloadUrl));
    expect([...files.keys()].sort()).toEqual([
      `${job.jobId}/a shield-0-5.png`,
      `${job.jobId}/a shield-1-6.png`,
      'uploaded/-0-.png',
    ]);
    expect(files.get('uploaded/-0-.png')).toEqual(png);
  });

  test('refuses a body without its query or options; unknown jobs get 404', async () => {
    const { call } = setup();
    const missing = await call('POST', '/assets/download', { body: { query: { assetIds: [] } } });
    expect(missing.body.reason).toBe(
      'Input query.inferenceIds is required; Input query.modelIds is required; Input options is required',
    );
    expect((await call('GET', '/assets/download/job_nope')).status).toBe(404);
  });
});

describe('POST /assets/{assetId}/download {targetFormat}', () => {
  test('answers a signed url of the image converted to the target format', async () => {
    const { call, emulator } = setup();
    const upload = await uploadImage(call, await testImage(40, 30), 'sketch.png');
    for (const [targetFormat, format] of [
      ['png', 'png'],
      ['jpeg', 'jpeg'],
      ['jpg', 'jpeg'],
      ['webp', 'webp'],
    ]) {
      const answer = await call('POST', `/assets/${upload.id}/download`, { body: { targetFormat } });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body)).toEqual(['url']);
      expect(answer.body.url).toMatch(
        new RegExp(`/assets/${upload.id}/${targetFormat}\\?expires=\\d+&signature=\\w+$`),
      );
      const converted = await sharp(await download(emulator, answer.body.url)).metadata();
      expect([converted.format, converted.width, converted.height]).toEqual([format, 40, 30]);
    }
  });

  test('refuses an unknown format, another project’s asset and a tampered url', async () => {
    const { call, emulator } = setup();
    const upload = await uploadImage(call, await testImage(), 'sketch.png');
    const tiff = await call('POST', `/assets/${upload.id}/download`, { body: { targetFormat: 'tiff' } });
    expect(tiff).toMatchObject({
      status: 400,
      body: { reason: 'Invalid target format "tiff": use one of png, jpeg, jpg, webp' },
    });
    const missing = await call('POST', `/assets/${upload.id}/download`, { body: {} });
    expect(missing.status).toBe(400);
    const elsewhere = await call('POST', `/assets/${upload.id}/download`, {
      body: { targetFormat: 'png' },
      query: { projectId: 'proj_other' },
      headers: { authorization: 'Bearer user-token' },
    });
    expect(elsewhere.status).toBe(404);
    const { url } = (await call('POST', `/assets/${upload.id}/download`, { body: { targetFormat: 'png' } })).body;
    const tampered = await emulator.fetch(url.replace('/png?', '/webp?'));
    expect(tampered.status).toBe(403);
  });
});
