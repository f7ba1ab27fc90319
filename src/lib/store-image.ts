import type { RequestOptions } from '../core/options.js';
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

/**
 * Stores a loaded image as an asset: `POST /assets` with a data URL up to
 * {@link MAX_INLINE_IMAGE_BYTES}, the multipart `/uploads` flow above it (the gateway's body limit).
 */
export async function storeImage(
  image: LoadedImage,
  { name, ...assetOptions }: UploadAssetOptions & { name: string },
  { transport, options }: { transport: Transport; options?: RequestOptions | undefined },
): Promise<StoredImage> {
  if (image.size <= MAX_INLINE_IMAGE_BYTES) {
    const body: AssetUploadBody = { name, image: await toDataUrl(image), ...assetOptions };
    const { asset } = await transport.request({
      method: 'POST',
      path: '/assets',
      body,
      schema: AssetEnvelopeSchema,
      options,
    });
    return { assetId: asset.id, asset };
  }
  const file = { data: image.data, fileName: name, contentType: image.mimeType };
  const hasOptions = Object.values(assetOptions).some((value) => value !== undefined);
  const upload = await uploadMultipart(
    transport,
    file,
    { assetOptions: hasOptions ? assetOptions : undefined },
    options,
  );
  return { assetId: upload.entityId };
}
