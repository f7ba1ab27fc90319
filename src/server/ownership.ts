import type { OwnedKind } from './store.js';

/** Ids by kind, as a request names them or an answer shows them. */
export type IdsByKind = Map<OwnedKind, Set<string>>;

/** The kind of id each path parameter holds; `:modelId` is checked against the model allow-list instead. */
const PARAMETER_KINDS: Readonly<Record<string, OwnedKind>> = { assetId: 'asset', jobId: 'job', uploadId: 'upload' };

/** Ids recognised wherever they appear in a query or body: an image input given as an asset id, a job id. */
const ID_PATTERNS: ReadonlyArray<[RegExp, OwnedKind]> = [
  [/^asset_\S+$/, 'asset'],
  [/^job_\S+$/, 'job'],
];

/**
 * Every id a request names, each of which the caller must own: its path parameters by name, and
 * any string anywhere in its query or body that is a whole asset or job id (`image`, `mask`,
 * `controlImageId`, `ipAdapterImageIds[]`, `assetIds[]`, `parentId`, a custom model's file
 * inputs…). Scanning every value rather than listing fields keeps a new route or field covered.
 */
export function idsNamed(params: Record<string, string>, ...values: unknown[]): IdsByKind {
  const ids: IdsByKind = new Map();
  for (const [name, value] of Object.entries(params)) {
    const kind = PARAMETER_KINDS[name];
    if (kind) addId(ids, kind, value);
  }
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const [pattern, kind] of ID_PATTERNS) if (pattern.test(value)) addId(ids, kind, value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  values.forEach(visit);
  return ids;
}

/**
 * The ids an answer gives its caller: a submitted or read job and its outputs, an uploaded
 * asset, an upload with the job and asset it becomes. Only answers about what the caller
 * already owns (or just made) are read, so what they show is the caller's too.
 */
export function idsShown(answer: unknown): IdsByKind {
  const ids: IdsByKind = new Map();
  const { job, asset, upload } = (answer ?? {}) as Record<string, Record<string, unknown> | undefined>;
  addId(ids, 'job', job?.jobId);
  const outputs = (job?.metadata as { assetIds?: unknown } | undefined)?.assetIds;
  if (Array.isArray(outputs)) for (const id of outputs) addId(ids, 'asset', id);
  addId(ids, 'asset', asset?.id);
  addId(ids, 'upload', upload?.id);
  addId(ids, 'job', upload?.jobId);
  addId(ids, 'asset', upload?.entityId);
  return ids;
}

function addId(ids: IdsByKind, kind: OwnedKind, id: unknown): void {
  if (typeof id !== 'string' || id === '') return;
  const set = ids.get(kind) ?? new Set();
  set.add(id);
  ids.set(kind, set);
}
