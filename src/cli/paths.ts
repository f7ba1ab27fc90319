import { closeSync, openSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';
import { printableLine } from './printable.js';

/*
 * Where the command may write: only inside the folder the user gave (`--out`). Paths the user
 * gives (`--name`, a manifest's `name` and `out`) are refused when they lead elsewhere; names
 * that come from the server (a job id) are made into plain file names.
 */

/** Longest output stem, in bytes: `<stem>-<n>.<ext>` (an extension has at most 8) fits the 255 bytes of a file name. */
const MAX_STEM_BYTES = 240;
/** Longest folder name, in bytes, most file systems take. */
const MAX_SEGMENT_BYTES = 255;

const bytes = (text: string) => Buffer.byteLength(text);

/** A file or folder name the user gave, as it is shown in an error: quoted, escapes made visible. */
const quoted = (text: string) => printableLine(JSON.stringify(text));

/**
 * The absolute path `path` (relative, as the user gave it for `word`: `--name`, `name`, `out`)
 * leads to inside `root`. Refused, naming `word`, when it is absolute, holds a NUL or another
 * control character, climbs out of `root` with `..`, or has a name too long for a file system.
 * Checked on the resolved path, so `a/../../x` is caught like `../x`.
 */
export function pathInside(root: string, path: string, word: string): string {
  checkPathText(path, word);
  if (isAbsolute(path) || /^[a-z]:/i.test(path)) {
    throw new UsageError(`${word} ${quoted(path)} is an absolute path: give a path inside the output folder`);
  }
  const resolved = resolve(root, path);
  if (!isWithin(resolve(root), resolved)) {
    throw new UsageError(`${word} ${quoted(path)} leads out of the output folder ${quoted(root)}`);
  }
  const long = relative(resolve(root), resolved)
    .split(sep)
    .find((segment) => bytes(segment) > MAX_SEGMENT_BYTES);
  if (long !== undefined) throw new UsageError(`${word}: the name ${quoted(long)} is over ${MAX_SEGMENT_BYTES} bytes`);
  return resolved;
}

/** Refuses a path (a flag or manifest value) holding a NUL or another control character, naming `word`. */
export function checkPathText(path: string, word: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) {
    throw new UsageError(`${word} ${quoted(path)} holds a control character (a NUL, a line break, an escape)`);
  }
}

/** Refuses an output stem longer than {@link MAX_STEM_BYTES}, naming `word`. */
export function checkStemLength(stem: string, word: string): void {
  if (bytes(stem) > MAX_STEM_BYTES) {
    throw new UsageError(
      `${word}: ${quoted(stem)} is ${bytes(stem)} bytes long; at most ${MAX_STEM_BYTES} make a file name`,
    );
  }
}

/** Whether `path` is `folder` or inside it (both resolved). */
function isWithin(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || !(rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest));
}

/** The real path of `path`: its deepest existing folder with symbolic links resolved, the rest as written. */
function realPath(path: string): string {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      if (dirname(current) === current) return resolve(path);
      missing.push(basename(current));
    }
  }
}

/**
 * Refuses `folder` when a symbolic link on its way leads out of `root` (`out/tiles` linking to
 * `/etc`): what is inside `root` as written must be inside it on disk too. `root` itself may be a link.
 */
export function checkRealPathInside(root: string, folder: string, word: string): void {
  if (!isWithin(realPath(root), realPath(folder))) {
    throw new UsageError(
      `${word}: ${quoted(folder)} leads out of the output folder ${quoted(root)} through a symbolic link`,
    );
  }
}

/**
 * An id from the server (a job id) as a file stem: letters, digits, `_` and `-` only, so it can
 * name nothing but a file in the folder it is written to.
 */
export function fileStem(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_STEM_BYTES) || '_';
}

/**
 * Checks that a file can be created in the existing `folder` (a probe file, removed at once:
 * permissions alone do not tell, as with a read-only mount or for root). `shown` names the
 * output folder in the error.
 */
export function checkWritableFolder(folder: string, shown: string): void {
  const probe = join(folder, `.scenario-write-check-${process.pid}`);
  try {
    if (!statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder`);
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UsageError(`cannot write in the output folder ${quoted(shown)}: ${code ?? message}`);
  }
}
