import { beforeAll, describe, expect, test } from 'vitest';
import { GenerationSubmitResponseSchema } from '../../src/schemas/generation.js';
import { AS_USER, dataUrl, testImage, withImage as withUpload } from './helpers.js';

let png: Uint8Array;
beforeAll(async () => {
  png = await testImage(64, 64);
});

/** An emulator with one uploaded image, and a valid img2img body on it. */
async function withImage(options: Parameters<typeof withUpload>[0] = {}) {
  const context = await withUpload(options);
  return { ...context, body: { modelId: 'flux.1-dev', prompt: 'a knight', image: context.image } };
}

describe('POST /generate/*', () => {
  test('answers {job, creativeUnitsCost} with a queued job', async () => {
    const { call, body, emulator } = await withImage();
    const answer = await call('POST', '/generate/img2img', { body: { ...body, numSamples: 2, strength: 0.3 } });
    expect(answer.status).toBe(200);
    const { job, creativeUnitsCost } = GenerationSubmitResponseSchema.parse(answer.body);
    expect(job).toMatchObject({
      status: 'queued',
      progress: 0,
      jobType: 'flux',
      metadata: { input: { strength: 0.3 } },
    });
    expect(job.jobId).toMatch(/^job_/);
    expect(creativeUnitsCost).toBe(10);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test('a body over the gateway ceiling (6 MiB) is refused with 413, creating nothing', async () => {
    const { call, body, emulator } = await withImage();
    const tooBig = `data:image/png;base64,${'A'.repeat(6 * 1024 * 1024)}`;
    const answer = await call('POST', '/generate/img2img', { body: { ...body, image: tooBig } });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ reason: expect.stringContaining('Request body too large') });
    expect(emulator.state.counters.jobsCreated).toBe(0);
  });

  test('?dryRun=true answers 269 with the cost and an empty job, creating nothing', async () => {
    const { call, body, emulator } = await withImage();
    const quote = await call('POST', '/generate/img2img', {
      body: { ...body, image: dataUrl(png), numSamples: 3, width: 1024, height: 1536 },
      query: { dryRun: 'true' },
    });
    expect(quote.status).toBe(269);
    expect(quote.body).toMatchObject({ creativeUnitsCost: 30, creativeUnitsDiscount: 0, job: {} });
    expect(emulator.state.counters).toMatchObject({ jobsCreated: 0, assetsCreated: 1 });
  });

  test('the cost grows with samples, size and scaling factor', async () => {
    const { call, body, image } = await withImage();
    const quote = async (path: string, extra: object) =>
      (await call('POST', path, { body: extra, query: { dryRun: 'true' } })).body.creativeUnitsCost as number;
    expect(await quote('/generate/img2img', { ...body, numSamples: 4 })).toBe(
      4 * (await quote('/generate/img2img', body)),
    );
    expect(await quote('/generate/img2img', { ...body, width: 2048, height: 2048 })).toBeGreaterThan(
      await quote('/generate/img2img', { ...body, width: 1024, height: 1024 }),
    );
    const sdxl = await quote('/generate/img2img', {
      ...body,
      modelId: 'stable-diffusion-xl-base-1.0',
      width: 1024,
      height: 1024,
    });
    expect(sdxl).toBeLessThan(await quote('/generate/img2img', { ...body, width: 1024, height: 1024 }));
    expect(await quote('/generate/upscale', { image, scalingFactor: 16 })).toBeGreaterThan(
      await quote('/generate/upscale', { image, scalingFactor: 2 }),
    );
  });

  test('a data-URL image becomes an asset only when the job is accepted', async () => {
    const { call, body, emulator } = await withImage();
    const answer = await call('POST', '/generate/img2img', { body: { ...body, image: dataUrl(png), imageHide: true } });
    const created = answer.body.job.metadata.input.image;
    expect((await call('GET', `/assets/${created}`)).body.asset).toMatchObject({
      isHidden: true,
      metadata: { type: 'uploaded' },
    });
    await call('POST', '/generate/img2img', { body: { ...body, image: dataUrl(png), width: 12 } });
    expect(emulator.state.counters.assetsCreated).toBe(2);
  });

  test.each([
    ['a missing prompt', { prompt: undefined }, 400, /Input prompt is required/],
    ['a width that is not a multiple of 8', { width: 1020 }, 400, /^Invalid width: 1020 is not a multiple of 8$/],
    ['strength out of range', { strength: 1.5 }, 400, /^Invalid strength: 1.5 is outside 0.01–1$/],
    ['a wrong type', { numSamples: '2' }, 400, /^Invalid numSamples: expected a number, got "2"$/],
    ['a seed that is not a number', { seed: 'abc' }, 400, /seed: expected a number or a string of digits/],
    ['a scheduler not in the enum', { scheduler: 'Fast' }, 400, /scheduler: "Fast" is not one of DDIMScheduler/],
    ['a missing image', { image: undefined }, 400, /^Input image is required$/],
    ['an unknown model', { modelId: 'model_nope' }, 404, /Model model_nope not found/],
    ['a custom-only model', { modelId: 'model_upscale-v3' }, 400, /use \/generate\/custom\/model_upscale-v3/],
    ['an SDXL size below 512', { modelId: 'stable-diffusion-xl-base-1.0', width: 256 }, 400, /outside 512–2048/],
    ['numSamples above the plan cap', { numSamples: 20 }, 400, /batch size limit \(8\)/],
    ['an image that is not one', { image: 'data:image/png;base64,aGVsbG8=' }, 400, /not a supported image/],
    ['an unknown asset', { image: 'asset_missing' }, 404, /Asset asset_missing \(image\) not found/],
  ])('img2img refuses %s', async (_, change, status, reason) => {
    const { call, body, emulator } = await withImage();
    const answer = await call('POST', '/generate/img2img', { body: { ...body, ...change } });
    expect(answer.status).toBe(status);
    expect(answer.body.reason).toMatch(reason);
    expect(answer.body.trace_id).toEqual(expect.any(String));
    expect(emulator.state.counters.jobsCreated).toBe(0);
  });

  test.each([
    ['an unknown modality', 'flux.1-dev', 'laser', /Unsupported modality "laser" for flux.1-dev/],
    [
      'a modality the family lacks',
      'stable-diffusion-xl-base-1.0',
      'lineart',
      /Unsupported modality "lineart" for stable-diffusion-xl-base-1.0/,
    ],
    ['two modalities on Flux', 'flux.1-dev', 'depth:0.5,pose:1', /exactly one modality/],
  ])('controlnet refuses %s', async (_, modelId, modality, reason) => {
    const { call, image } = await withImage();
    const answer = await call('POST', '/generate/controlnet', {
      body: { modelId, prompt: 'p', modality, image, width: 512, height: 512 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(reason);
  });

  test('controlnet accepts family modalities and presets; controlnet-img2img needs controlImage', async () => {
    const { call, image, emulator } = await withImage();
    const base = { prompt: 'p', image, width: 512, height: 512 };
    const sdxl = { ...base, modelId: 'stable-diffusion-xl-base-1.0', modality: 'depth:0.5,character:1' };
    expect((await call('POST', '/generate/controlnet', { body: sdxl })).status).toBe(200);
    const img2img = await call('POST', '/generate/controlnet-img2img', { body: { ...sdxl, strength: 0.5 } });
    expect(img2img.body.reason).toBe('Input controlImage is required');
    const withControl = { ...sdxl, controlImage: image, strength: 0.5 };
    expect((await call('POST', '/generate/controlnet-img2img', { body: withControl })).status).toBe(200);
    // Plain ControlNet lists controlImage (its map) but not strength, which it ignores like the real API.
    const plain = await call('POST', '/generate/controlnet', { body: withControl });
    expect(plain.status).toBe(200);
    expect(plain.body.job.metadata.input).toMatchObject({ controlImage: image });
    expect(emulator.state.ignoredFields).toEqual([
      { method: 'POST', route: '/generate/controlnet', fields: ['strength'] },
    ]);
  });

  test('detect refuses an unknown modality; upscale refuses outputs over 8192 px', async () => {
    const { call, image } = await withImage();
    const detect = await call('POST', '/generate/detect', { body: { image, modality: 'xray' } });
    expect(detect.status).toBe(400);
    expect(detect.body.reason).toMatch(/modality/);
    const big = await (async () => {
      const { body } = await call('POST', '/assets', {
        body: { name: 'b.png', image: dataUrl(await testImage(1024, 1024)) },
      });
      return call('POST', '/generate/upscale', { body: { image: body.asset.id, scalingFactor: 16 } });
    })();
    expect(big.body.reason).toMatch(/16384×16384.*8192 px/);
  });
});

describe('POST /generate/custom/{modelId}', () => {
  test('validates against the model inputs[] and applies defaults', async () => {
    const { call, image } = await withImage();
    const answer = await call('POST', '/generate/custom/model_upscale-v3', { body: { image } });
    expect(answer.status).toBe(200);
    expect(answer.body.job).toMatchObject({
      jobType: 'custom',
      metadata: { input: { upscaleFactor: 2, style: 'standard', preset: 'precise' } },
    });
  });

  test.each([
    ['a missing required input', 'model_upscale-v3', () => ({}), /Input image is required/],
    [
      'a value outside min/max',
      'model_upscale-v3',
      (image: string) => ({ image, upscaleFactor: 40 }),
      /upscaleFactor: must be at most 16/,
    ],
    [
      'a value outside allowedValues',
      'model_upscale-v3',
      (image: string) => ({ image, style: 'baroque' }),
      /"baroque" is not one of/,
    ],
    ['a wrong type', 'model_bfl-flux-2-dev', () => ({ prompt: 3 }), /prompt: expected string/],
    [
      'a size off its step',
      'model_bfl-flux-2-dev',
      () => ({ prompt: 'p', width: 1000 }),
      /width: must be a multiple of 16/,
    ],
    [
      'too many files',
      'model_upscale-v3',
      (image: string) => ({ image, styleImages: Array(11).fill(image) }),
      /at most 10 items/,
    ],
    ['a built-in model', 'flux.1-dev', () => ({ prompt: 'p' }), /cannot run through \/generate\/custom/],
    [
      'a mask without the image it masks (required.ifDefined)',
      'model_patina-material',
      (image: string) => ({ prompt: 'copper', mask: image }),
      /^An image is required when a mask is provided\.$/,
    ],
    [
      'a mask without reference images (required.ifDefined)',
      'model_openai-gpt-image-2',
      (image: string) => ({ prompt: 'p', mask: image }),
      /^A reference image is required when a mask is provided\.$/,
    ],
    [
      'more items than an array input takes (maxLength)',
      'model_patina-material',
      () => ({ prompt: 'copper', maps: ['normal', 'normal', 'normal', 'normal', 'normal', 'normal'] }),
      /maps: at most 5 items, got 6/,
    ],
  ])('refuses %s with 400', async (_, modelId, body, reason) => {
    const { call, image } = await withImage();
    const answer = await call('POST', `/generate/custom/${modelId}`, { body: body(image) });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(reason);
  });

  test('a conditional requirement that does not apply is not one; array defaults fill their limit', async () => {
    const { call, image } = await withImage();
    const material = await call('POST', '/generate/custom/model_patina-material', {
      body: { prompt: 'copper', image, mask: image, width: 256, height: 256 },
    });
    expect(material.status).toBe(200);
    expect(material.body.job.metadata.input.maps).toEqual(['basecolor', 'normal', 'roughness', 'metalness', 'height']);
    const textOnly = await call('POST', '/generate/custom/model_openai-gpt-image-2', { body: { prompt: 'p' } });
    expect(textOnly.status).toBe(200);
  });

  test('two inputs requiring each other through ifNotDefined ask for one of the two; rules naming undeclared inputs never apply', async () => {
    const either = { ifNotDefined: { model: { message: 'Provide a reference image or a 3D model.' } } };
    const { call, image } = await withImage({
      models: [
        {
          id: 'model_motion',
          inputs: [
            { name: 'prompt', type: 'string', required: { always: true } },
            { name: 'image', type: 'file', required: either },
            {
              name: 'model',
              type: 'file',
              required: { ifNotDefined: { image: { message: 'Provide a reference image or a 3D model.' } } },
            },
            { name: 'ghostly', type: 'string', required: { ifNotDefined: { ghost: {} }, ifDefined: { phantom: {} } } },
          ],
        },
      ],
    });
    const neither = await call('POST', '/generate/custom/model_motion', { body: { prompt: 'waves' } });
    expect(neither).toMatchObject({ status: 400, body: { reason: 'Provide a reference image or a 3D model.' } });
    const one = await call('POST', '/generate/custom/model_motion', { body: { prompt: 'waves', image } });
    expect(one.status).toBe(200);
  });

  test('maxSize of a file input is in bytes', async () => {
    const { call, image } = await withImage({
      models: [{ id: 'model_tiny', inputs: [{ name: 'image', type: 'file', maxSize: 100 }] }],
    });
    const answer = await call('POST', '/generate/custom/model_tiny', { body: { image } });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(/^Invalid image: files of at most 100 bytes, got \d+$/);
  });

  test('an unknown model gets 404', async () => {
    const { call } = await withImage();
    const answer = await call('POST', '/generate/custom/model_nope', { body: {} });
    expect(answer).toMatchObject({ status: 404, body: { reason: 'Model model_nope not found' } });
  });
});

describe('parallel-job limit', () => {
  test('answers 429 with details and Retry-After until a running job ends', async () => {
    const { call, body, clock, emulator } = await withImage({ parallelJobs: 2, jobDurations: { flux: 30_000 } });
    for (let i = 0; i < 2; i++) expect((await call('POST', '/generate/img2img', { body })).status).toBe(200);
    await clock.advance(10_000);
    const refused = await call('POST', '/generate/img2img', { body });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ details: { actionName: 'parallel-inferences', actionLimit: 2 } });
    expect(refused.body.reason).toMatch(/parallel/);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect((await call('POST', '/generate/img2img', { body, query: { dryRun: 'true' } })).status).toBe(269);
    const otherProject = { body, query: { projectId: 'proj_other' }, headers: AS_USER };
    expect((await call('POST', '/generate/img2img', otherProject)).status).toBe(404);
    await clock.advance(20_000);
    expect((await call('POST', '/generate/img2img', { body })).status).toBe(200);
    expect(emulator.state.counters.jobsCreated).toBe(3);
  });
});
