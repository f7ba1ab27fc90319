import { readdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileExtension } from '../index.js';
import { fileStem } from './paths.js';

/** True for an image argument read from the local disk (not an asset id, a data URL or a URL). */
export function isLocalPath(input: string): boolean {
  return !/^(asset_|data:|[a-z][a-z0-9+.-]+:)/i.test(input);
}

/** A prompt as a file name: `A Knight, painted!` → `a-knight-painted`; empty when nothing is left. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/**
 * The stem output files are named after: the input image's file name (`sketch.png` → `sketch`),
 * an asset id, the last segment of a URL, else a slug of the prompt. `undefined` when none of
 * these exists: the files are then named after the job.
 */
export function stemOf(image: unknown, prompt: unknown): string | undefined {
  if (typeof image === 'string' && image.startsWith('asset_')) return fileStem(image);
  if (typeof image === 'string' && !image.startsWith('data:')) {
    const path = /^https?:/i.test(image) ? (URL.parse(image)?.pathname ?? '') : image;
    const stem = slug(basename(path, extname(path)));
    if (stem) return stem;
  }
  return (typeof prompt === 'string' && slug(prompt)) || undefined;
}

/** `<stem>-<n>.<ext>`, n counting from 1 in output order, the extension as `assets.downloadTo` would give it. */
export function outputFileName(stem: string, index: number, mimeType: string): string {
  return `${stem}-${index + 1}.${fileExtension(mimeType)}`;
}

/** Files in `dir` that outputs of `stem` would replace (`<stem>-<n>.<any ext>`). */
export function existingOutputs(dir: string, stem: string): string[] {
  const prefix = `${stem}-`;
  return filesOf(dir)
    .filter((name) => name.startsWith(prefix) && /^\d+\.[\w]+$/.test(name.slice(prefix.length)))
    .map((name) => join(dir, name));
}

/**
 * Removes what a killed download of `stem`'s outputs left behind: `assets.downloadTo` writes
 * `.<file>.<uuid>.part` beside the file and renames it into place only once complete.
 */
export function removePartialDownloads(dir: string, stem: string): void {
  const prefix = `.${stem}-`;
  for (const name of filesOf(dir)) {
    if (name.startsWith(prefix) && /^\d+\.\w+\.[\w-]+\.part$/.test(name.slice(prefix.length))) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

function filesOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
