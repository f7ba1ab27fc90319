/**
 * Character evolution: a sketch of a creature's three evolution stages (small to large) turned
 * into a pixel-art sprite sheet with image-to-image. Influence comes from a flag.
 *
 * Run it:
 *   node examples/character-evolution.ts                    the local emulator (run `npm run build` once)
 *   node examples/character-evolution.ts --influence 30 --live
 * Writes output/character-evolution/.
 */
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const PROMPT =
  'pixel-art sprite sheet of a fire creature in three evolution stages, small to large, side by side; 16-bit, crisp pixels, limited palette, plain background';

const USAGE = `
Usage: node examples/character-evolution.ts [--influence 0-100] [--model <id>] [--samples <n>] [--output <dir>] [--live]
  --influence  how closely to follow the stages sketch (default 25)
  --model      model to run (default flux.1-dev)
  --samples    images to make (default 2)
`;

run('character-evolution', async () => {
  const options = flags(USAGE, {
    influence: { type: 'string', default: '25' },
    model: { type: 'string', default: 'flux.1-dev' },
    samples: { type: 'string', default: '2' },
  });
  const influence = numberFlag('influence', options.influence, 0, 100);
  const samples = numberFlag('samples', options.samples, 1, 8, true);
  const { client } = await connect(options.live);

  const stages = await client.assets.upload(bundled('evolution.png'), { name: 'evolution-stages.png' });
  console.log(
    `Reference: ${stages.id} (three evolution stages, ${stages.properties.width}×${stages.properties.height})`,
  );

  const generation = await client.img2img.create({
    modelId: options.model,
    image: stages.id,
    prompt: PROMPT,
    influence,
    numSamples: samples,
  });
  const { assets } = await follow(generation, 'img2img');
  const files = await save(client, assets, outputDir('character-evolution', options.output), 'sprite-sheet');
  console.log(`Saved ${files.map(shown).join(', ')} · ${generation.creativeUnitsCost ?? '?'} credits`);
});
