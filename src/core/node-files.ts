import type * as FsPromises from 'node:fs/promises';

/*
 * Local files, for Node, Bun and Deno. `node:fs` is imported lazily, and through a variable so
 * browser bundlers neither resolve nor bundle it: a browser app that never passes a file path
 * never loads it.
 */

type Fs = typeof FsPromises;
type OpenAsBlob = (path: string | URL) => Promise<Blob>;

/** Thrown by {@link openFile} when the file cannot be read; `code` is the system error code. */
export class FileAccessError extends Error {
  constructor(
    readonly code: 'NO_FS' | 'ENOENT' | 'EISDIR' | 'EACCES' | 'OTHER',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileAccessError';
  }
}

async function importNode<T>(specifier: string): Promise<T> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier) as Promise<T>;
}

async function loadFs(): Promise<Fs> {
  try {
    return await importNode<Fs>('node:fs/promises');
  } catch (error) {
    throw new FileAccessError('NO_FS', 'file paths can only be read in Node, Bun or Deno', { cause: error });
  }
}

/**
 * Opens a local file as a `Blob` backed by the file (`fs.openAsBlob`), so large files are
 * streamed part by part instead of read into memory; falls back to reading the file where
 * `openAsBlob` is missing.
 */
export async function openFile(path: string | URL): Promise<Blob> {
  const fs = await loadFs();
  try {
    const stats = await fs.stat(path);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const { openAsBlob } = await importNode<{ openAsBlob?: OpenAsBlob }>('node:fs');
    if (openAsBlob) return await openAsBlob(path);
    return new Blob([await fs.readFile(path)]);
  } catch (error) {
    throw accessError(error, '');
  }
}

/**
 * The file a write to `destination` goes to: `destination` itself, or, when it is a directory
 * (an existing one, or a path ending in a separator), `nameInDirectory()` inside it.
 */
export async function resolveFilePath(destination: string, nameInDirectory: () => string): Promise<string> {
  const fs = await loadFs();
  const { join, sep } = await importNode<typeof import('node:path')>('node:path');
  if (destination.endsWith('/') || destination.endsWith(sep)) return join(destination, nameInDirectory());
  try {
    if ((await fs.stat(destination)).isDirectory()) return join(destination, nameInDirectory());
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw accessError(error, `cannot write ${destination}`);
  }
  return destination;
}

/** A file being written by {@link openAtomicFile}: nothing appears at its path until `commit`. */
export interface AtomicFile {
  /** Writes a stream to the temporary file, replacing what an earlier attempt wrote; returns the byte count. */
  writeStream(stream: ReadableStream<Uint8Array>): Promise<number>;
  /** Up to `length` bytes from the start of what was written. */
  readHead(length: number): Promise<Uint8Array>;
  /** Moves the finished file to its path (an atomic rename, replacing any file there). */
  commit(): Promise<void>;
  /** Removes the temporary file; safe to call at any point, and more than once. */
  discard(): Promise<void>;
}

/**
 * Opens a temporary file beside `path` to be renamed over it once complete, so `path` never
 * holds a half-written file. Opening creates the directory when missing and checks that it is
 * writable, before anything is downloaded. The temporary name starts with the target's name
 * (`.<name>.<uuid>.part`), so a leftover of a killed download tells what it was for (the CLI
 * clears its own that way), cut to 100 bytes so any name the file system takes for `path` works.
 */
export async function openAtomicFile(path: string): Promise<AtomicFile> {
  const fs = await loadFs();
  const { basename, dirname, join } = await importNode<typeof import('node:path')>('node:path');
  const temporary = join(dirname(path), `.${cutToBytes(basename(path), 100)}.${crypto.randomUUID()}.part`);
  let file: FsPromises.FileHandle;
  try {
    await fs.mkdir(dirname(path), { recursive: true });
    // Read too, so the finished file's head can be checked before it is moved into place.
    file = await fs.open(temporary, 'wx+');
  } catch (error) {
    throw accessError(error, `cannot write ${path}`);
  }
  return {
    async writeStream(stream) {
      await file.truncate(0);
      let written = 0;
      const reader = stream.getReader();
      try {
        for (let result = await reader.read(); !result.done; result = await reader.read()) {
          await file.write(result.value, 0, result.value.length, written);
          written += result.value.length;
        }
        return written;
      } catch (error) {
        await reader.cancel(error).catch(() => {});
        throw error;
      } finally {
        reader.releaseLock();
      }
    },
    async readHead(length) {
      const head = new Uint8Array(length);
      const { bytesRead } = await file.read(head, 0, length, 0);
      return head.subarray(0, bytesRead);
    },
    async commit() {
      await file.close();
      try {
        await fs.rename(temporary, path);
      } catch (error) {
        throw accessError(error, `cannot move the finished file to ${path}`);
      }
    },
    async discard() {
      await file.close().catch(() => {});
      await fs.rm(temporary, { force: true }).catch(() => {});
    },
  };
}

function accessError(error: unknown, prefix: string): FileAccessError {
  const code = (error as { code?: unknown }).code;
  const known = code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' ? code : 'OTHER';
  const reason = {
    ENOENT: 'no such file or directory',
    EISDIR: 'is a directory, not a file',
    EACCES: 'permission denied',
    OTHER: (error as Error).message,
  }[known];
  return new FileAccessError(known, prefix ? `${prefix}: ${reason}` : reason, { cause: error });
}

/** The last segment of a path or file URL, or `undefined` when it has none. */
export function fileNameOf(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop();
  return name ? name : undefined;
}

/** The longest start of `text` whose UTF-8 form fits in `limit` bytes, never splitting a character. */
function cutToBytes(text: string, limit: number): string {
  const encoder = new TextEncoder();
  let kept = '';
  for (const char of text) {
    if (encoder.encode(kept + char).byteLength > limit) break;
    kept += char;
  }
  return kept;
}
