import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../src/testing/index.js';
import { eventually, MODES, QUICK, SKETCH_PATH } from './setup.js';

const prompt = 'a knight, concept art';

describe.concurrent.each(MODES)('parallel-job limit and listings ($name)', (mode) => {
  test('parallel-job limit: the 429 of the second create is retried and both jobs run, each created once', async () => {
    // Virtual job time: the first job is still running when the second is submitted, and has
    // ended by the retry, because the test says so, not because the machine kept pace.
    const clock = new VirtualClock();
    const { emulator, client, warnings } = await mode.start({ clock, parallelJobs: 1, jobDurations: { flux: 500 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const params = { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 };

    const first = await client.img2img.create(params);
    const creating = client.img2img.create(params);
    // The second submission is refused while the first job runs; the SDK sleeps the Retry-After (1 s)…
    await eventually(() => emulator.state.requests.some((entry) => entry.status === 429));
    // …during which the first job ends.
    await clock.advance(500);
    const second = await creating;
    expect(first.id).not.toBe(second.id);
    expect(emulator.state.counters.jobsCreated).toBe(2);
    const submits = emulator.state.requests.filter((entry) => entry.route === '/generate/img2img');
    expect(submits.map((entry) => entry.status).sort()).toEqual([200, 200, 429]);
    // Retried after the server's Retry-After, and said so.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/429.*parallel inferences.*retry 1 in 1000 ms/s);

    await clock.advance(500);
    const results = await Promise.all([first.wait(QUICK), second.wait(QUICK)]);
    expect(results.map((result) => result.job.status)).toEqual(['success', 'success']);
    expect(results.map((result) => result.assets.length)).toEqual([1, 1]);
    expect(emulator.state.counters.jobsCreated).toBe(2);
  });

  test('for await over assets.list({ pageSize: 2 }) walks every asset; jobs.list sees the jobs', async () => {
    const { emulator, client } = await mode.start();
    const sketch = await client.assets.upload(SKETCH_PATH);
    await client.assets.upload(SKETCH_PATH, { name: 'second.png' });
    const img = await client.img2img.run(
      { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20, numSamples: 3 },
      QUICK,
    );
    const up = await client.upscale.run({ image: sketch.id, scalingFactor: 2 }, QUICK);

    const listed: string[] = [];
    for await (const asset of client.assets.list({ pageSize: 2 })) listed.push(asset.id);
    const stored = (await emulator.state.assets()).map((asset) => asset.id);
    expect(stored).toHaveLength(6);
    expect(listed).toHaveLength(6);
    expect(new Set(listed)).toEqual(new Set(stored));
    expect(emulator.state.counters.requests['GET /assets']).toBe(3);
    // Newest first.
    expect(listed[0]).toBe(up.assets[0]?.id);

    const page = await client.jobs.list();
    expect(page.items.map((job) => job.jobId)).toEqual([up.job.jobId, img.job.jobId]);
    expect(page.items.every((job) => job.status === 'success')).toBe(true);
    const upscales: string[] = [];
    for await (const job of client.jobs.list({ type: 'upscale', pageSize: 1 })) upscales.push(job.jobId);
    expect(upscales).toEqual([up.job.jobId]);
  });
});
