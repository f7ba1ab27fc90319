import { describe, expect, it } from 'vitest';
import { Txt2ImgParamsSchema } from '../../src/schemas.js';
import { decodeDataUrl, PDF, pngOfSize } from '../helpers/images.js';
import { testClient, useMockServer } from '../helpers/msw.js';
import { EVERY_SHARED_FIELD, expectInvalid, FAST, fakeGenerationApi, PNG, PNG_DATA_URL } from './fake-generation.js';

const server = useMockServer();
const base = { modelId: 'flux.1-dev', prompt: 'a treasure chest, game sprite' };
const MB = 1_000_000;

describe('txt2img wire body', () => {
  it('sends every field under its API name to POST /generate/txt2img', async () => {
    const api = fakeGenerationApi(server);
    const params = { ...base, ...EVERY_SHARED_FIELD };
    await testClient().txt2img.create(params);
    expect(api.bodies('/generate/txt2img')).toEqual([params]);
    expect(api.seen).toHaveLength(1);
  });

  it('sends aspectRatio (flux.1.1-pro-ultra)', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({ modelId: 'flux.1.1-pro-ultra', prompt: 'a castle', aspectRatio: '16:9' });
    expect(api.bodies('/generate/txt2img')).toEqual([
      { modelId: 'flux.1.1-pro-ultra', prompt: 'a castle', aspectRatio: '16:9' },
    ]);
  });

  it('run waits and returns the outputs in order; estimate quotes with ?dryRun=true', async () => {
    const api = fakeGenerationApi(server, ['asset_1', 'asset_2', 'asset_3', 'asset_4']);
    const client = testClient();
    const generation = await client.txt2img.create({ ...base, numSamples: 4 });
    const { assets } = await generation.wait(FAST);
    expect(assets.map((asset) => asset.id)).toEqual(['asset_1', 'asset_2', 'asset_3', 'asset_4']);
    const { creativeUnitsCost } = await client.txt2img.estimate(base);
    expect(creativeUnitsCost).toBe(6);
    expect(api.seen.at(-1)).toMatchObject({ path: '/generate/txt2img' });
    expect(api.seen.at(-1)?.query.get('dryRun')).toBe('true');
  });
});

describe('txt2img with style images → POST /generate/txt2img-ip-adapter', () => {
  it('one style image: inlined in ipAdapterImages; scale and type left to the API when not given', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({ ...base, styleImages: PNG });
    expect(api.bodies('/generate/txt2img')).toEqual([]);
    expect(api.bodies('/generate/txt2img-ip-adapter')).toEqual([{ ...base, ipAdapterImages: [PNG_DATA_URL] }]);
  });

  it('several style images with one scale each and the character type', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({
      ...base,
      styleImages: [PNG, PNG_DATA_URL],
      styleScale: [0.2, 1],
      styleType: 'character',
    });
    expect(api.bodies('/generate/txt2img-ip-adapter')).toEqual([
      {
        ...base,
        ipAdapterImages: [PNG_DATA_URL, PNG_DATA_URL],
        ipAdapterScales: [0.2, 1],
        ipAdapterType: 'character',
      },
    ]);
  });

  it('one styleScale number applies to every style image', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({ ...base, styleImages: [PNG, PNG, PNG], styleScale: 0.5, styleType: 'style' });
    const [body] = api.bodies('/generate/txt2img-ip-adapter');
    expect(body?.ipAdapterScales).toEqual([0.5, 0.5, 0.5]);
    expect(body?.ipAdapterType).toBe('style');
  });

  it('asset ids go as ipAdapterImageIds; with an asset id among them, the others are uploaded to keep one field', async () => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await client.txt2img.create({ ...base, styleImages: ['asset_a', 'asset_b'], styleScale: [0.3, 0.6] });
    await client.txt2img.create({ ...base, styleImages: ['asset_a', PNG], styleScale: [0.3, 0.6] });
    expect(api.bodies('/generate/txt2img-ip-adapter')).toEqual([
      { ...base, ipAdapterImageIds: ['asset_a', 'asset_b'], ipAdapterScales: [0.3, 0.6] },
      { ...base, ipAdapterImageIds: ['asset_a', 'asset_uploaded'], ipAdapterScales: [0.3, 0.6] },
    ]);
    expect(api.bodies('/assets')).toEqual([expect.objectContaining({ image: PNG_DATA_URL, hide: true })]);
  });

  it('style images over the inline budget are all uploaded (hidden), keeping scales paired by position', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.create({
      ...base,
      styleImages: [pngOfSize(2.5 * MB), pngOfSize(2.5 * MB)],
      styleScale: [0.1, 0.9],
    });
    expect(api.bodies('/assets')).toHaveLength(2);
    expect(api.bodies('/assets').every((body) => body.hide === true)).toBe(true);
    expect(api.bodies('/generate/txt2img-ip-adapter')).toEqual([
      { ...base, ipAdapterImageIds: ['asset_uploaded', 'asset_uploaded'], ipAdapterScales: [0.1, 0.9] },
    ]);
  });

  it('estimate resolves style images the same way and quotes the -ip-adapter route', async () => {
    const api = fakeGenerationApi(server);
    await testClient().txt2img.estimate({ ...base, styleImages: PNG });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]).toMatchObject({ path: '/generate/txt2img-ip-adapter' });
    const styleImages = api.seen[0]?.body?.ipAdapterImages as string[] | undefined;
    expect(decodeDataUrl(styleImages?.[0] ?? '').bytes).toEqual(PNG);
  });
});

describe('txt2img bad input: InvalidRequestError and no request', () => {
  it.each([
    ['width not a multiple of 8', { ...base, width: 1001 }, 'width', /multiple of 8/],
    ['width below 64', { ...base, width: 56 }, 'width', undefined],
    ['height above 2048', { ...base, height: 2056 }, 'height', undefined],
    ['unknown aspectRatio', { ...base, aspectRatio: '7:3' }, 'aspectRatio', undefined],
    [
      'more scales than style images',
      { ...base, styleImages: [PNG], styleScale: [0.5, 0.5] },
      'styleScale',
      /2 scales for 1 style image/,
    ],
    [
      'fewer scales than style images',
      { ...base, styleImages: [PNG, PNG, PNG], styleScale: [0.5, 0.5] },
      'styleScale',
      /one per image/,
    ],
    ['a scale above 1', { ...base, styleImages: PNG, styleScale: 1.5 }, 'styleScale', undefined],
    ['a scale below 0', { ...base, styleImages: [PNG, PNG], styleScale: [0.5, -0.1] }, 'styleScale[1]', undefined],
    ['unknown styleType', { ...base, styleImages: PNG, styleType: 'anime' }, 'styleType', undefined],
    ['styleScale without styleImages', { ...base, styleScale: 0.5 }, 'styleScale', /only with styleImages/],
    ['styleType without styleImages', { ...base, styleType: 'character' }, 'styleType', /only with styleImages/],
    ['an empty styleImages list', { ...base, styleImages: [] }, 'styleImages', undefined],
    ['a style image that is not an image', { ...base, styleImages: [PNG, PDF] }, 'styleImages[1]', /expected an image/],
    ['a single style image that is not an image', { ...base, styleImages: PDF }, 'styleImages', /expected an image/],
    ['an image field (txt2img has none)', { ...base, image: PNG }, '', /image/],
    ['empty prompt', { ...base, prompt: ' ' }, 'prompt', undefined],
  ])('%s', async (_name, params, field, message) => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await expectInvalid(client.txt2img.create(params as never), field, message);
    await expectInvalid(client.txt2img.run(params as never), field, message);
    await expectInvalid(client.txt2img.estimate(params as never), field, message);
    expect(api.seen).toHaveLength(0);
  });

  it('a bad style image beside a large one: nothing uploaded', async () => {
    const api = fakeGenerationApi(server);
    await expectInvalid(
      testClient().txt2img.create({ ...base, styleImages: [pngOfSize(5 * MB), 42 as never] }),
      'styleImages[1]',
    );
    expect(api.seen).toHaveLength(0);
  });

  it('the schema lists every problem at once', () => {
    const result = Txt2ImgParamsSchema.safeParse({ ...base, width: 1001, height: 4096, styleType: 'anime' });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(['width', 'height', 'styleType']);
  });
});
