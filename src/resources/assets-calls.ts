/*
 * The code of `client.assets` (and of fetching a job's outputs), loaded with the first call (see `Assets`).
 */
import * as z from 'zod/mini';
import { APIConnectionError, InvalidRequestError, NotFoundError } from '../core/errors.js';
import { lazyImport } from '../core/lazy-import.js';
import { listShape } from '../core/list-pages.js';
import type { ImageMimeType } from '../core/mime-types.js';
import {
  type CallOptions,
  ProgressCallbackSchema,
  type RequestOptions,
  RequestOptionsSchema,
} from '../core/options.js';
import { path } from '../core/path.js';
import { shownUrl } from '../core/redact.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import { type ImageInput, type ImageSource, imageFileName, loadImage } from '../lib/image-input.js';
import { storeImage } from '../lib/store-image.js';
import { type Asset, AssetEnvelopeSchema, AssetListQuerySchema, AssetListResponseSchema } from '../schemas/asset.js';

/** Writing a download to a file: Node, Bun and Deno only, so loaded by `downloadTo` alone. */
const downloadDestination = () =>
  lazyImport('client.assets.downloadTo', () => import('../lib/download-destination.js'));

/** Options of {@link index!Assets.upload | Assets.upload}: the new asset's name, lineage, visibility and collections. */
export const AssetUploadParamsSchema = z.strictObject({
  /** File name of the asset. Default: the input's file name, else `image.<ext>` from its type. */
  name: z.optional(z.string().check(z.minLength(1))),
  /** Parent asset id, recorded as lineage. */
  parentId: z.optional(z.string().check(z.minLength(1))),
  /** Hide the asset from listings and the web app. */
  hide: z.optional(z.boolean()),
  /** Collections to add the asset to. */
  collectionIds: z.optional(z.array(z.string().check(z.minLength(1)))),
  /**
   * Called with `{ percent, transferredBytes, totalBytes }` as the image is sent: at 0 and 1 for
   * an image sent in one `POST /assets`, as each part goes (never backwards) for a multipart upload.
   */
  onUploadProgress: z.optional(ProgressCallbackSchema),
});
/** Options of {@link index!Assets.upload | Assets.upload}. */
export type AssetUploadParams = z.input<typeof AssetUploadParamsSchema>;

/** Options of {@link index!Assets.download | Assets.download} and {@link index!Assets.downloadTo | Assets.downloadTo}: the request options and a progress callback. */
export const AssetDownloadOptionsSchema = z.extend(RequestOptionsSchema, {
  /**
   * Called with `{ percent, transferredBytes, totalBytes }` as the file's bytes arrive
   * (`totalBytes` from the answer's `content-length`, `0` when it has none).
   */
  onDownloadProgress: z.optional(ProgressCallbackSchema),
});
/** Options of {@link index!Assets.download | Assets.download} and {@link index!Assets.downloadTo | Assets.downloadTo}. */
export type AssetDownloadOptions = RequestOptions & z.input<typeof AssetDownloadOptionsSchema>;

/** A list of asset ids, for {@link index!Assets.getMany | Assets.getMany} and {@link index!Assets.delete | Assets.delete}. */
export const AssetIdsSchema = z.array(z.string().check(z.minLength(1, 'must be a non-empty asset id')));

/** `{}` or whatever `DELETE /assets` answers; nothing in it is used. */
const AssetDeleteResponseSchema = z.unknown();

/** An asset or just its signed URL, for {@link index!Assets.download | Assets.download}; `downloadTo` uses `id` and `mimeType` to name and check the file. */
export type AssetLike = Pick<Asset, 'url'> & Partial<Pick<Asset, 'id' | 'mimeType'>>;

/** `GET /assets`: its query, and the assets of a page. */
export const assetList = listShape(AssetListQuerySchema, AssetListResponseSchema, (body) => body.assets);

/** Ids per `POST /assets/get-bulk` call (the API's maximum). */
const GET_MANY_CHUNK_SIZE = 200;
/** Ids per `DELETE /assets` call (the API's maximum). */
const DELETE_CHUNK_SIZE = 100;

/** `client.assets.upload`, the options checked. */
export async function uploadAsset(
  transport: Transport,
  input: ImageInput,
  params: AssetUploadParams,
  options: CallOptions,
): Promise<Asset> {
  const { name, onUploadProgress, ...assetOptions } = parseInput(
    AssetUploadParamsSchema,
    params,
    'assets.upload params',
  );
  const image = await loadImage(input, { transport, options, field: 'input' });
  if (image.kind === 'asset') {
    const message = `${image.assetId} is already an asset; fetch it with client.assets.get('${image.assetId}')`;
    throw new InvalidRequestError('image input', [{ path: 'input', message }]);
  }
  const stored = await storeImage(
    image,
    { name: name ?? imageFileName(image), ...assetOptions },
    { transport, options, onUploadProgress },
  );
  return stored.asset ?? getAsset(transport, stored.assetId, options);
}

/** `client.assets.inspect`, the options checked. */
export async function inspectImage(
  transport: Transport,
  input: ImageInput,
  options: CallOptions,
): Promise<ImageInspection> {
  return inspection(await loadImage(input, { transport, options }));
}

/** `client.assets.getMany`, the options checked. */
export async function getManyAssets(
  transport: Transport,
  ids: readonly string[],
  options: CallOptions,
): Promise<Asset[]> {
  return getAssets(transport, parseInput(AssetIdsSchema, ids, 'asset ids'), options);
}

/** `client.assets.delete`, the options checked: `DELETE /assets` in chunks of 100. */
export async function deleteAssets(transport: Transport, ids: readonly string[], options: CallOptions): Promise<void> {
  const assetIds = parseInput(AssetIdsSchema, ids, 'asset ids');
  for (const chunk of chunks([...new Set(assetIds)], DELETE_CHUNK_SIZE)) {
    await transport.request({
      method: 'DELETE',
      path: '/assets',
      body: { assetIds: chunk },
      schema: AssetDeleteResponseSchema,
      options,
    });
  }
}

/** `client.assets.download`. */
export async function downloadAsset(
  transport: Transport,
  idOrAsset: string | AssetLike,
  options: AssetDownloadOptions,
): Promise<Uint8Array> {
  return fetchFile(transport, idOrAsset, checkDownloadOptions(options), async (response, url) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    checkLength(response, bytes.length, url);
    return bytes;
  });
}

/** `client.assets.downloadTo`. */
export async function downloadAssetTo(
  transport: Transport,
  idOrAsset: string | AssetLike,
  destination: string,
  options: AssetDownloadOptions,
): Promise<string> {
  const checked = checkDownloadOptions(options);
  const { openDownloadTarget } = await downloadDestination();
  const asset = typeof idOrAsset === 'string' ? await getAsset(transport, idOrAsset, checked.call) : idOrAsset;
  const file = await openDownloadTarget(destination, { id: asset?.id, mimeType: asset?.mimeType });
  try {
    await fetchFile(transport, asset, checked, async (response, url) => {
      // Each attempt rewrites the temporary file from its start.
      checkLength(response, await file.writeStream(response.body ?? new Blob([]).stream()), url);
    });
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
  return file.path;
}

async function fetchFile<T>(
  transport: Transport,
  idOrAsset: string | AssetLike,
  { call: options, onDownloadProgress }: CheckedDownloadOptions,
  read: (response: Response, url: string) => Promise<T>,
): Promise<T> {
  const asset = typeof idOrAsset === 'string' ? await getAsset(transport, idOrAsset, options) : idOrAsset;
  if (typeof asset?.url !== 'string' || !URL.canParse(asset.url)) {
    const message = 'expected an asset id or an asset with a url';
    throw new InvalidRequestError('download input', [{ path: 'idOrAsset', message }]);
  }
  // Signed CDN URL: sent untouched (the query string is the signature) and without auth.
  const { url } = asset;
  return transport.fetchRaw(url, { options, onDownloadProgress }, (response) => read(response, url));
}

/** What {@link index!Assets.inspect | Assets.inspect} found: an asset id, or an image read and checked. */
export type ImageInspection =
  | { assetId: string }
  | {
      mimeType: ImageMimeType;
      /** Bytes. */
      size: number;
      /** The input's own file name, when it had one (a path, a `File`, a URL's last segment). */
      fileName: string | undefined;
    };

function inspection(source: ImageSource): ImageInspection {
  if (source.kind === 'asset') return { assetId: source.assetId };
  return { mimeType: source.mimeType, size: source.size, fileName: source.fileName };
}

/** `GET /assets/{id}`. */
export async function getAsset(transport: Transport, id: string, options: CallOptions): Promise<Asset> {
  const { asset } = await transport.request({
    method: 'GET',
    path: path`/assets/${id}`,
    schema: AssetEnvelopeSchema,
    options,
  });
  return asset;
}

/**
 * Several assets, in the order of `ids` (duplicates included), with `POST /assets/get-bulk` in
 * chunks of 200; a job's outputs are fetched this way too.
 */
export async function getAssets(transport: Transport, ids: readonly string[], options: CallOptions): Promise<Asset[]> {
  const found = new Map<string, Asset>();
  for (const assetIds of chunks([...new Set(ids)], GET_MANY_CHUNK_SIZE)) {
    const { assets } = await transport.request({
      method: 'POST',
      path: '/assets/get-bulk',
      body: { assetIds },
      schema: AssetListResponseSchema,
      // A read, so safe to repeat.
      retry: 'idempotent',
      options,
    });
    for (const asset of assets) found.set(asset.id, asset);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound(missing);
  return ids.map((id) => found.get(id) as Asset);
}

/** Download options checked once: the request options, and the progress callback apart. */
interface CheckedDownloadOptions {
  call: CallOptions;
  onDownloadProgress: AssetDownloadOptions['onDownloadProgress'];
}

function checkDownloadOptions(options: AssetDownloadOptions): CheckedDownloadOptions {
  const { onDownloadProgress, ...call } = parseInput(AssetDownloadOptionsSchema, options, 'download options');
  return { call: call as CallOptions, onDownloadProgress };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function notFound(ids: string[]): NotFoundError {
  return new NotFoundError({
    status: 404,
    reason: `no asset with id ${ids.join(', ')}`,
    body: undefined,
    headers: {},
    method: 'POST',
    path: '/assets/get-bulk',
  });
}

/** A body cut short without a network error (some runtimes and proxies) must not pass as the file. */
function checkLength(response: Response, received: number, url: string): void {
  const encoding = response.headers.get('content-encoding');
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if ((encoding && encoding !== 'identity') || !Number.isFinite(declared) || declared === received) return;
  throw new APIConnectionError(
    `GET ${shownAssetUrl(url)} ended early: received ${received} of ${declared} bytes. Try the download again.`,
  );
}

function shownAssetUrl(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? shownUrl(parsed) : 'the asset URL';
}
