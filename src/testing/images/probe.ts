import { sniffImageMimeType } from '../../core/mime-sniff.js';
import { loadSharp } from './sharp.js';

/** What the emulator needs to know about an input image. */
export interface ImageInfo {
  mimeType: string;
  width: number;
  height: number;
}

/**
 * Type and size of an image, or `undefined` when the bytes are not a decodable image. The type
 * comes from the magic numbers, as the real API refuses a non-image whatever its name says.
 */
export async function probeImage(bytes: Uint8Array): Promise<ImageInfo | undefined> {
  const mimeType = sniffImageMimeType(bytes);
  if (!mimeType) return undefined;
  const sharp = await loadSharp();
  try {
    const { width, height } = await sharp(bytes).metadata();
    return width && height ? { mimeType, width, height } : undefined;
  } catch {
    return undefined;
  }
}
