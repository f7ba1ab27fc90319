import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InpaintParamsSchema, MAX_INLINE_IMAGE_BYTES } from '../../src/schemas.js';
import { decodeDataUrl, PDF, pngOfSize } from '../helpers/images.js';
import { testClient, useMockServer } from '../helpers/msw.js';
import {
  EVERY_SHARED_FIELD,
  expectInvalid,
  FAST,
  fakeGenerationApi,
  PNG,
  PNG_DATA_URL,
  sizedImage,
} from './fake-generation.js';

const server = useMockServer();

let image: Uint8Array; // 64×48
let mask: Uint8Array; // 64×48
let imageUrl: string;
let maskUrl: string;
beforeAll(async () => {
  image = await sizedImage(64, 48, 'png', 'red');
  mask = await sizedImage(64, 48, 'png', 'white');
  imageUrl = `data:image/png;base64,${Buffer.from(image).toString('base64')}`;
  maskUrl = `data:image/png;base64,${Buffer.from(mask).toString('base64')}`;
});
const prompt = { modelId: 'flux.1-dev', prompt: 'a golden helmet' };

describe('inpaint wire body', () => {
  it('sends every field to POST /generate/inpaint: image, mask as a data URL, strength from influence', async () => {
    const api = fakeGenerationApi(server);
    const params = {
      ...prompt,
      ...EVERY_SHARED_FIELD,
      imageParentId: 'asset_parent',
      imageHide: true,
      disableMerging: true,
    };
    await testClient().inpaint.create({ ...params, image, mask, influence: 30 });
    expect(api.bodies('/generate/inpaint')).toEqual([
      { ...params, image: imageUrl, mask: maskUrl, strength: expect.closeTo(0.7, 10) },
    ]);
  });

  it('a mask given as an asset id travels as maskId; strength passes through', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({ ...prompt, image: 'asset_image', mask: 'asset_mask', strength: 0.9 });
    expect(api.bodies('/generate/inpaint')).toEqual([
      { ...prompt, image: 'asset_image', maskId: 'asset_mask', strength: 0.9 },
    ]);
    // Two asset ids: their sizes are left to the server, so no lookup.
    expect(api.seen).toHaveLength(1);
  });

  it('with modality and controlImage → POST /generate/controlnet-inpaint', async () => {
    const api = fakeGenerationApi(server);
    const control = { modality: 'depth', disableModalityDetection: false, controlStart: 0.1, controlEnd: 0.9 };
    await testClient().inpaint.create({ ...prompt, image, mask, ...control, controlImage: 'asset_depth' });
    await testClient().inpaint.create({ ...prompt, image, mask, modality: 'pose', controlImage: PNG });
    expect(api.bodies('/generate/controlnet-inpaint')).toEqual([
      { ...prompt, image: imageUrl, mask: maskUrl, ...control, controlImageId: 'asset_depth' },
      { ...prompt, image: imageUrl, mask: maskUrl, modality: 'pose', controlImage: PNG_DATA_URL },
    ]);
  });

  it('with style images → POST /generate/inpaint-ip-adapter', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({ ...prompt, image, mask, styleImages: PNG, styleScale: 0.3 });
    expect(api.bodies('/generate/inpaint-ip-adapter')).toEqual([
      { ...prompt, image: imageUrl, mask: maskUrl, ipAdapterImages: [PNG_DATA_URL], ipAdapterScales: [0.3] },
    ]);
  });

  it('with modality, controlImage and style images → POST /generate/controlnet-inpaint-ip-adapter, modality included', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({
      ...prompt,
      image,
      mask,
      modality: 'canny',
      controlImage: PNG,
      styleImages: ['asset_style'],
      styleType: 'character',
    });
    expect(api.bodies('/generate/controlnet-inpaint-ip-adapter')).toEqual([
      {
        ...prompt,
        image: imageUrl,
        mask: maskUrl,
        modality: 'canny',
        controlImage: PNG_DATA_URL,
        ipAdapterImageIds: ['asset_style'],
        ipAdapterType: 'character',
      },
    ]);
  });

  it('run waits for the outputs; estimate quotes the same route', async () => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    const generation = await client.inpaint.create({ ...prompt, image, mask });
    expect((await generation.wait(FAST)).assets.map((asset) => asset.id)).toEqual(['asset_out_1', 'asset_out_2']);
    await client.inpaint.estimate({ ...prompt, image, mask });
    expect(api.seen.at(-1)).toMatchObject({ path: '/generate/inpaint' });
    expect(api.seen.at(-1)?.query.get('dryRun')).toBe('true');
  });

  it('image, mask and style images share one inline budget: the mask stays inline beside a large image', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({
      ...prompt,
      image: 'asset_image',
      mask,
      styleImages: pngOfSize(MAX_INLINE_IMAGE_BYTES - 10),
    });
    const [body] = api.bodies('/generate/inpaint-ip-adapter');
    expect(decodeDataUrl(body?.mask as string).bytes).toEqual(mask);
    expect(body?.ipAdapterImageIds).toEqual(['asset_uploaded']);
  });
});

describe('inpaint: the mask must be the size of the image', () => {
  it.each([
    ['png', 'png'],
    ['jpeg', 'png'],
    ['webp', 'jpeg'],
  ] as const)(
    'a %s image and a %s mask of another size: refused before any request',
    async (imageFormat, maskFormat) => {
      const api = fakeGenerationApi(server);
      const params = {
        ...prompt,
        image: await sizedImage(64, 48, imageFormat),
        mask: await sizedImage(48, 64, maskFormat),
      };
      const client = testClient();
      for (const call of [client.inpaint.create(params), client.inpaint.run(params), client.inpaint.estimate(params)]) {
        await expectInvalid(call, 'mask', /the mask is 48×64 but the image is 64×48/);
      }
      expect(api.seen).toHaveLength(0);
    },
  );

  it('reads the sizes of files, data URLs and Blobs alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inpaint-'));
    const file = join(dir, 'mask.jpg');
    await writeFile(file, await sizedImage(32, 32, 'jpeg'));
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().inpaint.create({ ...prompt, image: imageUrl, mask: file }), 'mask', /32×32/);
    const blob = new Blob([(await sizedImage(64, 40, 'webp')).slice()]);
    await expectInvalid(testClient().inpaint.create({ ...prompt, image: blob, mask }), 'mask', /64×40/);
    expect(api.seen).toHaveLength(0);
  });

  it('the same size in different formats passes', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({ ...prompt, image: await sizedImage(64, 48, 'jpeg'), mask });
    expect(api.bodies('/generate/inpaint')).toHaveLength(1);
  });

  it('an asset-id image beside a local mask: its stored size is read (one GET, not billed), a mismatch is refused before the POST', async () => {
    const api = fakeGenerationApi(server, undefined, { asset_big: { width: 1024, height: 1024 } });
    await expectInvalid(
      testClient().inpaint.create({ ...prompt, image: 'asset_big', mask }),
      'mask',
      /the mask is 64×48 but the image is 1024×1024/,
    );
    expect(api.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /assets/asset_big']);
  });

  it('an asset-id mask beside a local image of its size passes, sent as maskId', async () => {
    const api = fakeGenerationApi(server, undefined, { asset_mask: { width: 64, height: 48 } });
    await testClient().inpaint.create({ ...prompt, image, mask: 'asset_mask' });
    expect(api.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /assets/asset_mask',
      'POST /generate/inpaint',
    ]);
    expect(api.bodies('/generate/inpaint')[0]).toMatchObject({ image: imageUrl, maskId: 'asset_mask' });
  });

  it('an asset with no stored size, or a format without a readable header (gif), is left to the server', async () => {
    const api = fakeGenerationApi(server);
    await testClient().inpaint.create({ ...prompt, image: 'asset_unsized', mask });
    const gif = new Uint8Array(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
    await testClient().inpaint.create({ ...prompt, image: gif, mask });
    expect(api.bodies('/generate/inpaint')).toHaveLength(2);
  });
});

describe('inpaint bad input: InvalidRequestError and no request', () => {
  const ok = () => ({ ...prompt, image, mask });
  it.each([
    ['missing mask', () => ({ ...prompt, image }), 'mask', undefined],
    ['missing image', () => ({ ...prompt, mask }), 'image', undefined],
    ['a mask that is not an image', () => ({ ...ok(), mask: PDF }), 'mask', /expected an image/],
    ['both influence and strength', () => ({ ...ok(), influence: 20, strength: 0.5 }), 'influence', undefined],
    ['modality without controlImage', () => ({ ...ok(), modality: 'pose' }), 'controlImage', /go together/],
    ['controlImage without modality', () => ({ ...ok(), controlImage: PNG }), 'modality', /go together/],
    ['an unknown modality', () => ({ ...ok(), modality: 'xray', controlImage: PNG }), 'modality', /unknown modality/],
    [
      'controlStart without a control image',
      () => ({ ...ok(), controlStart: 0.2 }),
      'controlStart',
      /only with modality/,
    ],
    [
      'controlEnd with style images on the ControlNet route',
      () => ({ ...ok(), modality: 'pose', controlImage: PNG, styleImages: PNG, controlEnd: 0.5 }),
      'controlEnd',
      /controlnet-inpaint-ip-adapter/,
    ],
    [
      'more scales than style images',
      () => ({ ...ok(), styleImages: PNG, styleScale: [0.5, 0.5] }),
      'styleScale',
      /2 scales/,
    ],
    ['unknown styleType', () => ({ ...ok(), styleImages: PNG, styleType: 'anime' }), 'styleType', undefined],
    ['maskId (mask takes asset ids)', () => ({ ...ok(), maskId: 'asset_m' }), '', /maskId/],
    ['height not a multiple of 8', () => ({ ...ok(), height: 50 }), 'height', /multiple of 8/],
  ])('%s', async (_name, params, field, message) => {
    const api = fakeGenerationApi(server);
    const client = testClient();
    await expectInvalid(client.inpaint.create(params() as never), field, message);
    await expectInvalid(client.inpaint.run(params() as never), field, message);
    await expectInvalid(client.inpaint.estimate(params() as never), field, message);
    expect(api.seen).toHaveLength(0);
  });

  it('the schema lists every problem at once', () => {
    const result = InpaintParamsSchema.safeParse({ ...prompt, image: PNG, mask: PNG, width: 1001, styleType: 'anime' });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(['width', 'styleType']);
  });
});
