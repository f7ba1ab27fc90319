import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decide,
  findChromium,
  type Probe,
  probeFromVersionRun,
  REQUIRE_ALL_VARIABLE,
  requirement,
} from '../../scripts/runtimes/availability.ts';

// The runtime matrix's decisions on this machine's runtimes, with no browser or runtime needed:
// what it finds is faked through `env` and `isExecutable`.
const executables =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const PATH = ['/opt/bin', '/usr/bin'].join(delimiter);

describe('findChromium', () => {
  it('finds a browser on PATH, preferring chromium over Chrome', () => {
    const env = { PATH };
    expect(findChromium(env, executables('/usr/bin/google-chrome', '/usr/bin/chromium'))).toEqual({
      found: true,
      path: join('/usr/bin', 'chromium'),
    });
    expect(findChromium(env, executables('/opt/bin/google-chrome-stable'))).toEqual({
      found: true,
      path: join('/opt/bin', 'google-chrome-stable'),
    });
  });

  it('with no browser on PATH, says what it looked for and how to install one', () => {
    const probe = findChromium({ PATH }, executables());
    expect(probe).toEqual({
      found: false,
      why: 'no browser on PATH (looked for chromium, chromium-browser, google-chrome-stable, google-chrome)',
      install: expect.stringContaining('apt-get install chromium'),
    });
    expect(findChromium({}, executables('/usr/bin/chromium')).found).toBe(false);
  });

  it('uses CHROMIUM_PATH alone when set: an override that points nowhere is missing, not replaced by PATH', () => {
    expect(findChromium({ PATH, CHROMIUM_PATH: '/x/chrome' }, executables('/x/chrome', '/usr/bin/chromium'))).toEqual({
      found: true,
      path: '/x/chrome',
    });
    expect(findChromium({ PATH, CHROMIUM_PATH: '/nowhere' }, executables('/usr/bin/chromium'))).toMatchObject({
      found: false,
      why: 'CHROMIUM_PATH=/nowhere is not an executable file',
    });
  });
});

describe('decide', () => {
  const missing: Probe = { found: false, why: 'no browser on PATH', install: 'apt-get install chromium' };

  it('runs a runtime that was found, with the binary found', () => {
    expect(decide('chromium', { found: true, path: '/usr/bin/chromium' }, undefined)).toEqual({
      action: 'run',
      path: '/usr/bin/chromium',
    });
    expect(decide('chromium', { found: true, path: '/usr/bin/chromium' }, 'RUNTIMES_REQUIRE_ALL=1').action).toBe('run');
  });

  it('skips a missing runtime that is not required, with a SKIP line saying why and how to install it', () => {
    expect(decide('chromium', missing, undefined)).toEqual({
      action: 'skip',
      line: 'SKIP chromium: no browser on PATH — apt-get install chromium',
    });
  });

  it('fails a missing runtime that is required, saying what required it', () => {
    expect(decide('chromium', missing, 'RUNTIMES_REQUIRE_ALL=1')).toEqual({
      action: 'fail',
      reason: 'no browser on PATH — apt-get install chromium (required: RUNTIMES_REQUIRE_ALL=1)',
    });
  });
});

describe('requirement', () => {
  it('is RUNTIMES_REQUIRE_ALL when it is on, for every runtime', () => {
    for (const value of ['1', 'true', 'yes']) {
      expect(requirement('chromium', { RUNTIMES_REQUIRE_ALL: value }, [])).toBe(`RUNTIMES_REQUIRE_ALL=${value}`);
      expect(requirement('bun', { RUNTIMES_REQUIRE_ALL: value }, [])).toBe(`RUNTIMES_REQUIRE_ALL=${value}`);
    }
  });

  it('is nothing when RUNTIMES_REQUIRE_ALL is unset, empty, 0 or false and nothing was named', () => {
    for (const value of [undefined, '', '0', 'false', 'FALSE']) {
      expect(requirement('chromium', { RUNTIMES_REQUIRE_ALL: value }, [])).toBeUndefined();
    }
  });

  it('requires a runtime named on the command line, by prefix, and only those', () => {
    expect(requirement('chromium', {}, ['chromium'])).toBe('named on the command line');
    expect(requirement('node24-cjs', {}, ['node24'])).toBe('named on the command line');
    expect(requirement('chromium', {}, ['deno', 'node24'])).toBeUndefined();
  });
});

describe('CI', () => {
  it("requires every runtime, then runs the README's test command", () => {
    const ci = readFileSync(join(import.meta.dirname, '..', '..', '.ci', 'run'), 'utf8').split('\n');
    expect(ci).toContain(`export ${REQUIRE_ALL_VARIABLE}=1`);
    expect(ci.filter(Boolean).at(-1)).toBe('npm test');
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toMatch(/^npm test +#/m);
  });
});

describe('probeFromVersionRun', () => {
  it('finds a devDependency binary that runs --version', () => {
    expect(probeFromVersionRun('bun', '/p/bun', { code: 0, stdout: '1.4.5\n', stderr: '' })).toEqual({
      found: true,
      path: '/p/bun',
    });
  });

  it('reports an absent binary, and one that fails, with its last line of output', () => {
    expect(probeFromVersionRun('deno', '/p/deno', undefined)).toMatchObject({
      found: false,
      why: 'deno is not installed (/p/deno is missing)',
      install: expect.stringContaining('npm install'),
    });
    expect(
      probeFromVersionRun('bun', '/p/bun', { code: 132, stdout: '', stderr: 'warming up\nIllegal instruction\n' }),
    ).toMatchObject({ found: false, why: '/p/bun --version exited with 132: Illegal instruction' });
  });
});
