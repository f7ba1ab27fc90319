import { InvalidRequestError } from '../core/errors.js';
import { SNIFF_BYTES, sniffImageMimeType } from '../core/mime-sniff.js';
import {
  fileExtension,
  type ImageMimeType,
  imageExtension,
  imageMimeTypeOf,
  imageMimeTypeOfExtension,
} from '../core/mime-types.js';
import { type AtomicFile, FileAccessError, fileNameOf, openAtomicFile, resolveFilePath } from '../core/node-files.js';

/** What naming a download needs to know of its asset. */
export interface DownloadedAsset {
  /** Names the file when the destination is a directory. */
  id?: string | undefined;
  /** Gives the extension in a directory, and checks the one of a file name. */
  mimeType?: string | undefined;
}

/** The file a download is written to: a temporary file beside `path` until `commit`. */
export interface DownloadTarget extends AtomicFile {
  /** Where the file is once committed. */
  readonly path: string;
}

/** Longest file name most file systems take, in bytes. */
const MAX_FILE_NAME_BYTES = 255;

/**
 * Works out and opens the file `downloadTo(asset, destination)` writes, before anything is
 * downloaded:
 * - a directory (an existing one, or a path ending in a separator) gets `<asset id>.<ext>`, the
 *   extension from the asset's type;
 * - missing parent directories are created;
 * - a file name whose extension names another image format than the asset's is refused, so a
 *   PNG is never saved as `.jpg`; when the asset's type is not known, the downloaded bytes are
 *   checked instead, before the file is moved into place.
 *
 * @throws InvalidRequestError naming the problem.
 */
export async function openDownloadTarget(destination: string, asset: DownloadedAsset): Promise<DownloadTarget> {
  if (new TextEncoder().encode(fileNameOf(destination) ?? '').length > MAX_FILE_NAME_BYTES) {
    throw invalid(`the file name is over ${MAX_FILE_NAME_BYTES} bytes, more than most file systems take`);
  }
  const declared = imageMimeTypeOf(asset.mimeType);
  const path = await fileErrorsAsInvalid(() => resolveFilePath(destination, () => fileNameIn(asset)));
  const name = fileNameOf(path) ?? '';
  const named = imageMimeTypeOfExtension(/\.([^.]+)$/.exec(name)?.[1] ?? '');
  if (named && declared && named !== declared) throw mismatch(name, declared);
  const file = await fileErrorsAsInvalid(() => openAtomicFile(path));
  return {
    ...file,
    path,
    async commit() {
      if (named && !declared) {
        const sniffed = sniffImageMimeType(await file.readHead(SNIFF_BYTES));
        if (sniffed && sniffed !== named) throw mismatch(name, sniffed);
      }
      await fileErrorsAsInvalid(() => file.commit());
    },
  };
}

/** `<asset id>.<ext>`, for a directory destination. */
function fileNameIn(asset: DownloadedAsset): string {
  if (typeof asset.id !== 'string' || asset.id === '') {
    throw invalid('a directory needs the asset id to name the file: pass the asset or its id, or a file path');
  }
  // The id comes from the server: it must not reach another directory.
  const base = asset.id.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\./, '_');
  return `${base}.${fileExtension(asset.mimeType)}`;
}

function mismatch(name: string, actual: ImageMimeType): InvalidRequestError {
  const extension = imageExtension(actual);
  return invalid(
    `${JSON.stringify(name)} names another image format, but the asset is ${extension.toUpperCase()} (${actual}): ` +
      `end the name in .${extension}, or pass a directory`,
  );
}

async function fileErrorsAsInvalid<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof FileAccessError) throw invalid(error.message);
    throw error;
  }
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError('download path', [{ path: 'path', message }]);
}
