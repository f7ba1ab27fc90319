import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from './errors.js';

/** One manifest row: field names as the flags (or the params), values as YAML/JSON gave them or CSV text. */
export type ManifestRow = Record<string, unknown>;

/** A manifest's rows, and the defaults every row starts from (kept apart, so a mistake in them is blamed on them). */
export interface Manifest {
  defaults: ManifestRow;
  rows: ManifestRow[];
}

/** Deepest nesting of a row's values: no field needs more, and the checks must not overflow the stack. */
const MAX_DEPTH = 32;

/**
 * Reads a manifest: YAML or JSON (a list of rows, or `{ defaults, rows }` where every row starts
 * from `defaults`), or CSV (a header line of field names, one row per line, empty cells left out).
 */
export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read manifest ${path}: ${(error as Error).message}`);
  }
  const format = extname(path).toLowerCase();
  let document: unknown;
  try {
    // The parsers load only for the format at hand, keeping every other command's start-up light.
    if (format === '.csv') {
      const { parse } = await import('csv-parse/sync');
      return { defaults: {}, rows: parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) };
    }
    if (format === '.json') document = JSON.parse(text);
    else if (format === '.yaml' || format === '.yml') {
      // yaml is CommonJS: bundled, its dynamic import has only the default export.
      const { default: yaml } = await import('yaml');
      document = yaml.parse(text);
    } else throw new UsageError(`manifest ${path}: expected a .yaml, .yml, .json or .csv file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot parse manifest ${path}: ${(error as Error).message}`);
  }
  return manifestOf(document, path);
}

const isObject = (value: unknown): value is ManifestRow =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function manifestOf(document: unknown, path: string): Manifest {
  const { defaults = {}, rows } = Array.isArray(document)
    ? { rows: document }
    : isObject(document)
      ? (document as { defaults?: unknown; rows?: unknown })
      : { rows: undefined };
  if (!Array.isArray(rows) || !isObject(defaults)) {
    throw new UsageError(`manifest ${path}: expected a list of rows, or { defaults: {…}, rows: [ … ] }`);
  }
  const problems = [
    ...(tooDeep(defaults) ? [`defaults: nested more than ${MAX_DEPTH} levels deep`] : []),
    ...rows.flatMap((row, index) => {
      if (!isObject(row)) return [`row ${index + 1} is not a set of fields`];
      return tooDeep(row) ? [`row ${index + 1}: nested more than ${MAX_DEPTH} levels deep`] : [];
    }),
  ];
  if (problems.length > 0) {
    throw new UsageError(
      problems.length === 1 ? `manifest ${path}: ${problems[0]}` : `manifest ${path}: ${problems.length} problems:`,
      problems.length === 1 ? undefined : problems,
    );
  }
  return { defaults, rows };
}

/** Whether a value nests deeper than {@link MAX_DEPTH}; walked without recursion, stopping there. */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
