/**
 * Bad input at scale (issue 6): generated invalid inputs for every public method. Each must be
 * refused with `InvalidRequestError` before any request; hostile ids are either refused the same
 * way or percent-encoded so that the request stays on its route.
 *
 * Rerun: `npx vitest run test/property` (prints how many inputs were generated).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidRequestError, isScenarioError } from '../../src/index.js';
import { modalityProblems } from '../../src/schemas/controlnet.js';
import {
  AssetIdsSchema,
  AssetListQuerySchema,
  AssetUploadParamsSchema,
  ControlNetParamsSchema,
  DetectParamsSchema,
  Img2ImgParamsSchema,
  JobListQuerySchema,
  ModelListQuerySchema,
  modelInputsSchema,
  RemoveBackgroundParamsSchema,
  UpscaleParamsSchema,
} from '../../src/schemas.js';
import { createEmulator } from '../../src/testing/index.js';
import {
  assertInvalid,
  badImage,
  describeError,
  failureOf,
  hostileId,
  inputTally,
  invalidParams,
  invalidValue,
  nonImageContainer,
  notAnObject,
  offlineClient,
  PNG,
  refusalTests,
} from './arbitraries.js';
import { observedClient } from './observed-client.js';

/** Runs per property; 15 generation methods alone make 15 × this. */
const RUNS = 80;
const count = inputTally('Invalid inputs generated');
const { client: offline, seen } = offlineClient();
/** Asserts that `call(input)` is refused with InvalidRequestError and sends nothing. */
const refusesAll = refusalTests(seen, count, RUNS);

const weight = fc.double({ min: 0.01, max: 1, noNaN: true });
const badModality = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('Canny', 'canny:0', 'canny:1.5', 'canny:-1', 'canny:abc', 'canny,pose', 'canny:0.5:1', 'normal'),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('canny', 'pose', 'depth', 'seg', 'nope', ''),
          fc.option(fc.oneof(weight, fc.double({ noNaN: true }))),
        ),
        { minLength: 2, maxLength: 5 },
      )
      .map((parts) => parts.map(([name, w]) => (w === null ? name : `${name}:${w}`)).join(',')),
  )
  .filter((value) => modalityProblems(value).length > 0);
const colorPattern = /^(transparent|#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30})$/i;

const generation = {
  img2img: invalidParams(Img2ImgParamsSchema, { modelId: 'flux.1-dev', prompt: 'a knight', image: PNG }, [
    fc
      .record({ influence: fc.double({ min: 0, max: 100, noNaN: true }), strength: weight })
      .map((both) => ({ modelId: 'flux.1-dev', prompt: 'a knight', image: PNG, ...both })),
  ]),
  controlnet: invalidParams(
    ControlNetParamsSchema,
    { modelId: 'flux.1-dev', prompt: 'a knight', modality: 'canny', image: PNG },
    [
      badModality.map((modality) => ({ modelId: 'flux.1-dev', prompt: 'a knight', modality, image: PNG })),
      // influence/strength without controlImage, or both with it
      fc
        .oneof(fc.record({ influence: fc.double({ min: 0, max: 100, noNaN: true }) }), fc.record({ strength: weight }))
        .map((one) => ({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'canny', image: PNG, ...one })),
      weight.map((strength) => ({
        modelId: 'flux.1-dev',
        prompt: 'a knight',
        modality: 'canny',
        image: PNG,
        controlImage: PNG,
        influence: 50,
        strength,
      })),
    ],
  ),
  detect: invalidParams(DetectParamsSchema, { image: PNG, modality: 'canny' }, [
    fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({
        image: PNG,
        modality: 'canny',
        lowThreshold: Math.max(a, b),
        highThreshold: Math.min(a, b),
      })),
    fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ image: PNG, modality: 'canny', minThreshold: Math.max(a, b), maxThreshold: Math.min(a, b) })),
  ]),
  removeBackground: invalidParams(RemoveBackgroundParamsSchema, { image: PNG }, [
    fc.constant({ image: PNG, format: 'jpeg', backgroundColor: 'transparent' }),
    fc
      .string({ maxLength: 12 })
      .filter((color) => !colorPattern.test(color))
      .map((backgroundColor) => ({ image: PNG, backgroundColor })),
  ]),
  upscale: invalidParams(UpscaleParamsSchema, { image: PNG }, [
    fc
      .record({
        scalingFactor: fc.double({ min: 1, max: 16, noNaN: true }),
        targetWidth: fc.integer({ min: 64, max: 16_384 }),
      })
      .map((both) => ({ image: PNG, ...both })),
  ]),
};

describe('generation resources', () => {
  for (const [resource, params] of Object.entries(generation)) {
    for (const method of ['create', 'run', 'estimate'] as const) {
      refusesAll(`${resource}.${method}`, params, (input) =>
        (offline[resource as keyof typeof generation][method] as (p: unknown) => Promise<unknown>)(input),
      );
    }
  }
});

const badModelId = fc.oneof(
  fc.constantFrom('', ' ', '\n', '.', '..'),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({}),
);

describe('custom models', () => {
  const badInputs = notAnObject;
  for (const method of ['create', 'run', 'estimate'] as const) {
    const call = (modelId: unknown, inputs: unknown) =>
      (offline.custom[method] as (m: unknown, i: unknown) => Promise<unknown>)(modelId, inputs);
    refusesAll(`custom.${method} (model id)`, badModelId, (modelId) => call(modelId, {}), RUNS / 4);
    refusesAll(
      `custom.${method} (inputs)`,
      fc.oneof(
        badInputs,
        // image-like inputs (bytes, Blobs, streams) are read and must be images
        fc.record({
          image: nonImageContainer,
        }),
      ),
      (inputs) => call('model_upscale-v3', inputs),
      RUNS / 2,
    );
  }

  // With the model's contract known (fetched once), inputs are checked against it: every input's rules.
  test('custom.create/estimate check inputs against a fetched contract, before any request', async () => {
    const emulator = createEmulator({ jobDurations: { custom: 10, upscale: 10 } });
    const requests: string[] = [];
    const client = observedClient(emulator, (request) => requests.push(describeRequest(request, '')));
    const model = await client.models.get('model_upscale-v3');
    const inputs = invalidParams(modelInputsSchema(model) as never, { image: PNG }, [
      // allowedValues
      fc.string({ maxLength: 10 }).map((style) => ({ image: PNG, style: `${style}!` })),
      fc.string({ maxLength: 10 }).map((preset) => ({ image: PNG, preset: `${preset}?` })),
      // a file input given a string that is not an image
      badImage.filter((value) => typeof value === 'string').map((image) => ({ image })),
    ]);
    await fc.assert(
      fc.asyncProperty(
        inputs,
        fc.constantFrom('create', 'estimate') as fc.Arbitrary<'create' | 'estimate'>,
        async (input, method) => {
          requests.length = 0;
          count(`custom.${method} (model contract)`);
          assertInvalid(
            await failureOf(() => client.custom[method]('model_upscale-v3', input as never)),
            requests,
            input,
          );
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('jobs, assets, models', () => {
  const definedOnly = <T>(arb: fc.Arbitrary<T>) => arb.filter((value) => value !== undefined);
  refusesAll('jobs.list', definedOnly(invalidParams(JobListQuerySchema, {})), (query) =>
    offline.jobs.list(query as never),
  );
  refusesAll('models.list', definedOnly(invalidParams(ModelListQuerySchema, {})), (query) =>
    offline.models.list(query as never),
  );
  refusesAll('assets.list', definedOnly(invalidParams(AssetListQuerySchema, {})), (query) =>
    offline.assets.list(query as never),
  );
  refusesAll('assets.upload (image)', badImage, (input) => offline.assets.upload(input as never));
  refusesAll(
    'assets.upload (params)',
    definedOnly(invalidParams(AssetUploadParamsSchema, {})),
    (params) => offline.assets.upload(PNG, params as never),
    RUNS / 2,
  );
  refusesAll('assets.getMany', invalidValue(AssetIdsSchema), (ids) => offline.assets.getMany(ids as never), RUNS / 2);
  refusesAll('assets.delete', invalidValue(AssetIdsSchema), (ids) => offline.assets.delete(ids as never), RUNS / 2);
  refusesAll(
    'assets.download (not an asset)',
    fc.oneof(
      fc.constantFrom(null, 0, 42, true, {}, [], { url: 'not a url' }, { url: 42 }, { id: 'asset_1' }, ''),
      fc.record({ url: fc.string({ maxLength: 10 }).filter((url) => !URL.canParse(url)) }),
    ),
    (input) => offline.assets.download(input as never),
    RUNS / 2,
  );
});

describe('hostile ids', () => {
  const emulator = createEmulator();
  const requests: string[] = [];
  const root = new URL(emulator.url).pathname; // /v1
  const client = observedClient(emulator, (request) => requests.push(describeRequest(request, root)));
  const methods: [string, (id: string) => Promise<unknown>, (encoded: string) => string][] = [
    ['jobs.get', (id) => client.jobs.get(id), (e) => `GET /jobs/${e}`],
    ['jobs.cancel', (id) => client.jobs.cancel(id), (e) => `POST /jobs/${e}/action`],
    ['jobs.wait', (id) => client.jobs.wait(id), (e) => `GET /jobs/${e}`],
    ['assets.get', (id) => client.assets.get(id), (e) => `GET /assets/${e}`],
    ['assets.download', (id) => client.assets.download(id), (e) => `GET /assets/${e}`],
    ['models.get', (id) => client.models.get(id), (e) => `GET /models/${e}`],
    ['custom.estimate', (id) => client.custom.estimate(id, {}), (e) => `POST /generate/custom/${e}?dryRun=true`],
    ['custom.create', (id) => client.custom.create(id, {}), (e) => `POST /generate/custom/${e}`],
  ];
  for (const [name, call, route] of methods) {
    test(`${name}: a hostile id is refused or encoded, never a different route`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileId, async (id) => {
          requests.length = 0;
          count(`${name} (hostile id)`);
          const error = await failureOf(() => call(id as string));
          const shown = fc.stringify(id);
          if (error instanceof InvalidRequestError) {
            expect(requests, `${shown} refused, but after requests`).toEqual([]);
            return;
          }
          // Sent: the server's typed error (nothing has that id), and every request stayed on the route.
          expect(isScenarioError(error), `${shown}: ${describeError(error)}`).toBe(true);
          expect(typeof id, `${shown} was sent`).toBe('string');
          expect(requests.length, shown).toBeGreaterThan(0);
          const expected = route(encodeURIComponent(id as string));
          for (const request of requests) expect(request, shown).toBe(expected);
        }),
        { numRuns: RUNS / 2 },
      );
      expect(emulator.state.counters.jobsCreated).toBe(0);
    });
  }
});

/** `METHOD /path?query#hash` below the API root, `projectId` left out of the query. */
function describeRequest(request: Request, root: string): string {
  const url = new URL(request.url);
  url.searchParams.delete('projectId');
  return `${request.method} ${url.pathname.slice(root.length)}${url.search}${url.hash}`;
}

test.each([
  ['jobs.wait(null)', () => offlineClient().client.jobs.wait(null as never)],
  ['jobs.wait(42)', () => offlineClient().client.jobs.wait(42 as never)],
  ['jobs.wait({})', () => offlineClient().client.jobs.wait({} as never)],
])('%s rejects with a typed error', async (_name, call) => {
  const error = await failureOf(call);
  expect(isScenarioError(error), describeError(error)).toBe(true);
});
