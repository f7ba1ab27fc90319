import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { readManifest } from '../../src/cli/manifest.js';
import { existingOutputs, outputFileName, removePartialDownloads, slug, stemOf } from '../../src/cli/outputs.js';
import { StateFile } from '../../src/cli/state.js';

const dir = await mkdtemp(join(tmpdir(), 'scenario-cli-files-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('manifests', () => {
  it('read YAML with defaults, a JSON list and CSV with a header line', async () => {
    const yaml = file(
      'm.yaml',
      'defaults:\n  command: img2img\n  influence: 20\nrows:\n  - { name: a, seed: 1 }\n  - name: b\n    influence: 30\n',
    );
    expect(await readManifest(yaml)).toEqual([
      { command: 'img2img', influence: 20, name: 'a', seed: 1 },
      { command: 'img2img', influence: 30, name: 'b' },
    ]);
    expect(await readManifest(file('m.json', '[{"command":"detect","image":"a.png"}]'))).toEqual([
      { command: 'detect', image: 'a.png' },
    ]);
    expect(await readManifest(file('m.csv', 'command,prompt\nimg2img,"a knight, painted"\n'))).toEqual([
      { command: 'img2img', prompt: 'a knight, painted' },
    ]);
  });

  it.each([
    ['x.txt', 'command: img2img', /expected a .yaml, .yml, .json or .csv file/],
    ['n.yaml', 'command: img2img', /expected a list of rows, or \{ defaults/],
    ['r.json', '[1]', /row 1 is not a set of fields/],
    ['j.json', '[{', /cannot parse manifest/],
    ['c.csv', 'a,b\n1,2,3\n', /cannot parse manifest/],
  ])('refuses %s with a usage error', async (name, text, message) => {
    await expect(readManifest(file(name, text))).rejects.toThrow(message);
    await expect(readManifest(file(name, text))).rejects.toBeInstanceOf(UsageError);
  });
});

describe('state file', () => {
  const identity = { api: 'https://api.example/v1', projectId: 'proj_a' };

  it('starts empty, writes each change at once (no temporary file left) and reads it back', () => {
    const path = join(dir, 'state.json');
    const state = StateFile.open(path, identity);
    expect(state.get('k')).toBeUndefined();
    state.set('k', { row: 1, label: 'row 1', status: 'running', jobId: 'job_1', cost: 5 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      version: 1,
      ...identity,
      items: { k: { jobId: 'job_1' } },
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(StateFile.open(path, identity).get('k')).toEqual({
      row: 1,
      label: 'row 1',
      status: 'running',
      jobId: 'job_1',
      cost: 5,
    });
  });

  it('refuses a file of another API or project, or one that is not a state file', () => {
    const path = join(dir, 'other.json');
    StateFile.open(path, identity).set('k', { row: 1, label: 'row 1', status: 'submitting' });
    expect(() => StateFile.open(path, { ...identity, projectId: 'proj_b' })).toThrow(
      /holds jobs of https:\/\/api\.example\/v1 \(project proj_a\), not https:\/\/api\.example\/v1 \(project proj_b\)/,
    );
    expect(() => StateFile.open(file('bad.json', '{'), identity)).toThrow(/is not valid JSON/);
    expect(() => StateFile.open(file('list.json', '[]'), identity)).toThrow(/is not a scenario state file/);
  });
});

describe('output names', () => {
  it('follow the input, else the prompt', () => {
    expect(slug('  A Knight, painted! ')).toBe('a-knight-painted');
    expect(stemOf('sketches/Hero Sketch.png', 'a knight')).toBe('hero-sketch');
    expect(stemOf('https://cdn.example/a/knight.webp?x=1', undefined)).toBe('knight');
    expect(stemOf('asset_abc', undefined)).toBe('asset_abc');
    expect(stemOf('data:image/png;base64,AAAA', 'a knight')).toBe('a-knight');
    expect(stemOf(undefined, '城')).toBeUndefined();
    expect(outputFileName('hero', 1, 'image/jpeg')).toBe('hero-2.jpg');
  });

  it('find outputs that would be overwritten, and remove partial downloads of a killed run', () => {
    const out = join(dir, 'out');
    file('hero-1.png', '');
    writeFileSync(join(dir, 'hero-sketch-1.png'), '');
    writeFileSync(join(dir, '.hero-2.png.0f1e2d3c-aaaa-bbbb-cccc-1234567890ab.part'), '');
    expect(existingOutputs(dir, 'hero')).toEqual([join(dir, 'hero-1.png')]);
    expect(existingOutputs(out, 'hero')).toEqual([]);
    removePartialDownloads(dir, 'hero');
    expect(existsSync(join(dir, '.hero-2.png.0f1e2d3c-aaaa-bbbb-cccc-1234567890ab.part'))).toBe(false);
    expect(existsSync(join(dir, 'hero-sketch-1.png'))).toBe(true);
  });
});
