import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileLock, type LockHolder } from '../../src/cli/lock.js';

const dir = await mkdtemp(join(tmpdir(), 'scenario-cli-lock-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let count = 0;
const lockPath = () => join(dir, `state-${++count}.lock`);

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

/** This process's lock, as another holder would have written it: `changes` make it another's. */
function holder(changes: Partial<LockHolder>): LockHolder {
  const own = { pid: process.pid, host: hostname(), boot: '', since: '2026-01-01T00:00:00.000Z', token: 'other' };
  return { ...own, ...changes };
}

/** The boot id this machine's locks carry (read from a lock taken here). */
async function bootOfThisMachine(): Promise<string> {
  const path = lockPath();
  const lock = await FileLock.acquire(path, 'probe');
  const { boot } = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  lock.release();
  return boot;
}

describe('the lock of a state file', () => {
  it('is held by one process at a time: a second taker is refused, naming the holder pid', async () => {
    const path = lockPath();
    const lock = await FileLock.acquire(path, 'sprites.yaml.scenario-state.jsonl');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(FileLock.acquire(path, 'sprites.yaml.scenario-state.jsonl')).rejects.toThrow(
      new RegExp(
        `^sprites\\.yaml\\.scenario-state\\.jsonl is in use by another run \\(pid ${process.pid}, since .*\\): wait for it to end or stop it; nothing was sent`,
      ),
    );
    expect(lock.held).toBe(true);
    lock.release();
    expect(existsSync(path)).toBe(false);
    (await FileLock.acquire(path, 'again')).release();
  });

  it('is taken over when its holder is dead: its pid gone, a reboot since, or another machine silent for a minute', async () => {
    const boot = await bootOfThisMachine();
    const minuteAgo = new Date(Date.now() - 61_000);
    const cases: [string, LockHolder, Date | undefined][] = [
      ['a dead pid', holder({ pid: deadPid(), boot }), undefined],
      ['another boot', holder({ boot: 'an-earlier-boot' }), undefined],
      ['another machine, not refreshed for a minute', holder({ host: 'ci-runner-7', boot: 'x' }), minuteAgo],
    ];
    for (const [, stale, touched] of cases) {
      const path = lockPath();
      writeFileSync(path, JSON.stringify(stale));
      if (touched) utimesSync(path, touched, touched);
      const lock = await FileLock.acquire(path, 'state');
      expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
    const garbage = lockPath();
    writeFileSync(garbage, 'not a lock');
    (await FileLock.acquire(garbage, 'state')).release();
  });

  it('is refused while another machine refreshes it, naming that machine', async () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify(holder({ pid: 4242, host: 'ci-runner-7', boot: 'x' })));
    await expect(FileLock.acquire(path, 'state')).rejects.toThrow(
      /in use by another run \(pid 4242 on ci-runner-7, since /,
    );
  });

  it('knows when another run took it over, and does not remove that run’s lock', async () => {
    const path = lockPath();
    const lock = await FileLock.acquire(path, 'state');
    writeFileSync(path, JSON.stringify(holder({ token: 'the-new-holder' })));
    expect(lock.held).toBe(false);
    lock.release();
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('the-new-holder');
  });

  it('goes to exactly one of many runs that find the same dead lock at once', async () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify(holder({ pid: deadPid(), boot: await bootOfThisMachine() })));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => FileLock.acquire(path, 'state')));
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected').map((result) => String(result.reason))).toEqual(
      Array(7).fill(expect.stringMatching(/in use by another run \(pid \d+/)),
    );
    for (const winner of winners) winner.value.release();
  });
});
