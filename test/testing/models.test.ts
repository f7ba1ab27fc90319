import { describe, expect, test } from 'vitest';
import { ModelEnvelopeSchema, ModelListResponseSchema } from '../../src/schemas/model.js';
import { setup } from './helpers.js';

describe('models', () => {
  test('GET /models lists built-ins, trained and custom models in the real shape', async () => {
    const { call } = setup();
    const { models } = ModelListResponseSchema.parse((await call('GET', '/models')).body);
    const ids = models.map((model) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'flux.1-dev',
        'stable-diffusion-xl-base-1.0',
        'model_emulator-watercolor-style',
        'model_emulator-knight-character',
        'model_upscale-v3',
      ]),
    );
    const page = await call('GET', '/models', { query: { pageSize: '3' } });
    expect(page.body.models).toHaveLength(3);
    expect(page.body.nextPaginationToken).toEqual(expect.any(String));
  });

  test('GET /models/{id} returns {model}; custom models carry inputs[] with required/default/min/max/allowedValues', async () => {
    const { call } = setup();
    const { model } = ModelEnvelopeSchema.parse((await call('GET', '/models/model_upscale-v3')).body);
    expect(model).toMatchObject({ type: 'custom', status: 'trained', privacy: 'public' });
    const byName = Object.fromEntries((model.inputs ?? []).map((input) => [input.name, input]));
    expect(byName.image).toMatchObject({ type: 'file', required: { always: true } });
    expect(byName.upscaleFactor).toMatchObject({ type: 'number', default: 2, min: 1, max: 16 });
    expect(byName.style?.allowedValues).toContain('standard');
  });

  test('trained models belong to the default project; unknown ids get 404', async () => {
    const { call } = setup();
    expect((await call('GET', '/models/model_emulator-watercolor-style')).body.model.ownerId).toBe('proj_emulator');
    const elsewhere = await call('GET', '/models/model_emulator-watercolor-style', {
      query: { projectId: 'proj_other' },
    });
    expect(elsewhere.status).toBe(404);
    expect(await call('GET', '/models/model_nope')).toMatchObject({
      status: 404,
      body: { reason: 'Model model_nope not found' },
    });
  });
});
