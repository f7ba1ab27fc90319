import { decodeBase64 } from '../core/base64.js';
import { type CatalogModel, catalogModel, SEEDED_MODELS } from './model-catalog.js';
import type { AllowList } from './options.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { hashSeed } from './rng.js';
import { UrlSigner } from './signing.js';
import { type AssetRecord, type RequestLogEntry, Store } from './store.js';

/** What every route reads: options, the current store, the model catalog, URL signing. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  /** Replaced by `reset()`: read it at call time, never keep it. */
  store: Store;
  readonly models: ReadonlyMap<string, CatalogModel>;
  /** Public assets of other organisations, as `GET /assets/public` lists them. Never change. */
  readonly publicAssets: ReadonlyMap<string, AssetRecord>;
  readonly signer: UrlSigner;
  /** Public roots of the API and of signed URLs; the HTTP server sets them once it knows its port. */
  urls: { api: string; cdn: string };
  /** Set by the HTTP server: the `Host` names it answers (see `access.ts`); in-process forms have none. */
  http?: { allowHosts: AllowList };
}

export function createContext(options: EmulatorOptions): EmulatorContext {
  const resolved = resolveOptions(options);
  const models = [...SEEDED_MODELS, ...resolved.models.map(catalogModel)];
  return {
    options: resolved,
    store: new Store(resolved.seed),
    models: new Map(models.map((model) => [model.wire.id, model])),
    publicAssets: new Map(showcaseAssets(models).map((asset) => [asset.id, asset])),
    signer: new UrlSigner(`emulator-${hashSeed(resolved.seed, 'signing')}`),
    urls: { api: resolved.baseUrl, cdn: resolved.cdnUrl },
  };
}

/** The author of everything the emulator creates (the API key's user). */
export const AUTHOR_ID = 'user_emulator';
/** Owner of the public models and public assets (Scenario's own organisation). */
export const PUBLIC_OWNER = 'proj_scenario';
/** Date of everything seeded (models, public assets), so listings are stable. */
export const SEEDED_AT = Date.parse('2025-06-01T00:00:00.000Z');

/** The clock's time as an ISO string. */
export const isoDate = (ms: number) => new Date(ms).toISOString();

/** Hono environment: `owner` is the project things belong to; `request` the log entry of this request. */
export interface AppEnv {
  Variables: { owner: string; request: RequestLogEntry };
}

/** An 8×8 gradient PNG: the bytes of every showcase asset (they are listed, rarely looked at). */
const SHOWCASE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAmElEQVQI1w3JIQEEMAgAwI/zIRCLgFwAAky8mJxEEACJWIAJBIIAyEX6nb3PF6pBdjgDNoMaSMC68Pt8sRpmxzNwM6qhBK6LL6gaZaczaDOpkQStSy9mtZl9njE3T7UpMdedL6SaZJczZLOoiYSsKy+smmW3M2yzqZmErWsvvJpn9zN8s6u5hK/rL6paZa8zanOplUStW78/dvNnAa/nJYIAAAAASUVORK5CYII=';

/** One public example image per public model, as the public gallery shows them. */
function showcaseAssets(models: readonly CatalogModel[]): AssetRecord[] {
  const bytes = decodeBase64(SHOWCASE_PNG) as Uint8Array;
  return models
    .filter((model) => model.wire.privacy === 'public')
    .map((model) => ({
      id: `asset_showcase-${model.wire.id.replace(/^model_/, '').replace(/\W+/g, '-')}`,
      ownerId: PUBLIC_OWNER,
      authorId: 'user_scenario',
      bytes,
      mimeType: 'image/png',
      kind: 'image',
      width: 8,
      height: 8,
      type: 'inference-txt2img',
      metadata: { modelId: model.wire.id, prompt: `an example made with ${model.wire.name}` },
      createdAt: SEEDED_AT,
      hidden: false,
      privacy: 'public',
      collectionIds: [],
    }));
}
