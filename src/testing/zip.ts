/** A file of a ZIP archive. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A ZIP archive of `entries`, stored without compression (the images inside are compressed
 * already), readable by any unzip tool. Web-standard only, so it runs wherever the emulator does.
 */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const { name, bytes } of entries) {
    const fileName = encoder.encode(name);
    const crc = crc32(bytes);
    // Shared by the local and central headers: version, flags (UTF-8 names), method 0, time/date, CRC, sizes, name length.
    const common = (view: DataView, at: number) => {
      view.setUint16(at, 20, true);
      view.setUint16(at + 2, 0x0800, true);
      view.setUint16(at + 4, 0, true);
      view.setUint32(at + 6, 0x00210000, true); // 1980-01-01 00:00
      view.setUint32(at + 10, crc, true);
      view.setUint32(at + 14, bytes.byteLength, true);
      view.setUint32(at + 18, bytes.byteLength, true);
      view.setUint16(at + 22, fileName.byteLength, true);
    };
    const local = new Uint8Array(30 + fileName.byteLength);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    common(localView, 4);
    local.set(fileName, 30);
    const central = new Uint8Array(46 + fileName.byteLength);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    common(centralView, 6);
    centralView.setUint32(42, offset, true);
    central.set(fileName, 46);
    locals.push(local, bytes);
    centrals.push(central);
    offset += local.byteLength + bytes.byteLength;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.byteLength, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length, true);
  endView.setUint16(10, entries.length, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
