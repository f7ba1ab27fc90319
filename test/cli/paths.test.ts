import { mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { checkRealPathInside, checkStemLength, fileStem, pathInside } from '../../src/cli/paths.js';
import { jsonLine, printable, printableLine } from '../../src/cli/printable.js';

const dir = await mkdtemp(join(tmpdir(), 'scenario-cli-paths-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('paths the user gives', () => {
  it('lead inside the output folder, checked on the resolved path', () => {
    expect(pathInside('out', 'tiles/knight', 'name')).toBe(resolve('out/tiles/knight'));
    expect(pathInside('out', 'a/../b', 'name')).toBe(resolve('out/b'));
    for (const [path, message] of [
      ['../../X', /^name "\.\.\/\.\.\/X" leads out of the output folder "out"$/],
      ['a/../../X', /leads out of the output folder/],
      ['/etc/X', /^name "\/etc\/X" is an absolute path/],
      ['a\u0000b', /^name "a\\u0000b" holds a control character/],
      ['a\u001b]52;c;x\u0007', /holds a control character/],
      [`${'x'.repeat(256)}/y`, /the name "x+" is over 255 bytes/],
    ] as const) {
      expect(() => pathInside('out', path, 'name')).toThrow(message);
      expect(() => pathInside('out', path, 'name')).toThrow(UsageError);
    }
    expect(() => checkStemLength('é'.repeat(121), '--name')).toThrow(/is 242 bytes long; at most 240/);
  });

  it('are refused when a symbolic link on the way leads out', () => {
    const out = join(dir, 'out');
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    mkdirSync(out, { recursive: true });
    symlinkSync(join(dir, 'elsewhere'), join(out, 'tiles'));
    expect(() => checkRealPathInside(out, join(out, 'tiles', 'new'), 'out')).toThrow(
      /^out: ".*tiles\/new" leads out of the output folder ".*out" through a symbolic link$/,
    );
    expect(() => checkRealPathInside(out, join(out, 'inside', 'new'), 'out')).not.toThrow();
    // The output folder itself may be a link: the user chose it.
    symlinkSync(out, join(dir, 'link-to-out'));
    expect(() => checkRealPathInside(join(dir, 'link-to-out'), join(dir, 'link-to-out', 'a'), 'out')).not.toThrow();
  });

  it('from the server name a file only', () => {
    expect(fileStem('job_x/../../ESCAPED')).toBe('job_x_______ESCAPED');
    expect(fileStem('job_abc-1')).toBe('job_abc-1');
    expect(fileStem('')).toBe('_');
  });
});

describe('text from outside, on a terminal', () => {
  it('loses its escape sequences and shows other control characters as �', () => {
    const osc52 = 'boom \u001b]52;c;aGVsbG8=\u0007 after';
    expect(printable(osc52)).toBe('boom  after');
    expect(printable('\u001b[2J\u001b[31mred\u001b[0m \u009b2J8-bit \u001bPdcs\u001b\\ end')).toBe('red 8-bit  end');
    expect(printable('a\u0007b\u202ec\r\nd')).toBe('a\uFFFDb\uFFFDc\nd');
    expect(printableLine('first\nfailed  row 9: faked')).toBe('first failed  row 9: faked');
  });

  it('keeps its value as JSON, with nothing a terminal would act on left raw', () => {
    const value = { reason: '\u001b]52;c;x\u0007 \u009b2J \u202e' };
    const line = jsonLine(value);
    expect(JSON.parse(line)).toEqual(value);
    const raw = [...line].filter((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
    });
    expect(raw).toEqual([]);
  });
});
