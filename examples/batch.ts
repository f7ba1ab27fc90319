/**
 * Batch: 20 variations of a sketch with bounded concurrency. At most `--concurrency` jobs run at
 * once (default 5, the account's parallel-job limit); a 429 "too many parallel inferences" is
 * absorbed by waiting its Retry-After and submitting again — no variation is lost — and a
 * progress bar shows the batch. On the emulator, 20% of submissions are answered 429 on purpose.
 *
 * Run it:
 *   node examples/batch.ts                                  the local emulator (run `npm run build` once)
 *   node examples/batch.ts --count 40 --concurrency 3 --live
 * Writes output/batch/.
 */
import { type Asset, type GenerationJob, RateLimitError } from 'scenario-sdk';
import { bar, bundled, connect, flags, numberFlag, outputDir, run, save, shown, statusLine } from './_shared.ts';

const USAGE = `
Usage: node examples/batch.ts [--count <n>] [--concurrency <n>] [--output <dir>] [--live]
  --count        variations to make, 1-200 (default 20)
  --concurrency  jobs at once, at most your plan's parallel limit (default 5)
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

run('batch', async () => {
  const options = flags(USAGE, {
    count: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '5' },
  });
  const count = numberFlag('count', options.count, 1, 200, true);
  const concurrency = numberFlag('concurrency', options.concurrency, 1, 50, true);
  const { client } = await connect(options.live, {
    parallelJobs: 5,
    jobDurations: { flux: 1500 },
    faults: { rateLimit: { rate: 0.2, methods: ['POST'], paths: ['/generate'] } },
  });
  const dir = outputDir('batch', options.output);

  const sketch = await client.assets.upload(bundled('sketch.png'));
  const state = { done: 0, running: 0, rateLimited: 0, credits: 0 };
  const line = statusLine();
  const show = () =>
    line.update(
      `batch ${bar(state.done / count)} ${state.done}/${count} done · ${state.running} running · ${state.rateLimited} × 429 absorbed`,
      `batch: ${state.done}/${count} done`,
    );

  /** Submits one variation, waiting out 429s: a 429 means the server did nothing, so submitting again is safe. */
  async function submit(index: number): Promise<GenerationJob> {
    for (;;) {
      try {
        return await client.img2img.create(
          {
            modelId: 'flux.1-dev',
            image: sketch.id,
            prompt: 'armored knight, full body game character, hand-painted fantasy style',
            influence: 20,
            seed: 1000 + index,
          },
          { maxRetries: 0 }, // this loop owns the 429 handling, so every one is seen and counted
        );
      } catch (error) {
        if (!(error instanceof RateLimitError)) throw error;
        state.rateLimited++;
        show();
        await sleep(error.retryAfterMs ?? 1000);
      }
    }
  }

  async function variation(index: number): Promise<Asset> {
    const generation = await submit(index);
    state.running++;
    show();
    try {
      const { assets } = await generation.wait();
      state.credits += generation.creativeUnitsCost ?? 0;
      await save(client, assets, dir, `variation-${String(index + 1).padStart(2, '0')}`);
      const [asset] = assets;
      if (!asset) throw new Error(`job ${generation.id} returned no image`);
      return asset;
    } finally {
      state.running--;
      state.done++;
      show();
    }
  }

  // A fixed pool of workers, each taking the next index: never more than `concurrency` jobs at once.
  const results: Asset[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await variation(index);
    }
  };
  show();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const saved = results.filter(Boolean).length;
  line.end(
    `batch ${bar(saved / count)} ${saved}/${count} variations saved to ${shown(dir)}/ · ${state.rateLimited} × 429 absorbed · ${count - saved} lost · ${state.credits} credits`,
  );
});
