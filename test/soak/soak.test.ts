/**
 * Fault-injection soak (issue 6): 500 `run()` calls through the in-process emulator with
 * faults on, at bounded concurrency. Proves that every call settles with a result or a typed
 * error of an expected kind, that no POST that created a job was ever repeated, that nothing
 * is left running afterwards, and that memory does not grow with the number of calls.
 *
 * Rerun: `npx vitest run test/soak` (prints the counts).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  APIConnectionError,
  APIError,
  InternalServerError,
  isScenarioError,
  JobError,
  JobFailedError,
  RateLimitError,
  ResponseValidationError,
  Scenario,
} from '../../src/index.js';
import { createEmulator, type FaultOptions } from '../../src/testing/index.js';
import { testImage } from '../testing/helpers.js';

const CALLS = 500;
const CONCURRENCY = 16;
/** Routes `run()` touches. The one-off setup upload (`POST /assets`) is kept out of the faults. */
const RUN_PATHS = ['/generate', '/jobs', '/assets/get-bulk'];
const FAULTS: FaultOptions = {
  rateLimit: { rate: 0.1, paths: RUN_PATHS }, // 429 + Retry-After: 1
  unavailable: { rate: 0.05, paths: RUN_PATHS }, // 503
  connectionReset: { rate: 0.03, methods: ['GET'], paths: RUN_PATHS }, // reads only
  malformedJson: { rate: 0.01, paths: RUN_PATHS }, // 200 with half a JSON body
  jobFailure: 0.02,
};
/** Short real-time jobs: the SDK's first poll comes ~1 s after create, so a run takes about a second. */
const JOB_DURATIONS = { flux: 300, inference: 300, detection: 150, 'remove-background': 150, upscale: 200 };

// A real `gc()` without `--expose-gc` on the command line (so `npm test` needs no flags).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** What the spy saw of one HTTP attempt. */
interface Attempt {
  call: number;
  method: string;
  path: string;
  /** 0 when the fetch rejected (connection reset). */
  status: number;
  /** For `POST /generate/*`: the job id in the answer, read from the text so a truncated body counts too. */
  jobId?: string | undefined;
}

type Outcome = { ok: true; jobId: string; assets: number } | { ok: false; error: unknown };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

test(`soak: ${CALLS} run() calls with faults, concurrency ${CONCURRENCY}`, { timeout: 180_000 }, async () => {
  const started = performance.now();
  const resourcesBefore = activeResources();
  let emulator: ReturnType<typeof createEmulator> | undefined = createEmulator({
    seed: 'soak',
    faults: FAULTS,
    jobDurations: JOB_DURATIONS,
    // Above the concurrency, with room for jobs a failed poll left running: the limit is never the cause of a 429.
    parallelJobs: CONCURRENCY * 4,
  });
  const emu = () => emulator as NonNullable<typeof emulator>;
  const apiPath = new URL(emu().url).pathname;

  const attempts: Attempt[] = [];
  const spy: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const attempt: Attempt = {
      call: Number(request.headers.get('x-soak-call') ?? -1),
      method: request.method,
      path: new URL(request.url).pathname.slice(apiPath.length),
      status: 0,
    };
    attempts.push(attempt);
    const response = await emu().fetch(request);
    attempt.status = response.status;
    if (request.method === 'POST' && attempt.path.startsWith('/generate/')) {
      attempt.jobId = /"jobId":"(job_[0-9a-f]+)"/.exec(await response.clone().text())?.[1];
    }
    return response;
  };
  let retryWarnings = 0;
  const logger = {
    debug() {},
    info() {},
    warn(message: string) {
      if (/; retry \d+ in /.test(message)) retryWarnings++;
    },
    error() {},
  };
  let client: Scenario | undefined = new Scenario({
    fetch: spy,
    baseUrl: emu().url,
    apiKey: 'api_soak',
    apiSecret: 'soak-secret',
    logger,
  });

  const png = await testImage(64, 64);
  const asset = await client.assets.upload(png, { name: 'soak.png' });
  type Image = string | Uint8Array;
  const calls = [
    (c: Scenario, i: number, image: Image, o: object) =>
      c.img2img.run({ modelId: 'flux.1-dev', prompt: `a knight #${i}`, image, influence: 30 }, o),
    (c: Scenario, i: number, image: Image, o: object) =>
      c.controlnet.run({ modelId: 'flux.1-dev', prompt: `a castle #${i}`, modality: 'canny', image }, o),
    (c: Scenario, _i: number, image: Image, o: object) => c.detect.run({ image, modality: 'canny' }, o),
    (c: Scenario, _i: number, image: Image, o: object) => c.removeBackground.run({ image }, o),
    (c: Scenario, _i: number, image: Image, o: object) => c.upscale.run({ image, scalingFactor: 2 }, o),
  ];
  // Every 7th call sends the image inline (a data URL) instead of the uploaded asset's id.
  const imageOf = (i: number): Image => (i % 7 === 0 ? png : asset.id);

  const outcomes: Outcome[] = new Array(CALLS);
  const heap = { start: heapAfterGc(), at50: 0, half: 0, end: 0, afterReset: 0 };
  let settled = 0;
  let next = 0;
  const runOne = async (i: number): Promise<Outcome> => {
    const options = { headers: { 'x-soak-call': String(i) } };
    const run = calls[i % calls.length] as (typeof calls)[number];
    try {
      const result = await run(client as Scenario, i, imageOf(i), options);
      return { ok: true, jobId: result.job.jobId, assets: result.assets.length };
    } catch (error) {
      return { ok: false, error };
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        const i = next++;
        outcomes[i] = await runOne(i);
        settled++;
        if (settled === 50) heap.at50 = heapAfterGc();
        if (settled === CALLS / 2) heap.half = heapAfterGc();
      }
    }),
  );
  heap.end = heapAfterGc();
  const duration = performance.now() - started;

  const rows = await verify();
  async function verify(): Promise<string[][]> {
    // ---- Every call settled, with a result or a typed error of an expected kind.
    const counters = structuredClone(emu().state.counters);
    const jobs = await emu().state.jobs();
    const requestLog = [...emu().state.requests];
    expect(outcomes.filter(Boolean)).toHaveLength(CALLS);
    const byKind = new Map<string, number>();
    const unexpected: string[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const kind = outcome.ok ? 'ok' : kindOf(outcome.error);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      if (!outcome.ok && !isExpected(outcome.error, i, attempts))
        unexpected.push(`call ${i}: ${describe(outcome.error)}`);
    }
    expect(unexpected).toEqual([]);

    // ---- Every error raised after a job existed carries its id, so the paid work can be found again.
    const createdJob = (call: number) =>
      attempts.find((a) => a.call === call && a.method === 'POST' && a.path.startsWith('/generate/') && a.jobId)?.jobId;
    const lostJobs: string[] = [];
    let errorsAfterAJob = 0;
    for (const [i, outcome] of outcomes.entries()) {
      const jobId = createdJob(i);
      if (outcome.ok || jobId === undefined) continue;
      errorsAfterAJob++;
      const error = outcome.error as { jobId?: unknown; message?: string };
      if (!Object.hasOwn(error, 'jobId') || error.jobId !== jobId || !error.message?.includes(jobId)) {
        lostJobs.push(`call ${i} (job ${jobId}): ${describe(outcome.error)}`);
      }
    }
    expect(lostJobs).toEqual([]);
    expect(errorsAfterAJob).toBeGreaterThan(0);

    // ---- No POST that created a job was ever repeated.
    const posts = attempts.filter((a) => a.method === 'POST' && a.path.startsWith('/generate/'));
    const creating = posts.filter((a) => a.status === 200); // the route ran and made a job (malformed answers included)
    expect(posts.every((a) => [200, 429, 503].includes(a.status))).toBe(true);
    const postsPerCall = groupBy(posts, (a) => a.call);
    for (const [call, callPosts] of postsPerCall) {
      // At most one POST of a call reached the route; every earlier one was refused with 429 (the server did nothing).
      expect(callPosts.filter((a) => a.status === 200).length, `call ${call}`).toBeLessThanOrEqual(1);
      expect(
        callPosts.slice(0, -1).every((a) => a.status === 429),
        `call ${call} repeated a POST after ${callPosts.map((a) => a.status)}`,
      ).toBe(true);
    }
    expect(postsPerCall.size).toBe(CALLS); // every call submitted (no input was refused)
    const generationJobs = jobs.filter((job) => job.jobType !== 'upload');
    const creatingIds = creating.map((a) => a.jobId);
    expect(counters.jobsCreated).toBe(creating.length);
    expect(generationJobs).toHaveLength(counters.jobsCreated);
    expect(new Set(creatingIds).size).toBe(creating.length); // no two POSTs answered with the same job
    expect(new Set(creatingIds)).toEqual(new Set(generationJobs.map((job) => job.jobId)));
    // The emulator's own log agrees with the spy: as many POSTs received, as many that ran.
    const loggedPosts = requestLog.filter((e) => e.method === 'POST' && e.route.startsWith('/generate/'));
    expect(loggedPosts).toHaveLength(posts.length);
    expect(loggedPosts.filter((e) => e.status === 200)).toHaveLength(counters.jobsCreated);
    // Every successful run is a distinct job.
    const okIds = outcomes.flatMap((o) => (o.ok ? [o.jobId] : []));
    expect(new Set(okIds).size).toBe(okIds.length);

    // ---- No unhandled rejection; nothing left running.
    expect(unhandled).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const resourcesAfter = activeResources();
    for (const kind of ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPWrap', 'FSReqCallback']) {
      expect(resourcesAfter[kind] ?? 0, `${kind} left`).toBeLessThanOrEqual(resourcesBefore[kind] ?? 0);
    }

    // The faults really happened.
    for (const kind of ['rateLimit', 'unavailable', 'connectionReset', 'malformedJson', 'jobFailure'] as const) {
      expect(counters.faults[kind] ?? 0, kind).toBeGreaterThan(0);
    }

    const requests = Object.entries(counters.requests).sort();
    return [
      ...[...byKind].sort().map(([kind, count]) => [`calls: ${kind}`, String(count)]),
      ...Object.entries(counters.faults)
        .sort()
        .map(([kind, count]) => [`faults: ${kind}`, String(count)]),
      ...requests.map(([route, count]) => [`requests: ${route}`, String(count)]),
      ['requests: total', String(requests.reduce((sum, [, count]) => sum + count, 0))],
      ['errors after a job existed (all carry jobId)', String(errorsAfterAJob)],
      ['POST /generate/* sent', String(posts.length)],
      ['POST /generate/* that created a job', String(creating.length)],
      ['jobsCreated (emulator)', String(counters.jobsCreated)],
      ['distinct job ids answered', String(new Set(creatingIds).size)],
      ['retries (SDK warnings)', String(retryWarnings)],
      ['active resources before', JSON.stringify(resourcesBefore)],
      ['active resources after', JSON.stringify(resourcesAfter)],
    ];
  }

  // ---- Memory: once the emulator's store is dropped, the heap is back where it was after 50 calls.
  emu().reset();
  emulator = undefined;
  client = undefined;
  attempts.length = 0;
  outcomes.fill(undefined as unknown as Outcome);
  heap.afterReset = heapAfterGc();
  const perCallFirst = (heap.half - heap.at50) / (CALLS / 2 - 50);
  const perCallSecond = (heap.end - heap.half) / (CALLS / 2);

  // ---- The counts.
  const table = [
    ['duration', `${(duration / 1000).toFixed(1)} s (${CALLS} calls, concurrency ${CONCURRENCY})`],
    ...rows,
    ['heap after GC: start', mb(heap.start)],
    ['heap after GC: after 50 calls', mb(heap.at50)],
    ['heap after GC: after 250 calls', mb(heap.half)],
    ['heap after GC: after 500 calls', mb(heap.end)],
    ['heap after GC: emulator store and test logs dropped', mb(heap.afterReset)],
    ['heap growth per call, calls 50–250', kb(perCallFirst)],
    ['heap growth per call, calls 250–500', kb(perCallSecond)],
  ];
  const width = Math.max(...table.map(([label]) => (label as string).length));
  console.log(
    `\nSoak results\n${table.map(([label, value]) => `  ${(label as string).padEnd(width)}  ${value}`).join('\n')}\n`,
  );

  expect(heap.afterReset - heap.at50).toBeLessThan(1024 * 1024);
  expect(perCallSecond).toBeLessThan(Math.max(perCallFirst * 2, 16 * 1024));
  expect(duration).toBeLessThan(180_000);
});

/** The error's class, with a `JobError`'s cause: `JobError(InternalServerError 503)`. */
function kindOf(error: unknown): string {
  const name = (value: unknown) =>
    value instanceof APIError
      ? `${value.constructor.name} ${value.status}`
      : ((value as Error)?.constructor?.name ?? typeof value);
  if (error instanceof JobError && error.constructor === JobError) return `JobError(${name(error.cause)})`;
  return name(error);
}

/** Whether a failed call failed the way the faults can make it, and kept what the caller needs to find paid work. */
function isExpected(error: unknown, call: number, attempts: Attempt[]): boolean {
  if (!isScenarioError(error)) return false;
  const posts = attempts.filter((a) => a.call === call && a.method === 'POST' && a.path.startsWith('/generate/'));
  const last = posts.at(-1);
  // Submission refused before the server did anything: a 503 (not retried: the SDK cannot know no job was made), or 429 three times.
  if (error instanceof InternalServerError) return error.status === 503 && last?.status === 503;
  if (error instanceof RateLimitError) return posts.length === 3 && posts.every((a) => a.status === 429);
  // The submission's answer was garbled: the job exists and was not resubmitted; the error names it and says it is billed.
  if (error instanceof ResponseValidationError) {
    return (
      last?.status === 200 &&
      last.jobId !== undefined &&
      error.jobId === last.jobId &&
      /keeps running on the server and is billed/.test(error.message)
    );
  }
  if (error instanceof JobFailedError) return error.jobId === last?.jobId && /emulated fault/.test(error.message);
  // Polling or fetching outputs failed after the retries: the job id is kept.
  if (error instanceof JobError && error.constructor === JobError) {
    const cause = error.cause;
    const transient =
      (cause instanceof APIError && [429, 503].includes(cause.status)) ||
      cause instanceof APIConnectionError ||
      cause instanceof ResponseValidationError;
    return transient && error.jobId === last?.jobId;
  }
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
}

function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
