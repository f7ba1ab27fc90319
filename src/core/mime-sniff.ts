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

/** How many leading bytes {@link sniffImageMimeType} looks at; SVG may hide its `<svg` behind a prolog. */
export const SNIFF_BYTES = 4096;

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

/**
 * The image type of `bytes`, read from their magic numbers (never from a name or a declared
 * type), or `undefined` when they are not an image the API accepts.
 */
export function sniffImageMimeType(bytes: Uint8Array): ImageMimeType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (isTiff(bytes)) return 'image/tiff';
  const isoBrand = isoImageBrand(bytes);
  if (isoBrand) return isoBrand;
  if (isSvg(bytes)) return 'image/svg+xml';
  return undefined;
}

/** Little- or big-endian TIFF, classic (42) or BigTIFF (43). */
function isTiff(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])
  );
}

const avifBrands = new Set(['avif', 'avis']);
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * AVIF and HEIC are ISO-BMFF files opening with an `ftyp` box: major brand at 8, compatible
 * brands after 16. Generic HEIF brands (`mif1`) also appear in AVIF files, so an AVIF brand
 * anywhere wins.
 */
function isoImageBrand(bytes: Uint8Array): ImageMimeType | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(readUint32(bytes, 0), bytes.length, 256);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.some((brand) => avifBrands.has(brand))) return 'image/avif';
  if (brands.some((brand) => heicBrands.has(brand))) return 'image/heic';
  return undefined;
}

/** Text that opens with `<svg`, or with an XML prolog, doctype or comment followed by an `<svg` tag. */
function isSvg(bytes: Uint8Array): boolean {
  // TextDecoder drops a UTF-8 byte-order mark.
  const text = new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES)).trimStart();
  if (/^<svg[\s>/]/i.test(text)) return true;
  return /^<[?!]/.test(text) && /<svg[\s>/]/i.test(text);
}

/**
 * A short description of bytes that are not an image, for error messages:
 * `1,234 bytes starting with "%PDF-1.7"` or `… starting with bytes 00 01 02 03`.
 */
export function describeBytes(bytes: Uint8Array, size = bytes.length): string {
  if (size === 0) return 'an empty file (0 bytes)';
  const head = bytes.subarray(0, 8);
  const printable = head.every((byte) => byte >= 0x20 && byte < 0x7f);
  const start = printable
    ? JSON.stringify(ascii(head, 0, head.length))
    : `bytes ${Array.from(head.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ')}`;
  return `${size.toLocaleString('en-US')} byte${size === 1 ? '' : 's'} starting with ${start}`;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return '';
  return String.fromCharCode(...bytes.subarray(start, end));
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}
