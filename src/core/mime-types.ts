/*
 * Image MIME types as names: the types the API stores, their file extensions, and the types a
 * declared type or a file name names. Reading a type from the bytes themselves is `mime-sniff.ts`.
 */
/** Image MIME types the API stores, in the order error messages list them. */
export const IMAGE_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff',
  'image/heic',
  'image/svg+xml',
] as const;

/** One of {@link IMAGE_MIME_TYPES}. */
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

const extensions: Record<ImageMimeType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'image/svg+xml': 'svg',
};

/** Human names of the accepted formats, for error messages. */
export const IMAGE_FORMAT_NAMES = IMAGE_MIME_TYPES.map((type) => type.slice('image/'.length).replace('+xml', '')).join(
  ', ',
);

/** The usual file extension (no dot) for an image MIME type: `image/jpeg` → `jpg`. */
export function imageExtension(mimeType: ImageMimeType): string {
  return extensions[mimeType];
}

/** Extensions of asset types other than images, where the type's own name is not the usual extension. */
const otherExtensions: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'model/gltf-binary': 'glb',
  'model/gltf+json': 'gltf',
  'text/plain': 'txt',
  'image/vnd.radiance': 'hdr',
  'image/x-exr': 'exr',
};

/**
 * The file extension (no dot) for a MIME type, the one `client.assets.downloadTo` gives a file it
 * names in a directory: `image/jpeg` → `jpg`, `image/svg+xml` → `svg`, `model/gltf-binary` →
 * `glb`, `video/mp4` → `mp4`. Parameters and case are ignored (`Image/PNG; charset=x` → `png`);
 * `bin` when the type gives no usable extension (none, or `application/vnd.x.y`).
 *
 * @example
 * ```ts
 * import { fileExtension, Scenario } from 'scenario-sdk';
 *
 * const client = new Scenario();
 * const { assets } = await client.txt2img.run({ modelId: 'flux.1-dev', prompt: 'a knight' });
 * for (const [i, asset] of assets.entries()) {
 *   await client.assets.downloadTo(asset, `knight-${i + 1}.${fileExtension(asset.mimeType)}`);
 * }
 * ```
 */
export function fileExtension(mimeType: string | undefined): string {
  const type = normalisedMimeType(mimeType);
  const image = imageMimeTypeOf(type);
  if (image) return imageExtension(image);
  const subtype = type.split('/')[1] ?? '';
  return otherExtensions[type] ?? (/^[a-z0-9]{1,8}$/.test(subtype) ? subtype : 'bin');
}

/** The image type a declared MIME type names (`Image/PNG; charset=x` → `image/png`), or `undefined` for any other type. */
export function imageMimeTypeOf(mimeType: string | undefined): ImageMimeType | undefined {
  const type = normalisedMimeType(mimeType);
  return IMAGE_MIME_TYPES.find((known) => known === type);
}

/** `Image/PNG; charset=…` → `image/png`. */
function normalisedMimeType(mimeType: string | undefined): string {
  return (mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** File extensions (lower case, no dot) in use for each image type, the usual one included. */
const extensionAliases: Record<string, ImageMimeType> = {
  ...Object.fromEntries(Object.entries(extensions).map(([type, extension]) => [extension, type as ImageMimeType])),
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  tif: 'image/tiff',
  heif: 'image/heic',
};

/** The image type a file extension names (`JPEG` → `image/jpeg`), or `undefined` for any other extension. */
export function imageMimeTypeOfExtension(extension: string): ImageMimeType | undefined {
  return Object.hasOwn(extensionAliases, extension.toLowerCase())
    ? extensionAliases[extension.toLowerCase()]
    : undefined;
}
