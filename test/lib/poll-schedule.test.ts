import { describe, expect, it } from 'vitest';
import {
  type JobObservation,
  MAX_POLL_INTERVAL_MS,
  MIN_POLL_INTERVAL_MS,
  nextPollDelay,
  progressRate,
} from '../../src/lib/poll-schedule.js';

const seen = (at: number, status: string, progress = 0): JobObservation => ({ at, status, progress });

describe('nextPollDelay', () => {
  it('starts at 1 s and backs off as long as the job shows no progress', () => {
    expect(nextPollDelay([seen(0, 'queued')], 0, 0)).toBe(1000);
    expect(nextPollDelay([seen(3000, 'warming-up')], 0, 3000)).toBe(3000);
    expect(nextPollDelay([seen(60_000, 'queued')], 0, 60_000)).toBe(MAX_POLL_INTERVAL_MS);
  });

  it('treats an unknown status like a job still waiting to start', () => {
    expect(nextPollDelay([seen(4000, 'thinking')], 0, 4000)).toBe(4000);
  });

  it('aims just after the end predicted from the progress rate', () => {
    // 0.2 per 5 s: progress reaches 1 at t = 45 s.
    const observations = [seen(35_000, 'in-progress', 0.6), seen(40_000, 'in-progress', 0.8)];
    expect(nextPollDelay(observations, 0, 40_000)).toBe(5250);
    // The delay counts from now, not from when the state was read.
    expect(nextPollDelay(observations, 0, 42_000)).toBe(3250);
  });

  it('never sleeps longer than the cap, however far the predicted end', () => {
    const observations = [seen(10_000, 'in-progress', 0.01), seen(20_000, 'in-progress', 0.02)];
    expect(nextPollDelay(observations, 0, 20_000)).toBe(MAX_POLL_INTERVAL_MS);
  });

  it('never polls faster than the floor, even when the predicted end has passed', () => {
    const observations = [seen(10_000, 'in-progress', 0.5), seen(20_000, 'in-progress', 0.9)];
    expect(nextPollDelay(observations, 0, 40_000)).toBe(MIN_POLL_INTERVAL_MS);
  });

  it('trusts a rate guessed from one observation only as long as it was measured over', () => {
    // Started between t = 4 s and 6 s: the guess says 0.05 per s, 19 s to go; check again after 2 s.
    const observations = [seen(4000, 'warming-up'), seen(6000, 'in-progress', 0.05)];
    expect(nextPollDelay(observations, 0, 6000)).toBe(2000);
  });

  it('polls at short, slowly growing intervals once the job is finalizing', () => {
    expect(nextPollDelay([seen(50_000, 'in-progress', 0.9), seen(60_000, 'finalizing', 1)], 0, 60_000)).toBe(400);
    const finalizing = [seen(60_000, 'finalizing', 1), seen(61_000, 'finalizing', 1), seen(61_500, 'finalizing', 1)];
    expect(nextPollDelay(finalizing, 0, 61_500)).toBe(750);
    expect(nextPollDelay([seen(60_000, 'finalizing', 1), seen(70_000, 'finalizing', 1)], 0, 70_000)).toBe(1000);
  });

  it('treats progress at 99 % as finishing, even without a measurable rate', () => {
    const stalled = [seen(50_000, 'in-progress', 0.99), seen(60_000, 'in-progress', 0.99)];
    expect(nextPollDelay(stalled, 0, 60_000)).toBe(1000);
    expect(nextPollDelay([seen(59_000, 'in-progress', 0.5), seen(60_000, 'in-progress', 0.995)], 0, 60_000)).toBe(400);
  });

  it('backs off when progress stalls mid-job', () => {
    const stalled = [seen(20_000, 'in-progress', 0.4), seen(30_000, 'in-progress', 0.4)];
    expect(nextPollDelay(stalled, 0, 30_000)).toBe(MAX_POLL_INTERVAL_MS);
  });

  it('stays within the floor and the cap for any history', () => {
    const statuses = ['queued', 'in-progress', 'finalizing', 'mystery'];
    for (let trial = 0; trial < 500; trial++) {
      const observations = Array.from({ length: 1 + (trial % 6) }, (_, index) =>
        seen(index * 1000 * (trial % 7), statuses[(trial + index) % 4] as string, ((trial * (index + 1)) % 101) / 100),
      );
      const delay = nextPollDelay(observations, 0, (observations.at(-1) as JobObservation).at + (trial % 3) * 5000);
      expect(delay).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_MS);
      expect(delay).toBeLessThanOrEqual(MAX_POLL_INTERVAL_MS);
    }
  });
});

describe('progressRate', () => {
  it('measures over the latest observations only', () => {
    const observations = [
      seen(0, 'in-progress', 0.1),
      seen(10_000, 'in-progress', 0.2),
      seen(20_000, 'in-progress', 0.3),
      seen(30_000, 'in-progress', 0.5),
      seen(40_000, 'in-progress', 0.7),
      seen(50_000, 'in-progress', 0.9),
    ];
    expect(progressRate(observations)?.perMs).toBeCloseTo(0.6 / 30_000);
  });

  it('starts a new measure when progress goes back down', () => {
    const observations = [
      seen(0, 'in-progress', 0.8),
      seen(10_000, 'in-progress', 0.1),
      seen(20_000, 'in-progress', 0.3),
    ];
    expect(progressRate(observations)?.perMs).toBeCloseTo(0.2 / 10_000);
  });

  it('is unknown before any progress, or with one observation and nothing before it', () => {
    expect(progressRate([seen(0, 'queued'), seen(1000, 'in-progress')])).toBeUndefined();
    expect(progressRate([seen(0, 'in-progress', 0.5)])).toBeUndefined();
  });
});
