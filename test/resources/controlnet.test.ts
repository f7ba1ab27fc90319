import { describe, expect, it } from 'vitest';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { decodeDataUrl, PDF, pngOfSize } from '../helpers/images.js';
import { testClient, useMockServer } from '../helpers/msw.js';
import { expectInvalid, fakeGenerationApi, PNG, PNG_DATA_URL } from './fake-generation.js';

const server = useMockServer();
const base = { modelId: 'flux.1-dev', prompt: 'a knight', modality: 'pose', image: 'asset_pose' };

describe('controlnet wire body', () => {
  it('sends the fields to POST /generate/controlnet', async () => {
    const api = fakeGenerationApi(server);
    const params = { ...base, disableModalityDetection: false, controlStart: 0.1, controlEnd: 0.6, numSamples: 2 };
    await testClient().controlnet.create(params);
    expect(api.bodies('/generate/controlnet')).toEqual([params]);
  });

  it.each(['canny', 'depth:0.5,pose:1.0', 'character', 'character:0.5', 'seg:0.3, lines:0.7, depth:1'])(
    'accepts modality %j',
    async (modality) => {
      const api = fakeGenerationApi(server);
      await testClient().controlnet.create({ ...base, modality });
      expect(api.bodies('/generate/controlnet')[0]?.modality).toBe(modality);
    },
  );

  it('sends imageParentId and imageHide (for the asset a data-URL image becomes)', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.create({ ...base, image: PNG, imageParentId: 'asset_parent', imageHide: true });
    expect(api.bodies('/generate/controlnet')).toEqual([
      { ...base, image: PNG_DATA_URL, imageParentId: 'asset_parent', imageHide: true },
    ]);
  });

  it('a control image given as an asset id travels as controlImageId', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.create({ ...base, image: PNG, controlImage: 'asset_map', strength: 0.5 });
    expect(api.bodies('/generate/controlnet-img2img')).toEqual([
      { ...base, image: PNG_DATA_URL, controlImageId: 'asset_map', strength: 0.5 },
    ]);
  });

  it('with controlImage, goes to controlnet-img2img with the init image, control image and strength', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.create({ ...base, image: 'asset_init', controlImage: PNG, influence: 25 });
    const [body] = api.bodies('/generate/controlnet-img2img');
    expect(body).toEqual({ ...base, image: 'asset_init', controlImage: PNG_DATA_URL, strength: 0.75 });
  });
});

describe('controlnet with style images → POST /generate/controlnet-ip-adapter', () => {
  it('sends the control map as image and the style images with their scales and type', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.create({
      ...base,
      controlStart: 0.1,
      styleImages: [PNG, 'asset_style'],
      styleScale: 0.7,
      styleType: 'character',
    });
    expect(api.bodies('/generate/controlnet')).toEqual([]);
    expect(api.bodies('/generate/controlnet-ip-adapter')).toEqual([
      {
        ...base,
        controlStart: 0.1,
        ipAdapterImageIds: ['asset_uploaded', 'asset_style'],
        ipAdapterScales: [0.7, 0.7],
        ipAdapterType: 'character',
      },
    ]);
  });

  it('estimate quotes the same route', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.estimate({ ...base, styleImages: PNG });
    expect(api.seen.map((request) => request.path)).toEqual(['/generate/controlnet-ip-adapter']);
  });
});

describe('controlnet image inputs share one inline budget', () => {
  const threeMB = () => pngOfSize(3_000_000);

  it('two 3 MB images: one inlined, one uploaded hidden, the body under the gateway limit', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.create({ ...base, image: threeMB(), controlImage: threeMB() });
    const [upload] = api.bodies('/assets');
    expect(api.bodies('/assets')).toHaveLength(1);
    expect(upload).toMatchObject({ name: 'image.png', hide: true });
    const [body] = api.bodies('/generate/controlnet-img2img');
    expect(decodeDataUrl(body?.image as string).bytes.length).toBe(3_000_000);
    expect(body?.controlImageId).toBe('asset_uploaded');
    // ≈4.0 MB, where inlining both sent ≈8.0 MB; the limit is ~6 MB of base64.
    expect(JSON.stringify(body).length).toBeLessThan((MAX_INLINE_IMAGE_BYTES * 4) / 3 + 10_000);
  });

  it('estimate resolves the same way: the image over the budget is uploaded hidden', async () => {
    const api = fakeGenerationApi(server);
    await testClient().controlnet.estimate({ ...base, image: threeMB(), controlImage: threeMB() });
    expect(api.bodies('/assets')).toEqual([expect.objectContaining({ hide: true })]);
  });

  it.each([
    ['create', (params: never) => testClient().controlnet.create(params)],
    ['estimate', (params: never) => testClient().controlnet.estimate(params)],
  ])('%s: a bad controlImage beside a large image → InvalidRequestError, no request at all', async (_m, call) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(call({ ...base, image: pngOfSize(5_000_000), controlImage: PDF } as never), 'controlImage');
    expect(api.seen).toHaveLength(0);
  });
});

describe('controlnet bad input: InvalidRequestError and no request', () => {
  it.each([
    ['unknown modality', { ...base, modality: 'xray' }, 'modality', /unknown modality "xray"/],
    ['more than 3 modalities', { ...base, modality: 'canny:1,pose:1,depth:1,seg:1' }, 'modality', /at most 3/],
    ['weight out of (0, 1]', { ...base, modality: 'depth:1.5' }, 'modality', /weight/],
    ['combined without weights', { ...base, modality: 'depth,pose' }, 'modality', /needs a weight/],
    ['missing modality', { modelId: 'm', prompt: 'p', image: 'asset_x' }, 'modality', undefined],
    ['controlEnd above 1', { ...base, controlEnd: 2 }, 'controlEnd', undefined],
    ['strength without controlImage', { ...base, strength: 0.5 }, 'controlImage', /only with controlImage/],
    ['unknown key', { ...base, modalty: 'pose' }, '', /modalty/],
    ['controlImageId (controlImage takes asset ids)', { ...base, controlImageId: 'asset_x' }, '', /controlImageId/],
    [
      'styleImages with controlImage',
      { ...base, controlImage: PNG, styleImages: PNG },
      'styleImages',
      /no route for ControlNet on an init image with style images/,
    ],
    ['more scales than style images', { ...base, styleImages: [PNG], styleScale: [1, 1] }, 'styleScale', /2 scales/],
    ['a scale above 1', { ...base, styleImages: PNG, styleScale: 1.01 }, 'styleScale', undefined],
    ['unknown styleType', { ...base, styleImages: PNG, styleType: 'Character' }, 'styleType', undefined],
    ['width outside 64–2048', { ...base, width: 2056 }, 'width', undefined],
  ])('%s', async (_name, params, field, message) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().controlnet.create(params as never), field, message);
    await expectInvalid(testClient().controlnet.estimate(params as never), field, message);
    expect(api.seen).toHaveLength(0);
  });
});
