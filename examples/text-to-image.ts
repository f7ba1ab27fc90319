/**
 * Text to image: a prompt alone to four sprites (`client.txt2img`, no reference image).
 *
 * Run it:
 *   node examples/text-to-image.ts                          the local emulator (run `npm run build` once)
 *   node examples/text-to-image.ts --prompt "a health potion, game sprite" --size 768 --live
 * Writes output/text-to-image/.
 */
import { connect, flags, follow, numberFlag, outputDir, run, save, shown, slug } from './_shared.ts';

const USAGE = `
Usage: node examples/text-to-image.ts [--prompt <text>] [--samples <n>] [--size <px>] [--model <id>] [--output <dir>] [--live]
  --prompt   what to draw (default: a treasure chest game sprite)
  --samples  how many images, 1-8 (default 4)
  --size     width and height in pixels, a multiple of 8 from 64 to 2048 (default 512)
  --model    model to run (default flux.1-dev)
`;

run('text-to-image', async () => {
  const options = flags(USAGE, {
    prompt: { type: 'string', default: 'a treasure chest full of gold coins, game sprite, plain background' },
    samples: { type: 'string', default: '4' },
    size: { type: 'string', default: '512' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const numSamples = numberFlag('samples', options.samples, 1, 8, true);
  const size = numberFlag('size', options.size, 64, 2048, true);
  const { client } = await connect(options.live);

  // The SDK refuses a size that is not a multiple of 8 before sending anything.
  const generation = await client.txt2img.create({
    modelId: options.model,
    prompt: options.prompt,
    numSamples,
    width: size,
    height: size,
  });
  const { assets } = await follow(generation, 'txt2img');
  const files = await save(client, assets, outputDir('text-to-image', options.output), slug(options.prompt));
  console.log(`Saved ${files.map(shown).join(', ')} · ${generation.creativeUnitsCost ?? 0} credits`);
});
