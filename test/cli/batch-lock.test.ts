/**
 * One batch, one process: two runs of the same manifest never both submit its rows, however they
 * overlap (started together, a launcher killed and the run re-started, a run killed and re-run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BIN, emulator, filesIn, folder, run, start } from './harness.js';
import { knightFiles, knightRows, untilJobs } from './manifests.js';

const ROWS = 20;
const STATE = 'sprites.json.scenario-state.jsonl';
const LOCK = `${STATE}.lock`;

/** The pid a lock file names; `undefined` when there is none. */
function lockHolder(path: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(50);
}

/** Settles with the exit of a process whose output pipes others (its orphans) may hold open. */
const exited = (child: ChildProcess) => new Promise((resolve) => child.on('exit', resolve));

describe.concurrent('a batch run by two processes', { timeout: 120_000 }, () => {
  it('started 0.5 s apart: exactly 20 jobs for 20 rows; the later run is refused, naming the pid that holds the batch', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ jobDurations: { flux: 1000 } })]);
    writeFileSync(join(cwd, 'sprites.json'), JSON.stringify(knightRows(ROWS)));
    const args = ['batch', 'sprites.json', '--out', 'out'];
    const first = start(args, cwd, api);
    await sleep(500);
    const second = start(args, cwd, api);
    const outcomes = await Promise.all([first.done, second.done]);
    const [winner, loser] = outcomes[0].code === 0 ? outcomes : [outcomes[1], outcomes[0]];
    const loserPid = (outcomes[0].code === 0 ? second : first).child.pid;
    const winnerPid = (outcomes[0].code === 0 ? first : second).child.pid;
    expect(winner?.code, winner?.stderr).toBe(0);
    expect(loser?.code).toBe(2);
    expect(loser?.stderr).toBe(
      `scenario: ${STATE} is in use by another run (pid ${winnerPid}, since ${loser?.stderr.match(/since (\S+)\)/)?.[1]}): wait for it to end or stop it; nothing was sent. (Its lock: ${LOCK})\n`,
    );
    expect(loserPid).not.toBe(winnerPid);
    expect(api.state.counters.jobsCreated).toBe(ROWS);
    expect(filesIn(join(cwd, 'out'))).toEqual(knightFiles(ROWS));
    expect(existsSync(join(cwd, LOCK))).toBe(false);
  });

  it('with its `npm exec` launcher killed (SIGKILL): the run goes on; a re-run is refused while it does, then finishes the batch', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ jobDurations: { flux: 800 } })]);
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: 'sprites', version: '1.0.0', private: true }));
    mkdirSync(join(cwd, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(BIN, join(cwd, 'node_modules', '.bin', 'scenario'));
    writeFileSync(join(cwd, 'sprites.json'), JSON.stringify(knightRows(ROWS)));
    const env = {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
      SCENARIO_API_KEY: 'api_cli',
      SCENARIO_API_SECRET: 'cli-secret',
      SCENARIO_BASE_URL: api.url,
      npm_config_update_notifier: 'false',
    };
    const launcher = spawn('npm', ['exec', '--offline', '--', 'scenario', 'batch', 'sprites.json', '--out', 'out'], {
      cwd,
      env,
      stdio: 'ignore',
    });
    await untilJobs(join(cwd, STATE), 5);
    const orphan = lockHolder(join(cwd, LOCK)) as number;
    expect(orphan).not.toBe(launcher.pid);
    launcher.kill('SIGKILL');
    await exited(launcher);
    expect(isAlive(orphan)).toBe(true);
    const refused = await run(['batch', 'sprites.json', '--out', 'out'], cwd, api);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`is in use by another run \\(pid ${orphan}, since `));
    await untilGone(orphan);
    const resumed = await run(['batch', 'sprites.json', '--out', 'out'], cwd, api);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(api.state.counters.jobsCreated).toBe(ROWS);
    expect(filesIn(join(cwd, 'out'))).toEqual(knightFiles(ROWS));
  });

  it('whose parent is killed: it stops taking rows and gives the batch up; a re-run finishes it, 20 jobs in all', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ jobDurations: { flux: 1500 } })]);
    writeFileSync(join(cwd, 'sprites.json'), JSON.stringify(knightRows(ROWS)));
    // A launcher that passes no signal on: when it dies, the command is re-parented.
    const launch = `require('node:child_process').spawn(process.execPath, [${JSON.stringify(BIN)}, 'batch', 'sprites.json', '--out', 'out'], { stdio: 'ignore' }); setInterval(() => {}, 1000);`;
    const env = { ...process.env, SCENARIO_API_KEY: 'k', SCENARIO_API_SECRET: 's', SCENARIO_BASE_URL: api.url };
    const launcher = spawn(process.execPath, ['-e', launch], { cwd, env, stdio: 'ignore' });
    await untilJobs(join(cwd, STATE), 5);
    const orphan = lockHolder(join(cwd, LOCK)) as number;
    launcher.kill('SIGKILL');
    await untilGone(orphan);
    expect(api.state.counters.jobsCreated).toBeLessThan(ROWS);
    expect(existsSync(join(cwd, LOCK))).toBe(false);
    const resumed = await run(['batch', 'sprites.json', '--out', 'out'], cwd, api);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(api.state.counters.jobsCreated).toBe(ROWS);
  });

  it('killed (SIGKILL) with its lock left behind: four re-runs at once, one takes the batch over and finishes it', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator({ jobDurations: { flux: 1000 } })]);
    writeFileSync(join(cwd, 'sprites.json'), JSON.stringify(knightRows(ROWS)));
    const args = ['batch', 'sprites.json', '--out', 'out'];
    const killed = start(args, cwd, api);
    await untilJobs(join(cwd, STATE), 5);
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(lockHolder(join(cwd, LOCK))).toBe(killed.child.pid);
    const reruns = await Promise.all(Array.from({ length: 4 }, () => run(args, cwd, api)));
    expect(reruns.map((rerun) => rerun.code).sort()).toEqual([0, 2, 2, 2]);
    expect(api.state.counters.jobsCreated).toBe(ROWS);
    expect(filesIn(join(cwd, 'out'))).toEqual(knightFiles(ROWS));
  });
});
