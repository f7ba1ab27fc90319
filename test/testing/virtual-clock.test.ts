import { describe, expect, test } from 'vitest';
import { APIUserAbortError } from '../../src/core/errors.js';
import { createEmulator, VirtualClock } from '../../src/testing/index.js';
import { caller, testImage, uploadImage } from './helpers.js';

describe('VirtualClock', () => {
  test('starts at a fixed date and moves only when advanced', async () => {
    const clock = new VirtualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await clock.advance(1500);
    expect(clock.now() - Date.parse('2026-01-01T00:00:00Z')).toBe(1500);
  });

  test('wakes sleepers in time order, each at its own time', async () => {
    const clock = new VirtualClock({ start: 0 });
    const woken: [string, number][] = [];
    const sleeper = (name: string, ms: number) => clock.sleep(ms).then(() => woken.push([name, clock.now()]));
    const all = Promise.all([sleeper('late', 300), sleeper('early', 100), sleeper('middle', 200)]);
    await clock.advance(250);
    expect(woken).toEqual([
      ['early', 100],
      ['middle', 200],
    ]);
    expect(clock.now()).toBe(250);
    await clock.advanceTo(1000);
    await all;
    expect(woken.at(-1)).toEqual(['late', 300]);
  });

  test('a loop that sleeps again inside the advanced window is woken each time', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ticks: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(1000);
        ticks.push(clock.now());
      }
    })();
    await clock.advance(5000);
    await loop;
    expect(ticks).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  test('auto-advance jumps to the earliest sleeper without advance()', async () => {
    const clock = new VirtualClock({ start: 0, autoAdvance: true });
    const started = Date.now();
    for (let i = 0; i < 40; i++) await clock.sleep(3000);
    expect(clock.now()).toBe(120_000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('auto-advance polls an emulator job to the end without tripping a concurrent timeout sleep', async () => {
    const clock = new VirtualClock({ autoAdvance: true });
    const emulator = createEmulator({ clock, jobDurations: { detection: 120_000 } });
    const call = caller(emulator);
    const image = (await uploadImage(call, await testImage())).id;
    const { job } = (await call('POST', '/generate/detect', { body: { image, modality: 'canny' } })).body;
    const timeout = new AbortController();
    const timedOut = clock.sleep(600_000, timeout.signal).then(
      () => true,
      () => false,
    );
    let polls = 0;
    let status = job.status;
    while (status !== 'success') {
      await clock.sleep(3_000);
      status = (await call('GET', `/jobs/${job.jobId}`)).body.job.status;
      polls++;
    }
    timeout.abort();
    expect(await timedOut).toBe(false);
    expect(polls).toBe(40);
    expect(clock.now() - Date.parse('2026-01-01T00:00:00Z')).toBe(120_000);
  });

  test('an aborted sleep rejects with APIUserAbortError and never wakes', async () => {
    const clock = new VirtualClock({ start: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(APIUserAbortError);
    expect(clock.pending).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
