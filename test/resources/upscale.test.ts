import { describe, expect, it } from 'vitest';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { PDF, pngOfSize } from '../helpers/images.js';
import { testClient, useMockServer } from '../helpers/msw.js';
import { expectInvalid, fakeGenerationApi, PNG, PNG_DATA_URL } from './fake-generation.js';

const server = useMockServer();

describe('upscale wire body', () => {
  it('sends the fields to POST /generate/upscale, style images resolved in order', async () => {
    const api = fakeGenerationApi(server);
    const fields = { image: 'asset_x', scalingFactor: 2, preset: 'precise', style: 'anime', creativity: 30 } as const;
    const more = { detailsLevel: -10, tileStyle: true, seed: 7 };
    await testClient().upscale.create({ ...fields, ...more, styleImages: [PNG, 'asset_style'] });
    expect(api.bodies('/generate/upscale')).toEqual([
      { ...fields, ...more, styleImages: [PNG_DATA_URL, 'asset_style'] },
    ]);
  });

  it('sends targetWidth alone', async () => {
    const api = fakeGenerationApi(server);
    await testClient().upscale.create({ image: 'asset_x', targetWidth: 4096 });
    expect(api.bodies('/generate/upscale')).toEqual([{ image: 'asset_x', targetWidth: 4096 }]);
  });
});

describe('upscale style images share the inline budget with image', () => {
  it('ten 1 MB style images and a 1 MB image: four inlined, seven uploaded hidden, in order', async () => {
    const api = fakeGenerationApi(server);
    const styleImages = Array.from({ length: 10 }, () => pngOfSize(1_000_000));
    await testClient().upscale.create({ image: pngOfSize(1_000_000), scalingFactor: 2, styleImages });
    const uploads = api.bodies('/assets');
    expect(uploads).toHaveLength(7);
    expect(uploads.every((body) => body.hide === true)).toBe(true);
    const [body] = api.bodies('/generate/upscale');
    const refs = [body?.image, ...((body?.styleImages as string[]) ?? [])] as string[];
    expect(refs).toHaveLength(11);
    expect(refs.filter((ref) => ref.startsWith('data:'))).toHaveLength(4);
    expect(refs.filter((ref) => ref === 'asset_uploaded')).toHaveLength(7);
    expect(JSON.stringify(body).length).toBeLessThan((MAX_INLINE_IMAGE_BYTES * 4) / 3 + 10_000);
  });

  it('a bad styleImages[3] leaves no orphan upload of styleImages[0..2]', async () => {
    const api = fakeGenerationApi(server);
    const big = () => pngOfSize(3_000_000);
    await expectInvalid(
      testClient().upscale.create({ image: big(), styleImages: [big(), big(), big(), PDF] }),
      'styleImages[3]',
    );
    expect(api.seen).toHaveLength(0);
  });
});

describe('upscale bad input: InvalidRequestError and no request', () => {
  it.each([
    ['scalingFactor above 16', { image: 'asset_x', scalingFactor: 17 }, 'scalingFactor'],
    ['scalingFactor and targetWidth', { image: 'asset_x', scalingFactor: 2, targetWidth: 2048 }, 'scalingFactor'],
    ['unknown preset', { image: 'asset_x', preset: 'wild' }, 'preset'],
    ['unknown style', { image: 'asset_x', style: 'oil' }, 'style'],
    ['creativity above 100', { image: 'asset_x', creativity: 101 }, 'creativity'],
    ['detailsLevel below -50', { image: 'asset_x', detailsLevel: -51 }, 'detailsLevel'],
    ['a bad style image', { image: 'asset_x', styleImages: ['asset_ok', 3] }, 'styleImages[1]'],
    ['seed negative', { image: 'asset_x', seed: -1 }, 'seed'],
    ['unknown key', { image: 'asset_x', scaleFactor: 2 }, ''],
  ])('%s', async (_name, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().upscale.create(params as never), field);
    expect(api.seen).toHaveLength(0);
  });
});
