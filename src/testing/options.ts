import { DEFAULT_BASE_URL } from '../core/base-url.js';
import type { Clock } from '../core/clock.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import type { EmulatorModel } from './model-catalog.js';
import { systemClock } from './system-clock.js';
import type { UploadUrlPolicy } from './url-fetch.js';

/**
 * Job durations (ms) used unless `jobDurations` overrides them: a few seconds, like quick real
 * jobs. `repaint` is generative fill's job type. The language routes (caption, describe-style,
 * prompt, translate, embed) answer at once: their jobs take no time.
 */
export const DEFAULT_JOB_DURATIONS = {
  inference: 8000,
  flux: 10_000,
  custom: 10_000,
  detection: 3000,
  'remove-background': 3000,
  upscale: 6000,
  texture: 6000,
  'skybox-base-360': 12_000,
  'skybox-upscale-360': 8000,
  pixelate: 3000,
  vectorize: 3000,
  reframe: 8000,
  restyle: 8000,
  segment: 3000,
  repaint: 6000,
  'image-prompt-editing': 8000,
  'patch-image': 1000,
  upload: 1000,
  'assets-download': 2000,
  'model-training': 60_000,
} as const satisfies Record<string, number>;

/** A `jobType` whose duration the emulator lets you set: SD (`inference`) and Flux generations (the `-texture` routes too), custom models, tools, uploads, archives, trainings. */
export type JobDurationKey = keyof typeof DEFAULT_JOB_DURATIONS;
/** The job types {@link JobDurationKey} lists, for checks at run time. */
export const JOB_DURATION_KEYS = Object.keys(DEFAULT_JOB_DURATIONS) as JobDurationKey[];

/** Origins or host names to allow beside the loopback ones, or `'*'` for any. */
export type AllowList = '*' | readonly string[];

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
  /** The project API keys belong to (naming another with `?projectId=` is a 403), and a bearer token's default project. Default `proj_emulator`. */
  projectId?: string;
  /** Seed of ids, image outputs and fault draws. Default `1`. */
  seed?: number | string;
  /** Job time. Must count ms since the epoch (it dates everything). Default: the system clock; pass a `VirtualClock` to run a 2-minute job in milliseconds. */
  clock?: Clock;
  /** Job duration in ms per job type; see {@link DEFAULT_JOB_DURATIONS}. A key outside {@link JobDurationKey} is a type error (and a `TypeError` at run time). */
  jobDurations?: Partial<Record<JobDurationKey, number>>;
  /** Unfinished generation jobs a project may have before `POST /generate/*` answers 429. Default `5`. */
  parallelJobs?: number;
  /** Trainings a project may run at once before `PUT /models/{id}/train` answers 429 (`parallel-training`). Default `2`. */
  parallelTrainings?: number;
  /** Plan batch-size cap on `numSamples`/`numOutputs`. Default `8`. */
  maxSamples?: number;
  /** Added to every answer, in real ms: a fixed delay, or `[min, max]` drawn per request. Default `0`. */
  latency?: number | readonly [number, number];
  /** Fault rates; see {@link FaultOptions}. Default: none. */
  faults?: FaultOptions;
  /**
   * Refuse request fields Scenario's swagger does not list (400 naming them) instead of ignoring
   * them as the real API does. Default `false`: they are accepted, listed in
   * `emulator.state.ignoredFields` and in the `x-scenario-emulator-ignored-fields` response header.
   */
  strict?: boolean;
  /** Models added to the seeded catalog (same id: replaces the seeded one); see {@link EmulatorModel}. */
  models?: readonly EmulatorModel[];
  /** How `POST /uploads {url}` downloads a URL that is not the emulator's own. Default: the global `fetch`, looked up at call time (so msw can answer it). */
  fetch?: typeof fetch;
  /**
   * Which URLs `POST /uploads {url}` downloads (besides the emulator's own signed URLs). Default
   * `'public'`: http(s) URLs whose host resolves to public addresses only, checked again at each
   * redirect, so a caller cannot make the emulator read loopback, private or link-local addresses
   * (a cloud's metadata service) for it. `'any'`: every http(s) URL, for a test that serves its
   * images on localhost or answers made-up host names with msw or the `fetch` option.
   */
  uploadUrls?: UploadUrlPolicy;
  /**
   * Browser origins, besides loopback ones (`http://localhost:5173`, any port), whose pages may
   * call the emulator (CORS; over HTTP, other origins are refused with 403): exact origins such
   * as `'http://192.168.1.20:5173'`, or `'*'` for any page. Default: loopback origins only, so a
   * web page elsewhere cannot drive an emulator running on a developer's machine.
   */
  allowOrigins?: AllowList;
}

/** Options with defaults applied, checked once at the edge. */
export interface ResolvedOptions {
  baseUrl: string;
  cdnUrl: string;
  credentials: { apiKey?: string; apiSecret?: string; token?: string };
  projectId: string;
  seed: number | string;
  clock: Clock;
  jobDurations: Record<JobDurationKey, number>;
  parallelJobs: number;
  parallelTrainings: number;
  maxSamples: number;
  latency: readonly [number, number];
  faults: FaultInjector;
  strict: boolean;
  models: readonly EmulatorModel[];
  fetch: typeof fetch;
  uploadUrls: UploadUrlPolicy;
  allowOrigins: AllowList;
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
    jobDurations: { ...DEFAULT_JOB_DURATIONS, ...checkedDurations(options.jobDurations ?? {}) },
    parallelJobs: options.parallelJobs ?? 5,
    parallelTrainings: options.parallelTrainings ?? 2,
    maxSamples: options.maxSamples ?? 8,
    latency: typeof latency === 'number' ? [latency, latency] : latency,
    faults: new FaultInjector(options.faults),
    strict: options.strict ?? false,
    models: options.models ?? [],
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    uploadUrls: checkedUploadUrls(options.uploadUrls ?? 'public'),
    allowOrigins: checkedOrigins(options.allowOrigins ?? []),
  };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Each origin as `scheme://host[:port]`, or `'*'`; anything else (a path, a bare name) is a `TypeError`. */
function checkedOrigins(origins: AllowList): AllowList {
  if (origins === '*') return origins;
  for (const origin of origins) {
    if (URL.parse(origin)?.origin !== origin.replace(/\/$/, '')) {
      throw new TypeError(`allowOrigins: "${origin}" is not an origin such as http://192.168.1.20:5173 (or '*')`);
    }
  }
  return origins;
}

function checkedUploadUrls(policy: string): UploadUrlPolicy {
  if (policy !== 'public' && policy !== 'any')
    throw new TypeError(`uploadUrls must be 'public' or 'any', got "${policy}"`);
  return policy;
}

/** The given durations without `undefined` ones; an unknown job type or a negative duration is a `TypeError`. */
function checkedDurations(durations: Partial<Record<string, number>>): Partial<Record<JobDurationKey, number>> {
  const checked: Partial<Record<JobDurationKey, number>> = {};
  for (const [key, ms] of Object.entries(durations)) {
    if (ms === undefined) continue;
    if (!(JOB_DURATION_KEYS as string[]).includes(key)) {
      throw new TypeError(`jobDurations: unknown job type "${key}" (known: ${JOB_DURATION_KEYS.join(', ')})`);
    }
    if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`jobDurations.${key} must be a duration in ms ≥ 0`);
    checked[key as JobDurationKey] = ms;
  }
  return checked;
}
