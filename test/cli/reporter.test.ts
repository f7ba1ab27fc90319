import { describe, expect, it, vi } from 'vitest';
import { createReporter, shownProgress } from '../../src/cli/reporter.js';

describe('job bars', () => {
  // At 1 s the job was at 10 %, and the wait predicted the rest to take 9 s.
  const report = { at: 1000, progress: 0.1, remainingMs: 9000 };

  it('move on between polls towards the finish the wait predicts', () => {
    expect(shownProgress(report, 0, 1000)).toBeCloseTo(0.1);
    expect(shownProgress(report, 0, 5500)).toBeCloseTo(0.55);
    expect(shownProgress(report, 0, 9100)).toBeCloseTo(0.91);
  });

  it('stay at the reported progress while the wait predicts no finish', () => {
    expect(shownProgress(undefined, 0.2, 5000)).toBe(0.2);
    expect(shownProgress({ at: 1000, progress: 0.3, remainingMs: undefined }, 0, 60_000)).toBe(0.3);
    expect(shownProgress({ at: 1000, progress: 0, remainingMs: 0 }, 0, 60_000)).toBe(0);
  });

  it('never go backwards, nor reach 100 % before the job does', () => {
    expect(shownProgress(report, 0.5, 1000)).toBe(0.5);
    expect(shownProgress(report, 0, 60_000)).toBe(0.99);
    expect(shownProgress({ at: 2100, progress: 1, remainingMs: 0 }, 0.99, 2100)).toBe(1);
  });
});

describe('output off a terminal', () => {
  it('prints results as lines for people, or as JSON objects with --json; notes go to stderr', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const people = await createReporter({ json: false, animate: false });
    const tools = await createReporter({ json: true, animate: false });
    for (const reporter of [people, tools]) {
      reporter.job('row 1').progress({ progress: 0.5 } as never, { elapsedMs: 10, remainingMs: 10 });
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
