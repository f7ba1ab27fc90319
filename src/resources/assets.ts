import * as z from 'zod/mini';
import { APIConnectionError } from '../core/errors/APIConnectionError.js';
import { InvalidRequestError } from '../core/errors/InvalidRequestError.js';
import { NotFoundError } from '../core/errors/NotFoundError.js';
import { type ImageInput, imageFileName, loadImage } from '../core/image-input.js';
import { listPages } from '../core/list-pages.js';
import { FileAccessError, openAtomicFile } from '../core/node-files.js';
import { type OpenEnum, openEnum } from '../core/open-enum.js';
import type { RequestOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { path } from '../core/path.js';
import { shownUrl } from '../core/redact.js';
import { storeImage } from '../core/store-image.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';

/** Kinds of asset the API stores. New kinds are accepted as plain strings. */
export const KNOWN_ASSET_KINDS = ['image', 'image-hdr', 'video', 'audio', '3d', 'document', 'json', 'text'] as const;
/** Zod schema of an asset kind: a known one or any newer string. */
export const AssetKindSchema = openEnum(KNOWN_ASSET_KINDS);
/** An asset kind; unknown newer kinds come through as strings. */
export type AssetKind = OpenEnum<(typeof KNOWN_ASSET_KINDS)[number]>;

/** Asset metadata: always `kind` and `type` (e.g. `uploaded`, `inference-img2img`); generation inputs are echoed. */
export const AssetMetadataSchema = z.looseObject({
  kind: z.optional(AssetKindSchema),
  type: z.optional(z.string()),
  prompt: z.optional(z.string()),
  negativePrompt: z.optional(z.string()),
  modelId: z.optional(z.string()),
  /** The API sends the seed as a string or a number. */
  seed: z.optional(z.union([z.string(), z.number()])),
  strength: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  parentId: z.optional(z.string()),
  rootParentId: z.optional(z.string()),
  parentJobId: z.optional(z.string()),
  modality: z.optional(z.string()),
  scalingFactor: z.optional(z.number()),
  name: z.optional(z.string()),
});
/** {@link AssetMetadataSchema} as a type. */
export type AssetMetadata = z.output<typeof AssetMetadataSchema>;

/** File properties: always `size` in bytes; images add `width` and `height`. */
export const AssetPropertiesSchema = z.looseObject({
  size: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
});
/** {@link AssetPropertiesSchema} as a type. */
export type AssetProperties = z.output<typeof AssetPropertiesSchema>;

const AssetLinkSchema = z.looseObject({ assetId: z.optional(z.string()), url: z.string() });

/** A stored file (uploaded or generated). `url` is a signed CDN URL: download it as is. Unknown fields are kept. */
export const AssetSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  mimeType: z.string(),
  kind: AssetKindSchema,
  metadata: z._default(AssetMetadataSchema, {}),
  properties: z._default(AssetPropertiesSchema, {}),
  source: z.optional(z.string()),
  /** `pending | success | error`, or a newer value. */
  status: z.optional(z.string()),
  /** `private | public | unlisted`, or a newer value. */
  privacy: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  authorId: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  tags: z._default(z.array(z.string()), []),
  collectionIds: z._default(z.array(z.string()), []),
  editCapabilities: z._default(z.array(z.string()), []),
  description: z.optional(z.string()),
  isHidden: z.optional(z.boolean()),
  /** 0-based index among the outputs of the job that made it. */
  outputIndex: z.optional(z.number()),
  nsfw: z.optional(z.array(z.string())),
  originalFileUrl: z.optional(z.string()),
  thumbnail: z.optional(AssetLinkSchema),
  preview: z.optional(AssetLinkSchema),
});
/**
 * A stored file (uploaded or generated), as the API returns it.
 *
 * @interface
 */
export type Asset = z.output<typeof AssetSchema>;

/** `{ asset }` envelope. */
export const AssetEnvelopeSchema = z.looseObject({ asset: AssetSchema });

/** `{ assets, nextPaginationToken? }` of `GET /assets` (and `{ assets }` of `POST /assets/get-bulk`). */
export const AssetListResponseSchema = z.looseObject({
  assets: z.array(AssetSchema),
  nextPaginationToken: z.nullish(z.string()),
});
/** {@link AssetListResponseSchema} as a type. */
export type AssetListResponse = z.output<typeof AssetListResponseSchema>;

/** Body of `POST /assets`: a small image as raw base64 or a data URL. */
export const AssetUploadBodySchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  image: z.string().check(z.minLength(1)),
  hide: z.optional(z.boolean()),
  parentId: z.optional(z.string()),
  collectionIds: z.optional(z.array(z.string())),
});
/** Body of `POST /assets`. */
export type AssetUploadBody = z.output<typeof AssetUploadBodySchema>;

/** Body of `POST /assets/get-bulk` (at most 200 ids) and `DELETE /assets` (at most 100). */
export const AssetIdsBodySchema = z.strictObject({
  assetIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(200)),
});

/** Query of `GET /assets`. */
export const AssetListQuerySchema = z.strictObject({
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  paginationToken: z.optional(z.string()),
  sortBy: z.optional(z.enum(['createdAt', 'updatedAt'])),
  sortDirection: z.optional(z.enum(['asc', 'desc'])),
  createdAfter: z.optional(z.string()),
  createdBefore: z.optional(z.string()),
  updatedAfter: z.optional(z.string()),
  updatedBefore: z.optional(z.string()),
  privacy: z.optional(z.enum(['private', 'public', 'unlisted'])),
  /** One asset type, e.g. `uploaded` or `inference-img2img`; `inference-` matches every inference type. */
  type: z.optional(z.string()),
  types: z.optional(z.array(z.string())),
  inferenceId: z.optional(z.string()),
  modelId: z.optional(z.string()),
  parentAssetId: z.optional(z.string()),
  rootAssetId: z.optional(z.string()),
  authorId: z.optional(z.string()),
  collectionId: z.optional(z.string()),
  originalAssets: z.optional(z.boolean()),
});
/** Filters and paging of {@link Assets.list}. */
export type AssetListQuery = z.input<typeof AssetListQuerySchema>;

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
});
/** Options of {@link Assets.upload}. */
export type AssetUploadParams = z.input<typeof AssetUploadParamsSchema>;

/** A list of asset ids, for {@link Assets.getMany} and {@link Assets.delete}. */
export const AssetIdsSchema = z.array(z.string().check(z.minLength(1, 'must be a non-empty asset id')));

/** `{}` or whatever `DELETE /assets` answers; nothing in it is used. */
const AssetDeleteResponseSchema = z.unknown();

/** One page of {@link Assets.list}; `for await` it to walk every later page too. */
export type AssetPage = Page<Asset>;

/** An asset or just its signed URL, for {@link Assets.download}. */
export type AssetLike = Pick<Asset, 'url'> & Partial<Pick<Asset, 'id'>>;

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
   * const sketch = await client.assets.upload('./sketch.png', { name: 'knight-sketch.png' });
   * console.log(sketch.id); // asset_…
   * ```
   */
  async upload(input: ImageInput, params: AssetUploadParams = {}, options?: RequestOptions): Promise<Asset> {
    const { name, ...assetOptions } = parseInput(AssetUploadParamsSchema, params, 'assets.upload params');
    const image = await loadImage(input, { transport: this.#transport, options, field: 'input' });
    if (image.kind === 'asset') {
      const message = `${image.assetId} is already an asset; fetch it with client.assets.get('${image.assetId}')`;
      throw new InvalidRequestError('image input', [{ path: 'input', message }]);
    }
    const stored = await storeImage(
      image,
      { name: name ?? imageFileName(image), ...assetOptions },
      { transport: this.#transport, options },
    );
    return stored.asset ?? this.get(stored.assetId, options);
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
    const { asset } = await this.#transport.request({
      method: 'GET',
      path: path`/assets/${id}`,
      schema: AssetEnvelopeSchema,
      options,
    });
    return asset;
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
    const found = new Map<string, Asset>();
    for (const assetIds of chunks([...new Set(wanted)], GET_MANY_CHUNK_SIZE)) {
      const { assets } = await this.#transport.request({
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
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(missing);
    return wanted.map((id) => found.get(id) as Asset);
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
    for (const chunk of chunks([...new Set(assetIds)], DELETE_CHUNK_SIZE)) {
      await this.#transport.request({
        method: 'DELETE',
        path: '/assets',
        body: { assetIds: chunk },
        schema: AssetDeleteResponseSchema,
        options,
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
   * const bytes = await client.assets.download('asset_abc');
   * ```
   */
  async download(idOrAsset: string | AssetLike, options?: RequestOptions): Promise<Uint8Array> {
    return this.#fetchFile(idOrAsset, options, async (response) => {
      const bytes = new Uint8Array(await response.arrayBuffer());
      checkLength(response, bytes.length);
      return bytes;
    });
  }

  /**
   * Downloads an asset's file to `path` (Node, Bun, Deno). The bytes are streamed to a
   * temporary file beside `path` and renamed into place once complete, so `path` never holds
   * a partial file, even on error or abort.
   *
   * @example
   * ```ts
   * const { assets } = await client.img2img.run(params);
   * await client.assets.downloadTo(assets[0], './out/knight.png');
   * ```
   */
  async downloadTo(idOrAsset: string | AssetLike, path: string, options?: RequestOptions): Promise<void> {
    let file: Awaited<ReturnType<typeof openAtomicFile>>;
    try {
      file = await openAtomicFile(path);
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      throw new InvalidRequestError('download path', [{ path: 'path', message: error.message }]);
    }
    try {
      await this.#fetchFile(idOrAsset, options, async (response) => {
        // Each attempt rewrites the temporary file from its start.
        checkLength(response, await file.writeStream(response.body ?? new Blob([]).stream()));
      });
      await file.commit();
    } catch (error) {
      await file.discard();
      throw error;
    }
  }

  async #fetchFile<T>(
    idOrAsset: string | AssetLike,
    options: RequestOptions | undefined,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const asset = typeof idOrAsset === 'string' ? await this.get(idOrAsset, options) : idOrAsset;
    if (typeof asset?.url !== 'string' || !URL.canParse(asset.url)) {
      const message = 'expected an asset id or an asset with a url';
      throw new InvalidRequestError('download input', [{ path: 'idOrAsset', message }]);
    }
    // Signed CDN URL: sent untouched (the query string is the signature) and without auth.
    return this.#transport.fetchRaw(asset.url, { options }, read);
  }
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
function checkLength(response: Response, received: number): void {
  const encoding = response.headers.get('content-encoding');
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if ((encoding && encoding !== 'identity') || !Number.isFinite(declared) || declared === received) return;
  throw new APIConnectionError(
    `GET ${shownAssetUrl(response.url)} ended early: received ${received} of ${declared} bytes. Try the download again.`,
  );
}

function shownAssetUrl(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? shownUrl(parsed) : 'the asset URL';
}
