import { describe, expect, it } from 'vitest';
import { testClient, useMockServer } from '../helpers/msw.js';
import { expectInvalid, fakeGenerationApi, PNG, PNG_DATA_URL } from './fake-generation.js';

const server = useMockServer();

describe('detect wire body', () => {
  it('sends image, modality and thresholds to POST /generate/detect', async () => {
    const api = fakeGenerationApi(server);
    await testClient().detect.create({ image: PNG, modality: 'canny', lowThreshold: 50, highThreshold: 200 });
    expect(api.bodies('/generate/detect')).toEqual([
      { image: PNG_DATA_URL, modality: 'canny', lowThreshold: 50, highThreshold: 200 },
    ]);
  });

  it('sends the grayscale and pose options', async () => {
    const api = fakeGenerationApi(server);
    const params = { image: 'asset_x', modality: 'grayscale' as const, factor: 1.2, removeBackground: true };
    await testClient().detect.create(params);
    await testClient().detect.create({ image: 'asset_x', modality: 'pose', keypointThreshold: 0.3 });
    expect(api.bodies('/generate/detect')).toEqual([
      params,
      { image: 'asset_x', modality: 'pose', keypointThreshold: 0.3 },
    ]);
  });
});

describe('detect bad input: InvalidRequestError and no request', () => {
  it.each([
    ['a ControlNet modality name', { image: 'asset_x', modality: 'normal-map' }, 'modality'],
    ['missing image', { modality: 'canny' }, 'image'],
    ['threshold out of range', { image: 'asset_x', modality: 'canny', highThreshold: 300 }, 'highThreshold'],
    ['low above high', { image: 'asset_x', modality: 'canny', lowThreshold: 200, highThreshold: 100 }, 'lowThreshold'],
    ['keypointThreshold above 1', { image: 'asset_x', modality: 'pose', keypointThreshold: 2 }, 'keypointThreshold'],
    ['unknown key', { image: 'asset_x', modality: 'canny', treshold: 1 }, ''],
  ])('%s', async (_name, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().detect.create(params as never), field);
    expect(api.seen).toHaveLength(0);
  });
});
