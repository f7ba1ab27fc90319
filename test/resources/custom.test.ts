import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { APIUserAbortError, InvalidRequestError } from '../../src/index.js';
import { modelInputsSchema } from '../../src/schemas.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import { onFakeTime } from '../helpers/timers.js';
import { expectInvalid, FAST, fakeGenerationApi, jobWire, PNG } from './fake-generation.js';

const server = useMockServer();

const upscaleModel = {
  id: 'model_upscale-v3',
  inputs: [
    { name: 'image', type: 'file', required: { always: true } },
    { name: 'upscaleFactor', type: 'number', min: 1, max: 8 },
    { name: 'style', type: 'string', allowedValues: ['standard', 'anime'] },
    { name: 'tileStyle', type: 'boolean' },
    { name: 'referenceImages', type: 'file_array' },
    { name: 'tags', type: 'string_array', maxLength: 5 },
  ],
};

/** Answers `GET /models/model_upscale-v3` and counts the calls. */
function serveModel() {
  const calls = { count: 0 };
  server.use(
    http.get(`${API}/models/model_upscale-v3`, () => {
      calls.count++;
      return HttpResponse.json({ model: upscaleModel });
    }),
  );
  return calls;
}

describe('custom wire body', () => {
  it('POSTs the inputs, flat, to /generate/custom/{modelId}; no model lookup by default', async () => {
    const api = fakeGenerationApi(server);
    const inputs = { image: 'asset_x', upscaleFactor: 2, anything: { nested: true } };
    const generation = await testClient().custom.create('model_upscale-v3', inputs);
    expect(api.bodies('/generate/custom/model_upscale-v3')).toEqual([inputs]);
    expect(generation.id).toBe('job_1');
  });

  it('encodes the model id in the path', async () => {
    const api = fakeGenerationApi(server);
    await testClient().custom.create('model_/../x', { prompt: 'p' });
    expect(api.seen[0]?.path).toBe('/generate/custom/model_%2F..%2Fx');
  });

  it('run waits and fetches outputs; estimate sends ?dryRun=true', async () => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    const { assets } = await client.custom.run('model_upscale-v3', { image: 'asset_x' }, FAST);
    expect(assets.map((asset) => asset.id)).toEqual(['asset_out_1', 'asset_out_2']);
    const estimate = await client.custom.estimate('model_upscale-v3', { image: 'asset_x' });
    expect(estimate.creativeUnitsCost).toBe(6);
    expect(api.seen.at(-1)?.query.get('dryRun')).toBe('true');
  });

  it('run: the options apply to the wait too (projectId on every poll, the signal aborts it)', async () => {
    const api = fakeGenerationApi(server);
    await testClient().custom.run('model_upscale-v3', { image: 'asset_x' }, { ...FAST, projectId: 'proj_y' });
    expect(api.seen.every((s) => s.query.get('projectId') === 'proj_y')).toBe(true);

    server.use(http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'in-progress', 0.1) })));
    // On fake time the submission is answered before any time passes: the abort comes mid-wait.
    const { error } = await onFakeTime(() => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      return testClient().custom.run('model_upscale-v3', { image: 'asset_x' }, { ...FAST, signal: controller.signal });
    });
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ jobId: 'job_1' });
  });

  it('uploads non-string images and sends the asset id', async () => {
    const api = fakeGenerationApi(server);
    await testClient().custom.create('model_any', { image: PNG, referenceImages: ['asset_a', PNG] });
    expect(api.bodies('/generate/custom/model_any')).toEqual([
      { image: 'asset_uploaded', referenceImages: ['asset_a', 'asset_uploaded'] },
    ]);
    expect(api.bodies('/assets')).toHaveLength(2);
    expect(api.bodies('/assets').every((body) => body.hide === true)).toBe(true);
  });

  it('uploads even small images (models take asset ids), one POST /assets each, never inlined', async () => {
    const api = fakeGenerationApi(server);
    await testClient().custom.estimate('model_any', { image: PNG, referenceImages: [PNG, PNG] });
    const [body] = api.bodies('/generate/custom/model_any');
    expect(body).toEqual({ image: 'asset_uploaded', referenceImages: ['asset_uploaded', 'asset_uploaded'] });
    expect(api.bodies('/assets')).toHaveLength(3);
  });

  it('a bad image among several: InvalidRequestError naming it, no upload, nothing POSTed', async () => {
    const api = fakeGenerationApi(server);
    await expectInvalid(
      testClient().custom.create('model_any', { image: PNG, referenceImages: [PNG, new TextEncoder().encode('nope')] }),
      'referenceImages[1]',
    );
    expect(api.seen).toHaveLength(0);
  });
});

describe('custom inputs JSON cannot carry', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const shared = { x: 1 };
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['NaN (JSON would send null)', { upscaleFactor: Number.NaN }, 'upscaleFactor', /NaN.*null/],
    ['Infinity', { strength: Number.POSITIVE_INFINITY }, 'strength', /Infinity/],
    ['-Infinity in an array', { weights: [1, Number.NEGATIVE_INFINITY] }, 'weights[1]', /-Infinity/],
    ['a BigInt', { seed: 12n }, 'seed', /bigint/],
    ['a cycle', { settings: cyclic }, 'settings.self', /cycle/],
    ['a function', { callback: () => 1 }, 'callback', /function/],
    ['a symbol', { tag: Symbol('t') }, 'tag', /symbol/],
    ['undefined in an array', { tags: ['a', undefined] }, 'tags[1]', /undefined.*null/],
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    ['a hole in an array', { tags: ['a', , 'c'] }, 'tags[1]', /hole/],
    ['a Map', { options: new Map([['a', 1]]) }, 'options', /Map/],
    ['a Date', { at: new Date(0) }, 'at', /Date/],
    ['NaN deep inside', { nested: { list: [{ value: Number.NaN }] } }, 'nested.list[0].value', /NaN/],
  ])('%s is refused before any request', async (_name, inputs, field, message) => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await expectInvalid(client.custom.create('model_any', inputs), field, message);
    await expectInvalid(client.custom.run('model_any', inputs), field, message);
    await expectInvalid(client.custom.estimate('model_any', inputs), field, message);
    expect(api.seen).toHaveLength(0);
  });

  it('refuses before uploading the images, and still takes JSON values, shared ones and undefined properties', async () => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().custom.create('model_any', { image: PNG, scale: Number.NaN }), 'scale');
    expect(api.seen).toHaveLength(0);
    const inputs = { image: PNG, a: shared, b: [shared, null, true, 'x', -0.5], skipped: undefined };
    await testClient().custom.create('model_any', inputs);
    expect(api.bodies('/generate/custom/model_any')).toEqual([
      { image: 'asset_uploaded', a: { x: 1 }, b: [{ x: 1 }, null, true, 'x', -0.5] },
    ]);
  });
});

describe('custom validation against the model inputs[]', () => {
  it('validate: true fetches the model once per client and checks before sending', async () => {
    const calls = serveModel();
    const api = fakeGenerationApi(server);
    const client = testClient();
    await client.custom.create('model_upscale-v3', { image: 'asset_x', upscaleFactor: 4 }, { validate: true });
    await client.custom.create('model_upscale-v3', { image: 'asset_x', style: 'anime' }, { validate: true });
    expect(calls.count).toBe(1);
    expect(api.bodies('/generate/custom/model_upscale-v3')).toHaveLength(2);
  });

  it.each([
    ['above max', { image: 'asset_x', upscaleFactor: 9 }, 'upscaleFactor'],
    ['not in allowedValues', { image: 'asset_x', style: 'oil' }, 'style'],
    ['wrong type', { image: 'asset_x', tileStyle: 'yes' }, 'tileStyle'],
    ['required.always missing', { upscaleFactor: 2 }, 'image'],
    ['more items than maxLength', { image: 'asset_x', tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags'],
    ['a name the model does not have', { image: 'asset_x', upscaleFactr: 2 }, ''],
  ])('%s → InvalidRequestError, nothing POSTed', async (_name, inputs, field) => {
    serveModel();
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().custom.create('model_upscale-v3', inputs, { validate: true }), field);
    expect(api.seen.filter((s) => s.method === 'POST')).toHaveLength(0);
  });

  it('checks without being asked once client.models.get fetched the model', async () => {
    serveModel();
    const api = fakeGenerationApi(server);
    const client = testClient();
    await client.models.get('model_upscale-v3');
    await expectInvalid(
      client.custom.estimate('model_upscale-v3', { image: 'asset_x', upscaleFactor: 0 }),
      'upscaleFactor',
    );
    expect(api.seen).toHaveLength(0);
  });

  it('validate: false skips the check even for a fetched model', async () => {
    serveModel();
    const api = fakeGenerationApi(server);
    const client = testClient();
    await client.models.get('model_upscale-v3');
    await client.custom.create('model_upscale-v3', { image: 'asset_x', upscaleFactor: 99 }, { validate: false });
    expect(api.bodies('/generate/custom/model_upscale-v3')).toEqual([{ image: 'asset_x', upscaleFactor: 99 }]);
  });

  it('with the contract known, a file path given to a file input is read, and refused by its input name when not an image', async () => {
    serveModel();
    const api = fakeGenerationApi(server);
    const client = testClient();
    const file = new URL('./fake-generation.ts', import.meta.url);
    // Not an image: refused by name before anything is POSTed.
    await expectInvalid(
      client.custom.create('model_upscale-v3', { image: file.pathname }, { validate: true }),
      'image',
    );
    expect(api.seen).toHaveLength(0);
  });

  it('with the contract known, a file path given to a file input is uploaded and sent as its asset id', async () => {
    serveModel();
    const api = fakeGenerationApi(server);
    const file = join(await mkdtemp(join(tmpdir(), 'scenario-')), 'sketch.png');
    await writeFile(file, PNG);
    await testClient().custom.create('model_upscale-v3', { image: file, upscaleFactor: 2 }, { validate: true });
    expect(api.bodies('/generate/custom/model_upscale-v3')).toEqual([{ image: 'asset_uploaded', upscaleFactor: 2 }]);
    expect(api.bodies('/assets')[0]?.name).toBe('sketch.png');
  });

  it('modelInputsSchema lists every problem at once', () => {
    const result = modelInputsSchema(upscaleModel).safeParse({ upscaleFactor: 0, style: 'oil' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['image', 'upscaleFactor', 'style']);
  });
});

describe('custom refuses the typed endpoints’ models, naming the SDK resource to use', () => {
  it.each([
    ['a prompt alone', { prompt: 'a knight' }, 'client.txt2img.run'],
    ['an image', { prompt: 'a knight', image: 'asset_x' }, 'client.img2img.run'],
    ['a mask', { prompt: 'a helmet', image: 'asset_x', mask: 'asset_m' }, 'client.inpaint.run'],
    ['a modality', { prompt: 'a knight', image: 'asset_x', modality: 'pose' }, 'client.controlnet.run'],
  ])('flux.1-dev with %s → %s, with no request', async (_name, inputs, method) => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    for (const call of [
      client.custom.create('flux.1-dev', inputs),
      client.custom.run('flux.1-dev', inputs),
      client.custom.estimate('flux.1-dev', inputs),
    ]) {
      const error = await call.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(`${method}({ modelId: 'flux.1-dev', … })`);
      expect((error as Error).message).not.toMatch(/generate\/\{/);
    }
    expect(api.seen).toHaveLength(0);
  });

  it('a known model without inputs[] but with a typed capability (a trained LoRA) is refused once fetched', async () => {
    const api = fakeGenerationApi(server);
    server.use(
      http.get(`${API}/models/model_knight-lora`, () =>
        HttpResponse.json({
          model: { id: 'model_knight-lora', type: 'sd-xl-lora', capabilities: ['txt2img', 'img2img'] },
        }),
      ),
    );
    const error = await testClient()
      .custom.create('model_knight-lora', { prompt: 'a knight' }, { validate: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(
      /model_knight-lora is a model of the typed endpoints.*client\.txt2img\.run/,
    );
    expect(api.bodies('/generate/custom/model_knight-lora')).toEqual([]);
  });
});
