import { describe, expect, it, vi } from 'vitest';
import { createReporter, shownProgress } from '../../src/cli/reporter.js';

describe('job bars', () => {
  const seen = [
    { at: 0, status: 'queued', progress: 0 },
    { at: 1000, status: 'in-progress', progress: 0.1 },
  ];

  it('move on between polls at the measured rate, as far as the rate is trusted', () => {
    expect(shownProgress(seen, 0, 1000)).toBeCloseTo(0.1);
    expect(shownProgress(seen, 0, 1500)).toBeCloseTo(0.2);
    expect(shownProgress(seen, 0, 9000)).toBeCloseTo(0.3);
  });

  it('never go backwards, nor reach 100 % before the job does', () => {
    expect(shownProgress(seen, 0.5, 1000)).toBe(0.5);
    const fast = [...seen, { at: 2000, status: 'in-progress', progress: 0.9 }];
    expect(shownProgress(fast, 0, 60_000)).toBe(0.99);
    expect(shownProgress([...fast, { at: 2100, status: 'success', progress: 1 }], 0.99, 2100)).toBe(1);
  });
});

describe('output off a terminal', () => {
  it('prints results as lines for people, or as JSON objects with --json; notes go to stderr', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const people = await createReporter({ json: false, animate: false });
    const tools = await createReporter({ json: true, animate: false });
    for (const reporter of [people, tools]) {
      reporter.job('row 1').progress({ progress: 0.5 } as never);
      reporter.result({ jobId: 'job_a' }, 'done row 1');
      reporter.text('a table');
      reporter.summary('total 1');
      reporter.note('careful');
    }
    expect(stdout.mock.calls.map(([text]) => text)).toEqual([
      'done row 1\n',
      'a table\n',
      'total 1\n',
      '{"jobId":"job_a"}\n',
    ]);
    expect(stderr.mock.calls.map(([text]) => text)).toEqual(['careful\n', 'total 1\n', 'careful\n']);
  });
});
