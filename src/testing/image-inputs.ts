import { describeBytes } from '../core/mime-sniff.js';
import { IMAGE_FORMAT_NAMES } from '../core/mime-types.js';
import { AUTHOR_ID, type EmulatorContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { decodeImageString } from './images/image-string.js';
import { type ImageInfo, probeImage } from './images/probe.js';
import { type AssetRecord, uploadedAsset } from './store.js';

/** An image input, ready to render from. `assetId` is the existing asset, or the one a data URL becomes. */
export interface ResolvedImage {
  bytes: Uint8Array;
  info: ImageInfo;
  assetId: string;
}

/** Refusal of bytes that are not an image, shared by every endpoint that takes one. */
export const notAnImage = (field: string, bytes: Uint8Array) =>
  badRequest(`${field} is not a supported image (${IMAGE_FORMAT_NAMES}): got ${describeBytes(bytes)}`);

/**
 * Resolves the image fields of one request: asset ids are looked up in the caller's project,
 * data URLs decoded and checked. As on the real API a data URL becomes an asset, but only once
 * the request is accepted (`commit()`), so a dry run or a refused request creates nothing.
 */
export class ImageResolver {
  readonly #pending: AssetRecord[] = [];

  constructor(
    private readonly context: EmulatorContext,
    private readonly owner: string,
  ) {}

  async resolve(
    value: string,
    field: string,
    options: { parentId?: string; hide?: boolean } = {},
  ): Promise<ResolvedImage> {
    const { store, options: emulatorOptions } = this.context;
    if (value.startsWith('asset_')) {
      const asset = store.assets.get(value);
      if (!asset || asset.ownerId !== this.owner) throw notFound(`Asset ${value} (${field}) not found`);
      const { mimeType, width, height } = asset;
      if (width === undefined || height === undefined) throw badRequest(`Asset ${value} (${field}) is not an image`);
      return { bytes: asset.bytes, info: { mimeType, width, height }, assetId: asset.id };
    }
    const bytes = decodeImageString(value);
    if (!bytes) throw badRequest(`${field} must be an asset id or a base64 data URL`);
    const info = await probeImage(bytes);
    if (!info) throw notAnImage(field, bytes);
    const asset = uploadedAsset(store, {
      ownerId: this.owner,
      authorId: AUTHOR_ID,
      image: { bytes, ...info },
      createdAt: emulatorOptions.clock.now(),
      parentId: options.parentId,
      hide: options.hide,
    });
    this.#pending.push(asset);
    return { bytes, info, assetId: asset.id };
  }

  /** Stores the assets made from data URLs. */
  commit(): void {
    for (const asset of this.#pending) this.context.store.addAsset(asset);
  }
}
