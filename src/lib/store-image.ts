import type { CallOptions, Progress } from '../core/options.js';
import type { Transport } from '../core/transport.js';
import { type Asset, AssetEnvelopeSchema, type AssetUploadBody } from '../schemas/asset.js';
import type { UploadAssetOptions } from '../schemas/upload.js';
import { type LoadedImage, MAX_INLINE_IMAGE_BYTES, toDataUrl } from './image-input.js';
import { uploadMultipart } from './multipart-upload.js';

/** The stored image: its asset id, and the asset itself when the answer carried it. */
export interface StoredImage {
  assetId: string;
  asset?: Asset | undefined;
}

/** How {@link storeImage} sends: the transport, the call's options, and who hears of its progress. */
export interface StoreImageContext {
  transport: Transport;
  options?: CallOptions | undefined;
  /** Reports the image's bytes sent: at 0 and 1 for a single `POST /assets`, as each part goes for `/uploads`. */
  onUploadProgress?: ((progress: Progress) => void) | undefined;
}

/**
 * Stores a loaded image as an asset: `POST /assets` with a data URL up to
 * {@link MAX_INLINE_IMAGE_BYTES}, the multipart `/uploads` flow above it (the gateway's body limit).
 */
export async function storeImage(
  image: LoadedImage,
  { name, ...assetOptions }: UploadAssetOptions & { name: string },
  { transport, options, onUploadProgress }: StoreImageContext,
): Promise<StoredImage> {
  if (image.size <= MAX_INLINE_IMAGE_BYTES) {
    const body: AssetUploadBody = { name, image: await toDataUrl(image), ...assetOptions };
    // Not ky's upload progress: it would stream the JSON, sent chunked instead of with its length.
    onUploadProgress?.({ percent: 0, transferredBytes: 0, totalBytes: image.size });
    const { asset } = await transport.request({
      method: 'POST',
      path: '/assets',
      body,
      schema: AssetEnvelopeSchema,
      options,
    });
    onUploadProgress?.({ percent: 1, transferredBytes: image.size, totalBytes: image.size });
    return { assetId: asset.id, asset };
  }
  const file = { data: image.data, fileName: name, contentType: image.mimeType };
  const hasOptions = Object.values(assetOptions).some((value) => value !== undefined);
  const upload = await uploadMultipart(
    transport,
    file,
    { assetOptions: hasOptions ? assetOptions : undefined, onUploadProgress },
    options,
  );
  return { assetId: upload.entityId };
}
