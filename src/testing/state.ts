import { type Asset, AssetSchema } from '../schemas/asset.js';
import { type Job, JobSchema } from '../schemas/job.js';
import type { Upload } from '../schemas/upload.js';
import { assetView } from './asset-view.js';
import type { EmulatorContext } from './context.js';
import { jobView, settle } from './job-lifecycle.js';
import { type EmulatorCounters, type RequestLogEntry, Store } from './store.js';
import { uploadView } from './upload-lifecycle.js';

/** Body fields one request sent that Scenario's swagger does not list, and the emulator ignored. */
export interface IgnoredFields {
  /** HTTP method. */
  method: string;
  /** Route pattern, e.g. `/generate/txt2img`. */
  route: string;
  /** The fields, nested ones as dotted paths (`assetOptions.foo`). */
  fields: readonly string[];
}

/** What tests can inspect. Reads always reflect the current state (after `reset()` too). */
export interface EmulatorState {
  /** Requests per route, injected faults, jobs/assets/uploads created. */
  readonly counters: EmulatorCounters;
  /** Every request received, in order. */
  readonly requests: readonly RequestLogEntry[];
  /**
   * Requests that sent body fields the swagger does not list, which the emulator ignored as the
   * real API does (`strict: true` refuses them instead). Empty when every field was known:
   * `expect(emulator.state.ignoredFields).toEqual([])` catches a typo in your own requests.
   */
  readonly ignoredFields: readonly IgnoredFields[];
  /** All jobs as `GET /jobs/{id}` would answer now, oldest first. */
  jobs(): Promise<Job[]>;
  /** All assets (hidden ones included), oldest first. */
  assets(): Promise<Asset[]>;
  /** All uploads, oldest first. */
  uploads(): Promise<Upload[]>;
}

/** The live view of what the emulator holds: `emulator.state`, and the admin endpoints over HTTP. */
export function createState(context: EmulatorContext): EmulatorState {
  const settled = async () => {
    await settle(context);
    return context.store;
  };
  return {
    get counters() {
      return context.store.counters;
    },
    get requests() {
      return context.store.requestLog;
    },
    get ignoredFields() {
      return context.store.requestLog.flatMap(({ method, route, ignoredFields }) =>
        ignoredFields ? [{ method, route, fields: ignoredFields }] : [],
      );
    },
    // Parsed as the SDK reads them: a test sees what a client would (nulls read as absent).
    jobs: async () => [...(await settled()).jobs.values()].map((job) => JobSchema.parse(jobView(context, job))),
    assets: async () =>
      [...(await settled()).assets.values()].map((asset) => AssetSchema.parse(assetView(context, asset))),
    uploads: async () => [...(await settled()).uploads.values()].map((upload) => uploadView(context, upload)),
  };
}

/** Forgets every asset, upload, job, counter and log entry; restarts the seeded streams. Options stay. */
export function resetState(context: EmulatorContext): void {
  context.store = new Store(context.options.seed);
}
