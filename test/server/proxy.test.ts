import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  type Scenario,
} from '../../src/index.js';
import { APP, KEY, SECRET, setup, storeKinds } from './harness.js';

const SKETCH = fileURLToPath(new URL('../../examples/assets/sketch.png', import.meta.url));
const sketch = async () => new Uint8Array(await readFile(SKETCH));
const QUICK = { pollInterval: 250 } as const;
const BASIC = `Basic ${btoa(`${KEY}:${SECRET}`)}`;

/** An img2img run through the proxy from an uploaded sketch: the seed's first step. */
async function generate(client: Scenario, numSamples = 2) {
  const upload = await client.assets.upload(await sketch(), { name: 'sketch.png' });
  const result = await client.img2img.run(
    { modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', influence: 20, numSamples },
    QUICK,
  );
  return { upload, ...result };
}

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a failure'),
    (error: unknown) => error,
  );
}

describe.each(storeKinds())('createProxy over the emulator ($name)', ({ make }) => {
  test('a client without credentials runs img2img end to end; only the proxy sends the key', async () => {
    const { as, browser, upstream, emulator } = setup(make());
    const alice = as('alice');
    expect(alice.auth).toBeUndefined();
    expect(alice.baseUrl).toBe(`${APP}/api/scenario`);

    const { upload, job, assets } = await generate(alice, 2);
    expect(job.status).toBe('success');
    expect(job.metadata.input).toMatchObject({ image: upload.id, strength: 0.8, numSamples: 2 });
    expect(assets).toHaveLength(2);
    const bytes = await alice.assets.download(assets[0]?.id as string);
    expect(bytes.byteLength).toBeGreaterThan(100);

    // The browser sent no credentials anywhere, and called the API only through the proxy.
    expect(browser.length).toBeGreaterThan(3);
    for (const sent of browser) {
      expect(sent.headers.get('authorization')).toBeNull();
      expect(`${sent.url} ${sent.body}`).not.toContain(SECRET);
      expect(sent.url.startsWith(`${APP}/api/scenario/`) || sent.url.startsWith(emulator.cdnUrl)).toBe(true);
    }
    // The proxy sent the key pair with every upstream call.
    expect(upstream.length).toBeGreaterThan(3);
    for (const sent of upstream) expect(sent.headers.get('authorization')).toBe(BASIC);
  });

  test("a second user gets 404 for the first one's job, upload, asset and outputs, and sees only their own in listings", async () => {
    const { as, paidPosts } = setup(make());
    const alice = as('alice');
    const bob = as('bob');
    const { upload, job, assets } = await generate(alice, 2);
    const output = assets[0]?.id as string;
    const multipart = (await alice.request({
      method: 'POST',
      path: '/uploads',
      body: { fileName: 'big.png', contentType: 'image/png', fileSize: 6_000_000, parts: 2, kind: 'image' },
    })) as { upload: { id: string; jobId: string } };

    const refusals = await Promise.all([
      failure(bob.jobs.get(job.jobId)),
      failure(bob.jobs.cancel(job.jobId)),
      failure(bob.assets.get(upload.id)),
      failure(bob.assets.get(output)),
      failure(bob.assets.download(output)),
      failure(bob.assets.getMany([output])),
      failure(bob.request({ method: 'GET', path: `/uploads/${multipart.upload.id}` })),
      failure(bob.img2img.create({ modelId: 'flux.1-dev', image: output, prompt: 'stolen' })),
      failure(bob.img2img.estimate({ modelId: 'flux.1-dev', image: output, prompt: 'stolen' })),
    ]);
    for (const error of refusals) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).reason).toMatch(/^(asset|job|upload) \S+ not found$/);
    }
    expect(paidPosts()).toHaveLength(1); // alice's generation only

    // The owner still reads all of it.
    expect((await alice.jobs.get(job.jobId)).status).toBe('success');
    expect((await alice.assets.getMany(assets.map((asset) => asset.id))).map((asset) => asset.id)).toEqual(
      assets.map((asset) => asset.id),
    );
    expect(await alice.request({ method: 'GET', path: `/uploads/${multipart.upload.id}` })).toMatchObject({
      upload: { id: multipart.upload.id },
    });

    // Listings: each user sees their own.
    const bobs = await generate(bob, 1);
    const all = async <T>(items: AsyncIterable<T>) => {
      const seen: T[] = [];
      for await (const item of items) seen.push(item);
      return seen;
    };
    const jobIds = async (client: Scenario) => (await all(client.jobs.list())).map((item) => item.jobId);
    const assetIds = async (client: Scenario) => (await all(client.assets.list())).map((item) => item.id);
    // Alice's: her generation, and the job of her multipart upload.
    expect((await jobIds(alice)).sort()).toEqual([job.jobId, multipart.upload.jobId].sort());
    expect(await jobIds(bob)).toEqual([bobs.job.jobId]);
    expect((await assetIds(alice)).sort()).toEqual([upload.id, ...assets.map((asset) => asset.id)].sort());
    expect((await assetIds(bob)).sort()).toEqual([bobs.upload.id, ...bobs.assets.map((asset) => asset.id)].sort());
  });

  test('no user → 401, before anything goes upstream', async () => {
    const { as, upstream } = setup(make());
    const error = await failure(
      as(undefined)
        .jobs.list()
        .then((page) => page.items),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(upstream).toHaveLength(0);
  });

  test('a model outside `models` is refused (403) with 0 upstream POSTs; a listed one runs', async () => {
    const { as, upstream, paidPosts } = setup(make(), { models: ['flux.1-dev'] });
    const alice = as('alice');
    const upload = await alice.assets.upload(await sketch());
    const before = upstream.length;
    for (const params of [
      { modelId: 'model_not-listed', image: upload.id, prompt: 'a knight' },
      { modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', concepts: [{ modelId: 'model_lora', scale: 1 }] },
    ]) {
      const error = await failure(alice.img2img.create(params));
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect((error as APIError).reason).toMatch(/^model model_\S+ is not available here$/);
    }
    expect(await failure(alice.models.get('model_not-listed'))).toBeInstanceOf(PermissionDeniedError);
    expect(upstream.length).toBe(before);
    await alice.img2img.create({ modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight' });
    expect(paidPosts()).toHaveLength(1);
  });

  test('a bad body is a 400 naming every problem, with 0 upstream requests', async () => {
    const { as, upstream } = setup(make());
    const alice = as('alice');
    const error = await failure(
      alice.request({
        method: 'POST',
        path: '/generate/img2img',
        body: { modelId: 'flux.1-dev', prompt: '', image: 'data:image/png;base64,AAAA', numSamples: 0, extra: 1 },
      }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    const { reason, details } = error as BadRequestError;
    expect(reason).toMatch(/^invalid body: /);
    expect((details as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path).sort()).toEqual([
      '',
      'numSamples',
      'prompt',
    ]);
    expect(reason).toContain('extra');
    const badQuery = await failure(alice.request({ method: 'GET', path: '/jobs', query: { pageSize: 'many' } }));
    expect((badQuery as BadRequestError).reason).toMatch(/^invalid query: pageSize: /);
    expect(upstream).toHaveLength(0);
  });

  test('routes outside the UI set are refused: unknown 404, closed 403 unless allowed by name', async () => {
    const closed = setup(make());
    const alice = closed.as('alice');
    const upload = await alice.assets.upload(await sketch());
    expect(await failure(alice.assets.delete([upload.id]))).toBeInstanceOf(PermissionDeniedError);
    const unknown = await failure(alice.request({ method: 'GET', path: '/teams' }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(closed.upstream.map((sent) => sent.method)).toEqual(['POST']); // the upload only

    const open = setup(make(), { allow: ['DELETE /assets'] });
    const owner = open.as('alice');
    const mine = await owner.assets.upload(await sketch());
    expect(await failure(open.as('bob').assets.delete([mine.id]))).toBeInstanceOf(NotFoundError);
    await owner.assets.delete([mine.id]);
    expect(open.upstream.filter((sent) => sent.method === 'DELETE')).toHaveLength(1);
    expect(() => setup(make(), { allow: ['DELETE /teams'] })).toThrow(
      /allow: not a route of this proxy: DELETE \/teams/,
    );
  });

  test('bad options are refused at once, every problem in English, named by its path', () => {
    expect(() => setup(make(), { models: [''], maxBodyBytes: 0 })).toThrow(
      'Invalid createProxy options: models[0]: Too small: expected string to have >=1 characters; maxBodyBytes: Too small: expected number to be >0',
    );
  });

  test('over budget: a 402 with a clear reason, and the paid POST never reaches Scenario', async () => {
    const { as, paidPosts, upstream } = setup(make(), { budget: { credits: 30, windowMs: 86_400_000 } });
    const alice = as('alice');
    const upload = await alice.assets.upload(await sketch());
    const params = { modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', numSamples: 4 };
    const { creativeUnitsCost: cost } = await alice.img2img.estimate(params);
    expect(cost).toBeGreaterThan(15); // two such calls do not fit the budget
    expect(cost).toBeLessThanOrEqual(30);

    await alice.img2img.create(params);
    expect(paidPosts()).toHaveLength(1);
    const error = await failure(alice.img2img.create(params));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(402);
    expect((error as APIError).reason).toMatch(
      new RegExp(
        `^over budget: this call costs ${cost} credits and ${30 - cost} of 30 are left until 2026-01-16T00:00:00.000Z$`,
      ),
    );
    expect(paidPosts()).toHaveLength(1);
    const quotes = upstream.filter((sent) => new URL(sent.url).searchParams.get('dryRun') === 'true');
    expect(quotes).toHaveLength(3); // the estimate, and one quote before each create

    // Another user has a budget of their own.
    await as('bob').img2img.create({ ...params, image: (await as('bob').assets.upload(await sketch())).id });
    expect(paidPosts()).toHaveLength(2);
  });

  test('two concurrent calls cannot both pass a budget that fits one', async () => {
    const { as, paidPosts, emulator } = setup(make(), { budget: { credits: 30, windowMs: 3_600_000 } });
    const alice = as('alice');
    const upload = await alice.assets.upload(await sketch());
    const params = { modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', numSamples: 4 };
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => alice.img2img.create(params)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((item) => item.status === 'rejected')) {
      expect((outcome.reason as APIError).status).toBe(402);
    }
    expect(paidPosts()).toHaveLength(1);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test("a call Scenario refuses gives its reservation back, and Scenario's error passes through with its status and reason", async () => {
    const { as, paidPosts } = setup(make(), { budget: { credits: 30, windowMs: 86_400_000 } });
    const alice = as('alice');
    const upload = await alice.assets.upload(await sketch());
    const refused = await failure(
      alice.controlnet.create({ modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', modality: 'seg' }),
    );
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).reason).not.toMatch(/over budget|invalid body/);
    const params = { modelId: 'flux.1-dev', image: upload.id, prompt: 'a knight', numSamples: 4 };
    await alice.img2img.create(params);
    expect(paidPosts().length).toBeGreaterThanOrEqual(1);
  });
});
