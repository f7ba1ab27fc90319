import { describe, expect, test } from 'vitest';
import { ModelEnvelopeSchema, ModelListResponseSchema } from '../../src/schemas/model.js';
import { AS_USER, runToEnd, setup, testImage, uploadImage } from './helpers.js';

const ids = (body: { models: { id: string }[] }) => body.models.map((model) => model.id);

describe('models', () => {
  test("GET /models lists the project's own models by default, the public catalog with privacy=public", async () => {
    const { call } = setup();
    const own = ModelListResponseSchema.parse((await call('GET', '/models')).body);
    expect(ids(own)).toEqual(['model_emulator-watercolor-style', 'model_emulator-knight-character']);
    expect(own.models.every((model) => model.privacy === 'private' && model.ownerId === 'proj_emulator')).toBe(true);
    // Another project of the user has none, as a fresh real account.
    const other = await call('GET', '/models', { query: { projectId: 'proj_fresh' }, headers: AS_USER });
    expect(other.body).toEqual({ models: [] });
    const publicModels = await call('GET', '/models', { query: { privacy: 'public' } });
    expect(ids(publicModels.body)).toEqual([
      'flux.1-dev',
      'stable-diffusion-xl-base-1.0',
      'stable-diffusion-v1-5',
      'model_bfl-flux-2-dev',
      'model_bfl-flux-1-dev',
      'model_openai-gpt-image-2',
      'model_patina-material',
      'model_upscale-v3',
      'model_photoroom-background-removal',
      'model_scenario-detection',
    ]);
    // As the live API: a listing leaves each model's inputs to GET /models/{id}.
    expect(publicModels.body.models.some((model: object) => 'inputs' in model)).toBe(false);
  });

  test('page sizes follow the swagger: /models defaults to 100 and takes up to 500', async () => {
    const { call } = setup();
    expect((await call('GET', '/models', { query: { privacy: 'public', pageSize: '500' } })).status).toBe(200);
    const tooMany = await call('GET', '/models', { query: { pageSize: '501' } });
    expect(tooMany.body.reason).toBe('pageSize must be an integer between 1 and 500');
    const page = await call('GET', '/models', { query: { privacy: 'public', pageSize: '3' } });
    expect(page.body.models).toHaveLength(3);
    expect(page.body.nextPaginationToken).toEqual(expect.any(String));
  });

  test('GET /models/public and /models/public/{id}: the public catalog, filtered by type', async () => {
    const { call } = setup();
    const custom = await call('GET', '/models/public', { query: { type: 'custom', sortDirection: 'asc' } });
    expect(ids(custom.body)).toEqual([
      'model_bfl-flux-2-dev',
      'model_bfl-flux-1-dev',
      'model_openai-gpt-image-2',
      'model_patina-material',
      'model_upscale-v3',
      'model_photoroom-background-removal',
      'model_scenario-detection',
    ]);
    const newestFirst = await call('GET', '/models/public', { query: { types: 'custom', pageSize: '2' } });
    expect(ids(newestFirst.body)).toEqual(['model_scenario-detection', 'model_photoroom-background-removal']);
    expect(custom.body.models.some((model: object) => 'inputs' in model)).toBe(false);
    expect((await call('GET', '/models/public/model_upscale-v3')).body.model.id).toBe('model_upscale-v3');
    const trained = await call('GET', '/models/public/model_emulator-watercolor-style');
    expect(trained).toMatchObject({
      status: 404,
      body: { reason: 'Public model model_emulator-watercolor-style not found' },
    });
  });

  test.each([
    ['model_bfl-flux-2-dev', { prompt: { required: { always: true } }, width: { min: 128, max: 2048, step: 16 } }],
    [
      'model_bfl-flux-1-dev',
      { image: { type: 'file' }, controlModality: { default: 'canny' }, width: { default: 1104 } },
    ],
    [
      'model_upscale-v3',
      {
        image: { type: 'file', required: { always: true } },
        upscaleFactor: { default: 2, min: 1, max: 16 },
        preset: { default: 'precise' },
        strength: { default: 0.1, min: 0.1 },
      },
    ],
    ['model_photoroom-background-removal', { image: { type: 'file' }, keepExistingTransparency: { default: 'never' } }],
    // Modelled on the live records: a requirement keyed by another input's name, an array limit counting items.
    [
      'model_openai-gpt-image-2',
      {
        referenceImages: {
          type: 'file_array',
          maxLength: 10,
          required: { ifDefined: { mask: { message: 'A reference image is required when a mask is provided.' } } },
        },
      },
    ],
    [
      'model_patina-material',
      {
        image: { required: { ifDefined: { mask: { message: 'An image is required when a mask is provided.' } } } },
        maps: {
          type: 'string_array',
          maxLength: 5,
          default: ['basecolor', 'normal', 'roughness', 'metalness', 'height'],
        },
      },
    ],
    ['model_scenario-detection', { modality: { default: 'canny' }, lowThreshold: { default: 100, max: 255 } }],
  ])('GET /models/%s carries its documented inputs[]', async (id, expected) => {
    const { call } = setup();
    const { model } = ModelEnvelopeSchema.parse((await call('GET', `/models/${id}`)).body);
    expect(model).toMatchObject({ id, type: 'custom', status: 'trained', privacy: 'public', ownerId: 'proj_scenario' });
    expect(model).toMatchObject({ source: 'other', custom: true, exampleAssetIds: [], trainingImagesNumber: 0 });
    const byName = Object.fromEntries((model.inputs ?? []).map((input) => [input.name, input]));
    expect(byName).toMatchObject(expected);
  });

  test('trained models belong to the default project; unknown ids get 404', async () => {
    const { call } = setup();
    expect((await call('GET', '/models/model_emulator-watercolor-style')).body.model.ownerId).toBe('proj_emulator');
    const elsewhere = await call('GET', '/models/model_emulator-watercolor-style', {
      query: { projectId: 'proj_other' },
      headers: AS_USER,
    });
    expect(elsewhere.status).toBe(404);
    expect(await call('GET', '/models/model_nope')).toMatchObject({
      status: 404,
      body: { reason: 'Model model_nope not found' },
    });
  });

  test('tests add their own models: a typed one on the generation endpoints, a custom one with its inputs[]', async () => {
    const context = setup({
      models: [
        { id: 'model_pixel-lora', name: 'Pixel LoRA', family: 'sdxl', type: 'sd-xl-lora' },
        {
          id: 'model_my-upscaler',
          privacy: 'public',
          runner: 'upscale',
          inputs: [
            { name: 'image', type: 'file', required: { always: true } },
            { name: 'upscaleFactor', type: 'number', default: 4, min: 1, max: 8 },
          ],
        },
      ],
    });
    const { call } = context;
    expect(ids((await call('GET', '/models')).body)).toContain('model_pixel-lora');
    expect((await call('GET', '/models/model_my-upscaler')).body.model).toMatchObject({
      privacy: 'public',
      type: 'custom',
    });
    const image = (await uploadImage(call, await testImage(32, 16))).id;
    const small = await call('POST', '/generate/txt2img', {
      body: { modelId: 'model_pixel-lora', prompt: 'p', width: 256, height: 512 },
    });
    expect(small.body.reason).toBe('Invalid width: 256 is outside 512–2048 for this model');
    const job = await runToEnd(context, '/generate/custom/model_my-upscaler', { image });
    const { asset } = (await call('GET', `/assets/${job.metadata.assetIds[0]}`)).body;
    expect(asset.properties).toMatchObject({ width: 128, height: 64 });
  });
});
