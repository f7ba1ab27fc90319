import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from './errors.js';

/** One manifest row: field names as the flags (or the params), values as YAML/JSON gave them or CSV text. */
export type ManifestRow = Record<string, unknown>;

/**
 * Reads a manifest: YAML or JSON (a list of rows, or `{ defaults, rows }` where every row starts
 * from `defaults`), or CSV (a header line of field names, one row per line, empty cells left out).
 */
export async function readManifest(path: string): Promise<ManifestRow[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read manifest ${path}: ${(error as Error).message}`);
  }
  const format = extname(path).toLowerCase();
  try {
    // The parsers load only for the format at hand, keeping every other command's start-up light.
    if (format === '.csv') {
      const { parse } = await import('csv-parse/sync');
      return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    }
    if (format === '.json') return rowsOf(JSON.parse(text), path);
    if (format === '.yaml' || format === '.yml') {
      // yaml is CommonJS: bundled, its dynamic import has only the default export.
      const { default: yaml } = await import('yaml');
      return rowsOf(yaml.parse(text), path);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot parse manifest ${path}: ${(error as Error).message}`);
  }
  throw new UsageError(`manifest ${path}: expected a .yaml, .yml, .json or .csv file`);
}

function rowsOf(document: unknown, path: string): ManifestRow[] {
  const isObject = (value: unknown): value is ManifestRow =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const { defaults = {}, rows } = Array.isArray(document)
    ? { rows: document }
    : isObject(document)
      ? (document as { defaults?: unknown; rows?: unknown })
      : { rows: undefined };
  if (!Array.isArray(rows) || !isObject(defaults)) {
    throw new UsageError(`manifest ${path}: expected a list of rows, or { defaults: {…}, rows: [ … ] }`);
  }
  return rows.map((row, index) => {
    if (!isObject(row)) throw new UsageError(`manifest ${path}: row ${index + 1} is not a set of fields`);
    return { ...defaults, ...row };
  });
}
