import * as z from 'zod/mini';
import { APIConnectionError, InvalidRequestError, NotFoundError } from '../core/errors.js';
import { listPages } from '../core/list-pages.js';
import type { ImageMimeType } from '../core/mime-sniff.js';
import {
  type CallOptions,
  checkRequestOptions,
  ProgressCallbackSchema,
  type RequestOptions,
  RequestOptionsSchema,
} from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { path } from '../core/path.js';
import { shownUrl } from '../core/redact.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import { openDownloadTarget } from '../lib/download-destination.js';
import { type ImageInput, type ImageSource, imageFileName, loadImage } from '../lib/image-input.js';
import { storeImage } from '../lib/store-image.js';
import {
  type Asset,
  AssetEnvelopeSchema,
  type AssetListQuery,
  AssetListQuerySchema,
  AssetListResponseSchema,
} from '../schemas/asset.js';

/** Options of {@link Assets.upload}: the new asset's name, lineage, visibility and collections. */
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
/** Options of {@link Assets.upload}. */
export type AssetUploadParams = z.input<typeof AssetUploadParamsSchema>;

/** Options of {@link Assets.download} and {@link Assets.downloadTo}: the request options and a progress callback. */
export const AssetDownloadOptionsSchema = z.extend(RequestOptionsSchema, {
  /**
   * Called with `{ percent, transferredBytes, totalBytes }` as the file's bytes arrive
   * (`totalBytes` from the answer's `content-length`, `0` when it has none).
   */
  onDownloadProgress: z.optional(ProgressCallbackSchema),
});
/** Options of {@link Assets.download} and {@link Assets.downloadTo}. */
export type AssetDownloadOptions = RequestOptions & z.input<typeof AssetDownloadOptionsSchema>;

/** A list of asset ids, for {@link Assets.getMany} and {@link Assets.delete}. */
export const AssetIdsSchema = z.array(z.string().check(z.minLength(1, 'must be a non-empty asset id')));

/** `{}` or whatever `DELETE /assets` answers; nothing in it is used. */
const AssetDeleteResponseSchema = z.unknown();

/** One page of {@link Assets.list}; `for await` it to walk every later page too. */
export type AssetPage = Page<Asset>;

/** An asset or just its signed URL, for {@link Assets.download}; `downloadTo` uses `id` and `mimeType` to name and check the file. */
export type AssetLike = Pick<Asset, 'url'> & Partial<Pick<Asset, 'id' | 'mimeType'>>;

/** Ids per `POST /assets/get-bulk` call (the API's maximum). */
const GET_MANY_CHUNK_SIZE = 200;
/** Ids per `DELETE /assets` call (the API's maximum). */
const DELETE_CHUNK_SIZE = 100;

/**
 * Uploaded and generated images: upload, fetch, list, delete and download them.
 * Built by the client as `client.assets`.
 */
export class Assets {
  readonly #transport: Transport;

  /** @internal Built by the client as `client.assets`. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Uploads an image and returns the new asset. Takes any {@link ImageInput}; the type is
   * sniffed from the bytes and anything but an image is refused before any request. Images up
   * to ~4.4 MB go in one `POST /assets`; larger ones through the multipart `/uploads` flow.
   *
   * @example
   * ```ts
   * const sketch = await client.assets.upload('./sketch.png', {
   *   name: 'knight-sketch.png',
   *   onUploadProgress: ({ percent }) => console.log(`${Math.round(percent * 100)} %`),
   * });
   * console.log(sketch.id); // asset_…
   * ```
   */
  async upload(input: ImageInput, params: AssetUploadParams = {}, options?: RequestOptions): Promise<Asset> {
    const { name, onUploadProgress, ...assetOptions } = parseInput(
      AssetUploadParamsSchema,
      params,
      'assets.upload params',
    );
    const call = checkRequestOptions(options);
    const image = await loadImage(input, { transport: this.#transport, options: call, field: 'input' });
    if (image.kind === 'asset') {
      const message = `${image.assetId} is already an asset; fetch it with client.assets.get('${image.assetId}')`;
      throw new InvalidRequestError('image input', [{ path: 'input', message }]);
    }
    const stored = await storeImage(
      image,
      { name: name ?? imageFileName(image), ...assetOptions },
      { transport: this.#transport, options: call, onUploadProgress },
    );
    return stored.asset ?? getAsset(this.#transport, stored.assetId, call);
  }

  /**
   * Reads an image input and checks it as `upload` and the generations do, without uploading
   * anything: an asset id comes back as is (`{ assetId }`), anything else as what was found
   * (`{ mimeType, size, fileName }`). A tool can check every file of a batch this way before
   * the first paid request.
   *
   * @throws InvalidRequestError naming what was received when it is not a supported image.
   * @example
   * ```ts
   * const found = await client.assets.inspect('./sketch.png');
   * if ('mimeType' in found) console.log(found.mimeType, found.size);
   * ```
   */
  async inspect(input: ImageInput, options?: RequestOptions): Promise<ImageInspection> {
    const source = await loadImage(input, { transport: this.#transport, options: checkRequestOptions(options) });
    return inspection(source);
  }

  /**
   * Fetches one asset; its `url` is a fresh signed download URL.
   *
   * @example
   * ```ts
   * const asset = await client.assets.get('asset_abc');
   * console.log(asset.mimeType, asset.properties.width, asset.properties.height);
   * ```
   */
  async get(id: string, options?: RequestOptions): Promise<Asset> {
    return getAsset(this.#transport, id, checkRequestOptions(options));
  }

  /**
   * Fetches several assets, in the order of `ids` (duplicates included), with
   * `POST /assets/get-bulk` in chunks of 200.
   *
   * @throws NotFoundError listing the ids the server did not return.
   * @example
   * ```ts
   * const [first, second] = await client.assets.getMany(['asset_a', 'asset_b']);
   * ```
   */
  async getMany(ids: readonly string[], options?: RequestOptions): Promise<Asset[]> {
    const wanted = parseInput(AssetIdsSchema, ids, 'asset ids');
    return getAssets(this.#transport, wanted, checkRequestOptions(options));
  }

  /**
   * Lists assets, newest first by default. Await it for the first page, or `for await` it to
   * walk every asset of every page (empty pages with a token are followed through).
   *
   * @example
   * ```ts
   * for await (const asset of client.assets.list({ type: 'uploaded', pageSize: 100 })) {
   *   console.log(asset.id);
   * }
   * const page = await client.assets.list();
   * if (page.hasNextPage()) await page.getNextPage();
   * ```
   */
  list(query: AssetListQuery = {}, options?: RequestOptions): PagePromise<Asset> {
    return listPages(this.#transport, {
      what: 'assets.list query',
      path: '/assets',
      query,
      querySchema: AssetListQuerySchema,
      schema: AssetListResponseSchema,
      items: (body) => body.assets,
      options,
    });
  }

  /**
   * Deletes assets, with `DELETE /assets` in chunks of 100.
   *
   * @example
   * ```ts
   * await client.assets.delete(['asset_a', 'asset_b']);
   * ```
   */
  async delete(ids: readonly string[], options?: RequestOptions): Promise<void> {
    const assetIds = parseInput(AssetIdsSchema, ids, 'asset ids');
    const call = checkRequestOptions(options);
    for (const chunk of chunks([...new Set(assetIds)], DELETE_CHUNK_SIZE)) {
      await this.#transport.request({
        method: 'DELETE',
        path: '/assets',
        body: { assetIds: chunk },
        schema: AssetDeleteResponseSchema,
        options: call,
      });
    }
  }

  /**
   * Downloads an asset's file. Given an id, fetches the asset first for its signed URL; the
   * URL is fetched as is, without the API's auth header. If a stored asset's URL has expired,
   * pass its id instead.
   *
   * @example
   * ```ts
   * const bytes = await client.assets.download('asset_abc', {
   *   onDownloadProgress: ({ transferredBytes, totalBytes }) => console.log(`${transferredBytes} / ${totalBytes}`),
   * });
   * ```
   */
  async download(idOrAsset: string | AssetLike, options: AssetDownloadOptions = {}): Promise<Uint8Array> {
    return this.#fetchFile(idOrAsset, checkDownloadOptions(options), async (response, url) => {
      const bytes = new Uint8Array(await response.arrayBuffer());
      checkLength(response, bytes.length, url);
      return bytes;
    });
  }

  /**
   * Downloads an asset's file to `path` (Node, Bun, Deno) and returns where it was written.
   * `path` may be a file name or a directory (existing, or ending in `/`), which gets
   * `<asset id>.<ext>`; missing directories are created. A name whose extension names another
   * image format than the asset's (`.jpg` for a PNG) is refused before downloading. The bytes
   * are streamed to a temporary file beside the target and renamed into place once complete,
   * so the target never holds a partial file, even on error or abort.
   *
   * @example
   * ```ts
   * const { assets } = await client.img2img.run(params);
   * await client.assets.downloadTo(assets[0], './out/knight.png');
   * const saved = await client.assets.downloadTo(assets[0], './out/'); // ./out/asset_….png
   * ```
   */
  async downloadTo(idOrAsset: string | AssetLike, path: string, options: AssetDownloadOptions = {}): Promise<string> {
    const checked = checkDownloadOptions(options);
    const asset = typeof idOrAsset === 'string' ? await getAsset(this.#transport, idOrAsset, checked.call) : idOrAsset;
    const file = await openDownloadTarget(path, { id: asset?.id, mimeType: asset?.mimeType });
    try {
      await this.#fetchFile(asset, checked, async (response, url) => {
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

  async #fetchFile<T>(
    idOrAsset: string | AssetLike,
    { call: options, onDownloadProgress }: CheckedDownloadOptions,
    read: (response: Response, url: string) => Promise<T>,
  ): Promise<T> {
    const asset = typeof idOrAsset === 'string' ? await getAsset(this.#transport, idOrAsset, options) : idOrAsset;
    if (typeof asset?.url !== 'string' || !URL.canParse(asset.url)) {
      const message = 'expected an asset id or an asset with a url';
      throw new InvalidRequestError('download input', [{ path: 'idOrAsset', message }]);
    }
    // Signed CDN URL: sent untouched (the query string is the signature) and without auth.
    const { url } = asset;
    return this.#transport.fetchRaw(url, { options, onDownloadProgress }, (response) => read(response, url));
  }
}

/** What {@link Assets.inspect} found: an asset id, or an image read and checked. */
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
async function getAsset(transport: Transport, id: string, options: CallOptions): Promise<Asset> {
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
