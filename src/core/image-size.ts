/** An image's size in pixels, as its header states it. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The pixel size of a PNG, JPEG or WebP image, read from its header without decoding it, or
 * `undefined` for other formats and for bytes cut short before the size. A JPEG states its size
 * in its frame header, which may follow large metadata segments: pass the whole file when the
 * head alone answers `undefined`. The size is the stored one; a JPEG's EXIF orientation is not
 * applied.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 1, 4) === 'PNG' && ascii(bytes, 12, 16) === 'IHDR' && bytes.length >= 24) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return webpSize(bytes, view);
  return undefined;
}

/** JPEG markers without a length field: TEM, RST0–7, SOI, EOI. */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const START_OF_SCAN = 0xda;

/** Walks the segments up to the first start-of-frame: length, precision, height, width. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    offset += 2;
    if (marker === 0xff) {
      offset -= 1; // fill byte: the next 0xFF starts the marker
      continue;
    }
    if (standalone(marker)) continue;
    if (marker === START_OF_SCAN || offset + 2 > bytes.length) return undefined;
    if (isStartOfFrame(marker)) {
      if (offset + 7 > bytes.length) return undefined;
      return { width: view.getUint16(offset + 5), height: view.getUint16(offset + 3) };
    }
    offset += view.getUint16(offset);
  }
  return undefined;
}

/** The first chunk says which: lossy `VP8 `, lossless `VP8L`, or extended `VP8X` with a canvas size. */
function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = ascii(bytes, 12, 16);
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: uint24(bytes, 24) + 1, height: uint24(bytes, 27) + 1 };
  }
  return undefined;
}

function uint24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}
