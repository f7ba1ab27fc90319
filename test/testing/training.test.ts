/**
 * The emulator trains: model creation, training images, the training's statuses and stages over
 * virtual time, the refusals the API makes, and generation with the trained model.
 */
import { describe, expect, test } from 'vitest';
import { TRAINING_IMAGE_CEILING } from '../../src/testing/routes/training.js';
import { dataUrl, setup, testImage, uploadImage } from './helpers.js';

const TRAINING_MS = 60_000;

/** An emulator with a model created and `count` red training images added. */
async function withDataset(count = 5, options: Parameters<typeof setup>[0] = {}, type = 'flux.1-lora') {
  const context = setup({ jobDurations: { 'model-training': TRAINING_MS }, ...options });
  const { call } = context;
  const created = await call('POST', '/models', { body: { name: 'Red style', type } });
  expect(created.status).toBe(200);
  const modelId = created.body.model.id as string;
  const image = dataUrl(await testImage(64, 64, { background: '#b01818', foreground: '#601010' }));
  const added = [];
  for (let index = 0; index < count; index++) {
    const answer = await call('POST', `/models/${modelId}/training-images`, {
      body: { data: image, name: `red-${index}.png`, preset: 'style' },
    });
    expect(answer.status).toBe(200);
    added.push(answer.body.trainingImage);
  }
  return { ...context, modelId, added };
}

describe('creating a model and its dataset', () => {
  test("POST /models makes a new model of the given type, listed with the project's models", async () => {
    const { call, modelId } = await withDataset(0);
    const { body } = await call('GET', `/models/${modelId}`);
    expect(body.model).toMatchObject({
      id: modelId,
      name: 'Red style',
      type: 'flux.1-lora',
      status: 'new',
      trainingImagesNumber: 0,
    });
    const listed = await call('GET', '/models');
    expect(listed.body.models.map((model: { id: string }) => model.id)).toContain(modelId);
    const statusNew = await call('GET', '/models', { query: { status: 'new' } });
    expect(statusNew.body.models.map((model: { id: string }) => model.id)).toEqual([modelId]);
  });

  test('training images: a data URL becomes a hidden asset with an automatic caption; the name is kept', async () => {
    const { call, modelId, added, emulator } = await withDataset(2);
    expect(added[0]).toMatchObject({
      name: 'red-0.png',
      automaticCaptioning: 'a picture in red tones',
      description: '',
    });
    expect(added[0].id).toMatch(/^asset_/);
    const { body } = await call('GET', `/models/${modelId}`);
    expect(body.model.trainingImages.map((image: { id: string }) => image.id)).toEqual(added.map((image) => image.id));
    const assets = await emulator.state.assets();
    expect(assets.filter((asset) => asset.isHidden).map((asset) => asset.id)).toEqual(added.map((image) => image.id));
    // A caption is the description of the training image's asset.
    expect((await call('PUT', `/assets/${added[0].id}`, { body: { description: 'a red fox' } })).status).toBe(200);
    const after = await call('GET', `/models/${modelId}`);
    expect(after.body.model.trainingImages[0].description).toBe('a red fox');
  });

  test('by asset id: once per model, at most 10 per call, and only images of the project', async () => {
    const { call, modelId } = await withDataset(0);
    const ids = [];
    for (let index = 0; index < 11; index++) ids.push((await uploadImage(call, await testImage())).id as string);
    const refused = await call('POST', `/models/${modelId}/training-images`, { body: { assetIds: ids } });
    expect([refused.status, refused.body.reason]).toEqual([400, 'Too many assetIds provided in a single request']);
    const batch = await call('POST', `/models/${modelId}/training-images`, { body: { assetIds: ids.slice(0, 3) } });
    expect(batch.body.trainingImages.map((image: { id: string }) => image.id)).toEqual(ids.slice(0, 3));
    const again = await call('POST', `/models/${modelId}/training-images`, { body: { assetId: ids[0] } });
    expect([again.status, again.body.reason]).toEqual([
      400,
      'The provided assetId is already a training image of this model',
    ]);
    const unknown = await call('POST', `/models/${modelId}/training-images`, { body: { assetId: 'asset_nope' } });
    expect(unknown.status).toBe(404);
    const notAnImage = await call('POST', `/models/${modelId}/training-images`, {
      body: { data: `data:image/png;base64,${Buffer.from('%PDF-1.7').toString('base64')}` },
    });
    expect(notAnImage.status).toBe(400);
  });

  test(`past ${TRAINING_IMAGE_CEILING} images: 429 naming add-training-image, as a plan's dataset ceiling`, async () => {
    const { call, modelId } = await withDataset(0);
    const ids = [];
    for (let index = 0; index < TRAINING_IMAGE_CEILING + 1; index++) {
      ids.push((await uploadImage(call, await testImage(8, 8))).id as string);
    }
    for (let start = 0; start < TRAINING_IMAGE_CEILING; start += 10) {
      const answer = await call('POST', `/models/${modelId}/training-images`, {
        body: { assetIds: ids.slice(start, start + 10) },
      });
      expect(answer.status).toBe(200);
    }
    const over = await call('POST', `/models/${modelId}/training-images`, { body: { assetId: ids.at(-1) } });
    expect(over.status).toBe(429);
    expect(over.body.details).toEqual({ actionName: 'add-training-image', actionLimit: TRAINING_IMAGE_CEILING });
  });

  test('replace and delete a training image; pairs must name training images and say what to do', async () => {
    const { call, modelId, added } = await withDataset(3, {}, 'flux.1-kontext-lora');
    const other = dataUrl(await testImage(32, 32, { background: '#1818b0', foreground: '#1010a0' }));
    const replaced = await call('PUT', `/models/${modelId}/training-images/${added[2].id}`, { body: { data: other } });
    expect(replaced.body.trainingImage.automaticCaptioning).toBe('a picture in blue tones');
    const wrong = await call('PUT', `/models/${modelId}/training-images/pairs`, {
      body: [{ sourceId: added[0].id, targetId: 'asset_other' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.reason).toBe(
      'Invalid 0.targetId: must be a training image of the model; Input 0.instruction is required',
    );
    const pairs = [{ sourceId: added[0].id, targetId: replaced.body.trainingImage.id, instruction: 'make it blue' }];
    const set = await call('PUT', `/models/${modelId}/training-images/pairs`, { body: pairs });
    expect(set.body).toEqual({ count: 1, pairs });
    expect((await call('DELETE', `/models/${modelId}/training-images/${added[0].id}`)).status).toBe(200);
    const { body } = await call('GET', `/models/${modelId}`);
    expect(body.model.trainingImagesNumber).toBe(2);
    // Deleting an image drops the pairs that used it.
    expect(body.model.trainingImagePairs).toEqual([]);
  });

  test('a catalog model cannot be changed (403); an unknown one is 404', async () => {
    const { call } = setup();
    expect((await call('PUT', '/models/flux.1-dev', { body: { name: 'mine' } })).status).toBe(403);
    expect((await call('DELETE', '/models/model_nope')).status).toBe(404);
  });
});

describe('the training', () => {
  test('new → training through its stages with progress over virtual time → trained, with stats', async () => {
    const { call, clock, modelId } = await withDataset(5);
    const started = await call('PUT', `/models/${modelId}/train`, { body: { parameters: { nbEpochs: 10 } } });
    expect(started.status).toBe(200);
    expect(started.body.model.status).toBe('training');
    expect(started.body.job).toMatchObject({ jobType: 'model-training', status: 'queued' });
    expect(started.body.creativeUnitsCost).toBe(40);
    const startedAt = clock.now();
    const seen: [number, string, string | undefined, number | undefined][] = [];
    for (const fraction of [0, 0.05, 0.1, 0.3, 0.6, 0.9, 1]) {
      await clock.advanceTo(startedAt + fraction * TRAINING_MS);
      const { model } = (await call('GET', `/models/${modelId}`)).body;
      seen.push([fraction, model.status, model.trainingProgress?.stage, model.trainingProgress?.progress]);
    }
    expect(seen).toEqual([
      [0, 'training', 'pending', 0],
      [0.05, 'training', 'queued-for-train', 0.05],
      [0.1, 'training', 'starting-train', 0.1],
      [0.3, 'training', 'running-train', 0.3],
      [0.6, 'training', 'running-train', 0.6],
      [0.9, 'training', 'running-train', 0.9],
      [1, 'trained', undefined, undefined],
    ]);
    const { body } = await call('GET', `/models/${modelId}`);
    expect(body.model.trainingStats).toMatchObject({ queueDuration: 9, trainDuration: 51 });
    expect(body.model.capabilities).toContain('txt2img');
    expect(body.model.compliantModelIds).toEqual(['flux.1-dev']);
  });

  test('the API refuses: no images, an untrainable type, already training, already trained, a type change once started', async () => {
    const { call, clock, modelId } = await withDataset(5);
    const empty = (await call('POST', '/models', { body: { name: 'empty' } })).body.model.id;
    const none = await call('PUT', `/models/${empty}/train`, { body: {} });
    expect([none.status, none.body.reason]).toEqual([
      400,
      'The model has no training images: add some before starting the training',
    ]);
    const base = (await call('POST', '/models', { body: { type: 'flux.1' } })).body.model.id;
    expect((await call('PUT', `/models/${base}/train`, { body: {} })).body.reason).toBe(
      'Models of type flux.1 cannot be trained',
    );

    expect((await call('PUT', `/models/${modelId}/train`, { body: {} })).status).toBe(200);
    const twice = await call('PUT', `/models/${modelId}/train`, { body: {} });
    expect([twice.status, twice.body.reason]).toEqual([400, 'Model is already training']);
    const retype = await call('PUT', `/models/${modelId}`, { body: { type: 'sd-xl-lora' } });
    expect(retype.status).toBe(400);
    const more = await call('POST', `/models/${modelId}/training-images`, {
      body: { data: dataUrl(await testImage()) },
    });
    expect(more.status).toBe(400);
    await clock.advance(TRAINING_MS);
    const retrain = await call('PUT', `/models/${modelId}/train`, { body: {} });
    expect([retrain.status, retrain.body.reason]).toEqual([400, 'Model is already trained: train a new model']);
  });

  test('an edit model needs its pairs before it trains', async () => {
    const { call, modelId } = await withDataset(2, {}, 'flux.1-kontext-lora');
    const refused = await call('PUT', `/models/${modelId}/train`, { body: {} });
    expect(refused.body.reason).toMatch(/trains on image pairs/);
  });

  test('a dry run quotes with 269 and starts nothing', async () => {
    const { call, modelId, emulator } = await withDataset(5);
    const quote = await call('PUT', `/models/${modelId}/train`, {
      body: { parameters: { nbEpochs: 20 } },
      query: { dryRun: 'true' },
    });
    expect(quote.status).toBe(269);
    expect(quote.body).toMatchObject({ creativeUnitsCost: 80, job: {} });
    expect((await call('GET', `/models/${modelId}`)).body.model.status).toBe('new');
    expect(emulator.state.counters.jobsCreated).toBe(0);
  });

  test('cancel: the model ends training-canceled, and can train again', async () => {
    const { call, clock, modelId } = await withDataset(5);
    await call('PUT', `/models/${modelId}/train`, { body: {} });
    await clock.advance(TRAINING_MS / 4);
    const canceled = await call('POST', `/models/${modelId}/train/action`, { body: { action: 'cancel' } });
    expect(canceled.body.model.status).toBe('training-canceled');
    const again = await call('POST', `/models/${modelId}/train/action`, { body: { action: 'cancel' } });
    expect([again.status, again.body.reason]).toEqual([
      400,
      `Model ${modelId} is not training (status training-canceled)`,
    ]);
    expect((await call('PUT', `/models/${modelId}/train`, { body: {} })).body.model.status).toBe('training');
  });

  test('a failing job fault makes the training fail half-way', async () => {
    const { call, clock, modelId } = await withDataset(5, { faults: { jobFailure: 1 } });
    await call('PUT', `/models/${modelId}/train`, { body: {} });
    await clock.advance(TRAINING_MS / 2);
    expect((await call('GET', `/models/${modelId}`)).body.model.status).toBe('failed');
  });

  test('parallel trainings past the plan limit: 429 naming parallel-training', async () => {
    const { call, modelId } = await withDataset(5, { parallelTrainings: 1 });
    const second = (await call('POST', '/models', { body: { name: 'second' } })).body.model.id;
    await call('POST', `/models/${second}/training-images`, { body: { data: dataUrl(await testImage()) } });
    await call('PUT', `/models/${modelId}/train`, { body: {} });
    const refused = await call('PUT', `/models/${second}/train`, { body: {} });
    expect(refused.status).toBe(429);
    expect(refused.body.details).toEqual({ actionName: 'parallel-training', actionLimit: 1 });
  });

  test('generation refuses a model that is not trained yet, then runs it once trained', async () => {
    const { call, clock, modelId } = await withDataset(5);
    const body = { modelId, prompt: 'a castle', numSamples: 1, width: 64, height: 64 };
    const early = await call('POST', '/generate/txt2img', { body });
    expect([early.status, early.body.reason]).toEqual([400, `Model ${modelId} is not trained (status new)`]);
    await call('PUT', `/models/${modelId}/train`, { body: {} });
    await clock.advance(TRAINING_MS);
    expect((await call('POST', '/generate/txt2img', { body })).status).toBe(200);
  });

  test('deleting a model stops its training', async () => {
    const { call, modelId, emulator } = await withDataset(5);
    await call('PUT', `/models/${modelId}/train`, { body: {} });
    expect((await call('DELETE', `/models/${modelId}`)).status).toBe(200);
    expect((await call('GET', `/models/${modelId}`)).status).toBe(404);
    const [job] = await emulator.state.jobs();
    expect(job?.status).toBe('canceled');
  });
});
