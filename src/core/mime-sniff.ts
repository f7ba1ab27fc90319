import type { ImageMimeType } from './mime-types.js';

/** How many leading bytes {@link sniffImageMimeType} looks at; SVG may hide its `<svg` behind a prolog. */
export const SNIFF_BYTES = 4096;

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
 * A description of bytes that are not an image, for error messages: their size, text or
 * binary, and what they look like (`a text file of 1,704 bytes that looks like PEM (a key or
 * certificate)`). Never any of the bytes themselves: the input may be a key or a password file.
 */
export function describeBytes(bytes: Uint8Array, size = bytes.length): string {
  if (size === 0) return 'an empty file (0 bytes)';
  const head = bytes.subarray(0, SNIFF_BYTES);
  const kind = isText(head) ? 'text' : 'binary';
  const lookalike = lookalikeOf(head);
  const described = `a ${kind} file of ${size.toLocaleString('en-US')} byte${size === 1 ? '' : 's'}`;
  return lookalike ? `${described} that looks like ${lookalike}` : described;
}

/** Files often passed by mistake, told apart by how they open. */
const lookalikes: ReadonlyArray<readonly [test: (head: Uint8Array, start: string) => boolean, name: string]> = [
  [(_, start) => start.startsWith('%PDF-'), 'a PDF'],
  [(head) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]), 'a ZIP archive'],
  [(head) => startsWith(head, [0x1f, 0x8b]), 'gzip data'],
  [(_, start) => /^-----BEGIN [A-Z0-9 ]+-----/.test(start), 'PEM (a key or certificate)'],
  [(_, start) => /^(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+) /.test(start), 'an SSH public key'],
  [(_, start) => /^[{[]/.test(start), 'JSON'],
  [(_, start) => /^<(!doctype html|html)[\s>]/i.test(start), 'HTML'],
  [(_, start) => start.startsWith('<?xml'), 'XML'],
  [(head) => ascii(head, 0, 2) === 'BM' && head.length >= 26, 'a BMP image, which the API does not take'],
  [(head) => ascii(head, 0, 4) === '8BPS', 'a Photoshop file, which the API does not take'],
  [(head) => ascii(head, 4, 8) === 'ftyp', 'a video or other ISO media file'],
];

function lookalikeOf(head: Uint8Array): string | undefined {
  // Read as Latin-1, so a UTF-8 byte-order mark is the three characters dropped here.
  const start = String.fromCharCode(...head.subarray(0, 64))
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  return lookalikes.find(([test]) => test(head, start))?.[1];
}

/** Tab, line feed, vertical tab, form feed, carriage return: the control bytes text files hold. */
const textControls = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** UTF-8 without other control bytes; a character cut at the end of the sample is fine. */
function isText(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  return head.every((byte) => (byte < 0x20 ? textControls.has(byte) : byte !== 0x7f));
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
