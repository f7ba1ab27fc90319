import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { Scenario } from '../../src/client.js';
import { TrainingTimeoutError } from '../../src/core/errors.js';
import { createEmulator } from '../../src/testing/index.js';
import { operationOf, responseSchema, swaggerIssues } from '../helpers/swagger.js';
import { testImage } from './helpers.js';

/** One answer of the emulator to the SDK, by swagger operation. */
interface Recorded {
  operation: string;
  status: number;
  body: unknown;
}

/** Every route the SDK calls: each must be answered at least once below. */
const SDK_ROUTES = [
  'GET /assets',
  'POST /assets',
  'DELETE /assets',
  'POST /assets/get-bulk',
  'GET /assets/{assetId}',
  'GET /jobs',
  'GET /jobs/{jobId}',
  'POST /jobs/{jobId}/action',
  'GET /models',
  'GET /models/{modelId}',
  'POST /models',
  'PUT /models/{modelId}',
  'DELETE /models/{modelId}',
  'POST /models/{modelId}/training-images',
  'PUT /models/{modelId}/training-images/pairs',
  'PUT /models/{modelId}/training-images/{trainingImageId}',
  'DELETE /models/{modelId}/training-images/{trainingImageId}',
  'PUT /models/{modelId}/train',
  'POST /models/{modelId}/train/action',
  'PUT /assets/{assetId}',
  'POST /uploads',
  'GET /uploads/{uploadId}',
  'POST /uploads/{uploadId}/action',
  ...[
    'txt2img',
    'txt2img-ip-adapter',
    'img2img',
    'img2img-ip-adapter',
    'inpaint',
    'inpaint-ip-adapter',
    'controlnet',
    'controlnet-img2img',
    'controlnet-ip-adapter',
    'detect',
    'remove-background',
    'upscale',
    'custom/{modelId}',
  ].map((route) => `POST /generate/${route}`),
];

const recorded: Recorded[] = [];

beforeAll(async () => {
  // Jobs end in a few real milliseconds, but Stable Diffusion ones (`inference`), which stay to be canceled.
  // An upload validates for longer than its `complete` takes to answer, so the SDK polls GET /uploads/{id}.
  const quick = { flux: 5, custom: 5, detection: 5, 'remove-background': 5, upscale: 5, upload: 1500 };
  const emulator = createEmulator({
    parallelJobs: 50,
    jobDurations: { ...quick, inference: 600_000, 'model-training': 600_000 },
  });
  // Records every API answer the SDK reads, by the swagger operation it lands on.
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await emulator.fetch(request);
    if (request.url.startsWith(emulator.url)) {
      const path = new URL(request.url).pathname.replace(/^\/v1/, '');
      const operation = operationOf(request.method, path);
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (operation) recorded.push({ operation, status: response.status, body });
    }
    return response;
  };
  const client = new Scenario({ fetch: recording, baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret' });
  const fast = { pollInterval: 1 };

  const image = await client.assets.upload(await testImage(64, 64), { name: 'sketch.png' });
  const mask = await client.assets.upload(await testImage(64, 64, { foreground: '#ffffff' }), { name: 'mask.png' });
  const flux = { modelId: 'flux.1-dev', prompt: 'a knight', width: 64, height: 64 };
  const sd = { modelId: 'stable-diffusion-v1-5', prompt: 'a knight', width: 64, height: 64 };
  const runs = [
    client.txt2img.run(flux, fast),
    client.txt2img.run({ ...flux, styleImages: [image.id] }, fast),
    client.img2img.run({ ...flux, image: image.id }, fast),
    client.img2img.run({ ...flux, image: image.id, styleImages: [image.id] }, fast),
    client.inpaint.run({ ...flux, image: image.id, mask: mask.id }, fast),
    client.inpaint.run({ ...flux, image: image.id, mask: mask.id, styleImages: [image.id] }, fast),
    client.controlnet.run({ ...flux, image: image.id, modality: 'canny' }, fast),
    client.controlnet.run({ ...flux, image: image.id, controlImage: image.id, modality: 'canny' }, fast),
    client.controlnet.run({ ...flux, image: image.id, modality: 'canny', styleImages: [image.id] }, fast),
    client.detect.run({ image: image.id, modality: 'canny' }, fast),
    client.removeBackground.run({ image: image.id }, fast),
    client.upscale.run({ image: image.id, scalingFactor: 2 }, fast),
    client.custom.run('model_bfl-flux-2-dev', { prompt: 'a knight', width: 128, height: 128 }, fast),
  ];
  await Promise.all(runs);
  await client.txt2img.estimate(flux);
  await client.detect.estimate({ image: image.id, modality: 'canny' });
  // A Stable Diffusion job is the one kind the API lets you cancel.
  const cancelable = await client.txt2img.create(sd);
  await client.jobs.cancel(cancelable.id);
  await client.jobs.list();
  await client.assets.list();
  const outputs = await client.assets.getMany([image.id, mask.id]);
  await client.models.list();
  await client.models.list({ privacy: 'public' });
  await client.models.get('model_bfl-flux-2-dev');
  await client.models.get('flux.1-dev');
  // Over the inline budget: the multipart flow (create, parts, complete, poll).
  const noise = sharp({
    create: {
      width: 1300,
      height: 1300,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  });
  await client.assets.upload(new Uint8Array(await noise.png({ compressionLevel: 0 }).toBuffer()));
  // Training in one call (images, a caption, the start, a wait given up), canceled; then the steps.
  const art = await Promise.all(
    ['#b01818', '#901010', '#d04040', '#c02828', '#a02020'].map((background) => testImage(64, 64, { background })),
  );
  const [first = art[0] as Uint8Array, ...rest] = art;
  const images = [{ image: first, caption: 'a red square' }, ...rest];
  const waiting = await client.models.train({ name: 'Red art', images }, { ...fast, waitTimeout: 50 }).catch((e) => e);
  if (!(waiting instanceof TrainingTimeoutError)) throw waiting;
  await client.models.cancelTraining(waiting.modelId);
  const edit = await client.models.create({ name: 'Darker', type: 'flux.1-kontext-lora' });
  await client.models.update(edit.id, { shortDescription: 'makes images darker' });
  const [a, b, c, d, e] = await client.models.trainingImages.add(edit.id, { images: art });
  if (!(a && b && c && d && e)) throw new Error('five training images expected');
  const replaced = await client.models.trainingImages.replace(edit.id, e.id, first);
  await client.models.trainingImages.delete(edit.id, replaced.id);
  await client.models.trainingImages.setPairs(edit.id, [
    { sourceId: a.id, targetId: b.id, instruction: 'darker' },
    { sourceId: c.id, targetId: d.id, instruction: 'darker' },
  ]);
  await client.models.startTraining(edit.id);
  await client.models.delete(edit.id); // deleting a model in training stops it
  await client.assets.delete(outputs.map((asset) => asset.id));
}, 60_000);

describe("the emulator's answers to the SDK", () => {
  test('cover every route the SDK calls', () => {
    const answered = new Set(recorded.filter((answer) => answer.status < 300).map((answer) => answer.operation));
    expect(SDK_ROUTES.filter((route) => !answered.has(route))).toEqual([]);
  });

  test("each holds to the swagger's response schema: required fields, types, enums", () => {
    const issues = recorded
      .filter((answer) => answer.status < 300 && answer.operation !== 'DELETE /assets')
      .flatMap(({ operation, status, body }) =>
        swaggerIssues(responseSchema(operation, String(status)), body).map(
          (issue) => `${operation} ${status} ${issue}`,
        ),
      );
    expect([...new Set(issues)]).toEqual([]);
  });
});
