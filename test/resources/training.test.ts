import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  InternalServerError,
  InvalidRequestError,
  RateLimitError,
  TrainingError,
} from '../../src/core/errors.js';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { TRAINING_UPLOAD_CONCURRENCY } from '../../src/resources/training-images-calls.js';
import { decodeDataUrl, PDF, PNG, pngOfSize } from '../helpers/images.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();

const wireModel = (extra: Record<string, unknown> = {}) => ({
  id: 'model_new',
  type: 'flux.1-lora',
  status: 'new',
  trainingImagesNumber: 0,
  ...extra,
});
const trainingImage = (id: string) => ({ id, name: `${id}.png`, downloadUrl: 'https://cdn/x', description: '' });
const images = (count: number) => Array.from({ length: count }, () => PNG);

/** An API that answers like the real one to a training's calls, and records them. */
function trainingApi(overrides: (request: Request, attempt: number) => Response | undefined = () => undefined) {
  let added = 0;
  return recordApi(async (request, attempt) => {
    const overridden = overrides(request, attempt);
    if (overridden) return overridden;
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname.replace('/v1', '')}`;
    if (route === 'POST /models') return HttpResponse.json({ model: wireModel() });
    if (route === 'POST /models/model_new/training-images') {
      added++;
      return HttpResponse.json({ trainingImage: trainingImage(`asset_t${added}`) });
    }
    if (route === 'PUT /models/model_new/train') {
      return HttpResponse.json({
        model: wireModel({ status: 'training', trainingProgress: { stage: 'pending', progress: 0, updatedAt: 0 } }),
        creativeUnitsCost: 64,
      });
    }
    if (route === 'GET /models/model_new') return HttpResponse.json({ model: wireModel({ status: 'trained' }) });
    return HttpResponse.json({});
  });
}

const routes = (requests: Request[]) =>
  requests.map((request) => `${request.method} ${new URL(request.url).pathname.replace('/v1', '')}`);

describe('models.train: bad input refused before any request', () => {
  it.each([
    [
      'too few images for the type',
      { name: 'x', images: images(4) },
      /images: a flux\.1-lora trains on 5 to 100 images; got 4/,
    ],
    ['too many', { name: 'x', images: images(101) }, /5 to 100 images; got 101/],
    ['an unknown type', { name: 'x', type: 'flux.2-lora', images: images(5) }, /type: Invalid option/],
    ['an unknown preset', { name: 'x', images: images(5), preset: 'anime' }, /preset: Invalid option/],
    ['no name', { images: images(5) }, /name:/],
    [
      'images for a type that trains on pairs',
      { name: 'x', type: 'flux.1-kontext-lora', images: images(5) },
      /images: a flux\.1-kontext-lora trains on pairs, not images.*pairs: a flux\.1-kontext-lora trains on 2 to 50 pairs; got 0/,
    ],
    [
      'steps over the type cap',
      { name: 'x', images: images(5), parameters: { maxTrainSteps: 20_000 } },
      /parameters\.maxTrainSteps: at most 10000 for a flux\.1-lora/,
    ],
    [
      'an unknown parameter',
      { name: 'x', images: images(5), parameters: { epochs: 3 } },
      /parameters: Unrecognized key: "epochs"/,
    ],
  ])('%s', async (_what, params, message) => {
    const recorded = trainingApi();
    server.use(recorded.handler);
    const error = await rejectionOf(testClient().models.train(params as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(message);
    expect(recorded.requests).toHaveLength(0);
  });

  it('a file that is not an image, named by its place, with every bad one at once', async () => {
    const recorded = trainingApi();
    server.use(recorded.handler);
    const error = await rejectionOf(
      testClient().models.train({ name: 'x', images: [PNG, PDF, PNG, { image: PDF, caption: 'a doc' }, PNG] }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['images[1]', 'images[3]']);
    expect(recorded.requests).toHaveLength(0);
  });

  it('a bad option is refused before the model is created', async () => {
    const recorded = trainingApi();
    server.use(recorded.handler);
    const error = await rejectionOf(
      testClient().models.train({ name: 'x', images: images(5) }, { waitTimout: 5 } as never),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/train options: Unrecognized key: "waitTimout"/);
    expect(recorded.requests).toHaveLength(0);
  });
});

describe('models.train: the calls, in order', () => {
  it('creates the model, adds each image (inline, with its name, preset and caption), starts and waits', async () => {
    const recorded = trainingApi();
    server.use(recorded.handler);
    const file = new File([PNG], 'fox.png');
    const trained = await testClient().models.train(
      {
        name: 'Studio style',
        images: [file, PNG, PNG, PNG, { image: PNG, caption: 'a fox in the snow' }],
        preset: 'style',
        parameters: { nbEpochs: 12 },
      },
      { pollInterval: 250 },
    );
    expect(trained.status).toBe('trained');
    const calls = routes(recorded.requests);
    expect(calls[0]).toBe('POST /models');
    expect(calls.filter((call) => call === 'POST /models/model_new/training-images')).toHaveLength(5);
    expect(calls.filter((call) => call.startsWith('PUT /assets/'))).toHaveLength(1);
    expect(calls.slice(-2)).toEqual(['PUT /models/model_new/train', 'GET /models/model_new']);
    const bodies = await Promise.all(recorded.requests.map((request) => request.clone().text()));
    expect(JSON.parse(bodies[0] as string)).toEqual({ name: 'Studio style', type: 'flux.1-lora' });
    const added = bodies.filter((_, index) => calls[index] === 'POST /models/model_new/training-images');
    const first = JSON.parse(added.find((body) => body.includes('fox.png')) as string);
    expect(first).toMatchObject({ name: 'fox.png', preset: 'style' });
    expect(decodeDataUrl(first.data).mimeType).toBe('image/png');
    const caption = calls.findIndex((call) => call.startsWith('PUT /assets/'));
    expect(JSON.parse(bodies[caption] as string)).toEqual({ description: 'a fox in the snow' });
    expect(JSON.parse(bodies[calls.indexOf('PUT /models/model_new/train')] as string)).toEqual({
      parameters: { nbEpochs: 12 },
    });
  });

  it(`adds ${TRAINING_UPLOAD_CONCURRENCY} images at a time`, async () => {
    let inFlight = 0;
    let most = 0;
    let added = 0;
    server.use(
      http.post(`${API}/models`, () => HttpResponse.json({ model: wireModel() })),
      http.post(`${API}/models/model_new/training-images`, async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Held until as many are in flight as may be (or 2 s pass), so the count does not hang on timing.
        for (
          let waited = 0;
          inFlight < Math.min(TRAINING_UPLOAD_CONCURRENCY, 12 - added) && waited < 2000;
          waited += 5
        ) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        inFlight--;
        added++;
        return HttpResponse.json({ trainingImage: trainingImage(`asset_t${added}`) });
      }),
      http.put(`${API}/models/model_new/train`, () => HttpResponse.json({ model: wireModel({ status: 'trained' }) })),
    );
    await testClient().models.train({ name: 'x', images: images(12) });
    expect(added).toBe(12);
    expect(most).toBe(TRAINING_UPLOAD_CONCURRENCY);
  });

  it('an image too large to inline is uploaded as a hidden asset first, then added by id', async () => {
    const recorded = trainingApi((request) => {
      const { pathname } = new URL(request.url);
      if (request.method === 'POST' && pathname === '/v1/uploads') {
        return HttpResponse.json({
          upload: { id: 'upload_1', status: 'pending', parts: [{ number: 1, url: 'https://s3.test/part1' }] },
        });
      }
      if (pathname === '/v1/uploads/upload_1/action' || pathname === '/v1/uploads/upload_1') {
        return HttpResponse.json({ upload: { id: 'upload_1', status: 'imported', entityId: 'asset_big' } });
      }
      return undefined;
    });
    server.use(
      recorded.handler,
      http.put('https://s3.test/part1', () => new HttpResponse(null, { status: 200 })),
    );
    const big = pngOfSize(MAX_INLINE_IMAGE_BYTES + 1);
    await testClient().models.train({ name: 'x', images: [big, PNG, PNG, PNG, PNG] }, { pollInterval: 250 });
    const calls = routes(recorded.requests);
    const bodies = await Promise.all(recorded.requests.map((request) => request.clone().text()));
    const byId = bodies.filter(
      (body, index) => calls[index] === 'POST /models/model_new/training-images' && body.includes('asset_big'),
    );
    expect(byId.map((body) => JSON.parse(body))).toEqual([{ assetId: 'asset_big' }]);
    const upload = JSON.parse(bodies[calls.indexOf('POST /uploads')] as string);
    expect(upload).toMatchObject({ kind: 'image', assetOptions: { hide: true } });
  });
});

describe('models.train: every error once the model exists carries modelId', () => {
  it('a failed upload stops the others and says how many landed and how to go on', async () => {
    const recorded = trainingApi((request, attempt) =>
      request.method === 'POST' && request.url.endsWith('/training-images') && attempt === 4
        ? HttpResponse.json({ reason: 'boom' }, { status: 500 })
        : undefined,
    );
    server.use(recorded.handler);
    const error = await rejectionOf(testClient().models.train({ name: 'x', images: images(8) }));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ modelId: 'model_new' });
    expect(error.cause).toBeInstanceOf(InternalServerError);
    expect(error.message).toMatch(/model_new exists with \d of its 8 training images/);
    expect(error.message).toContain("client.models.trainingImages.add('model_new'");
    expect(error.message).toContain("client.models.delete('model_new')");
    // Billed: the 500 is not retried (the image may have been added), and nothing more starts.
    const calls = routes(recorded.requests);
    expect(calls.filter((call) => call.endsWith('/training-images')).length).toBeLessThan(8);
    expect(calls).not.toContain('PUT /models/model_new/train');
  });

  it("the plan's dataset ceiling (429 add-training-image) is not retried, and says what to do", async () => {
    const recorded = trainingApi((request) =>
      request.method === 'POST' && request.url.endsWith('/training-images')
        ? HttpResponse.json(
            { reason: 'Too many training images', details: { actionName: 'add-training-image', actionLimit: 100 } },
            { status: 429 },
          )
        : undefined,
    );
    server.use(recorded.handler);
    const error = await rejectionOf(testClient().models.train({ name: 'x', images: images(5) }));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.cause).toBeInstanceOf(RateLimitError);
    expect(error.message).toMatch(/training dataset limit is reached/);
    expect(routes(recorded.requests).filter((call) => call.endsWith('/training-images')).length).toBeLessThanOrEqual(
      TRAINING_UPLOAD_CONCURRENCY,
    );
  });

  it('a failed start says the training may have started and how to check, resume or start it', async () => {
    const recorded = trainingApi((request) =>
      request.method === 'PUT' && request.url.endsWith('/train')
        ? HttpResponse.json({ reason: 'gateway timeout' }, { status: 504 })
        : undefined,
    );
    server.use(recorded.handler);
    const error = await rejectionOf(testClient().models.train({ name: 'x', images: images(5) }));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ modelId: 'model_new' });
    expect(error.message).toMatch(/may have started \(and be billed\)/);
    expect(error.message).toContain("client.models.waitForTraining('model_new')");
    expect(routes(recorded.requests).filter((call) => call === 'PUT /models/model_new/train')).toHaveLength(1);
  });

  it('an abort while adding images is an APIUserAbortError with modelId', async () => {
    const controller = new AbortController();
    const recorded = trainingApi((request) => {
      if (request.method === 'POST' && request.url.endsWith('/training-images')) controller.abort();
      return undefined;
    });
    server.use(recorded.handler);
    const error = await rejectionOf(
      testClient().models.train({ name: 'x', images: images(5) }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ modelId: 'model_new' });
    expect(error.message).toContain("client.models.startTraining('model_new')");
  });
});

describe('the training steps', () => {
  it('create is not retried after a 5xx (a second model could exist)', async () => {
    const recorded = recordApi(() => HttpResponse.json({ reason: 'oops' }, { status: 502 }));
    server.use(recorded.handler);
    expect(await rejectionOf(testClient().models.create({ name: 'x', type: 'flux.1-lora' }))).toBeInstanceOf(
      InternalServerError,
    );
    expect(recorded.requests).toHaveLength(1);
  });

  it('startTraining reads the model first and refuses, before the billed call, one that cannot train', async () => {
    for (const [model, message] of [
      [wireModel({ status: 'training' }), /already training: wait for it with client\.models\.waitForTraining/],
      [wireModel({ status: 'trained' }), /is trained; a training starts from new, failed, training-canceled/],
      [wireModel({ trainingImagesNumber: 2 }), /a flux\.1-lora trains on 5 to 100 images; got 2/],
      [wireModel({ type: 'flux.1' }), /is a flux\.1, which does not train/],
    ] as const) {
      const recorded = recordApi(() => HttpResponse.json({ model }));
      server.use(recorded.handler);
      const error = await rejectionOf(testClient().models.startTraining('model_new'));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(message);
      expect(routes(recorded.requests)).toEqual(['GET /models/model_new']);
    }
  });

  it('startTraining sends the parameters and returns the model, job and cost', async () => {
    const recorded = recordApi((request) =>
      request.method === 'GET'
        ? HttpResponse.json({ model: wireModel({ trainingImagesNumber: 6 }) })
        : HttpResponse.json({ model: wireModel({ status: 'training' }), creativeUnitsCost: 48 }),
    );
    server.use(recorded.handler);
    const started = await testClient().models.startTraining('model_new', { nbEpochs: 6 });
    expect(started).toMatchObject({ model: { status: 'training' }, creativeUnitsCost: 48 });
    expect(await recorded.requests[1]?.json()).toEqual({ parameters: { nbEpochs: 6 } });
  });

  it('estimateTraining quotes with ?dryRun=true and reads the 269 answer', async () => {
    const recorded = recordApi(() =>
      HttpResponse.json({ creativeUnitsCost: 80, creativeUnitsDiscount: 0 }, { status: 269 }),
    );
    server.use(recorded.handler);
    await expect(testClient().models.estimateTraining('model_new')).resolves.toMatchObject({ creativeUnitsCost: 80 });
    const url = new URL(recorded.requests[0]?.url ?? '');
    expect([recorded.requests[0]?.method, url.pathname, url.searchParams.get('dryRun')]).toEqual([
      'PUT',
      '/v1/models/model_new/train',
      'true',
    ]);
  });

  it('cancelTraining posts the cancel action; update and delete send what they say', async () => {
    const recorded = recordApi((request) =>
      request.method === 'DELETE'
        ? HttpResponse.json({})
        : HttpResponse.json({ model: wireModel({ status: 'training-canceled' }) }),
    );
    server.use(recorded.handler);
    const client = testClient();
    await expect(client.models.cancelTraining('model_new')).resolves.toMatchObject({ status: 'training-canceled' });
    await client.models.update('model_new', { name: 'Renamed', parameters: { rank: 32 } });
    await client.models.delete('model_new');
    expect(routes(recorded.requests)).toEqual([
      'POST /models/model_new/train/action',
      'PUT /models/model_new',
      'DELETE /models/model_new',
    ]);
    expect(await recorded.requests[0]?.json()).toEqual({ action: 'cancel' });
    expect(await recorded.requests[1]?.json()).toEqual({ name: 'Renamed', parameters: { rank: 32 } });
    expect(client.models.cached('model_new')).toBeUndefined();
  });

  it('trainingImages: add one, replace with a caption, delete, set pairs (a raw array)', async () => {
    const recorded = recordApi((request) =>
      request.url.endsWith('/pairs')
        ? HttpResponse.json({ count: 1, pairs: [{ sourceId: 'asset_a', targetId: 'asset_b', instruction: 'night' }] })
        : HttpResponse.json({ trainingImage: trainingImage('asset_a') }),
    );
    server.use(recorded.handler);
    const { trainingImages } = testClient().models;
    expect(await trainingImages.add('model_new', { images: ['asset_mine'] })).toEqual([trainingImage('asset_a')]);
    const replaced = await trainingImages.replace('model_new', 'asset_a', { image: PNG, caption: 'a fox' });
    expect(replaced.description).toBe('a fox');
    await trainingImages.delete('model_new', 'asset_a');
    const pairs = await trainingImages.setPairs('model_new', [
      { sourceId: 'asset_a', targetId: 'asset_b', instruction: 'night' },
    ]);
    expect(pairs.count).toBe(1);
    expect(routes(recorded.requests)).toEqual([
      'POST /models/model_new/training-images',
      'PUT /models/model_new/training-images/asset_a',
      'PUT /assets/asset_a',
      'DELETE /models/model_new/training-images/asset_a',
      'PUT /models/model_new/training-images/pairs',
    ]);
    expect(await recorded.requests[0]?.json()).toEqual({ assetId: 'asset_mine' });
    expect(await recorded.requests[4]?.json()).toEqual([
      { sourceId: 'asset_a', targetId: 'asset_b', instruction: 'night' },
    ]);
  });

  it('trainingImages.add refuses a non-image and an empty caption before any request', async () => {
    const recorded = recordApi();
    server.use(recorded.handler);
    const { trainingImages } = testClient().models;
    expect(await rejectionOf(trainingImages.add('model_new', { images: [PNG, PDF] }))).toBeInstanceOf(
      InvalidRequestError,
    );
    const error = await rejectionOf(trainingImages.add('model_new', { images: [{ image: PNG, caption: ' ' }] }));
    expect(error.message).toMatch(/images\[0\]\.caption: must not be empty/);
    expect(recorded.requests).toHaveLength(0);
  });
});
