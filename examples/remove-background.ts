/**
 * Remove the background: the subject cut out as a transparent PNG (or on a solid colour with
 * `--color`), ready to drop into a game scene.
 *
 * Run it:
 *   node examples/remove-background.ts                      the local emulator (run `npm run build` once)
 *   node examples/remove-background.ts --input hero.jpg --color "#FFFFFF" --live
 * Writes output/remove-background/.
 */
import { bundled, connect, flags, follow, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/remove-background.ts [--input <image>] [--color <colour>] [--output <dir>] [--live]
  --input  the image to cut out (default examples/assets/sketch.png)
  --color  background: transparent (default), a hex colour like #FFFFFF, or a colour name
`;

run('remove-background', async () => {
  const options = flags(USAGE, {
    input: { type: 'string', default: bundled('sketch.png') },
    color: { type: 'string', default: 'transparent' },
  });
  const { client } = await connect(options.live);

  // The file path goes straight in: the SDK reads it, checks it is an image and inlines it.
  const generation = await client.removeBackground.create({
    image: options.input,
    backgroundColor: options.color,
    format: 'png',
  });
  const { assets } = await follow(generation, 'remove background');
  const files = await save(client, assets, outputDir('remove-background', options.output), 'cutout');
  const [cutout] = assets;
  console.log(
    `Saved ${files.map(shown).join(', ')} (${cutout?.mimeType}, ${options.color} background) · ${generation.creativeUnitsCost ?? '?'} credits`,
  );
});
