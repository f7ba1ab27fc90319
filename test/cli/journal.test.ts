import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal, type JournalFormat } from '../../src/cli/journal.js';

const dir = await mkdtemp(join(tmpdir(), 'scenario-cli-journal-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

type Value = { status: string; n?: number };
const format: JournalFormat<Value> = {
  header: { format: 'test', version: 1 },
  parse(value) {
    if (typeof (value as Value).status !== 'string') throw new Error('no status');
    return value as Value;
  },
};

describe('a journal', () => {
  it('appends one line per change, whatever its size: the file grows by that line only', () => {
    const path = join(dir, 'grow.jsonl');
    const journal = Journal.open(path, format);
    for (let n = 0; n < 2000; n++) journal.set(`k${n}`, { status: 'running', n });
    const before = statSync(path).size;
    journal.set('k7', { status: 'done', n: 7 });
    const line = `${JSON.stringify({ key: 'k7', status: 'done', n: 7 })}\n`;
    expect(statSync(path).size - before).toBe(Buffer.byteLength(line));
    expect(readFileSync(path, 'utf8').endsWith(line)).toBe(true);
    journal.close();
    const compacted = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(compacted).toHaveLength(2001);
    expect(Journal.open(path, format).get('k7')).toEqual({ status: 'done', n: 7 });
  });

  it('reads back what a killed writer left: every whole line, the torn last one ignored', () => {
    const path = join(dir, 'torn.jsonl');
    const whole = [
      { format: 'test', version: 1 },
      { key: 'a', status: 'running' },
      { key: 'a', status: 'done' },
    ];
    const text = whole.map((line) => `${JSON.stringify(line)}\n`).join('');
    for (const torn of ['{"key":"b","sta', '{"key":"b","status":"running"}']) {
      writeFileSync(path, text + torn);
      const journal = Journal.open(path, format);
      expect([journal.get('a'), journal.get('b')]).toEqual([{ status: 'done' }, undefined]);
      journal.set('c', { status: 'running' });
      journal.close();
      expect(Journal.open(path, format).get('c')).toEqual({ status: 'running' });
      expect(readFileSync(path, 'utf8')).not.toContain('"b"');
    }
  });

  it('refuses a broken line that is not the last, naming it', () => {
    const path = join(dir, 'broken.jsonl');
    writeFileSync(
      path,
      '{"format":"test","version":1}\n{"key":"a","status":"running"}\n{oops\n{"key":"b","status":"x"}\n',
    );
    expect(() => Journal.open(path, format)).toThrow('line 3 is not JSON');
    writeFileSync(path, '{"format":"test","version":1}\n{"key":"a","nostatus":1}\n');
    expect(() => Journal.open(path, format)).toThrow('line 2: no status');
  });
});
