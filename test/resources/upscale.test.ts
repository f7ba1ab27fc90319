import { describe, expect, it } from 'vitest';
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
