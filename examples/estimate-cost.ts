/**
 * Estimate before you spend: dry-run every call of a workflow (img2img ×4 → upscale ×2 of the
 * pick → background removal), sum the credits, and only then run it — stopping if the total is
 * over budget. Dry runs (`?dryRun=true`) create no job and bill nothing.
 *
 * Run it:
 *   node examples/estimate-cost.ts                          the local emulator (run `npm run build` once)
 *   node examples/estimate-cost.ts --budget 30 --live       the real API: estimates, then runs if within 30 credits
 *   node examples/estimate-cost.ts --dry-run --live         estimates only
 * Writes output/estimate-cost/.
 */
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/estimate-cost.ts [--budget <credits>] [--dry-run] [--output <dir>] [--live]
  --budget   run the workflow only if the estimate is at most this many credits (default 100)
  --dry-run  estimate only; run nothing
`;

const sketch = bundled('sketch.png');
const img2imgParams = {
  modelId: 'flux.1-dev',
  prompt: 'armored knight with sword and shield, full body game character, hand-painted fantasy style',
  influence: 20,
  numSamples: 4,
};

run('estimate-cost', async () => {
  const options = flags(USAGE, {
    budget: { type: 'string', default: '100' },
    'dry-run': { type: 'boolean', default: false },
  });
  const budget = numberFlag('budget', options.budget, 0, 1_000_000);
  const { client } = await connect(options.live);

  // Each step is quoted with the inputs it will get. The later steps' inputs do not exist yet,
  // so the sketch stands in for them: the img2img outputs come out at the sketch's size.
  const quotes = [
    { step: 'img2img, 4 samples', estimate: await client.img2img.estimate({ ...img2imgParams, image: sketch }) },
    { step: 'upscale ×2', estimate: await client.upscale.estimate({ image: sketch, scalingFactor: 2 }) },
    { step: 'remove background', estimate: await client.removeBackground.estimate({ image: sketch }) },
  ];
  for (const { step, estimate } of quotes) {
    console.log(`  ${step.padEnd(20)} ${String(estimate.creativeUnitsCost).padStart(4)} credits`);
  }
  const estimated = quotes.reduce((sum, quote) => sum + quote.estimate.creativeUnitsCost, 0);
  console.log(`Estimated total: ${estimated} credits (budget ${budget})`);
  if (options['dry-run']) return;
  if (estimated > budget) {
    console.log(`Over budget: not running. Raise --budget to at least ${estimated} to run it.`);
    return;
  }

  const dir = outputDir('estimate-cost', options.output);
  const sketchAsset = await client.assets.upload(sketch);
  const generated = await client.img2img.create({ ...img2imgParams, image: sketchAsset.id });
  const { assets: variants } = await follow(generated, 'img2img');
  const pick = variants[0];
  if (!pick) throw new Error(`img2img job ${generated.id} returned no image`);
  const upscaled = await client.upscale.create({ image: pick.id, scalingFactor: 2 });
  const { assets: big } = await follow(upscaled, 'upscale');
  const cut = await client.removeBackground.create({ image: big[0]?.id ?? pick.id });
  const { assets: cutouts } = await follow(cut, 'remove background');
  const files = await save(client, cutouts, dir, 'knight-cutout');

  const actual = [generated, upscaled, cut].reduce((sum, job) => sum + (job.creativeUnitsCost ?? 0), 0);
  console.log(`Actual total: ${actual} credits (estimated ${estimated}) · saved ${files.map(shown).join(', ')}`);
});
