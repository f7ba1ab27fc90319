import { describeBytes } from '../core/mime-sniff.js';
import { AUTHOR_ID, type EmulatorContext } from './context.js';
import { badRequest, notFound } from './errors.js';
import { decodeImageString } from './images/image-string.js';
import { type ImageInfo, probeImage } from './images/probe.js';
import type { AssetRecord } from './store.js';

/** An image input, ready to render from. `assetId` is the existing asset, or the one a data URL becomes. */
export interface ResolvedImage {
  bytes: Uint8Array;
  info: ImageInfo;
  assetId: string;
}

/** Refusal of bytes that are not an image, shared by every endpoint that takes one. */
export const notAnImage = (field: string, bytes: Uint8Array) =>
  badRequest(
    `${field} is not a supported image (png, jpeg, webp, gif, avif, tiff, heic, svg): got ${describeBytes(bytes)}`,
  );

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
      return { bytes: asset.bytes, info: { mimeType, width, height }, assetId: asset.id };
    }
    const bytes = decodeImageString(value);
    if (!bytes) throw badRequest(`${field} must be an asset id or a base64 data URL`);
    const info = await probeImage(bytes);
    if (!info) throw notAnImage(field, bytes);
    const id = store.id('asset');
    this.#pending.push({
      id,
      ownerId: this.owner,
      authorId: AUTHOR_ID,
      bytes,
      ...info,
      type: 'uploaded',
      metadata: options.parentId ? { parentId: options.parentId } : {},
      createdAt: emulatorOptions.clock.now(),
      hidden: options.hide ?? false,
      collectionIds: [],
    });
    return { bytes, info, assetId: id };
  }

  /** Stores the assets made from data URLs. */
  commit(): void {
    for (const asset of this.#pending) this.context.store.addAsset(asset);
  }
}
