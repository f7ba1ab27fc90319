/**
 * Job-waiting benchmark: polls and lag of the adaptive schedule beside a fixed 3 s poller, on
 * simulated jobs in virtual time (so it runs in milliseconds and gives the same numbers every run).
 *
 * Lag is the time from the server finishing the job to `waitForJob` resolving.
 * Run: `npm run bench` (esbuild bundles this file for Node; see the end of the file).
 */
import type { Clock } from '../src/core/clock.js';
import { abortError } from '../src/core/sleep.js';
import { type WaitOptions, waitForJob } from '../src/core/wait-for-job.js';
import type { Job } from '../src/resources/jobs.js';

/**
 * Virtual time that advances by itself: whenever every pending promise has settled, it jumps to
 * the earliest pending `sleep` and resolves it. Concurrent sleeps (a poll delay beside the
 * timeout timer) fire in time order.
 */
export class SimClock implements Clock {
  #now = 0;
  #sequence = 0;
  #timers: SimTimer[] = [];
  #ticking = false;

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const timer = {
        at: this.#now + Math.max(0, ms),
        sequence: this.#sequence++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#timers = this.#timers.filter((pending) => pending !== timer);
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#tick();
    });
  }

  /** Sleeps not yet resolved or aborted: a settled wait must leave none. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  // setImmediate runs after all microtasks, i.e. once the code under test is idle.
  #tick(): void {
    if (this.#ticking) return;
    this.#ticking = true;
    setImmediate(() => {
      this.#ticking = false;
      const next = this.#timers.reduce<SimTimer | undefined>(
        (earliest, timer) =>
          !earliest || timer.at < earliest.at || (timer.at === earliest.at && timer.sequence < earliest.sequence)
            ? timer
            : earliest,
        undefined,
      );
      if (!next) return;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = next.at;
      next.fire();
      if (this.#timers.length > 0) this.#tick();
    });
  }
}

interface SimTimer {
  at: number;
  sequence: number;
  fire: () => void;
}

/** When each phase of a simulated job ends, in ms after submission. */
export interface JobTimeline {
  queuedUntil: number;
  warmingUpUntil: number;
  inProgressUntil: number;
  /** The job succeeds here: the end of `finalizing`. */
  finishedAt: number;
}

/**
 * The real status sequence of a job lasting `durationMs` in all: queued ~2 s, warming-up ~3 s,
 * in-progress with steady progress, finalizing ~1 s, success. `random` (0–1) jitters the phases
 * and the duration (±5 %).
 */
export function jobTimeline(durationMs: number, random: () => number): JobTimeline {
  const total = durationMs * (0.95 + 0.1 * random());
  const queued = 1500 + 1000 * random();
  const warmingUp = 2000 + 2000 * random();
  const finalizing = 700 + 600 * random();
  const inProgress = Math.max(1000, total - queued - warmingUp - finalizing);
  return {
    queuedUntil: queued,
    warmingUpUntil: queued + warmingUp,
    inProgressUntil: queued + warmingUp + inProgress,
    finishedAt: queued + warmingUp + inProgress + finalizing,
  };
}

/** The job as `GET /jobs/{id}` shows it `t` ms after submission; progress is floored to 1 %, as a server would round it. */
export function jobAt(timeline: JobTimeline, t: number): Job {
  const { queuedUntil, warmingUpUntil, inProgressUntil, finishedAt } = timeline;
  const [status, progress] =
    t < queuedUntil
      ? ['queued', 0]
      : t < warmingUpUntil
        ? ['warming-up', 0]
        : t < inProgressUntil
          ? ['in-progress', Math.floor((100 * (t - warmingUpUntil)) / (inProgressUntil - warmingUpUntil)) / 100]
          : t < finishedAt
            ? ['finalizing', 1]
            : ['success', 1];
  const date = new Date(t).toISOString();
  return {
    jobId: 'job_sim',
    jobType: 'flux',
    status,
    progress,
    statusHistory: [],
    metadata: status === 'success' ? { assetIds: ['asset_sim'] } : {},
    createdAt: new Date(0).toISOString(),
    updatedAt: date,
  };
}

/** A simulated server holding one job: `getJob` takes `latencyMs` round trip and counts its calls. */
export function simulatedServer(timeline: JobTimeline, clock: Clock, latencyMs = 100) {
  const server = {
    polls: 0,
    async getJob(_jobId: string, signal: AbortSignal): Promise<Job> {
      server.polls++;
      await clock.sleep(latencyMs / 2, signal);
      const job = jobAt(timeline, clock.now());
      await clock.sleep(latencyMs / 2, signal);
      return job;
    },
    cancelJob: async () => undefined,
  };
  return server;
}

/** Deterministic 0–1 random numbers (mulberry32), so every run measures the same jobs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls made and lag (ms) of one wait. */
export interface WaitMeasure {
  polls: number;
  lagMs: number;
}

/** Submits one simulated job at virtual time 0 and waits for it the way `run()` does: from the create response. */
export async function measureWait(durationMs: number, seed: number, options: WaitOptions = {}): Promise<WaitMeasure> {
  const clock = new SimClock();
  const timeline = jobTimeline(durationMs, seededRandom(seed));
  const server = simulatedServer(timeline, clock);
  await waitForJob(jobAt(timeline, 0), { ...server, clock }, { timeout: 3_600_000, ...options });
  return { polls: server.polls, lagMs: clock.now() - timeline.finishedAt };
}

/** Mean polls and lag over `seeds` jittered jobs of `durationMs`. */
export async function meanWait(durationMs: number, seeds: number, options: WaitOptions = {}): Promise<WaitMeasure> {
  let polls = 0;
  let lagMs = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const measure = await measureWait(durationMs, seed, options);
    polls += measure.polls;
    lagMs += measure.lagMs;
  }
  return { polls: polls / seeds, lagMs: lagMs / seeds };
}

async function main(): Promise<void> {
  const seeds = 20;
  const rows: string[][] = [['job', 'adaptive polls', 'adaptive lag', 'fixed 3 s polls', 'fixed 3 s lag']];
  for (const seconds of [10, 120, 600]) {
    const adaptive = await meanWait(seconds * 1000, seeds);
    const fixed = await meanWait(seconds * 1000, seeds, { pollInterval: 3000 });
    rows.push([
      `${seconds} s`,
      adaptive.polls.toFixed(1),
      `${(adaptive.lagMs / 1000).toFixed(2)} s`,
      fixed.polls.toFixed(1),
      `${(fixed.lagMs / 1000).toFixed(2)} s`,
    ]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  console.log(`Mean over ${seeds} jittered jobs each, 100 ms round trip, virtual time.\n`);
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
}

// Prints only when run as a script, not when a test imports the simulation.
if (import.meta.main) await main();
