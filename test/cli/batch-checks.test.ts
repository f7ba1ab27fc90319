/**
 * Everything that can be checked is checked before the first paid request, and every problem is
 * reported at once, blamed where it is and in the user's own words (the flag, the manifest field).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TYPED_COMMANDS } from '../../src/cli/generations.js';
import { emulator, folder, run, SKETCH } from './harness.js';
import { knightRows } from './manifests.js';

const COMMANDS = [...TYPED_COMMANDS.map((command) => command.name), 'custom'];

const knight = knightRows(1)[0] as ReturnType<typeof knightRows>[number];

/** Runs `scenario batch` on a manifest written from `text`; expects exit 2 and nothing sent. */
async function refused(name: string, text: string, args: string[] = []) {
  const [cwd, api] = await Promise.all([folder(), emulator()]);
  writeFileSync(join(cwd, name), text);
  const result = await run(['batch', name, ...args], cwd, api);
  expect(result.code, result.stderr).toBe(2);
  expect(api.state.requests).toEqual([]);
  return result.stderr;
}

describe.concurrent('before the first paid request', { timeout: 60_000 }, () => {
  it('every problem of a manifest at once, each blamed where it is, with "did you mean"', async () => {
    const manifest = [
      'defaults:',
      '  command: img2img',
      '  model: flux.1-dev',
      `  image: ${SKETCH}`,
      '  promt: a knight',
      'rows:',
      '  - { name: a, prompt: x }',
      '  - { name: b, prompt: x, infuence: 30 }',
      '  - { name: c, prompt: x, influence: 200 }',
      '  - { command: img2im }',
      '  - { name: e }',
      '  - { command: zzz }',
    ].join('\n');
    expect(await refused('m.yaml', manifest)).toBe(
      [
        'scenario: 6 problems; nothing was sent:',
        '  defaults: unknown field "promt" (did you mean "prompt"?)',
        '  row 2: unknown field "infuence" (did you mean "influence"?)',
        '  row 3: influence: Too big: expected number to be <=100',
        '  row 4: unknown command "img2im" (did you mean "img2img"?)',
        '  row 5: prompt is required',
        `  row 6: unknown command "zzz": expected one of ${COMMANDS.join(', ')}`,
        '',
      ].join('\n'),
    );
  });

  it('a bad value in defaults is blamed on defaults, once', async () => {
    const manifest = { defaults: { ...knight, influence: 200 }, rows: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(await refused('m.json', JSON.stringify(manifest))).toBe(
      'scenario: defaults.influence: Too big: expected number to be <=100\n',
    );
  });

  it('a missing param is named as the user would: the flag on the command line, the field in a manifest', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    const { model: _model, ...noModel } = knight;
    writeFileSync(join(cwd, 'm.json'), JSON.stringify([noModel]));
    const [flag, field, custom] = await Promise.all([
      run(['img2img', SKETCH, '--prompt', 'a knight', '--influence', '20'], cwd, api),
      run(['batch', 'm.json'], cwd, api),
      run(['custom', 'model_upscale-v3', '--input', `imagee=${SKETCH}`], cwd, api),
    ]);
    expect(flag.stderr).toBe('scenario: --model is required\n');
    expect(field.stderr).toBe('scenario: row 1: model is required\n');
    expect(custom.stderr).toBe(
      [
        'scenario: 2 problems; nothing was sent:',
        '  model_upscale-v3: --input image is required by model model_upscale-v3',
        '  model_upscale-v3: --input imagee: unknown (did you mean "image"?)',
        '',
      ].join('\n'),
    );
    expect([flag.code, field.code, custom.code]).toEqual([2, 2, 2]);
    expect(api.state.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('an output folder that cannot be written or made: refused before sending', async () => {
    const [cwd, api] = await Promise.all([folder(), emulator()]);
    writeFileSync(join(cwd, 'a-file'), '');
    const args = ['detect', SKETCH, '--modality', 'canny', '--out'];
    // /proc/sys exists, yet takes no new file (root included).
    const [readOnly, underAFile] = await Promise.all([
      run([...args, '/proc/sys'], cwd, api),
      run([...args, 'a-file/maps'], cwd, api),
    ]);
    expect([readOnly.code, underAFile.code]).toEqual([2, 2]);
    expect(readOnly.stderr).toMatch(/^scenario: cannot write in the output folder "\/proc\/sys": E[A-Z]+\n$/);
    expect(underAFile.stderr).toMatch(
      /^scenario: cannot write in the output folder "a-file\/maps": .*a-file is not a folder\n$/,
    );
    expect(api.state.requests).toEqual([]);
  });

  it('a row nested 20,000 levels deep: a usage error (exit 2), not a stack overflow', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(await refused('m.json', `[{"command":"img2img","concepts":${deep}}]`)).toBe(
      'scenario: manifest m.json: row 1: nested more than 32 levels deep\n',
    );
  });

  it('lists the first 20 problems of a long manifest and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => ({ ...knight, name: `k${index}`, influence: 500 }));
    const stderr = await refused('m.json', JSON.stringify(rows));
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('scenario: 25 problems; nothing was sent:');
    expect(lines.slice(1, 21)).toEqual(
      Array.from({ length: 20 }, (_, index) => `  row ${index + 1}: influence: Too big: expected number to be <=100`),
    );
    expect(lines.slice(21)).toEqual(['  … and 5 more']);
  });
});
