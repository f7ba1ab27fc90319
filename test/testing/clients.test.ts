/**
 * Request sequences shaped like clients other people wrote for the real API (a game-engine
 * plug-in, a tool server generated from the swagger, the docs' quick start, an asset-pipeline
 * script), replayed over HTTP against the emulator with only the base URL changed. Each gets
 * what the real API answers. Jobs run on a virtual clock that the clients' polling loops advance,
 * so what they see does not depend on how busy the machine is.
 */
import { createServer, type Server } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IGNORED_FIELDS_HEADER, type RunningEmulator, startEmulator, VirtualClock } from '../../src/testing/index.js';
import { dataUrl, testImage } from './helpers.js';

const FAST = { flux: 200, inference: 200, custom: 200, 'remove-background': 100, upscale: 100, upload: 100 };

let emulator: RunningEmulator;
const clock = new VirtualClock();
/** Where a client would sleep between polls: time passes for the emulator's jobs. */
const pause = () => clock.advance(50);
let files: Server;
let filesUrl: string;
let sketch: Uint8Array;
beforeAll(async () => {
  // The pipeline imports from a file host on loopback, which only `uploadUrls: 'any'` allows.
  emulator = await startEmulator({ clock, jobDurations: FAST, parallelJobs: 20, uploadUrls: 'any' });
  sketch = await testImage(128, 96);
  // A static file host the pipeline imports from, on loopback.
  files = createServer((request, response) => {
    if (request.url === '/art/sketch.png') response.writeHead(200, { 'content-type': 'image/png' }).end(sketch);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => files.close(resolve));
});

/** A client as third-party code writes one: fetch, Basic auth, JSON. */
function client(key = 'api_thirdparty', server: RunningEmulator = emulator) {
  const headers = { authorization: `Basic ${btoa(`${key}:secret`)}`, 'content-type': 'application/json' };
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: a third-party client reads JSON loosely.
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  /** Polls the job as the clients do, then reads its output assets. */
  const finished = async (jobId: string) => {
    for (;;) {
      const { job } = (await request('GET', `/jobs/${jobId}`)).body;
      if (['success', 'failure', 'canceled'].includes(job.status)) {
        const assets = await Promise.all(
          (job.metadata.assetIds ?? []).map(async (id: string) => (await request('GET', `/assets/${id}`)).body.asset),
        );
        return { job, assets };
      }
      await pause();
    }
  };
  const downloaded = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
  return { request, finished, downloaded };
}

describe('a game-engine plug-in (extra body fields on every call)', () => {
  test('quote, img2img, background removal and upscale with the plug-in bodies', async () => {
    const { request, finished, downloaded } = client('api_plugin');
    const { asset } = (await request('POST', '/assets', { image: dataUrl(sketch), name: 'sketch.png' })).body;
    const generation = {
      type: 'img2img',
      dryRun: true,
      modelId: 'flux.1-dev',
      prompt: 'a knight, painted',
      negativePrompt: '',
      image: asset.id,
      strength: 0.8,
      numSamples: 2,
      guidance: 3.5,
      numInferenceSteps: 28,
      width: 512,
      height: 384,
      hideResults: false,
    };
    // The quote: `?dryRun=true` on the query, 269, nothing created.
    const jobsBefore = emulator.state.counters.jobsCreated;
    const quote = await request('POST', '/generate/img2img?dryRun=true', generation);
    expect(quote).toMatchObject({ status: 269, body: { creativeUnitsCost: expect.any(Number), job: {} } });
    expect(emulator.state.counters.jobsCreated).toBe(jobsBefore);
    // The body `dryRun` the plug-in always sends is ignored: the job runs, as on the real API.
    const submitted = await request('POST', '/generate/img2img', generation);
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get(IGNORED_FIELDS_HEADER)).toBe('type, dryRun');
    const { job, assets } = await finished(submitted.body.job.jobId);
    expect(job).toMatchObject({ status: 'success', jobType: 'flux', metadata: { input: { type: 'img2img' } } });
    expect(assets.map((output) => output.properties)).toEqual([
      expect.objectContaining({ width: 512, height: 384 }),
      expect.objectContaining({ width: 512, height: 384 }),
    ]);

    const cutOut = await request('POST', '/generate/remove-background', {
      image: asset.id,
      backgroundColor: '',
      format: 'png',
      returnImage: false,
      originalAssets: true,
    });
    expect(cutOut.status).toBe(200);
    const [transparent] = (await finished(cutOut.body.job.jobId)).assets;
    const corner = await sharp(await downloaded(transparent.url))
      .ensureAlpha()
      .raw()
      .toBuffer();
    expect(corner[3]).toBe(0);

    const upscaled = await request('POST', '/generate/upscale', {
      image: asset.id,
      scalingFactor: 2,
      returnImage: false,
      name: 'sketch-x2.png',
      assetId: asset.id,
    });
    expect(upscaled.status).toBe(200);
    expect((await finished(upscaled.body.job.jobId)).assets[0].properties).toMatchObject({ width: 256, height: 192 });

    const ignored = emulator.state.ignoredFields.filter((entry) => entry.route.startsWith('/generate/'));
    expect(ignored.map(({ route, fields }) => [route, fields])).toEqual(
      expect.arrayContaining([
        ['/generate/img2img', ['type', 'dryRun']],
        ['/generate/remove-background', ['returnImage', 'originalAssets']],
        ['/generate/upscale', ['returnImage', 'name', 'assetId']],
      ]),
    );
  });
});

describe('a tool server generated from the swagger (its types, its aliases)', () => {
  test('txt2img with a string seed, deprecated image aliases, style images, ControlNet with a map id', async () => {
    const { request, finished } = client('api_tools');
    const { asset } = (await request('POST', '/assets', { image: dataUrl(sketch), name: 'pose.png' })).body;
    const txt2img = await request('POST', '/generate/txt2img', {
      modelId: 'flux.1-dev',
      prompt: 'four potion sprites',
      seed: '1234',
      numSamples: 4,
      width: 256,
      height: 256,
    });
    expect(txt2img.status).toBe(200);
    const sprites = await finished(txt2img.body.job.jobId);
    expect(sprites.assets).toHaveLength(4);
    expect(sprites.assets.map((sprite) => sprite.metadata.seed)).toEqual(['1234', '1235', '1236', '1237']);

    for (const [path, body] of [
      ['/generate/img2img', { imageId: asset.id, strength: 0.5 }],
      ['/generate/controlnet-img2img', { imageId: asset.id, controlImageId: asset.id, modality: 'pose' }],
      ['/generate/img2img-ip-adapter', { image: asset.id, ipAdapterImageIds: [asset.id], ipAdapterScale: 0.7 }],
      ['/generate/inpaint', { image: asset.id, maskId: asset.id, disableMerging: false }],
    ] as const) {
      const answer = await request('POST', path, { modelId: 'flux.1-dev', prompt: 'a knight', ...body });
      expect([path, answer.status, answer.headers.get(IGNORED_FIELDS_HEADER)]).toEqual([path, 200, null]);
      expect((await finished(answer.body.job.jobId)).job.status).toBe('success');
    }
  });

  test('the public catalog: /models/public, /models/public/{id}, /assets/public/{id}', async () => {
    const { request } = client('api_tools');
    const catalog = await request('GET', '/models/public?pageSize=500');
    expect(catalog.body.models.map((model: { id: string }) => model.id)).toContain('model_bfl-flux-2-dev');
    expect((await request('GET', '/models/public/model_bfl-flux-2-dev')).body.model.inputs.length).toBeGreaterThan(5);
    const gallery = await request('GET', '/assets/public');
    const [first] = gallery.body.assets;
    expect((await request('GET', `/assets/public/${first.id}`)).body.asset).toMatchObject({
      id: first.id,
      privacy: 'public',
    });
    // A fresh key's own models: none but the project's trained ones, as the swagger's privacy=private default says.
    expect(
      (await request('GET', '/models')).body.models.every((model: { privacy: string }) => model.privacy === 'private'),
    ).toBe(true);
  });
});

describe("the docs' quick start", () => {
  test('POST /generate/custom/model_bfl-flux-2-dev {prompt, width: 1344, height: 768}, then poll and download', async () => {
    const { request, finished, downloaded } = client('api_quickstart');
    const answer = await request('POST', '/generate/custom/model_bfl-flux-2-dev', {
      prompt: 'a cozy fantasy tavern, warm light',
      width: 1344,
      height: 768,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.job).toMatchObject({ jobType: 'custom', status: 'queued' });
    const { job, assets } = await finished(answer.body.job.jobId);
    expect(job.status).toBe('success');
    const meta = await sharp(await downloaded(assets[0].url)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1344, 768]);
  });
});

describe('an asset-pipeline script (project-scoped key, imports by URL, sorted and filtered listings)', () => {
  test('imports by URL into its project, generates, lists with sort and filters, reads without projectId', async () => {
    // The pipeline's key belongs to proj_pipeline: an emulator of that project.
    // Its images come from a local file server: URL imports opened to any address.
    const own = await startEmulator({ projectId: 'proj_pipeline', jobDurations: FAST, uploadUrls: 'any' });
    const { request, finished } = client('api_pipeline', own);
    const imported = await request('POST', '/uploads?projectId=proj_pipeline', {
      url: `${filesUrl}/art/sketch.png`,
      kind: 'image',
    });
    expect(imported.status).toBe(200);
    expect(imported.body.upload).toMatchObject({ source: 'url', status: 'validating', ownerId: 'proj_pipeline' });
    let upload = imported.body.upload;
    while (upload.status !== 'imported') {
      expect(upload.status).not.toBe('failed');
      await pause();
      upload = (await request('GET', `/uploads/${upload.id}?projectId=proj_pipeline`)).body.upload;
    }
    // The key belongs to its project: reading without projectId reads the same project.
    const source = (await request('GET', `/assets/${upload.entityId}`)).body.asset;
    expect(source).toMatchObject({ ownerId: 'proj_pipeline', properties: { width: 128, height: 96 } });

    const generated = await request('POST', '/generate/img2img?projectId=proj_pipeline', {
      modelId: 'stable-diffusion-xl-base-1.0',
      prompt: 'pixel art',
      image: source.id,
      width: 512,
      height: 512,
    });
    const [output] = (await finished(generated.body.job.jobId)).assets;

    const oldestFirst = await request('GET', '/assets?sortBy=createdAt&sortDirection=asc');
    expect(oldestFirst.body.assets.map((asset: { id: string }) => asset.id)).toEqual([source.id, output.id]);
    const generations = await request('GET', '/assets?type=inference-');
    expect(generations.body.assets.map((asset: { id: string }) => asset.id)).toEqual([output.id]);
    const since = await request('GET', `/assets?createdAfter=${encodeURIComponent(source.createdAt)}`);
    expect(since.body.assets.map((asset: { id: string }) => asset.id)).toEqual([output.id]);
    const wrongProject = await request('GET', '/assets?projectId=proj_elsewhere');
    expect(wrongProject.status).toBe(403);
    await own.close();
  });
});
