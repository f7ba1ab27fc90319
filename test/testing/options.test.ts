import { describe, expect, test } from 'vitest';
import { createEmulator, DEFAULT_JOB_DURATIONS, type JobDurationKey } from '../../src/testing/index.js';
import { setup, testImage, uploadImage } from './helpers.js';

describe('jobDurations', () => {
  test('keys are the job types: a typo is a type error, and a TypeError at run time', () => {
    const keys: JobDurationKey[] = [
      'inference',
      'flux',
      'custom',
      'detection',
      'remove-background',
      'upscale',
      'texture',
      'skybox-base-360',
      'skybox-upscale-360',
      'pixelate',
      'vectorize',
      'reframe',
      'restyle',
      'segment',
      'repaint',
      'image-prompt-editing',
      'patch-image',
      'upload',
      'assets-download',
      'model-training',
    ];
    expect(Object.keys(DEFAULT_JOB_DURATIONS).sort()).toEqual([...keys].sort());
    // @ts-expect-error `flx` is not a job type
    expect(() => createEmulator({ jobDurations: { flx: 2000 } })).toThrow(
      `jobDurations: unknown job type "flx" (known: ${keys.join(', ')})`,
    );
    expect(() => createEmulator({ jobDurations: { flux: -1 } })).toThrow(
      'jobDurations.flux must be a duration in ms ≥ 0',
    );
  });

  test('progress moves with every poll a progress bar makes: a 10 s job polled each second shows ten steps', async () => {
    const { call, clock } = setup({ jobDurations: { flux: 10_000 } });
    const image = (await uploadImage(call, await testImage())).id;
    const { job } = (await call('POST', '/generate/img2img', { body: { modelId: 'flux.1-dev', prompt: 'p', image } }))
      .body;
    const seen: number[] = [];
    for (let second = 1; second <= 10; second++) {
      await clock.advance(1000);
      seen.push((await call('GET', `/jobs/${job.jobId}`)).body.job.progress);
    }
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect((seen[i] ?? 0) - (seen[i - 1] ?? 0)).toBeCloseTo(0.1, 5);
  });
});
