import sharp from 'sharp';

/** A real 8×8 image in `format`, encoded by sharp. */
export async function realImage(format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' | 'tiff'): Promise<Uint8Array> {
  const image = sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 80, b: 20 } } });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

/** An ISO-BMFF `ftyp` box with these brands, as HEIC and AVIF files open. */
export function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = new Uint8Array(8 + brands.length + 16);
  new DataView(box.buffer).setUint32(0, 8 + brands.length);
  box.set(new TextEncoder().encode(`ftyp${brands}`), 4);
  return box;
}

/** A valid 1×1 PNG, small enough to inline in tests. */
export const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** PDF bytes: a plausible non-image upload. */
export const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');

/** `size` bytes that sniff as PNG (signature, then zeros): a cheap "large image". */
export function pngOfSize(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(PNG.subarray(0, 8));
  for (let index = 8; index < size; index += 4096) bytes[index] = index % 251;
  return bytes;
}

/** The bytes of a `data:…;base64,…` URL, and its declared type. */
export function decodeDataUrl(url: string): { mimeType: string; bytes: Uint8Array } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match) throw new Error(`not a base64 data URL: ${url.slice(0, 40)}`);
  return { mimeType: match[1] as string, bytes: new Uint8Array(Buffer.from(match[2] as string, 'base64')) };
}
