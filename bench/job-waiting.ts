/**
 * Job waiting: polls and lag of `jobs.wait()` for 10 s, 120 s and 600 s
 * jobs, adaptive beside a fixed 3 s poller (`pollInterval: 3000`). Runs the real SDK (client,
 * transport, `Jobs.wait`) against the emulator on its `VirtualClock` with `autoAdvance`, so a
 * 10-minute job takes milliseconds and every run gives the same numbers.
 *
 * Lag is virtual time from the job's finish on the emulator's timeline (its `success` entry in
 * `statusHistory`) to `wait()` resolving with the outputs. Each size is measured on several jobs
 * whose duration is jittered by ±5 % (seeded), so the result does not hinge on how one duration
 * happens to line up with the poll schedule. The emulator answers in zero virtual time, so there
 * is no network round trip in these numbers.
 *
 * Goal for a 120 s job: ≤ 20 polls and mean lag ≤ 0.5 s.
 */
import { Scenario, transportOf } from '../src/client.js';
import type { RunOptions } from '../src/core/options.js';
import { assetFetcher } from '../src/resources/assets.js';
import { Jobs, jobWaiter } from '../src/resources/jobs.js';
import { createEmulator, VirtualClock } from '../src/testing/index.js';
import { type BenchRow, countPolls, publish, referenceImage } from './_harness.js';

/** Polls made and lag (ms) of one wait. */
export interface WaitMeasure {
  polls: number;
  lagMs: number;
}

const SIZES_S = [10, 120, 600];
const JOBS_PER_SIZE = 10;
const GOAL = { seconds: 120, polls: 20, lagMs: 500 };

/**
 * Submits one img2img job lasting `durationMs` (virtual) on a fresh emulator and waits for it the
 * way `run()` does, from the create response, through `Jobs.wait` on the emulator's clock.
 */
export async function measureWait(durationMs: number, options: RunOptions = {}): Promise<WaitMeasure> {
  const clock = new VirtualClock({ autoAdvance: true });
  const emulator = createEmulator({ clock, jobDurations: { flux: durationMs } });
  const client = new Scenario({ fetch: emulator.fetch, baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret' });
  const transport = transportOf(client);
  const jobs = new Jobs(transport, jobWaiter(transport, assetFetcher(transport), clock));
  const generation = await client.img2img.create({
    modelId: 'flux.1-dev',
    prompt: 'a knight',
    image: await referenceImage(),
    width: 64,
    height: 64,
  });
  const pollsBefore = countPolls(emulator.state.requests);
  const { job } = await jobs.wait(generation.job, { waitTimeout: Number.POSITIVE_INFINITY, ...options });
  const resolvedAt = clock.now();
  const polls = countPolls(emulator.state.requests) - pollsBefore;
  const finished = job.statusHistory.find((entry) => entry.status === 'success');
  if (job.status !== 'success' || !finished) throw new Error(`job ${job.jobId} ended ${job.status}`);
  return { polls, lagMs: resolvedAt - Date.parse(finished.date) };
}

/** Mean polls and lag over `count` jobs of `durationMs` ± 5 % (the same durations every run). */
export async function meanWait(durationMs: number, count: number, options: RunOptions = {}): Promise<WaitMeasure> {
  const random = seededRandom(durationMs);
  let polls = 0;
  let lagMs = 0;
  for (let i = 0; i < count; i++) {
    const measure = await measureWait(Math.round(durationMs * (0.95 + 0.1 * random())), options);
    polls += measure.polls;
    lagMs += measure.lagMs;
  }
  return { polls: polls / count, lagMs: lagMs / count };
}

/** Deterministic 0–1 numbers (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  for (const size of SIZES_S) {
    const adaptive = await meanWait(size * 1000, JOBS_PER_SIZE);
    const fixed = await meanWait(size * 1000, JOBS_PER_SIZE, { pollInterval: 3000 });
    const graded = size === GOAL.seconds;
    const bench = 'job waiting';
    rows.push(
      {
        bench,
        measure: `${size} s job: polls, adaptive (fixed 3 s)`,
        value: `${adaptive.polls.toFixed(1)} (${fixed.polls.toFixed(1)})`,
        goal: graded ? `≤ ${GOAL.polls}` : '',
        ok: graded ? adaptive.polls <= GOAL.polls : undefined,
      },
      {
        bench,
        measure: `${size} s job: mean lag, adaptive (fixed 3 s)`,
        value: `${seconds(adaptive.lagMs)} (${seconds(fixed.lagMs)})`,
        goal: graded ? `≤ ${seconds(GOAL.lagMs)}` : '',
        ok: graded ? adaptive.lagMs <= GOAL.lagMs : undefined,
        note:
          size === SIZES_S[0]
            ? `mean of ${JOBS_PER_SIZE} jobs per size, durations jittered ±5 %, emulator on a VirtualClock (autoAdvance), zero-latency answers`
            : undefined,
      },
    );
  }
  return rows;
}

if (import.meta.main) publish(await run());
