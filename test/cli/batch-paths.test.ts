/**
 * Files are written inside `--out` only, and never over an existing file or another row's: what
 * the user gives (`name`, `out`, `--name`) is refused when it leads elsewhere, what the server
 * gives (a job id naming the files) is made a plain file name.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulator, filesIn, folder, run, SKETCH } from './harness.js';
import { knightRows } from './manifests.js';
import { proxy } from './proxy.js';

const knight = knightRows(1)[0] as ReturnType<typeof knightRows>[number];
const row = (fields: Record<string, unknown>) => ({ ...knight, ...fields });

describe.concurrent('where a batch writes', { timeout: 60_000 }, () => {
  it.each([
    [
      'name: ../../X',
      [row({ name: '../../X' })],
      /^scenario: row 1: name "\.\.\/\.\.\/X" leads out of the output folder "out"$/,
    ],
    [
      'out: ../../X',
      [row({ out: '../../X' })],
      /^scenario: row 1: out "\.\.\/\.\.\/X" leads out of the output folder "out"$/,
    ],
    ['an absolute name', [row({ name: '/tmp/X' })], /^scenario: row 1: name "\/tmp\/X" is an absolute path/],
    ['an absolute out', [row({ out: '/tmp' })], /^scenario: row 1: out "\/tmp" is an absolute path/],
    ['a name with a NUL', [row({ name: 'a\u0000b' })], /^scenario: row 1: name "a\\u0000b" holds a control character/],
    ['an over-long name', [row({ name: 'k'.repeat(300) })], /^scenario: row 1: name: the name "k+" is over 255 bytes$/],
    ['a name that is a folder', [row({ name: 'tiles/' })], /^scenario: row 1: name "tiles\/" names a folder/],
  ])('refuses %s: exit 2, nothing sent, nothing written', async (_, rows, message) => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(rows));
    const result = await run(['batch', 'm.json', '--out', 'out'], cwd, api);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(api.state.requests).toEqual([]);
    expect(filesIn(cwd)).toEqual(['m.json']);
  });

  it('refuses --name ../escape and an absolute --name on the command line, naming the flag', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const args = ['detect', SKETCH, '--modality', 'canny', '--out', 'out'];
    const [up, absolute] = await Promise.all([
      run([...args, '--name', '../escape'], cwd, api),
      run([...args, '--name', join(cwd, 'abs')], cwd, api),
    ]);
    expect([up.code, absolute.code]).toEqual([2, 2]);
    expect(up.stderr).toBe('scenario: --name "../escape" leads out of the output folder "out"\n');
    expect(absolute.stderr).toMatch(/^scenario: --name ".*abs" is an absolute path/);
    expect(api.state.requests).toEqual([]);
    expect(filesIn(cwd)).toEqual([]);
  });

  it('refuses an out folder reached through a symbolic link that leads out', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    mkdirSync(join(cwd, 'out'));
    mkdirSync(join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'out', 'tiles'));
    writeFileSync(join(cwd, 'm.json'), JSON.stringify([row({ out: 'tiles' }), row({ name: 'tiles/k2', seed: 2 })]));
    const result = await run(['batch', 'm.json', '--out', 'out'], cwd, api);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /^scenario: 2 problems; nothing was sent:\n {2}row 1: out: "out\/tiles" leads out of the output folder "out" through a symbolic link\n {2}row 2: name: "out\/tiles" leads out/,
    );
    expect(api.state.requests).toEqual([]);
    expect(filesIn(join(cwd, 'elsewhere'))).toEqual([]);
  });

  it('names files after a job id from the server only as a plain file name', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    // The server answers with a job id that is a path; its own id is behind it.
    const suffix = '/../../ESCAPED';
    const hostile = await proxy(api, {
      json: (_request, body) => JSON.parse(JSON.stringify(body).replace(/"(job_[0-9a-f]+)"/g, `"$1${suffix}"`)),
      forward: (path) => decodeURIComponent(path).replace(suffix, ''),
    });
    mkdirSync(join(cwd, 'work'));
    // A prompt with no letters to name the files after: they are named after the job.
    const result = await run(
      ['txt2img', '--model', 'flux.1-dev', '--prompt', '城', '--out', 'out'],
      join(cwd, 'work'),
      api,
      { SCENARIO_BASE_URL: hostile.url },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(filesIn(join(cwd, 'work', 'out'))).toEqual([
      expect.stringMatching(/^txt2img-job_[0-9a-f]+_______ESCAPED-1\.png$/),
    ]);
    expect(filesIn(cwd)).toEqual(['work']);
  });
});

describe.concurrent('what a batch overwrites', { timeout: 60_000 }, () => {
  it('nothing without --force, a name with a folder included: name: sub/x finds out/sub/x-1.png', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    mkdirSync(join(cwd, 'out', 'sub'), { recursive: true });
    writeFileSync(join(cwd, 'out', 'sub', 'x-1.png'), 'mine');
    writeFileSync(join(cwd, 'm.json'), JSON.stringify([row({ name: 'sub/x', 'num-samples': 1 })]));
    const refused = await run(['batch', 'm.json', '--out', 'out'], cwd, api);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toBe(
      'scenario: row 1 (sub/x): out/sub/x-1.png exists; pass --force to overwrite it, or another --out\n',
    );
    expect(api.state.requests).toEqual([]);
    const forced = await run(['batch', 'm.json', '--out', 'out', '--force'], cwd, api);
    expect(forced.code, forced.stderr).toBe(0);
    expect(filesIn(join(cwd, 'out', 'sub'))).toEqual(['x-1.png']);
  });

  it('no two rows write the same files, however their paths are spelled: out + name, a folder in the name, a trailing slash', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const rows = [
      row({ out: 'sub', name: 'x', seed: 1 }),
      row({ name: 'sub/x', seed: 2 }),
      row({ out: 'sub/', name: 'x', seed: 3 }),
      row({ out: 'a/../sub', name: 'X', seed: 4 }),
    ];
    writeFileSync(join(cwd, 'm.json'), JSON.stringify(rows));
    const result = await run(['batch', 'm.json', '--out', 'out'], cwd, api);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toBe(
      [
        'scenario: 3 problems; nothing was sent:',
        '  row 1 (sub/x) and row 2 (sub/x) would both write out/sub/x-<n>: give each its own name',
        '  row 1 (sub/x) and row 3 (sub/x) would both write out/sub/x-<n>: give each its own name',
        '  row 1 (sub/x) and row 4 (sub/X) would both write out/sub/X-<n>: give each its own name',
        '',
      ].join('\n'),
    );
    expect(api.state.requests).toEqual([]);
  });
});
