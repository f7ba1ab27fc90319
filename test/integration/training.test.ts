/**
 * Training end to end on the emulator, in process and over HTTP: `client.models.train()` from 8
 * images, generation with the trained model (its outputs measurably closer to the training
 * palette than the base model's with the same seed), abort with `cancelOnAbort`, and errors that
 * carry the model id.
 */
import { describe, expect, test } from 'vitest';
import { APIUserAbortError, TrainingFailedError, TrainingTimeoutError } from '../../src/core/errors.js';
import type { Model } from '../../src/schemas/model.js';
import { distanceToPalette, paletteOf } from '../helpers/palette.js';
import { testImage } from '../testing/helpers.js';
import { MODES, QUICK } from './setup.js';

/** Eight pieces of "red art": reds and rusts, each with a darker or lighter shape in it. */
const RED_ART: [string, string][] = [
  ['#8b1a1a', '#d04040'],
  ['#b22222', '#601010'],
  ['#cd5c5c', '#8b1a1a'],
  ['#a0302d', '#e08070'],
  ['#c03020', '#401010'],
  ['#d04a3a', '#901818'],
  ['#902020', '#f0a090'],
  ['#b84030', '#702018'],
];
const redArt = () =>
  Promise.all(RED_ART.map(([background, foreground]) => testImage(96, 96, { background, foreground })));

const TRAINING = { 'model-training': 1500 };

describe.concurrent.each(MODES)('training ($name)', (mode) => {
  test('train() from 8 images; the trained model draws closer to their palette than the base model, same seed', async () => {
    const { emulator, client, warnings } = await mode.start({ jobDurations: TRAINING });
    const images = await redArt();
    const stages: string[] = [];
    const trained = await client.models.train(
      {
        name: 'Red art',
        type: 'flux.1-lora',
        images: [...images.slice(1), { image: images[0] as Uint8Array, caption: 'a square' }],
        preset: 'style',
      },
      { ...QUICK, onProgress: (model) => stages.push(model.trainingProgress?.stage ?? (model.status as string)) },
    );
    expect(trained).toMatchObject({ status: 'trained', type: 'flux.1-lora', trainingImagesNumber: 8 });
    expect(stages.at(-1)).toBe('trained');
    expect(stages).toContain('running-train');
    expect(emulator.state.counters.requests['POST /models']).toBe(1);
    expect(emulator.state.counters.requests['POST /models/:modelId/training-images']).toBe(8);
    const listed = await client.models.trainingImages.list(trained.id);
    expect(listed.map((image) => image.description)).toContain('a square');
    expect(warnings).toEqual([]);

    const params = { prompt: 'a lighthouse on a cliff', seed: 1234, numSamples: 1, width: 256, height: 256 };
    const [base, own] = await Promise.all([
      client.txt2img.run({ ...params, modelId: 'flux.1-dev' }, QUICK),
      client.txt2img.run({ ...params, modelId: trained.id }, QUICK),
    ]);
    const palette = await paletteOf(images);
    const [baseDistance = 0, ownDistance = Number.POSITIVE_INFINITY] = await Promise.all(
      [base, own].map(async ({ assets }) =>
        distanceToPalette(await client.assets.download(assets[0] as never), palette),
      ),
    );
    // Measured: 97.8 for the base model, 25.3 for the trained one (mean RGB distance to the nearest palette colour).
    expect(ownDistance).toBeLessThan(baseDistance * 0.6);
    expect(own.assets[0]?.metadata.modelId).toBe(trained.id);
  });

  test('abort with cancelOnAbort cancels the training; the error names the model', async () => {
    const { emulator, client } = await mode.start({ jobDurations: { 'model-training': 60_000 } });
    const controller = new AbortController();
    const error = await client.models
      .train(
        { name: 'Red art', images: await redArt() },
        {
          ...QUICK,
          signal: controller.signal,
          cancelOnAbort: true,
          onProgress: (model: Model) => {
            if (model.status === 'training') controller.abort();
          },
        },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    const { modelId } = error as APIUserAbortError;
    expect(modelId).toMatch(/^model_/);
    expect((error as Error).message).toContain('The training was canceled.');
    expect((await client.models.get(modelId as string)).status).toBe('training-canceled');
    expect(emulator.state.counters.requests['POST /models/:modelId/train/action']).toBe(1);
  });

  test('a failed training rejects with TrainingFailedError carrying the model id', async () => {
    const { client } = await mode.start({ jobDurations: TRAINING, faults: { jobFailure: 1 } });
    const error = await client.models
      .train({ name: 'Red art', images: await redArt() }, QUICK)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingFailedError);
    const failed = error as TrainingFailedError;
    expect(failed.model.status).toBe('failed');
    expect((await client.models.get(failed.modelId)).status).toBe('failed');
  });

  test('a wait that times out says how to resume, and waitForTraining resumes it to the trained model', async () => {
    const { emulator, client } = await mode.start({ jobDurations: { 'model-training': 2500 } });
    const error = await client.models
      .train({ name: 'Red art', images: await redArt() }, { ...QUICK, waitTimeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingTimeoutError);
    const { modelId, message } = error as TrainingTimeoutError;
    expect(message).toContain(`client.models.waitForTraining('${modelId}')`);
    const trained = await client.models.waitForTraining(modelId, QUICK);
    expect(trained.status).toBe('trained');
    expect(emulator.state.counters.requests['PUT /models/:modelId/train']).toBe(1);
  });

  test('an edit model trains on pairs: sources and targets become training images, then pairs', async () => {
    const { client } = await mode.start({ jobDurations: TRAINING });
    const images = await redArt();
    const file = (index: number, name: string) => new File([images[index] as Uint8Array<ArrayBuffer>], name);
    const pairs = [0, 1].map((index) => ({
      source: file(2 * index, `before-${index}.png`),
      target: file(2 * index + 1, `after-${index}.png`),
      instruction: `make it darker (${index})`,
    }));
    const trained = await client.models.train({ name: 'Darker', type: 'flux.1-kontext-lora', pairs }, QUICK);
    expect(trained).toMatchObject({ status: 'trained', trainingImagesNumber: 4 });
    const model = await client.models.get(trained.id);
    // Added 4 at a time, in any order: each pair names its own two images by id.
    const nameOf = new Map((model.trainingImages ?? []).map((image) => [image.id, image.name]));
    const named = (model.trainingImagePairs ?? []).map((pair) => [
      nameOf.get(pair.sourceId ?? ''),
      nameOf.get(pair.targetId ?? ''),
      pair.instruction,
    ]);
    expect(named).toEqual([
      ['before-0.png', 'after-0.png', 'make it darker (0)'],
      ['before-1.png', 'after-1.png', 'make it darker (1)'],
    ]);
  });
});
