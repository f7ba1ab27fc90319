import { describe, expect, test } from 'vitest';
import { JobEnvelopeSchema } from '../../src/schemas/job.js';
import { AS_USER, setup, testImage, uploadImage } from './helpers.js';

async function submitted(options: Parameters<typeof setup>[0] = {}, modelId = 'stable-diffusion-xl-base-1.0') {
  const context = setup(options);
  const image = (await uploadImage(context.call, await testImage(64, 64))).id as string;
  const body = { modelId, prompt: 'p', image, width: 512, height: 512 };
  const answer = await context.call('POST', '/generate/img2img', { body });
  const jobId = answer.body.job.jobId as string;
  const read = async () => JobEnvelopeSchema.parse((await context.call('GET', `/jobs/${jobId}`)).body).job;
  return { ...context, image, body, jobId, read };
}

describe('job progression', () => {
  test('a 120 s job runs queued → warming-up → in-progress → finalizing → success on the virtual clock', async () => {
    const started = Date.now();
    const { clock, read } = await submitted({ jobDurations: { inference: 120_000 } });
    const seen: [string, number][] = [];
    for (const at of [0, 1_000, 5_000, 60_000, 100_000, 115_000, 119_999]) {
      await clock.advanceTo(Date.parse('2026-01-01T00:00:00Z') + at);
      const job = await read();
      seen.push([job.status, job.progress]);
    }
    expect(seen).toEqual([
      ['queued', 0],
      ['queued', 1_000 / 120_000],
      ['warming-up', 5_000 / 120_000],
      ['in-progress', 0.5],
      ['in-progress', 100_000 / 120_000],
      ['finalizing', 115_000 / 120_000],
      ['finalizing', 119_999 / 120_000],
    ]);
    await clock.advance(1);
    const done = await read();
    expect(done).toMatchObject({ status: 'success', progress: 1, billing: { cuCost: 3, cuDiscount: 0 } });
    expect(done.statusHistory.map((entry) => entry.status)).toEqual([
      'queued',
      'warming-up',
      'in-progress',
      'finalizing',
      'success',
    ]);
    expect(done.statusHistory.at(-1)?.date).toBe('2026-01-01T00:02:00.000Z');
    expect(done.metadata.assetIds).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('output assets appear on success, with lineage and the job id', async () => {
    const { clock, read, call, image, jobId } = await submitted();
    await clock.advance(60_000);
    const [assetId] = (await read()).metadata.assetIds ?? [];
    const { asset } = (await call('GET', `/assets/${assetId}`)).body;
    expect(asset).toMatchObject({
      outputIndex: 0,
      properties: { width: 512, height: 512 },
      metadata: {
        type: 'inference-img2img',
        parentId: image,
        parentJobId: jobId,
        modelId: 'stable-diffusion-xl-base-1.0',
      },
    });
    const byParent = await call('GET', '/assets', { query: { parentAssetId: image } });
    expect(byParent.body.assets.map((a: { id: string }) => a.id)).toEqual([assetId]);
    const byModel = await call('GET', '/assets', {
      query: { modelId: 'stable-diffusion-xl-base-1.0', type: 'inference-img2img' },
    });
    expect(byModel.body.assets).toHaveLength(1);
  });

  test('GET /jobs lists newest first, filters by status and type, pages by token', async () => {
    const { clock, call, body } = await submitted();
    await call('POST', '/generate/img2img', { body: { ...body, modelId: 'flux.1-dev' } });
    await call('POST', '/generate/detect', { body: { image: body.image, modality: 'canny' } });
    const all = await call('GET', '/jobs');
    expect(all.body.jobs.map((job: { jobType: string }) => job.jobType)).toEqual(['detection', 'flux', 'inference']);
    await clock.advance(3_000);
    expect((await call('GET', '/jobs', { query: { status: 'success' } })).body.jobs).toHaveLength(1);
    expect((await call('GET', '/jobs', { query: { type: 'flux' } })).body.jobs).toHaveLength(1);
    const first = await call('GET', '/jobs', { query: { pageSize: '2' } });
    expect(first.body.jobs).toHaveLength(2);
    const rest = await call('GET', '/jobs', {
      query: { pageSize: '2', paginationToken: first.body.nextPaginationToken },
    });
    expect(rest.body).toEqual({ jobs: [expect.objectContaining({ jobType: 'inference' })] });
    expect((await call('GET', '/jobs', { query: { pageSize: '201' } })).status).toBe(400);
  });

  test('unknown and other-project jobs get 404', async () => {
    const { call, jobId } = await submitted();
    expect((await call('GET', '/jobs/job_nope')).body.reason).toBe('Job job_nope not found');
    const elsewhere = { query: { projectId: 'proj_x' }, headers: AS_USER };
    expect((await call('GET', `/jobs/${jobId}`, elsewhere)).status).toBe(404);
  });
});

describe('cancel', () => {
  test('an inference job (SD models) is canceled and stays canceled, with no outputs', async () => {
    const { clock, call, jobId, read } = await submitted();
    await clock.advance(2_000);
    const answer = await call('POST', `/jobs/${jobId}/action`, { body: { action: 'cancel' } });
    expect(answer.status).toBe(200);
    expect(answer.body.job).toMatchObject({ status: 'canceled' });
    await clock.advance(60_000);
    const job = await read();
    expect(job.status).toBe('canceled');
    expect(job.metadata.assetIds).toBeUndefined();
    const again = await call('POST', `/jobs/${jobId}/action`, { body: { action: 'cancel' } });
    expect(again.body.reason).toMatch(/already canceled/);
  });

  test.each([
    ['flux img2img', '/generate/img2img', (image: string) => ({ modelId: 'flux.1-dev', prompt: 'p', image })],
    ['custom', '/generate/custom/model_upscale-v3', (image: string) => ({ image })],
    ['upscale', '/generate/upscale', (image: string) => ({ image })],
  ])('a %s job is refused with the real 400', async (_, path, body) => {
    const { call, image } = await submitted();
    const job = (await call('POST', path, { body: body(image) })).body.job;
    const answer = await call('POST', `/jobs/${job.jobId}/action`, { body: { action: 'cancel' } });
    expect(answer).toMatchObject({
      status: 400,
      body: { reason: 'Cannot cancel this type of job. Action not permitted.' },
    });
  });

  test('other actions and finished jobs are refused', async () => {
    const { clock, call, jobId } = await submitted();
    expect((await call('POST', `/jobs/${jobId}/action`, { body: { action: 'pause' } })).body.reason).toMatch(
      /Invalid action: "pause" is not one of cancel/,
    );
    await clock.advance(60_000);
    expect((await call('POST', `/jobs/${jobId}/action`, { body: { action: 'cancel' } })).body.reason).toMatch(
      /already success/,
    );
  });
});
