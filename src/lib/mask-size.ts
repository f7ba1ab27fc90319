import { InvalidRequestError } from '../core/errors.js';
import { type ImageSize, readImageSize } from '../core/image-size.js';
import type { CallOptions } from '../core/options.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { AssetEnvelopeSchema } from '../schemas/asset.js';
import type { ImageSource } from './image-input.js';

/** Bytes read from the head of a file for its size; a JPEG whose frame header lies further is read whole. */
const HEAD_BYTES = 64 * 1024;

/** Where the mask's size is checked from: the client's transport, the call's options, and the params' name for errors. */
interface MaskSizeContext {
  transport: Transport;
  options?: CallOptions | undefined;
  what: string;
}

/**
 * The `check` of a request whose first two image fields are its image and its mask: when both
 * are given, it refuses a mask whose pixel size differs from its image's, before anything is
 * sent. Local inputs (bytes, files, Blobs, streams, data URLs, downloaded URLs) are measured
 * from their PNG, JPEG or WebP header. An asset id is measured from the asset's stored size
 * (`GET /assets/{id}`, not billed) only when the other input was measured locally: two asset ids
 * are left to the server, which holds both, rather than spend two requests on every call.
 * Other formats, and assets without a stored size, are left to the server too.
 *
 * The check throws InvalidRequestError naming both sizes.
 */
export function maskSizeCheck(context: MaskSizeContext): (images: readonly ImageSource[]) => Promise<void> | undefined {
  return ([image, mask]) => (image && mask ? checkMaskSize(image, mask, context) : undefined);
}

async function checkMaskSize(image: ImageSource, mask: ImageSource, context: MaskSizeContext): Promise<void> {
  const [imageLocal, maskLocal] = await Promise.all([localSize(image), localSize(mask)]);
  if (imageLocal === undefined && maskLocal === undefined) return;
  const [imageSize, maskSize] = await Promise.all([
    imageLocal ?? storedSize(image, context),
    maskLocal ?? storedSize(mask, context),
  ]);
  if (imageSize === undefined || maskSize === undefined) return;
  if (imageSize.width === maskSize.width && imageSize.height === maskSize.height) return;
  throw new InvalidRequestError(context.what, [
    {
      path: 'mask',
      message: `the mask is ${format(maskSize)} but the image is ${format(imageSize)}; draw the mask at the image's size (white = repaint, black = keep)`,
    },
  ]);
}

async function localSize(source: ImageSource): Promise<ImageSize | undefined> {
  if (source.kind === 'asset') return undefined;
  const { data } = source;
  if (data instanceof Uint8Array) return readImageSize(data);
  const head = readImageSize(new Uint8Array(await data.slice(0, HEAD_BYTES).arrayBuffer()));
  if (head !== undefined || data.size <= HEAD_BYTES || source.mimeType !== 'image/jpeg') return head;
  return readImageSize(new Uint8Array(await data.arrayBuffer()));
}

async function storedSize(
  source: ImageSource,
  { transport, options }: { transport: Transport; options?: CallOptions | undefined },
): Promise<ImageSize | undefined> {
  if (source.kind !== 'asset') return undefined;
  const { asset } = await transport.request({
    method: 'GET',
    path: path`/assets/${source.assetId}`,
    schema: AssetEnvelopeSchema,
    options,
  });
  const { width, height } = asset.properties;
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

function format({ width, height }: ImageSize): string {
  return `${width}×${height}`;
}
