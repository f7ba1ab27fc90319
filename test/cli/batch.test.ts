import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulator, filesIn, folder, generateRequests, jsonLines, run, SKETCH, start } from './harness.js';
import { knightFiles, knightRows, SAMPLES, stateJobIds, untilJobs } from './manifests.js';

const ROWS = 20;
const rows = (count = ROWS) => knightRows(count);
const expectedFiles = (count = ROWS) => knightFiles(count);

function csv(records: Record<string, unknown>[]): string {
  const header = Object.keys(records[0] ?? {});
  const cell = (value: unknown) => `"${String(value).replaceAll('"', '""')}"`;
  return [header.join(','), ...records.map((record) => header.map((key) => cell(record[key])).join(','))].join('\n');
}

function yaml(records: Record<string, unknown>[]): string {
  // Shared fields once, in `defaults`: what a hand-written manifest looks like.
  const [first = {}] = records;
  const { command, image, model, prompt, influence } = first;
  const lines = [
    'defaults:',
    ...Object.entries({ command, image, model, prompt, influence }).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
  ];
  lines.push('rows:');
  for (const record of records)
    lines.push(`  - { name: ${record.name}, seed: ${record.seed}, num-samples: ${SAMPLES} }`);
  return lines.join('\n');
}

describe.concurrent('scenario batch', { timeout: 90_000 }, () => {
  it('runs 20 rows (CSV) at concurrency 5: every row done, 20 jobs, no 429, a summary', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'sprites.csv'), csv(rows()));
    const result = await run(['batch', 'sprites.csv', '--concurrency', '5', '--out', 'out'], cwd, api);
    expect(result.stderr).toBe('');
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(filesIn(join(cwd, 'out'))).toEqual(expectedFiles());
    expect(api.state.counters.jobsCreated).toBe(ROWS);
    expect(api.state.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(result.stdout.match(/^done {4}row \d+ \(knight-\d+\) → /gm)).toHaveLength(ROWS);
    expect(result.stdout).toMatch(/^done\s+20\s+\d+\n\s*total\s+20\s+\d+/m);
  });

  for (const [signal, format] of [
    ['SIGINT', 'yaml'],
    ['SIGKILL', 'json'],
  ] as const) {
    it(`killed half-way (${signal}) and run again: 20 jobs in all, no row submitted twice, 20 × ${SAMPLES} files`, async () => {
      // Jobs long enough that no submission is in flight while the test kills the run after the 10th job id.
      const [cwd, api] = await Promise.all([folder(), emulator({ jobDurations: { flux: 1500 } })]);
      const manifest = `sprites.${format}`;
      writeFileSync(join(cwd, manifest), format === 'json' ? JSON.stringify(rows()) : yaml(rows()));
      const args = ['batch', manifest, '--concurrency', '5', '--state', 'state.json', '--out', 'out'];
      const first = start(args, cwd, api);
      await untilJobs(join(cwd, 'state.json'), 10);
      first.child.kill(signal);
      const stopped = await first.done;
      const recorded = stateJobIds(join(cwd, 'state.json'));
      expect(api.state.counters.jobsCreated).toBe(recorded.length);
      expect(recorded.length).toBeLessThan(ROWS);
      if (signal === 'SIGINT') {
        expect(stopped.code, stopped.stderr + stopped.stdout).toBe(130);
        // Anchored at the end only: an SDK warning (a retried download) may come first.
        expect(stopped.stderr).toMatch(
          /(^|\n)Interrupted\.\n5 job\(s\) keep running on the server \(billed\):\n( {2}job_\w+ {2}row \d+ \(knight-\d+\)\n){5}Resume with:\n {2}scenario batch sprites\.yaml --concurrency 5 --state state\.json --out out\n$/,
        );
      } else {
        expect(stopped.signal).toBe('SIGKILL');
      }

      const again = await run([...args, '--json'], cwd, api);
      expect(again.stderr).toMatch(/total\s+20/);
      expect(again.code, again.stderr + again.stdout).toBe(0);
      expect(api.state.counters.jobsCreated).toBe(ROWS);
      expect(filesIn(join(cwd, 'out'))).toEqual(expectedFiles());
      const results = jsonLines(again.stdout);
      expect(results).toHaveLength(ROWS);
      expect(results.every((line) => line.status === 'done')).toBe(true);
      expect(new Set(results.map((line) => line.jobId)).size).toBe(ROWS);
      // Rows whose files were written before the kill were not waited for again.
      expect(results.filter((line) => line.earlier).length).toBeGreaterThanOrEqual(1);
    });
  }

  it('--estimate quotes every row with dry runs: no job, the total', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'sprites.json'), JSON.stringify(rows()));
    const result = await run(['batch', 'sprites.json', '--estimate'], cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(generateRequests(api)).toBe(ROWS);
    expect(api.state.counters.jobsCreated).toBe(0);
    expect(result.stdout).toMatch(/^estimated\s+20\s+\d+$/m);
    expect(filesIn(cwd)).toEqual(['sprites.json']);
  });

  it('refuses a manifest with a bad row before sending anything, naming the row', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const bad = rows(3);
    bad[2] = { ...bad[2], influence: 200 } as (typeof bad)[number];
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify(bad));
    writeFileSync(join(cwd, 'same.json'), JSON.stringify(rows(2).map((row) => ({ ...row, name: 'knight' }))));
    const [invalid, clash] = await Promise.all([
      run(['batch', 'bad.json'], cwd, api),
      run(['batch', 'same.json'], cwd, api),
    ]);
    expect([invalid.code, clash.code]).toEqual([2, 2]);
    expect(invalid.stderr).toBe('scenario: row 3: influence: Too big: expected number to be <=100\n');
    expect(clash.stderr).toBe(
      'scenario: row 1 (knight) and row 2 (knight) would both write knight-<n>: give each its own name\n',
    );
    expect(api.state.requests).toEqual([]);
  });

  it('never submits a row whose submission an earlier run may have made, unless --retry-failed', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'one.json'), JSON.stringify(rows(1)));
    const first = await run(['batch', 'one.json', '--state', 'state.jsonl'], cwd, api);
    expect(first.code, first.stderr).toBe(0);
    // The state of a run killed while its submission was on the wire: the job may exist.
    const state = readFileSync(join(cwd, 'state.jsonl'), 'utf8').replace(
      /"status":"done".*\}/,
      '"status":"submitting"}',
    );
    writeFileSync(join(cwd, 'one.json.scenario-state.jsonl'), state);
    rmSync(join(cwd, 'knight-01-1.png'));
    rmSync(join(cwd, 'knight-01-2.png'));
    const refused = await run(['batch', 'one.json'], cwd, api);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(
      /^failed {2}row 1 \(knight-01\): an earlier run stopped while submitting this item/m,
    );
    expect(api.state.counters.jobsCreated).toBe(1);
    const retried = await run(['batch', 'one.json', '--retry-failed'], cwd, api);
    expect([retried.code, api.state.counters.jobsCreated]).toEqual([0, 2]);
  });

  it('never submits again a row whose job failed, unless --retry-failed', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ faults: { jobFailure: 1 } })]);
    writeFileSync(join(cwd, 'two.json'), JSON.stringify(rows(2)));
    const first = await run(['batch', 'two.json'], cwd, api);
    const again = await run(['batch', 'two.json'], cwd, api);
    expect([first.code, again.code, api.state.counters.jobsCreated]).toEqual([1, 1, 2]);
    expect(again.stdout).toMatch(/re-run with --retry-failed/);
    const retried = await run(['batch', 'two.json', '--retry-failed'], cwd, api);
    expect([retried.code, api.state.counters.jobsCreated]).toEqual([1, 4]);
  });

  it('takes the game-pipeline commands: a tileable texture, its maps, pixel art and a caption, one manifest', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const manifest = [
      {
        command: 'txt2img',
        name: 'stone',
        model: 'flux.1-dev',
        prompt: 'stone tiles',
        seamless: true,
        width: 64,
        height: 64,
      },
      { command: 'texture', name: 'stone-maps', texture: SKETCH, raised: 0.5 },
      { command: 'pixelate', name: 'sprite', image: SKETCH, 'pixel-grid-size': 16, 'color-palette-size': 4 },
      { command: 'caption', name: 'caption', image: [SKETCH] },
    ];
    writeFileSync(join(cwd, 'assets.json'), JSON.stringify(manifest));
    const result = await run(['batch', 'assets.json', '--out', 'out', '--json'], cwd, api);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stderr).toMatch(/^\s+rows\s+credits\ndone\s+4\s/);
    expect(jsonLines(result.stdout).map((line) => line.status)).toEqual(['done', 'done', 'done', 'done']);
    const files = filesIn(join(cwd, 'out'));
    expect(files).toEqual(
      expect.arrayContaining(['stone-1.png', 'stone-maps-7.png', 'sprite-1.png', 'caption-1.json']),
    );
    expect(files).toHaveLength(10);
    expect(api.state.counters.requests['POST /generate/txt2img-texture']).toBe(1);
  });
});
