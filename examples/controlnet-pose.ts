/**
 * ControlNet with a pose: detect a pose map from a reference image, then run ControlNet with
 * that map (`modality: 'pose'`) so the pose stays locked while the prompt restyles everything else.
 *
 * Run it:
 *   node examples/controlnet-pose.ts                        the local emulator (run `npm run build` once)
 *   node examples/controlnet-pose.ts --input my-pose.png --prompt "a samurai, ink painting" --live
 * Writes output/controlnet-pose/ (the pose map and the restyled images).
 */
import { bundled, connect, flags, follow, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/controlnet-pose.ts [--input <image>] [--prompt <text>] [--model <id>] [--output <dir>] [--live]
  --input   the reference whose pose to keep (default examples/assets/sketch.png)
  --prompt  the new look (default: a watercolor paladin)
  --model   model to run (default flux.1-dev)
`;

run('controlnet-pose', async () => {
  const options = flags(USAGE, {
    input: { type: 'string', default: bundled('sketch.png') },
    prompt: { type: 'string', default: 'a paladin in golden armor, soft watercolor illustration, full body' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const { client } = await connect(options.live);
  const dir = outputDir('controlnet-pose', options.output);

  // 1. The pose map: the skeleton of the figure, as ControlNet wants it.
  const detection = await client.detect.create({ image: options.input, modality: 'pose' });
  const { assets: maps } = await follow(detection, 'detect pose');
  const poseMap = maps[0];
  if (!poseMap) throw new Error(`detect job ${detection.id} returned no map`);
  const [mapFile] = await save(client, [poseMap], dir, 'pose-map');
  console.log(`Pose map: ${poseMap.id} (${shown(mapFile ?? '')})`);

  // 2. ControlNet on the map: same pose, new style.
  const generation = await client.controlnet.create({
    modelId: options.model,
    modality: 'pose',
    image: poseMap.id,
    prompt: options.prompt,
    numSamples: 2,
  });
  const { assets } = await follow(generation, 'controlnet');
  const files = await save(client, assets, dir, 'restyled');
  const credits = (detection.creativeUnitsCost ?? 0) + (generation.creativeUnitsCost ?? 0);
  console.log(`Saved ${files.map(shown).join(', ')} · ${credits} credits in all`);
});
