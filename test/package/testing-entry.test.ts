/**
 * `scenario-sdk/testing` and the `scenario-emulator` bin need optional peer dependencies. Without
 * them, importing or requiring the entry fails with one line that names the missing package and
 * the command that installs the peers (not ERR_MODULE_NOT_FOUND and a stack), and the bin says
 * the same in one line and exits 2. Checked on the built package (`npm test` builds it first)
 * packed and installed in an empty folder, where npm installs the dependencies but not the
 * optional peers. With the peers installed, the entry is the emulator itself, in both formats.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const INSTALL_TIMEOUT = 180_000;
const manifest: { peerDependencies: Record<string, string> } = JSON.parse(
  readFileSync(join(ROOT, 'package.json'), 'utf8'),
);
/** The one line, for a library user who imports the entry. */
/** The optional peers the emulator needs (the package has others: the proxy's Redis client). */
const EMULATOR_PEERS = ['@hono/node-server', 'hono', 'msw', 'sharp'];
const ENTRY_ERROR =
  /^Cannot find package '(hono|msw)', an optional peer dependency of scenario-sdk\/testing: npm install hono msw sharp$/;

function run(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: INSTALL_TIMEOUT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('with the optional peers installed (this repository)', () => {
  test('import and require of scenario-sdk/testing give the emulator module: every export, the same classes', async () => {
    const loaded = await import('scenario-sdk/testing');
    const emulator = await import(join(ROOT, 'dist', 'testing', 'index.js'));
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(emulator).sort());
    expect(loaded.VirtualClock).toBe(emulator.VirtualClock);
    expect(Object.keys(loaded).length).toBeGreaterThanOrEqual(8);

    const require = createRequire(join(ROOT, 'package.json'));
    const required = require('scenario-sdk/testing');
    expect(required).toBe(require(join(ROOT, 'dist', 'testing', 'index.cjs')));
    expect(
      Object.keys(required)
        .filter((key) => key !== '__esModule')
        .sort(),
    ).toEqual(Object.keys(emulator).sort());
  });
});

describe('from the packed tarball, without the optional peers', () => {
  let work: string;
  let app: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'testing', 'load.js'))) throw new Error('dist/ is missing: run `npm run build`');
    work = await mkdtemp(join(tmpdir(), 'scenario-sdk-peers-'));
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, stdio: 'pipe' });
    const [tarball] = readdirSync(work).filter((name) => name.endsWith('.tgz'));
    app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const install = await run('npm', ['install', join(work, tarball as string), '--no-audit', '--no-fund'], app);
    if (install.code !== 0) throw new Error(`npm install failed: ${install.stderr.slice(-2000)}`);
  }, INSTALL_TIMEOUT);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('npm installed the package and its dependencies, not the optional peers', () => {
    expect(existsSync(join(app, 'node_modules', 'scenario-sdk', 'dist', 'testing', 'load.js'))).toBe(true);
    const peers = Object.keys(manifest.peerDependencies);
    expect(peers.filter((name) => existsSync(join(app, 'node_modules', name)))).toEqual([]);
    expect(peers).toEqual(expect.arrayContaining(EMULATOR_PEERS));
  });

  test('the main entry loads: it needs none of them', async () => {
    const esm = await run(
      process.execPath,
      ['--input-type=module', '-e', "console.log(typeof (await import('scenario-sdk')).Scenario)"],
      app,
    );
    expect(esm).toMatchObject({ code: 0, stdout: 'function\n' });
  });

  test.each([
    [
      'import',
      [
        '--input-type=module',
        '-e',
        "try { await import('scenario-sdk/testing') } catch (e) { console.log(JSON.stringify([e.message, e.code])) }",
      ],
    ],
    [
      'require',
      [
        '--input-type=commonjs',
        '-e',
        "try { require('scenario-sdk/testing') } catch (e) { console.log(JSON.stringify([e.message, e.code])) }",
      ],
    ],
  ])(
    '%s of scenario-sdk/testing fails with one line naming the missing package and `npm install hono msw sharp`',
    async (_, args) => {
      const { code, stdout } = await run(process.execPath, args, app);
      expect(code).toBe(0);
      const [message, errorCode] = JSON.parse(stdout);
      expect(message).toMatch(ENTRY_ERROR);
      expect(errorCode).toBe('ERR_SCENARIO_MISSING_PEER');
    },
  );

  test.each([
    ['import', ['--input-type=module', '-e', "import 'scenario-sdk/testing';"]],
    ['require', ['--input-type=commonjs', '-e', "require('scenario-sdk/testing');"]],
  ])('an uncaught %s shows that line, not Node’s module-not-found error', async (_, args) => {
    const { code, stderr } = await run(process.execPath, args, app);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((line) => /^Error: /.test(line))).toHaveLength(1);
    expect(stderr).toMatch(/^Error: Cannot find package '(hono|msw)', .*: npm install hono msw sharp$/m);
    expect(stderr).not.toMatch(/MODULE_NOT_FOUND|Require stack/);
  });

  test('the scenario-emulator bin prints one line with the install command and exits 2', async () => {
    const { code, stdout, stderr } = await run(
      join(app, 'node_modules', '.bin', 'scenario-emulator'),
      ['--port', '0'],
      app,
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [, missing, install] =
      /^scenario-emulator: cannot find (.+) \(optional peer dependencies of scenario-sdk\): npm install (.+)$/.exec(
        lines[0] as string,
      ) ?? [];
    expect(missing?.split(', ').sort()).toEqual([...EMULATOR_PEERS].sort());
    expect(install).toBe('hono msw sharp @hono/node-server');
  });
});
