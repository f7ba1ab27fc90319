import { loadSharp } from './sharp.js';

/** What `POST /assets/{assetId}/download` converts to, by `targetFormat`: the MIME type of the file. */
export const TARGET_FORMATS = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' } as const;
/** A `targetFormat` the emulator converts to. */
export type TargetFormat = keyof typeof TARGET_FORMATS;

export const isTargetFormat = (value: unknown): value is TargetFormat =>
  typeof value === 'string' && Object.hasOwn(TARGET_FORMATS, value);

/** The image re-encoded as `format`. */
export async function convertImage(input: Uint8Array, format: TargetFormat): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return new Uint8Array(
    await sharp(input)
      .toFormat(format === 'jpg' ? 'jpeg' : format)
      .toBuffer(),
  );
}
