/**
 * Refine loop (the web app's "Vary"): generate from a sketch, take an output as the new
 * reference, regenerate with a higher influence so each round stays closer to the pick, then
 * print the lineage — each asset's parent, back to the uploaded sketch.
 *
 * Run it:
 *   node examples/refine-loop.ts                            the local emulator (run `npm run build` once)
 *   node examples/refine-loop.ts --rounds 4 --live
 * Writes output/refine-loop/.
 */
import type { Asset } from 'scenario-sdk';
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const PROMPT = 'armored knight with sword and shield, full body game character, hand-painted fantasy style';

const USAGE = `
Usage: node examples/refine-loop.ts [--rounds <n>] [--model <id>] [--output <dir>] [--live]
  --rounds  generations in the loop, 2-5 (default 3); influence goes 20, 50, 65, 80, 95
  --model   model to run (default flux.1-dev)
`;

/** Influence per round: loose first, then each "Vary" stays closer to the picked output. */
const INFLUENCES = [20, 50, 65, 80, 95];

run('refine-loop', async () => {
  const options = flags(USAGE, {
    rounds: { type: 'string', default: '3' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const rounds = numberFlag('rounds', options.rounds, 2, 5, true);
  const { client } = await connect(options.live);
  const dir = outputDir('refine-loop', options.output);

  const sketch = await client.assets.upload(bundled('sketch.png'), { name: 'knight-sketch.png' });
  let reference: Asset = sketch;
  for (let round = 1; round <= rounds; round++) {
    const influence = INFLUENCES[round - 1] ?? 95;
    const generation = await client.img2img.create({
      modelId: options.model,
      image: reference.id,
      prompt: PROMPT,
      influence,
      numSamples: 2,
    });
    const { assets } = await follow(generation, `round ${round} (influence ${influence})`);
    await save(client, assets, dir, `round-${round}`);
    // The pick: a real app would let the user choose; the example takes the first output.
    reference = assets[0] ?? reference;
  }

  console.log(`Lineage of the final pick (saved in ${shown(dir)}/), newest first:`);
  let asset: Asset | undefined = reference;
  while (asset) {
    const parentId: string | undefined = asset.metadata.parentId;
    const { type, strength } = asset.metadata;
    const how = type === 'uploaded' ? 'uploaded sketch' : `${type}, strength ${strength}`;
    console.log(`  ${asset.id}  ${how}${parentId ? `  ← parent ${parentId}` : ''}`);
    asset = parentId ? await client.assets.get(parentId) : undefined;
  }
});
