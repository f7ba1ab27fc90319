import { type CatalogModel, SEEDED_MODELS } from './model-catalog.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { hashSeed } from './rng.js';
import { UrlSigner } from './signing.js';
import { Store } from './store.js';

/** What every route reads: options, the current store, the model catalog, URL signing. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  /** Replaced by `reset()`: read it at call time, never keep it. */
  store: Store;
  readonly models: ReadonlyMap<string, CatalogModel>;
  readonly signer: UrlSigner;
  /** Public roots of the API and of signed URLs; the HTTP server sets them once it knows its port. */
  urls: { api: string; cdn: string };
}

export function createContext(options: EmulatorOptions): EmulatorContext {
  const resolved = resolveOptions(options);
  return {
    options: resolved,
    store: new Store(resolved.seed),
    models: new Map(SEEDED_MODELS.map((model) => [model.wire.id, model])),
    signer: new UrlSigner(`emulator-${hashSeed(resolved.seed, 'signing')}`),
    urls: { api: resolved.baseUrl, cdn: resolved.cdnUrl },
  };
}

/** The author of everything the emulator creates (the API key's user). */
export const AUTHOR_ID = 'user_emulator';

/** The clock's time as an ISO string. */
export const isoDate = (ms: number) => new Date(ms).toISOString();

/** Hono environment of the API routes: `owner` is the project (`?projectId=` or the default) things belong to. */
export interface AppEnv {
  Variables: { owner: string };
}
