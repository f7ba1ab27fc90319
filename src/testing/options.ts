import { DEFAULT_BASE_URL } from '../core/base-url.js';
import type { Clock } from '../core/clock.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { systemClock } from './system-clock.js';

/** Options of `createEmulator` (and `startEmulator`, the bin). Every field is optional. */
export interface EmulatorOptions {
  /** API root the fetch and msw forms answer. Default `https://api.cloud.scenario.com/v1`. */
  baseUrl?: string;
  /** Root of the signed asset and upload-part URLs (a separate host, like the real CDN). Default `https://cdn.cloud.scenario.com/emulator`. */
  cdnUrl?: string;
  /** With `apiSecret`: the only Basic credentials accepted. Default: any non-empty pair. */
  apiKey?: string;
  /** See `apiKey`. */
  apiSecret?: string;
  /** The only Bearer token accepted. Default: any non-empty token, unless `apiKey`/`apiSecret` are set (then Bearer is refused). */
  token?: string;
  /** Owner (`ownerId`) of what is created without `?projectId=`. Default `proj_emulator`. */
  projectId?: string;
  /** Seed of ids, image outputs and fault draws. Default `1`. */
  seed?: number | string;
  /** Job time. Must count ms since the epoch (it dates everything). Default: the system clock; pass a `VirtualClock` to run a 2-minute job in milliseconds. */
  clock?: Clock;
  /** Job duration in ms per `jobType` (`inference`, `flux`, `custom`, `detection`, `remove-background`, `upscale`, `upload`); see {@link DEFAULT_JOB_DURATIONS}. */
  jobDurations?: Partial<Record<string, number>>;
  /** Unfinished generation jobs a project may have before `POST /generate/*` answers 429. Default `5`. */
  parallelJobs?: number;
  /** Plan batch-size cap on `numSamples`/`numOutputs`. Default `8`. */
  maxSamples?: number;
  /** Added to every answer, in real ms: a fixed delay, or `[min, max]` drawn per request. Default `0`. */
  latency?: number | readonly [number, number];
  /** Fault rates; see {@link FaultOptions}. Default: none. */
  faults?: FaultOptions;
}

/** Job durations (ms) used unless `jobDurations` overrides them: a few seconds, like quick real jobs. */
export const DEFAULT_JOB_DURATIONS: Readonly<Record<string, number>> = {
  inference: 8000,
  flux: 10_000,
  custom: 10_000,
  detection: 3000,
  'remove-background': 3000,
  upscale: 6000,
  upload: 1000,
};

/** Options with defaults applied, checked once at the edge. */
export interface ResolvedOptions {
  baseUrl: string;
  cdnUrl: string;
  credentials: { apiKey?: string; apiSecret?: string; token?: string };
  projectId: string;
  seed: number | string;
  clock: Clock;
  jobDurations: Record<string, number>;
  parallelJobs: number;
  maxSamples: number;
  latency: readonly [number, number];
  faults: FaultInjector;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const { apiKey, apiSecret, token } = options;
  if ((apiKey === undefined) !== (apiSecret === undefined))
    throw new TypeError('Pass both apiKey and apiSecret, or neither');
  const latency = options.latency ?? 0;
  return {
    baseUrl: trimSlash(options.baseUrl ?? DEFAULT_BASE_URL),
    cdnUrl: trimSlash(options.cdnUrl ?? 'https://cdn.cloud.scenario.com/emulator'),
    credentials: { apiKey, apiSecret, token },
    projectId: options.projectId ?? 'proj_emulator',
    seed: options.seed ?? 1,
    clock: options.clock ?? systemClock,
    jobDurations: { ...DEFAULT_JOB_DURATIONS, ...definedOnly(options.jobDurations ?? {}) },
    parallelJobs: options.parallelJobs ?? 5,
    maxSamples: options.maxSamples ?? 8,
    latency: typeof latency === 'number' ? [latency, latency] : latency,
    faults: new FaultInjector(options.faults),
  };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function definedOnly(record: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}
