/**
 * Batch state: what recording one change costs `scenario batch` as its manifest grows, from 1,000
 * to 20,000 rows. A change is one line appended to the state file's journal (flushed to the disk,
 * fsync, for `submitting` and `running`), so its cost must stay flat: goal, the median at 20k rows
 * ≤ 1.5× the median at 1k. For context: opening the file, compacting it at the end, and what one
 * change cost when the whole file was rewritten on each (the format before the journal).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateFile } from '../src/cli/state.js';
import { type BenchRow, median, publish, repoRoot } from './_harness.js';

const SIZES = [1000, 5000, 10_000, 20_000];
/** Changes timed per size and round: each a row moving on (submitting → running → done), as a run makes them. */
const CHANGES = 300;
/** Rounds over every size in turn, so a busy moment of the machine does not land on one size only. */
const ROUNDS = 5;
const GOAL = 1.5;
const identity = { api: 'https://api.cloud.scenario.com/v1', projectId: 'proj_bench' };

const record = (row: number, status: 'submitting' | 'running' | 'done') => ({
  row,
  label: `row ${row} (knight-${row})`,
  status,
  ...(status === 'submitting' ? {} : { jobId: `job_${row.toString(16).padStart(24, '0')}`, cost: 10 }),
  ...(status === 'done' ? { files: [`out/knight-${row}-1.png`, `out/knight-${row}-2.png`] } : {}),
});

const µs = (ms: number) => `${Math.round(ms * 1000)} µs`;

/** A state file of `rows` done rows, written as a finished run leaves it (one line per row). */
function writeDone(path: string, rows: number): void {
  const lines = [{ format: 'scenario-state', version: 2, ...identity }];
  for (let row = 1; row <= rows; row++) lines.push({ key: `k${row}`, ...record(row, 'done') } as never);
  // Flushed now, so its writing back does not fall into the changes timed.
  writeFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''), { flush: true });
}

async function measure(folder: string, rows: number) {
  const path = join(folder, `state-${rows}.jsonl`);
  writeDone(path, rows);
  let started = performance.now();
  const state = await StateFile.open(path, identity);
  const openMs = performance.now() - started;
  const plain: number[] = [];
  const durable: number[] = [];
  for (let change = 0; change < CHANGES; change++) {
    const row = 1 + ((change * 7919) % rows);
    const status = (['submitting', 'running', 'done'] as const)[change % 3] ?? 'done';
    started = performance.now();
    state.set(`k${row}`, record(row, status));
    (status === 'done' ? plain : durable).push(performance.now() - started);
  }
  started = performance.now();
  state.close();
  const closeMs = performance.now() - started;
  return { plain: median(plain), durable: median(durable), openMs, closeMs };
}

/** One change as the state file was written before: the whole document, to a temporary file renamed into place. */
function wholeRewriteMs(folder: string, rows: number): number {
  const items = Object.fromEntries(Array.from({ length: rows }, (_, index) => [`k${index}`, record(index, 'done')]));
  const data = { version: 1, ...identity, items };
  const path = join(folder, 'whole.json');
  const times: number[] = [];
  for (let change = 0; change < 10; change++) {
    const started = performance.now();
    writeFileSync(`${path}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function run(): Promise<BenchRow[]> {
  // On the repository's disk, not a tmpfs: an fsync there costs what it costs users.
  const folder = join(repoRoot(), '.tmp', 'bench-state');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  try {
    const bench = 'batch state';
    const rounds: Awaited<ReturnType<typeof measure>>[][] = SIZES.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, rows] of SIZES.entries()) rounds[index]?.push(await measure(folder, rows));
    }
    const results = SIZES.map((rows, index) => {
      const of = (pick: (result: Awaited<ReturnType<typeof measure>>) => number) =>
        median((rounds[index] ?? []).map(pick));
      return {
        rows,
        plain: of((r) => r.plain),
        durable: of((r) => r.durable),
        openMs: of((r) => r.openMs),
        closeMs: of((r) => r.closeMs),
      };
    });
    const first = results[0] as (typeof results)[number];
    const last = results.at(-1) as (typeof results)[number];
    const ratio = Math.max(last.plain / first.plain, last.durable / first.durable);
    const rewrite = wholeRewriteMs(folder, last.rows);
    return [
      ...results.map(({ rows, plain, durable }) => ({
        bench,
        measure: `${rows / 1000}k rows: one change, appended (fsync'd)`,
        value: `${µs(plain)} (${µs(durable)})`,
        goal: '',
      })),
      {
        bench,
        measure: `one change at ${last.rows / 1000}k rows vs ${first.rows / 1000}k (the worse of both)`,
        value: `${ratio.toFixed(2)}×`,
        goal: `≤ ${GOAL.toFixed(2)}×`,
        ok: ratio <= GOAL,
        note: `per size, the median over ${ROUNDS} rounds of the median of ${CHANGES} changes; rows picked across the file, a third not fsync'd (done), two thirds fsync'd (submitting, running); the file on the repository's disk`,
      },
      {
        bench,
        measure: `${last.rows / 1000}k rows: open, compact at the end`,
        value: `${last.openMs.toFixed(0)} ms, ${last.closeMs.toFixed(0)} ms`,
        goal: '',
        note: 'once per run each: reading the journal (lock, parse, check every line), and rewriting it with one line per row',
      },
      {
        bench,
        measure: `${last.rows / 1000}k rows: one change, whole file rewritten (before)`,
        value: `${rewrite.toFixed(1)} ms`,
        goal: '',
        note: 'the state file before the journal: every change rewrote the whole document (median of 10)',
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) publish(await run());
