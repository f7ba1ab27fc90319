/**
 * Shared by the benchmarks (the runner skips files starting with `_`): result rows, the table,
 * small statistics, a reference image and a poll count. Each bench exports
 * `run(): Promise<BenchRow[]>`; run alone (after bundling, see scripts/bench.mjs) it prints its
 * own rows, and under the runner it writes them as JSON to `$BENCH_RESULTS_FILE`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured number against its goal. */
export interface BenchRow {
  bench: string;
  measure: string;
  value: string;
  /** The goal as text, e.g. `≤ 1.10×`; empty for context-only rows. */
  goal: string;
  /** `undefined` for context-only rows. */
  ok?: boolean | undefined;
  /** Why a goal is missed, or anything the reader needs to read the number. */
  note?: string | undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

let reference: Promise<Uint8Array> | undefined;
/**
 * A small (64×64) PNG reference image for img2img, made once. sharp is imported here, not at the
 * top, so the runner (scripts/bench.mjs), which imports this file for the table, does not load it.
 */
export function referenceImage(): Promise<Uint8Array> {
  reference ??= import('sharp').then(({ default: sharp }) =>
    sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
      .png()
      .toBuffer()
      .then((buffer) => new Uint8Array(buffer)),
  );
  return reference;
}

/** How many of `requests` (an emulator's log) polled a job. */
export function countPolls(requests: readonly { method: string; route: string }[]): number {
  return requests.filter((request) => request.method === 'GET' && request.route === '/jobs/:jobId').length;
}

/** Rows as an aligned text table (or a Markdown one). */
export function formatTable(rows: readonly BenchRow[], markdown = false): string {
  const header = ['benchmark', 'measure', 'value', 'goal', 'met'];
  const cells = rows.map((row) => [
    row.bench,
    row.measure,
    row.value,
    row.goal,
    row.ok === undefined ? '' : row.ok ? 'yes' : 'NO',
  ]);
  const lines = markdown
    ? [header, ...cells].map((line) => line.map((cell) => cell.replaceAll('|', '\\|')))
    : [header, ...cells];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  const [head = header, ...body] = lines;
  const rule = widths.map((width) => '-'.repeat(width));
  const pad = (line: readonly string[]) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0));
  // Markdown as its formatter writes it (aligned columns), so a fresh results file passes the lint.
  if (markdown) return [head, rule, ...body].map((line) => `| ${pad(line).join(' | ')} |`).join('\n');
  return [head, rule, ...body].map((line) => pad(line).join('  ').trimEnd()).join('\n');
}

/** Hands the rows to the runner, or prints them when the bench runs alone. */
export function publish(rows: readonly BenchRow[]): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) writeFileSync(file, JSON.stringify(rows));
  else {
    console.log(formatTable(rows));
    for (const row of rows) if (row.note) console.log(`- ${row.measure}: ${row.note}`);
  }
}

/** The repository root, found from this file whether it runs from `bench/` or bundled under `node_modules/.cache/`. */
export function repoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'scenario-sdk') return dir;
  }
  throw new Error('scenario-sdk repository root not found');
}
