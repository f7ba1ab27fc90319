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
    expect(await readManifest(yaml)).toEqual({
      defaults: { command: 'img2img', influence: 20 },
      rows: [
        { name: 'a', seed: 1 },
        { name: 'b', influence: 30 },
      ],
    });
    expect(await readManifest(file('m.json', '[{"command":"detect","image":"a.png"}]'))).toEqual({
      defaults: {},
      rows: [{ command: 'detect', image: 'a.png' }],
    });
    expect(await readManifest(file('m.csv', 'command,prompt\nimg2img,"a knight, painted"\n'))).toEqual({
      defaults: {},
      rows: [{ command: 'img2img', prompt: 'a knight, painted' }],
    });
  });

  it.each([
    ['x.txt', 'command: img2img', /expected a .yaml, .yml, .json or .csv file/],
    ['n.yaml', 'command: img2img', /expected a list of rows, or \{ defaults/],
    ['r.json', '[1]', /row 1 is not a set of fields/],
    ['d.json', `[{"x":${'['.repeat(40)}${']'.repeat(40)}}]`, /row 1: nested more than 32 levels deep/],
    ['j.json', '[{', /cannot parse manifest/],
    ['c.csv', 'a,b\n1,2,3\n', /cannot parse manifest/],
  ])('refuses %s with a usage error', async (name, text, message) => {
    await expect(readManifest(file(name, text))).rejects.toThrow(message);
    await expect(readManifest(file(name, text))).rejects.toBeInstanceOf(UsageError);
  });
});

describe('state file', () => {
  const identity = { api: 'https://api.example/v1', projectId: 'proj_a' };
  const lines = (path: string) =>
    readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));

  it('starts empty, appends each change at once as one line, compacts on close and reads it back', async () => {
    const path = join(dir, 'state.jsonl');
    const state = await StateFile.open(path, identity);
    expect(state.get('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    state.set('k', { row: 1, label: 'row 1', status: 'submitting' });
    state.set('k', { row: 1, label: 'row 1', status: 'running', jobId: 'job_1', cost: 5 });
    expect(lines(path)).toEqual([
      { format: 'scenario-state', version: 2, ...identity },
      { key: 'k', row: 1, label: 'row 1', status: 'submitting' },
      { key: 'k', row: 1, label: 'row 1', status: 'running', jobId: 'job_1', cost: 5 },
    ]);
    state.close();
    expect(lines(path)).toHaveLength(2);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
    const again = await StateFile.open(path, identity);
    expect(again.get('k')).toEqual({ row: 1, label: 'row 1', status: 'running', jobId: 'job_1', cost: 5 });
    again.close();
  });

  it('ignores a torn last line (a write cut short by a kill) and cuts it off before appending', async () => {
    const path = join(dir, 'torn.jsonl');
    const state = await StateFile.open(path, identity);
    state.set('a', { row: 1, label: 'row 1', status: 'running', jobId: 'job_1' });
    state.close();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"key":"b","row":2,"label":"row 2","sta`);
    const again = await StateFile.open(path, identity);
    expect([again.get('a')?.jobId, again.get('b')]).toEqual(['job_1', undefined]);
    again.set('b', { row: 2, label: 'row 2', status: 'submitting' });
    expect(lines(path).map((line) => line.key)).toEqual([undefined, 'a', 'b']);
    again.close();
  });

  it('refuses a file of another API or project, or one that is not a state file', async () => {
    const path = join(dir, 'other.jsonl');
    const state = await StateFile.open(path, identity);
    state.set('k', { row: 1, label: 'row 1', status: 'submitting' });
    state.close();
    await expect(StateFile.open(path, { ...identity, projectId: 'proj_b' })).rejects.toThrow(
      /holds jobs of https:\/\/api\.example\/v1 \(project proj_a\), not https:\/\/api\.example\/v1 \(project proj_b\)/,
    );
    await expect(StateFile.open(file('bad.jsonl', '{\n'), identity)).rejects.toThrow(/is not a scenario state file/);
    await expect(StateFile.open(file('list.jsonl', '[]\n'), identity)).rejects.toThrow(/is not a scenario state file/);
    // Refused, and the lock given back: the file can be opened again with the right identity.
    (await StateFile.open(path, identity)).close();
  });

  it('carries rows over from a version-1 file: moved aside when it is the state file, only where their files are', async () => {
    const path = join(dir, 'v1.json');
    const legacy = {
      version: 1,
      ...identity,
      items: {
        old1: { row: 1, label: 'row 1', status: 'running', jobId: 'job_1' },
        old2: { row: 2, label: 'row 2', status: 'done', jobId: 'job_2', files: [join(dir, 'elsewhere', 'b-1.png')] },
      },
    };
    writeFileSync(path, JSON.stringify(legacy, null, 2));
    const legacyItems = [
      { key: 'new1', legacyKey: 'old1', outDir: dir, stem: 'a' },
      { key: 'new2', legacyKey: 'old2', outDir: dir, stem: 'b' },
    ];
    const notes: string[] = [];
    const state = await StateFile.open(path, identity, { legacyItems, note: (text) => notes.push(text) });
    expect([state.get('new1')?.jobId, state.get('new2')]).toEqual(['job_1', undefined]);
    expect(notes).toEqual([`Carried 1 row(s) over from ${path}.v1, a state file of an earlier version.`]);
    state.close();
    expect(JSON.parse(readFileSync(`${path}.v1`, 'utf8'))).toEqual(legacy);
    expect(lines(path)[1]).toMatchObject({ key: 'new1', jobId: 'job_1' });
    const elsewhere = file('v1-other.json', JSON.stringify({ ...legacy, projectId: 'proj_b' }, null, 2));
    await expect(StateFile.open(elsewhere, identity, { legacyItems })).rejects.toThrow(
      /v1-other\.json holds jobs of https:\/\/api\.example\/v1 \(project proj_b\), not/,
    );
    expect(existsSync(`${elsewhere}.v1`)).toBe(false);
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
