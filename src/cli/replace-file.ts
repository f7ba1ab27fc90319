import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` through a temporary file renamed into place, so a kill leaves the old
 * file or the new one, never half of one; a failed write leaves no temporary file behind.
 * `flush` also flushes the file and the rename to the disk, for what must survive a power cut.
 */
export function replaceFile(path: string, text: string, { flush = false } = {}): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flush });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  if (flush) syncFolder(dirname(path));
}

/** Flushes a folder's entries (a rename) to the disk, where the system allows it. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder: the rename is as durable as the system makes it.
  }
}
