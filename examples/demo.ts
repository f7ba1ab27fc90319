/**
 * The main job: a hand-drawn sketch to finished game art in one run. Uploads the sketch, runs
 * image-to-image with a prompt at Influence 20 (the web app's slider: higher stays closer to the
 * sketch) and 4 samples, shows the job's progress live, and saves the images to ./output/.
 *
 * Run it:
 *   npm run demo                                   no credentials: the local emulator, no credits
 *   npm run demo -- --prompt "a red dragon, pixel art" --influence 30 --samples 2
 *   SCENARIO_API_KEY=… SCENARIO_API_SECRET=… npm run demo      the real API (bills credits)
 *   npm run demo -- --help
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidRequestError } from 'scenario-sdk';
import { bundled, connect, flags, follow, numberFlag, run, save, shown, slug, UsageError } from './_shared.ts';

const DEFAULT_PROMPT =
  'armored knight with sword and shield, full body game character, hand-painted fantasy style, clean background';

const USAGE = `
Usage: npm run demo -- [options]      (or: node examples/demo.ts [options])

Turns a sketch into game art with image-to-image and saves the results.
Runs on the local emulator unless SCENARIO_API_KEY and SCENARIO_API_SECRET are set (or --live).

Options:
  --prompt <text>      what to make of the sketch (default: "${DEFAULT_PROMPT}")
  --influence <0-100>  how closely to follow the sketch; higher = closer (default: 20)
  --model <id>         model to run (default: flux.1-dev)
  --samples <n>        images to make, 1-8 (default: 4)
  --input <file>       the sketch, any image file (default: examples/assets/sketch.png)
  --output <dir>       where to save the images (default: ./output)
  --live               use the real API (needs the credentials above)
  -h, --help           show this help
`;

run('demo', async () => {
  const startedAt = performance.now();
  const options = flags(USAGE, {
    prompt: { type: 'string', default: DEFAULT_PROMPT },
    influence: { type: 'string', default: '20' },
    model: { type: 'string', default: 'flux.1-dev' },
    samples: { type: 'string', default: '4' },
    input: { type: 'string' },
  });
  // Everything the user typed is checked before anything is sent or written.
  const influence = numberFlag('influence', options.influence, 0, 100);
  const samples = numberFlag('samples', options.samples, 1, 8, true);
  if (!options.prompt.trim()) throw new UsageError('--prompt must not be empty');
  const input = options.input ?? bundled('sketch.png');
  const file = await stat(input).catch(() => undefined);
  if (!file?.isFile()) throw new UsageError(`--input ${input}: ${file ? 'not a file' : 'no such file'}`);
  const outputDir = resolve(options.output ?? 'output');

  const { client } = await connect(options.live);

  // The SDK sniffs the bytes and refuses anything but an image before sending a request.
  const sketch = await client.assets.upload(input).catch((error: unknown) => {
    const issue = error instanceof InvalidRequestError ? error.issues[0]?.message : undefined;
    throw issue ? new UsageError(`--input ${shown(input)}: ${issue}`) : error;
  });
  console.log(`Uploaded ${shown(input)} as ${sketch.id} (${sketch.properties.width}×${sketch.properties.height})`);

  const generation = await client.img2img.create({
    modelId: options.model,
    image: sketch.id,
    prompt: options.prompt,
    influence,
    numSamples: samples,
  });
  const { job, assets } = await follow(generation, 'img2img');

  // All images are downloaded before the first file is written: a failure leaves no half-saved run.
  const files = await save(client, assets, outputDir, slug(options.prompt));
  console.log(`Saved ${files.length} image${files.length === 1 ? '' : 's'} to ${shown(outputDir)}/:`);
  for (const path of files) console.log(`  ${shown(path)}`);
  const credits = generation.creativeUnitsCost ?? job.billing?.cuCost;
  console.log(`Job ${job.jobId} · cost ${credits ?? 'unknown'} credits (creative units)`);
  console.log(`Done in ${((performance.now() - startedAt) / 1000).toFixed(1)}s`);
});
