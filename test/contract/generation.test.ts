/**
 * design.md §2 — generation resources: img2img, controlnet, detect, removeBackground, upscale
 * (`create` / `run` / `estimate`) and `custom` (`create/run/estimate(modelId, inputs)`);
 * GenerationJob, GenerationResult and CostEstimate shapes; img2img influence → strength;
 * image inputs on generate endpoints.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type Scenario } from '../../src/index.js';
import {
  API,
  BASIC,
  bodyOf,
  contractClient as client,
  decodeImageField,
  jobWire,
  PDF,
  PNG,
  rejectionOf,
  useFakeApi,
} from './_fake-api.js';

const { api, use, rec } = useFakeApi();
const fast = { pollInterval: 10, waitTimeout: 5_000 };

type C = Scenario;
interface Case {
  name: string;
  path: string;
  sent: Record<string, unknown>;
  create: (c: C) => Promise<{
    id: string;
    job: { jobId: string; status: string };
    creativeUnitsCost?: number;
    wait: (o?: { pollInterval?: number; waitTimeout?: number }) => Promise<unknown>;
  }>;
  run: (c: C) => Promise<{ job: { jobId: string; status: string }; assets: { id: string; url: string }[] }>;
  estimate: (c: C) => Promise<{ creativeUnitsCost: number; creativeUnitsDiscount?: number; details?: unknown }>;
}

const img2imgParams = { modelId: 'flux.1-dev', prompt: 'a knight, pixel art', image: 'asset_abc', strength: 0.4 };
const controlnetParams = { modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc', modality: 'canny' };
const detectParams = { image: 'asset_abc', modality: 'canny' as const };
const removeBackgroundParams = { image: 'asset_abc', format: 'png' as const };
const upscaleParams = { image: 'asset_abc', scalingFactor: 2 };
const customInputs = { image: 'asset_abc', upscaleFactor: 2, style: 'standard' };

const cases: Case[] = [
  {
    name: 'img2img',
    path: '/generate/img2img',
    sent: img2imgParams,
    create: (c) => c.img2img.create(img2imgParams),
    run: (c) => c.img2img.run(img2imgParams, fast),
    estimate: (c) => c.img2img.estimate(img2imgParams),
  },
  {
    name: 'controlnet',
    path: '/generate/controlnet',
    sent: controlnetParams,
    create: (c) => c.controlnet.create(controlnetParams),
    run: (c) => c.controlnet.run(controlnetParams, fast),
    estimate: (c) => c.controlnet.estimate(controlnetParams),
  },
  {
    name: 'detect',
    path: '/generate/detect',
    sent: detectParams,
    create: (c) => c.detect.create(detectParams),
    run: (c) => c.detect.run(detectParams, fast),
    estimate: (c) => c.detect.estimate(detectParams),
  },
  {
    name: 'removeBackground',
    path: '/generate/remove-background',
    sent: removeBackgroundParams,
    create: (c) => c.removeBackground.create(removeBackgroundParams),
    run: (c) => c.removeBackground.run(removeBackgroundParams, fast),
    estimate: (c) => c.removeBackground.estimate(removeBackgroundParams),
  },
  {
    name: 'upscale',
    path: '/generate/upscale',
    sent: upscaleParams,
    create: (c) => c.upscale.create(upscaleParams),
    run: (c) => c.upscale.run(upscaleParams, fast),
    estimate: (c) => c.upscale.estimate(upscaleParams),
  },
  {
    name: 'custom',
    path: '/generate/custom/model_upscale-v3',
    sent: customInputs,
    create: (c) => c.custom.create('model_upscale-v3', customInputs),
    run: (c) => c.custom.run('model_upscale-v3', customInputs, fast),
    estimate: (c) => c.custom.estimate('model_upscale-v3', customInputs),
  },
];

describe.each(cases)('client.$name', ({ path, sent, create, run, estimate }) => {
  it(`create → POST ${path} (no dryRun) → GenerationJob { id, job, creativeUnitsCost, wait }`, async () => {
    const gj = await create(client());
    const [req] = api.calls('POST', path);
    expect(req).toBeDefined();
    expect(req?.body).toMatchObject(sent);
    expect(req?.url.searchParams.has('dryRun')).toBe(false);
    expect(req?.headers.get('authorization')).toBe(BASIC);
    expect(gj.id).toMatch(/^job_/);
    expect(gj.job.jobId).toBe(gj.id);
    expect(gj.job.status).toBe('queued');
    expect(gj.creativeUnitsCost).toBe(6);
    expect(typeof gj.wait).toBe('function');
    expect(api.requests).toHaveLength(1); // create does not poll
  });

  it('create(...).wait() polls the job and resolves to a GenerationResult', async () => {
    const gj = await create(client());
    const result = (await gj.wait(fast)) as Awaited<ReturnType<Case['run']>>;
    expect(result.job.jobId).toBe(gj.id);
    expect(result.job.status).toBe('success');
    expect(result.assets).toHaveLength(2);
    expect(api.calls('GET', `/jobs/${gj.id}`).length).toBeGreaterThanOrEqual(2);
  });

  it('run → submits once, waits, returns { job, assets } with urls', async () => {
    const result = await run(client());
    expect(api.calls('POST', path)).toHaveLength(1);
    expect(result.job.status).toBe('success');
    expect(result.assets).toHaveLength(2);
    for (const a of result.assets) {
      expect(a.id).toMatch(/^asset_/);
      expect(a.url).toMatch(/^https:\/\//);
    }
  });

  it('estimate → POST ?dryRun=true (query, not body), 269 → CostEstimate', async () => {
    const est = await estimate(client());
    const [req] = api.calls('POST', path);
    expect(req?.url.searchParams.get('dryRun')).toBe('true');
    expect(bodyOf(req).dryRun).toBeUndefined();
    expect(req?.body).toMatchObject(sent);
    expect(est.creativeUnitsCost).toBe(6);
    expect(est.creativeUnitsDiscount).toBe(1);
    expect(est.details).toEqual({ base: 7, discount: 1 });
    expect(api.calls('GET', /^\/jobs\//)).toHaveLength(0); // no job is created or polled
  });
});

describe('GenerationResult', () => {
  it('assets come back in output order (job.metadata.assetIds), fetched with POST /assets/get-bulk', async () => {
    api.addAsset('asset_out_b');
    api.addAsset('asset_out_a');
    api.addAsset('asset_out_c');
    api.nextJobScript = (id) => [
      jobWire(id, 'in-progress', 0.5),
      jobWire(id, 'success', 1, { assetIds: ['asset_out_b', 'asset_out_c', 'asset_out_a'] }),
    ];
    // The bulk endpoint answers in its own order; the SDK must restore the job's output order.
    use(
      http.post(
        `${API}/assets/get-bulk`,
        rec(async ({ request }) => {
          const { assetIds } = (await request.clone().json()) as { assetIds: string[] };
          return HttpResponse.json({ assets: [...assetIds].sort().map((id) => api.assets.get(id)) });
        }),
      ),
    );
    const result = await client().img2img.run(img2imgParams, fast);
    expect(result.assets.map((a) => a.id)).toEqual(['asset_out_b', 'asset_out_c', 'asset_out_a']);
    const [bulk] = api.calls('POST', '/assets/get-bulk');
    expect(bulk).toBeDefined();
    expect(new Set(bodyOf(bulk).assetIds as string[])).toEqual(new Set(['asset_out_b', 'asset_out_c', 'asset_out_a']));
  });
});

describe('img2img influence → strength', () => {
  it.each([
    [20, 0.8],
    [100, 0.01],
    [0, 1],
    [15, 0.85],
    [25, 0.75],
  ])('influence %i → strength %d on the wire (and no influence field)', async (influence, strength) => {
    await client().img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc', influence });
    const body = bodyOf(api.calls('POST', '/generate/img2img')[0]);
    expect(body.strength).toBeCloseTo(strength, 10);
    expect(body.influence).toBeUndefined();
  });

  it('strength passes through unchanged', async () => {
    await client().img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc', strength: 0.35 });
    const body = bodyOf(api.calls('POST', '/generate/img2img')[0]);
    expect(body.strength).toBe(0.35);
  });

  it('the mapping also applies to estimate', async () => {
    await client().img2img.estimate({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc', influence: 20 });
    const body = bodyOf(api.calls('POST', '/generate/img2img')[0]);
    expect(body.strength).toBeCloseTo(0.8, 10);
  });

  it('influence and strength together → InvalidRequestError, nothing sent', async () => {
    const err = await rejectionOf(
      client().img2img.create({
        modelId: 'flux.1-dev',
        prompt: 'a knight',
        image: 'asset_abc',
        influence: 20,
        strength: 0.8,
      } as never),
    );
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.message.length).toBeGreaterThan(0);
    expect(api.requests).toHaveLength(0);
  });
});

describe('image inputs on generate endpoints', () => {
  it('an asset id passes through as-is', async () => {
    await client().img2img.create({ modelId: 'flux.1-dev', prompt: 'p', image: 'asset_abc', strength: 0.5 });
    expect(bodyOf(api.calls('POST', '/generate/img2img')[0]).image).toBe('asset_abc');
    expect(api.calls('POST', '/assets')).toHaveLength(0);
  });

  it('PNG bytes (Uint8Array) are sent as a PNG data URL or as the id of an uploaded asset', async () => {
    await client().img2img.create({ modelId: 'flux.1-dev', prompt: 'p', image: PNG, strength: 0.5 });
    const image = bodyOf(api.calls('POST', '/generate/img2img')[0]).image as string;
    if (image.startsWith('asset_')) {
      const upload = bodyOf(api.calls('POST', '/assets')[0]);
      expect(Buffer.from(decodeImageField(upload.image).bytes).equals(Buffer.from(PNG))).toBe(true);
    } else {
      expect(image.startsWith('data:image/png;base64,')).toBe(true);
      expect(Buffer.from(decodeImageField(image).bytes).equals(Buffer.from(PNG))).toBe(true);
    }
  });

  it('a non-image (PDF bytes) → InvalidRequestError before any request', async () => {
    const err = await rejectionOf(
      client().img2img.create({ modelId: 'flux.1-dev', prompt: 'p', image: PDF, strength: 0.5 }),
    );
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(api.requests).toHaveLength(0);
  });

  it('a non-image is refused by run() and estimate() too, before any request', async () => {
    expect(await rejectionOf(client().removeBackground.run({ image: PDF }, fast))).toBeInstanceOf(InvalidRequestError);
    expect(await rejectionOf(client().upscale.estimate({ image: PDF, scalingFactor: 2 }))).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(api.requests).toHaveLength(0);
  });

  it('upscale styleImages accept PNG bytes and asset ids', async () => {
    await client().upscale.create({ image: 'asset_abc', scalingFactor: 2, styleImages: [PNG, 'asset_style'] });
    const body = bodyOf(api.calls('POST', '/generate/upscale')[0]);
    const styleImages = body.styleImages as string[];
    expect(styleImages).toHaveLength(2);
    expect(styleImages[1]).toBe('asset_style');
    expect(styleImages[0]).toMatch(/^(asset_|data:image\/png;base64,)/);
  });
});
