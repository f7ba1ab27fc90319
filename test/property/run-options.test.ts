/**
 * Options of the methods that wait, at scale: generated invalid `RunOptions` for every `run()`,
 * `custom.run`, `client.jobs.wait` and `GenerationJob.wait`. Each must be refused with
 * `InvalidRequestError` before any request — above all before the paid `POST /generate/*` of a
 * `run()`, which must never be sent for options the wait would then refuse.
 *
 * Rerun: `npx vitest run test/property/run-options.test.ts` (prints how many options were generated).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { RunOptionsSchema } from '../../src/schemas.js';
import { createEmulator } from '../../src/testing/index.js';
import { assertInvalid, failureOf, invalidValue, offlineClient, PNG } from './arbitraries.js';
import { observedClient } from './observed-client.js';

const RUNS = 100;
const counts = new Map<string, number>();
const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);

afterAll(() => {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const lines = [...counts].map(([name, n]) => `  ${name.padEnd(36)} ${n}`);
  console.log(`\nInvalid run options generated: ${total}\n${lines.join('\n')}\n`);
});

/** Anything that is not a number, as a caller might pass it (strings from env variables first). */
const notANumber = fc.oneof(
  fc.constantFrom('1500', '0', '', 'Infinity', '10s'),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const notPositive = fc.oneof(
  fc.constantFrom(0, -0, -1, Number.NaN, Number.NEGATIVE_INFINITY),
  fc.integer({ max: 0 }),
  fc.double({ max: 0, noNaN: true }),
);
const notAFunction = fc.oneof(
  fc.constantFrom('log', 'console.log', ''),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ onProgress: () => {} }),
);
const notASignal = fc.oneof(
  fc.constant({}),
  fc.constant({ aborted: false }),
  fc.constant(new AbortController()), // the controller, not its signal
  fc.constantFrom('signal', true, 1, null),
);

/** One option of RunOptions made invalid; the others valid or absent. */
const badOption = fc.oneof(
  fc.record({ timeout: fc.oneof(notANumber, notPositive, fc.constantFrom(Number.POSITIVE_INFINITY, 2 ** 31)) }),
  fc.record({ waitTimeout: fc.oneof(notANumber, notPositive) }),
  fc.record({ pollInterval: fc.oneof(notANumber, notPositive, fc.constant(Number.POSITIVE_INFINITY)) }),
  fc.record({ maxRetries: invalidValue(RunOptionsSchema.shape.maxRetries) }),
  fc.record({ onProgress: notAFunction }),
  fc.record({ signal: notASignal }),
  fc.record({ cancelOnAbort: fc.oneof(fc.constantFrom('true', 'false', 0, 1, null), fc.string({ maxLength: 4 })) }),
  fc.record({ headers: fc.oneof(fc.constant({ 'x-a': 1 }), fc.constant('x-a: 1'), fc.constant([['x-a', '1']])) }),
  fc.record({ projectId: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)) }),
  // a misspelt or unknown key
  fc
    .oneof(
      fc.constantFrom('waitTimout', 'onprogress', 'cancelonAbort', 'poll_interval', 'wait', 'retries'),
      fc.string({ minLength: 1, maxLength: 10 }),
    )
    .filter((key) => !(key in RunOptionsSchema.shape))
    .map((key) => Object.defineProperty({}, key, { value: 1, enumerable: true })),
);
const validPart = fc.record(
  {
    waitTimeout: fc.integer({ min: 1, max: 600_000 }),
    pollInterval: fc.integer({ min: 1, max: 10_000 }),
    cancelOnAbort: fc.boolean(),
    onProgress: fc.constant(() => {}),
  },
  { requiredKeys: [] },
);
/** Invalid RunOptions: one bad option among valid ones, or not an options object at all. */
const invalidRunOptions: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(validPart, badOption).map(([valid, bad]) => ({ ...valid, ...bad })),
  fc.constantFrom(null, 0, 'fast', true, [], [{ waitTimeout: 1000 }]),
);

const { client: offline, seen } = offlineClient();
const image = 'asset_abc';
const waiting: [string, (options: unknown) => Promise<unknown>][] = [
  ['img2img.run', (o) => offline.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight', image }, o as never)],
  [
    'controlnet.run',
    (o) => offline.controlnet.run({ modelId: 'flux.1-dev', prompt: 'a knight', modality: 'canny', image }, o as never),
  ],
  ['detect.run', (o) => offline.detect.run({ image, modality: 'canny' }, o as never)],
  ['removeBackground.run', (o) => offline.removeBackground.run({ image }, o as never)],
  ['upscale.run', (o) => offline.upscale.run({ image, scalingFactor: 2 }, o as never)],
  ['custom.run', (o) => offline.custom.run('model_upscale-v3', { image }, o as never)],
  ['jobs.wait', (o) => offline.jobs.wait('job_1', o as never)],
];

describe('invalid RunOptions are refused before any request', () => {
  for (const [name, call] of waiting) {
    test(name, async () => {
      await fc.assert(
        fc.asyncProperty(invalidRunOptions, async (options) => {
          seen.length = 0;
          count(name);
          assertInvalid(await failureOf(() => call(options)), seen, options);
        }),
        { numRuns: RUNS },
      );
    });
  }

  test('GenerationJob.wait: after create, bad options send nothing more', async () => {
    const emulator = createEmulator({ jobDurations: { flux: 10 } });
    const requests: string[] = [];
    const client = observedClient(emulator, (request) => requests.push(`${request.method} ${request.url}`));
    const generation = await client.img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: PNG });
    await fc.assert(
      fc.asyncProperty(invalidRunOptions, async (options) => {
        requests.length = 0;
        count('GenerationJob.wait');
        assertInvalid(await failureOf(() => generation.wait(options as never)), requests, options);
      }),
      { numRuns: RUNS },
    );
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });
});
