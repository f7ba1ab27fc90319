import type { Job } from '../schemas/job.js';
import type { FaultKind } from './faults.js';
import type { RenderedImage } from './images/rendered.js';
import type { ModelRecord } from './model-record.js';
import { createRng, hashSeed, type Rng } from './rng.js';

/** What a job looks like at one moment: the part of its view that changes over time. */
export interface JobState {
  status: string;
  progress: number;
  history: { status: string; at: number }[];
  metadata: Job['metadata'];
}

/** A stored image asset: its bytes and what `GET /assets/{id}` reports about it. */
export interface AssetRecord {
  id: string;
  /** Set with `PUT /assets/{id}`; a training image's description is its caption. */
  description?: string;
  ownerId: string;
  authorId: string;
  bytes: Uint8Array;
  mimeType: string;
  /** `image`, or `json` for a canvas. */
  kind: 'image' | 'json';
  /** Set for images. */
  width?: number;
  height?: number;
  /** `metadata.type` and `source`: `uploaded`, `inference-img2img`, `detection`, … */
  type: string;
  /** Echoed generation inputs and lineage, merged into `metadata`. */
  metadata: Record<string, unknown>;
  createdAt: number;
  hidden: boolean;
  /** `public` for the seeded showcase assets only: nothing the API creates is public. */
  privacy: 'private' | 'public';
  collectionIds: string[];
  outputIndex?: number;
  /** A canvas's thumbnail image. */
  thumbnailId?: string;
}

/** What an uploaded asset (`POST /assets`, a multipart upload, a data-URL input) is made of, besides its content. */
export interface UploadedAssetFields {
  ownerId: string;
  authorId: string;
  createdAt: number;
  /** `metadata.name`; data-URL inputs have none. */
  name?: string;
  parentId?: string | undefined;
  hide?: boolean | undefined;
  collectionIds?: string[] | undefined;
}

/** The record of an uploaded image asset, with a new id; the caller stores it (`store.addAsset`). */
export function uploadedAsset(store: Store, fields: UploadedAssetFields & { image: RenderedImage }): AssetRecord {
  const { bytes, mimeType, width, height } = fields.image;
  return { ...uploaded(store, fields), bytes, mimeType, kind: 'image', width, height, type: 'uploaded' };
}

/** The record of an uploaded canvas (its JSON text), with a new id and its thumbnail's. */
export function canvasAsset(
  store: Store,
  fields: UploadedAssetFields & { canvas: string; thumbnailId?: string | undefined },
): AssetRecord {
  const bytes = new TextEncoder().encode(fields.canvas);
  const thumbnail = fields.thumbnailId ? { thumbnailId: fields.thumbnailId } : {};
  return {
    ...uploaded(store, fields),
    bytes,
    mimeType: 'application/json',
    kind: 'json',
    type: 'canvas',
    ...thumbnail,
  };
}

function uploaded(store: Store, fields: UploadedAssetFields) {
  const { name, parentId } = fields;
  return {
    id: store.id('asset'),
    ownerId: fields.ownerId,
    authorId: fields.authorId,
    metadata: { ...(name === undefined ? {} : { name }), ...(parentId ? { parentId } : {}) },
    createdAt: fields.createdAt,
    hidden: fields.hide ?? false,
    privacy: 'private' as const,
    collectionIds: fields.collectionIds ?? [],
  };
}

/** One output of a job: an image (or an SVG), and its `metadata.type` when it differs from the plan's (`texture-normal`). */
export interface JobOutput extends RenderedImage {
  type?: string;
}

/** Everything a job needs to run: what `/generate/*` validated and will render. */
export interface JobPlan {
  jobType: string;
  /** Echo of the request, as `metadata.input`. */
  input: Record<string, unknown>;
  cost: number;
  /** `metadata.type` of the output assets. */
  outputType: string;
  /** Merged into each output asset's `metadata` (modelId, prompt, parentId, …). */
  outputMetadata: Record<string, unknown>;
  hideResults: boolean;
  render(): Promise<JobOutput[]>;
  /**
   * Results that are not assets (captions, an embedding): the job is done when created, the
   * submission answers with these fields, and the job keeps them as `metadata.output`.
   */
  output?: Record<string, unknown>;
}

/** A job: its plan, its time line (computed from the clock when read) and, once done, its outputs. */
export interface JobRecord {
  id: string;
  jobType: string;
  ownerId: string;
  authorId: string;
  createdAt: number;
  durationMs: number;
  input: Record<string, unknown>;
  cost: number;
  /** Set when the job fails (an injected fault, or a render error): when, and what it reports. */
  failure?: { at: number; error: string; hint: string };
  canceledAt?: number;
  /** Started at submission (not for a job planned to fail); awaited once the job's time is up. */
  outputs?: Promise<JobOutput[]>;
  plan?: JobPlan;
  /** Output asset ids, once materialised. */
  assetIds?: string[];
  /** Materialisation in progress, so concurrent reads create the outputs once. */
  settling?: Promise<void>;
  /** Upload jobs follow their upload instead of a time line. */
  uploadId?: string;
}

/** An upload: multipart (with the parts PUT so far) or an import from a URL. */
export interface UploadRecord {
  id: string;
  ownerId: string;
  authorId: string;
  source: 'multipart' | 'url';
  /** The URL an import downloads. */
  url?: string;
  fileName: string;
  contentType: string;
  fileSize: number;
  partsCount: number;
  kind: string;
  assetOptions?: { collectionIds?: string[] | undefined; hide?: boolean | undefined; parentId?: string | undefined };
  createdAt: number;
  parts: Map<number, Uint8Array>;
  jobId: string;
  completedAt?: number;
  /** Result of validating the assembled file, computed at `complete`. */
  validation?: { image: RenderedImage } | { error: string };
  entityId?: string;
}

/** One received request, for tests that assert on traffic. */
export interface RequestLogEntry {
  /** HTTP method. */
  method: string;
  /** Route pattern (`/jobs/:jobId`; signed URLs under `/cdn/…`), or the raw path when no route matched. */
  route: string;
  /** The request's path, without the query. */
  path: string;
  /** The status answered (after any injected fault). */
  status: number;
  /** The injected fault, if any. */
  fault?: FaultKind;
  /** Body fields the swagger does not list, which the emulator ignored as the real API does (dotted paths for nested ones). */
  ignoredFields?: string[];
}

/** What happened, so tests can assert "no duplicate job was created". */
export interface EmulatorCounters {
  /** Requests received per `"METHOD route"`, e.g. `"POST /generate/img2img"`, including faulted ones. */
  requests: Record<string, number>;
  /** Faults injected, per kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Generation jobs created (dry runs and refused requests excluded). */
  jobsCreated: number;
  /** Assets created, by `POST /assets`, uploads, data-URL inputs and job outputs. */
  assetsCreated: number;
  /** Uploads created by `POST /uploads`. */
  uploadsCreated: number;
}

/** The emulator's whole mutable state: `reset()` swaps in a fresh one. */
export class Store {
  readonly assets = new Map<string, AssetRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly uploads = new Map<string, UploadRecord>();
  /** Models created with `POST /models` (the catalog's live in the context). */
  readonly createdModels = new Map<string, ModelRecord>();
  /** Download archives (`POST /assets/download`) by job id. */
  readonly archives = new Map<string, Uint8Array>();
  readonly requestLog: RequestLogEntry[] = [];
  readonly counters: EmulatorCounters = {
    requests: {},
    faults: {},
    jobsCreated: 0,
    assetsCreated: 0,
    uploadsCreated: 0,
  };
  /** Separate seeded streams, so one extra fault draw does not shift every id or image. */
  readonly rng: Record<'ids' | 'traces' | 'faults' | 'latency' | 'seeds', Rng>;

  constructor(seed: number | string) {
    this.rng = {
      ids: createRng(hashSeed(seed, 'ids')),
      traces: createRng(hashSeed(seed, 'traces')),
      faults: createRng(hashSeed(seed, 'faults')),
      latency: createRng(hashSeed(seed, 'latency')),
      seeds: createRng(hashSeed(seed, 'seeds')),
    };
  }

  /** A new id such as `asset_3f9c…` (24 hex digits, like the real ones' length). */
  id(prefix: string): string {
    return `${prefix}_${this.rng.ids.hex(24)}`;
  }

  addAsset(asset: AssetRecord): AssetRecord {
    this.assets.set(asset.id, asset);
    this.counters.assetsCreated++;
    return asset;
  }
}
