/**
 * The `scenario-emulator` bin as a user runs it: a child process on the built package (needs
 * `dist/`, as `npm test` builds it first).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AUTH } from '../testing/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'scenario-emulator.js');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'testing', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
  }
});

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs the bin (or `script` with node), with `env` added to this process's, and collects its output. */
function run(args: string[], script = BIN, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  started.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the first match of `pattern` in stdout. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.stdout.match(pattern);
        if (match) resolve(match);
      };
      child.stdout?.on('data', check);
      child.on('exit', () => reject(new Error(`exited without printing ${pattern}: ${output.stderr}`)));
      check();
    });
  return { child, output, exited, printed };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scenario-emulator', { timeout: 30_000 }, () => {
  test('--job-durations and --strict reach the server; SIGTERM stops it cleanly', async () => {
    const emulator = run(['--port', '0', '--job-durations', 'flux=300', '--strict']);
    const [, url] = await emulator.printed(/listening on (http:\S+\/v1)/);
    const post = (path: string, body: object) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const typo = await post('/generate/txt2img', { modelId: 'flux.1-dev', prompt: 'p', widht: 64 });
    expect(typo.status).toBe(400);
    expect((await typo.json()).reason).toMatch(/^Unknown field\(s\) widht/);
    const { job } = await (
      await post('/generate/txt2img', { modelId: 'flux.1-dev', prompt: 'p', width: 64, height: 64 })
    ).json();
    let done = job;
    while (done.status !== 'success') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = (await (await fetch(`${url}/jobs/${job.jobId}`, { headers: AUTH })).json()).job;
    }
    // The job's own time line (the server's clock, not this test's): 300 ms, not flux's default 10 s.
    const succeededAt = done.statusHistory.find((entry: { status: string }) => entry.status === 'success').date;
    expect(Date.parse(succeededAt) - Date.parse(done.createdAt)).toBe(300);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  test('credentials come from SCENARIO_EMULATOR_*, not the command line; --api-secret and --token warn', async () => {
    const env = {
      SCENARIO_EMULATOR_API_KEY: 'api_env',
      SCENARIO_EMULATOR_API_SECRET: 'env-secret-4f8e',
      SCENARIO_EMULATOR_TOKEN: 'env-token-77aa',
    };
    const emulator = run(['--port', '0'], BIN, env);
    const [, url] = await emulator.printed(/listening on (http:\S+\/v1)/);
    const status = async (authorization: string) => (await fetch(`${url}/jobs`, { headers: { authorization } })).status;
    expect(await status(`Basic ${btoa('api_env:env-secret-4f8e')}`)).toBe(200);
    expect(await status('Bearer env-token-77aa')).toBe(200);
    expect(await status(`Basic ${btoa('key:secret')}`)).toBe(401);
    // What `ps` shows of it: the command line, without the secrets.
    expect(emulator.child.spawnargs.join(' ')).not.toMatch(/env-secret|env-token/);
    expect(emulator.output.stdout).toContain('only the credentials configured');
    expect(emulator.output.stderr).toBe('');
    emulator.child.kill('SIGTERM');
    await emulator.exited;

    const flagged = run(['--port', '0', '--api-key', 'k', '--api-secret', 's3cret', '--token', 'tok']);
    await flagged.printed(/listening on/);
    expect(flagged.output.stderr).toContain(
      'scenario-emulator: warning: --api-secret is visible to every user of this machine (ps): set SCENARIO_EMULATOR_API_SECRET instead',
    );
    expect(flagged.output.stderr).toContain(
      '--token is visible to every user of this machine (ps): set SCENARIO_EMULATOR_TOKEN instead',
    );
  });

  test('a busy port is one line that suggests --port 0, not a stack', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const emulator = run(['--port', String(port)]);
      expect(await emulator.exited).toBe(1);
      expect(emulator.output.stderr.trim().split('\n')).toEqual([
        `scenario-emulator: 127.0.0.1:${port} is already in use: pick another with --port <n>, or --port 0 for a free one`,
      ]);
    } finally {
      blocker.close();
    }
  });

  test.each([
    [['--port', 'abc'], '--port must be a non-negative integer, got "abc"'],
    [['--faults', '500=1.5'], 'faults.serverError must be a rate between 0 and 1'],
    [['--job-durations', 'flux=-1'], '--job-durations flux must be a non-negative integer, got "-1"'],
  ])('%j prints the problem and the usage (exit 2), not a stack', async (args, problem) => {
    const emulator = run(args);
    expect(await emulator.exited).toBe(2);
    expect(emulator.output.stderr).toContain(`scenario-emulator: ${problem}\n\nUsage: scenario-emulator [options]`);
    expect(emulator.output.stderr).not.toMatch(/^\s+at /m);
  });

  test('exits when the process that started it dies (npx killed with SIGKILL)', async () => {
    // A stand-in for npx: starts the bin and waits, passing nothing on when it is killed.
    const launcher = join(import.meta.dirname, 'fixtures', 'launcher.mjs');
    const parent = run([BIN, '--port', '0'], launcher);
    const [, pid] = await parent.printed(/child (\d+)/);
    await parent.printed(/listening on/);
    parent.child.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (isAlive(Number(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const orphaned = isAlive(Number(pid));
    if (orphaned) process.kill(Number(pid), 'SIGKILL');
    expect(orphaned).toBe(false);
  });
});
