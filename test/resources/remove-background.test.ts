import { describe, expect, it } from 'vitest';
import { testClient, useMockServer } from '../helpers/msw.js';
import { expectInvalid, fakeGenerationApi } from './fake-generation.js';

const server = useMockServer();

describe('removeBackground wire body', () => {
  it.each([
    [{ image: 'asset_x' }],
    [{ image: 'asset_x', backgroundColor: '#FFFFFF', format: 'jpeg' as const }],
    [{ image: 'asset_x', backgroundColor: 'transparent', format: 'png' as const }],
    [{ image: 'asset_x', backgroundColor: 'white' }],
  ])('sends %j to POST /generate/remove-background', async (params) => {
    const api = fakeGenerationApi(server);
    await testClient().removeBackground.create(params);
    expect(api.bodies('/generate/remove-background')).toEqual([params]);
  });
});

describe('removeBackground bad input: InvalidRequestError and no request', () => {
  it.each([
    ['unknown format', { image: 'asset_x', format: 'gif' }, 'format'],
    ['bad colour', { image: 'asset_x', backgroundColor: '#12' }, 'backgroundColor'],
    ['transparent jpeg', { image: 'asset_x', backgroundColor: 'transparent', format: 'jpeg' }, 'backgroundColor'],
    ['missing image', {}, 'image'],
    ['unknown key', { image: 'asset_x', colour: 'red' }, ''],
  ])('%s', async (_name, params, field) => {
    const api = fakeGenerationApi(server);
    await expectInvalid(testClient().removeBackground.create(params as never), field);
    expect(api.seen).toHaveLength(0);
  });
});
