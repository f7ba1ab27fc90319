import { lazyImport } from '../core/lazy-import.js';
import { listPages } from '../core/list-pages.js';
import { checkRequestOptions, type RequestOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import type { Transport } from '../core/transport.js';
import type { ImageInput } from '../lib/image-input.js';
import type { Asset, AssetListQuery } from '../schemas/asset.js';
import type { AssetDownloadOptions, AssetLike, AssetUploadParams, ImageInspection } from './assets-calls.js';
import type { FetchAssets } from './jobs-calls.js';

/** The code of `client.assets`, loaded with the first call. */
const assetCalls = () => lazyImport('client.assets', () => import('./assets-calls.js'));

/** One page of {@link Assets.list}; `for await` it to walk every later page too. */
export type AssetPage = Page<Asset>;

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
    const call = checkRequestOptions(options);
    return (await assetCalls()).uploadAsset(this.#transport, input, params, call);
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
    const call = checkRequestOptions(options);
    return (await assetCalls()).inspectImage(this.#transport, input, call);
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
    const call = checkRequestOptions(options);
    return (await assetCalls()).getAsset(this.#transport, id, call);
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
    const call = checkRequestOptions(options);
    return (await assetCalls()).getManyAssets(this.#transport, ids, call);
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
    const shape = async () => (await assetCalls()).assetList;
    return listPages(this.#transport, { what: 'assets.list query', path: '/assets', query, options, shape });
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
    const call = checkRequestOptions(options);
    return (await assetCalls()).deleteAssets(this.#transport, ids, call);
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
    return (await assetCalls()).downloadAsset(this.#transport, idOrAsset, options);
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
    return (await assetCalls()).downloadAssetTo(this.#transport, idOrAsset, path, options);
  }
}

/** How a job's outputs are fetched: `client.assets.getMany`, the options already checked. */
export function assetFetcher(transport: Transport): FetchAssets {
  return async (ids, options) => (await assetCalls()).getAssets(transport, ids, options);
}
