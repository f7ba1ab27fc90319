/**
 * Pose variations: a sketch of one character in three poses as the reference, a character
 * model, and a prompt asking for the same character in those three poses, side by side.
 * Influence (0–100, the web app's slider) comes from a flag: higher keeps closer to the sketch.
 *
 * Run it:
 *   node examples/pose-variations.ts                        the local emulator (run `npm run build` once)
 *   node examples/pose-variations.ts --influence 35 --model model_yourCharacterLoRA --live
 * Writes output/pose-variations/.
 */
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const PROMPT =
  'the same armored knight character in three poses side by side: standing guard, running, attacking with sword raised; consistent character design, character sheet, hand-painted game art';

const USAGE = `
Usage: node examples/pose-variations.ts [--influence 0-100] [--model <id>] [--samples <n>] [--output <dir>] [--live]
  --influence  how closely to follow the poses sketch (default 20)
  --model      a character model (default: the emulator's knight model; flux.1-dev with --live)
  --samples    images to make (default 2)
`;

run('pose-variations', async () => {
  const options = flags(USAGE, {
    influence: { type: 'string', default: '20' },
    model: { type: 'string' },
    samples: { type: 'string', default: '2' },
  });
  const influence = numberFlag('influence', options.influence, 0, 100);
  const samples = numberFlag('samples', options.samples, 1, 8, true);
  const { client, emulated } = await connect(options.live);
  const modelId = options.model ?? (emulated ? 'model_emulator-knight-character' : 'flux.1-dev');

  const model = await client.models.get(modelId);
  const poses = await client.assets.upload(bundled('poses.png'), { name: 'knight-poses.png' });
  console.log(`Reference: ${poses.id} (${poses.properties.width}×${poses.properties.height}, three poses)`);
  console.log(`Model: ${model.name ?? model.id} · influence ${influence}`);

  const generation = await client.img2img.create({
    modelId,
    image: poses.id,
    prompt: PROMPT,
    influence,
    numSamples: samples,
  });
  const { assets } = await follow(generation, 'img2img');
  const files = await save(client, assets, outputDir('pose-variations', options.output), 'knight-poses');
  console.log(`Saved ${files.map(shown).join(', ')} · ${generation.creativeUnitsCost ?? '?'} credits`);
});
