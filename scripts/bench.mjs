#!/usr/bin/env node
// `npm run bench [-- name…]`: bundles each bench/*.ts with esbuild (our sources use `.js`
// specifiers, so Node cannot run them by type stripping), runs them one after another, each in
// its own child process so memory measurements are clean, and prints one table. A full run also
// writes bench/RESULTS.md with the machine and date.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
// Inside the repository, so the bundles resolve the SDK's dependencies (left external) from its
// node_modules; not inside node_modules, which may be a link shared by several checkouts.
const outDir = join(root, '.tmp', 'bench');

/** Run order; any other bench file runs after these. */
const ORDER = ['transport', 'latency', 'job-waiting', 'uploads', 'batch', 'batch-state', 'bundle', 'cold-start'];

const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : available;

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
await build({
  // The harness too: its table formatting is shared with the runner.
  entryPoints: [...names, '_harness'].map((name) => join(benchDir, `${name}.ts`)),
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const { formatTable: table } = await import(pathToFileURL(join(outDir, '_harness.mjs')).href);

const started = Date.now();
const loadBefore = loadavg()[0];
const rows = [];
const failures = [];
for (const name of names) {
  const resultsFile = join(outDir, `${name}.json`);
  const benchStarted = Date.now();
  console.error(`▶ ${name}`);
  const child = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', join(outDir, `${name}.mjs`)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_RESULTS_FILE: resultsFile },
  });
  const seconds = ((Date.now() - benchStarted) / 1000).toFixed(1);
  let benchRows = [];
  try {
    benchRows = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    // The bench failed before publishing: reported below.
  }
  if (child.status !== 0 || benchRows.length === 0) {
    failures.push(name);
    console.error(`✖ ${name} failed (exit ${child.status ?? child.signal}) after ${seconds} s`);
    continue;
  }
  console.error(`✔ ${name} in ${seconds} s`);
  rows.push(...benchRows);
}
const totalSeconds = ((Date.now() - started) / 1000).toFixed(0);

const machine = {
  cpu: `${cpus()[0]?.model.trim() ?? 'unknown'} × ${cpus().length} cores`,
  memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: new Date().toISOString(),
  // Other processes on the machine skew the timing ratios (transport, uploads); the 1-minute load average says how busy it was.
  load: `${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
};

console.log(`\n${table(rows, false)}\n`);
for (const row of rows) if (row.note) console.log(`- ${row.bench} / ${row.measure}: ${row.note}`);
console.log(
  `\n${machine.cpu}, ${machine.memory}, Node ${machine.node}, ${machine.date}; load ${machine.load}; ${totalSeconds} s in all.`,
);

if (wanted.length === 0 && failures.length === 0) {
  const notes = rows.filter((row) => row.note).map((row) => `- **${row.bench} / ${row.measure}**: ${row.note}`);
  const markdown = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (`scripts/bench.mjs`); each bench states its goals at its top. Re-run to refresh.',
    '',
    `- Machine: ${machine.cpu}, ${machine.memory} RAM, ${machine.platform}`,
    `- Node: ${machine.node}`,
    `- Date: ${machine.date}`,
    `- Load average (1 min): ${machine.load}`,
    `- Total run time: ${totalSeconds} s`,
    '',
    table(rows, true),
    '',
    '## Notes',
    '',
    ...notes,
    '',
  ].join('\n');
  writeFileSync(join(benchDir, 'RESULTS.md'), markdown);
  console.log('Wrote bench/RESULTS.md');
}
if (failures.length > 0) {
  console.error(`Failed: ${failures.join(', ')}`);
  process.exit(1);
}

function rank(name) {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}
