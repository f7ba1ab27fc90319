import { describe, expect, it } from 'vitest';
import { strengthFromInfluence } from '../../src/index.js';
import { Img2ImgParamsSchema } from '../../src/schemas.js';
import { pngOfSize } from '../helpers/images.js';
import { testClient, useMockServer } from '../helpers/msw.js';
import { EVERY_SHARED_FIELD, expectInvalid, fakeGenerationApi, PNG, PNG_DATA_URL } from './fake-generation.js';

const server = useMockServer();
const base = { modelId: 'flux.1-dev', prompt: 'a knight, painted', image: 'asset_ref' };

describe('img2img wire body', () => {
  it('sends every field under its API name to POST /generate/img2img', async () => {
    const api = fakeGenerationApi(server);
    const params = { ...base, ...EVERY_SHARED_FIELD, strength: 0.4, imageParentId: 'asset_parent', imageHide: true };
    await testClient().img2img.create(params);
    expect(api.bodies('/generate/img2img')).toEqual([params]);
  });

  it.each([
    [20, 0.8],
    [15, 0.85],
    [25, 0.75],
    [0, 1],
    [99.5, 0.01],
    [100, 0.01],
  ])('influence %d is sent as strength %d, without an influence field', async (influence, strength) => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.create({ ...base, influence });
    const [body] = api.bodies('/generate/img2img');
    expect(body?.strength).toBeCloseTo(strength, 10);
    expect(body).not.toHaveProperty('influence');
  });

  it('clamps the mapping to [0.01, 1]', () => {
    expect(strengthFromInfluence(100)).toBe(0.01);
    expect(strengthFromInfluence(0)).toBe(1);
  });

  it('sends neither when neither is given (the server default applies)', async () => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.create(base);
    expect(api.bodies('/generate/img2img')[0]).not.toHaveProperty('strength');
  });

  it('inlines image bytes as a data URL', async () => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.create({ ...base, image: PNG, influence: 20 });
    expect(api.bodies('/generate/img2img')[0]?.image).toBe(PNG_DATA_URL);
  });
});

describe('img2img bad input: InvalidRequestError and no request', () => {
  it.each([
    ['both influence and strength', { ...base, influence: 20, strength: 0.8 }, 'influence'],
    ['influence out of range', { ...base, influence: 120 }, 'influence'],
    ['strength below 0.01', { ...base, strength: 0 }, 'strength'],
    ['width not a multiple of 8', { ...base, width: 1001 }, 'width'],
    ['height too large', { ...base, height: 4096 }, 'height'],
    ['empty prompt', { ...base, prompt: '   ' }, 'prompt'],
    ['missing modelId', { prompt: 'p', image: 'asset_ref' }, 'modelId'],
    ['missing image', { modelId: 'm', prompt: 'p' }, 'image'],
    ['numSamples above 128', { ...base, numSamples: 129 }, 'numSamples'],
    ['numInferenceSteps not an integer', { ...base, numInferenceSteps: 2.5 }, 'numInferenceSteps'],
    ['unknown scheduler', { ...base, scheduler: 'FastScheduler' }, 'scheduler'],
    ['image not an image input', { ...base, image: 42 }, 'image'],
  ])('%s', async (_name, params, field) => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await expectInvalid(client.img2img.create(params as never), field);
    await expectInvalid(client.img2img.run(params as never), field);
    await expectInvalid(client.img2img.estimate(params as never), field);
    expect(api.seen).toHaveLength(0);
  });

  it('an unknown key (a typo) is refused by name', async () => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().img2img.create({ ...base, strenght: 0.5 } as never), '', /strenght/);
    expect(api.seen).toHaveLength(0);
  });

  it('lists every problem in one message', () => {
    const result = Img2ImgParamsSchema.safeParse({ ...base, width: 1001, prompt: '' });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(['prompt', 'width']);
  });
});

describe('img2img with style images → POST /generate/img2img-ip-adapter', () => {
  it('sends both style images and their scales, with the image and strength', async () => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.create({
      ...base,
      influence: 20,
      styleImages: [PNG, 'data:image/png;base64,iVBORw0KGgo='],
      styleScale: [0.4, 0.8],
      styleType: 'character',
    });
    expect(api.bodies('/generate/img2img')).toEqual([]);
    const [body] = api.bodies('/generate/img2img-ip-adapter');
    expect(body).toEqual({
      ...base,
      strength: expect.closeTo(0.8, 10),
      ipAdapterImages: [PNG_DATA_URL, 'data:image/png;base64,iVBORw0KGgo='],
      ipAdapterScales: [0.4, 0.8],
      ipAdapterType: 'character',
    });
  });

  it('shares one inline budget with image: a 3 MB image and 2 MB of style images inline the style images', async () => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.create({
      ...base,
      image: pngOfSize(3_000_000),
      styleImages: [pngOfSize(2_000_000), PNG],
    });
    const [body] = api.bodies('/generate/img2img-ip-adapter');
    expect(body?.image).toBe('asset_uploaded');
    expect(body?.ipAdapterImages).toHaveLength(2);
    expect(api.bodies('/assets')).toHaveLength(1);
  });

  it.each([
    ['more scales than style images', { ...base, styleImages: PNG, styleScale: [0.1, 0.2] }, 'styleScale'],
    ['a scale outside 0–1', { ...base, styleImages: PNG, styleScale: 2 }, 'styleScale'],
    ['unknown styleType', { ...base, styleImages: PNG, styleType: 'pose' }, 'styleType'],
    ['a mask (inpaint takes masks)', { ...base, mask: PNG }, ''],
  ])('refuses %s with no request', async (_name, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().img2img.create(params as never), field);
    await expectInvalid(testClient().img2img.estimate(params as never), field);
    expect(api.seen).toHaveLength(0);
  });
});
