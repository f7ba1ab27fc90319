/**
 * Enhance: upscale an image ×2 with a preset (`precise`, `balanced` or `creative`) and style
 * images that guide the detail the upscaler adds.
 *
 * Run it:
 *   node examples/enhance.ts                                the local emulator (run `npm run build` once)
 *   node examples/enhance.ts --input art.png --style ref1.png --style ref2.png --preset creative --live
 * Writes output/enhance/.
 */
import { bundled, connect, flags, follow, outputDir, run, save, shown, UsageError } from './_shared.ts';

const PRESETS = ['precise', 'balanced', 'creative'] as const;

const USAGE = `
Usage: node examples/enhance.ts [--input <image>] [--style <image>]... [--preset <name>] [--output <dir>] [--live]
  --input   the image to upscale (default examples/assets/sketch.png)
  --style   a style image; repeat for several (default examples/assets/poses.png)
  --preset  precise | balanced | creative (default precise)
`;

run('enhance', async () => {
  const options = flags(USAGE, {
    input: { type: 'string', default: bundled('sketch.png') },
    style: { type: 'string', multiple: true, default: [bundled('poses.png')] },
    preset: { type: 'string', default: 'precise' },
  });
  const preset = PRESETS.find((name) => name === options.preset);
  if (!preset) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}, got "${options.preset}"`);
  const { client } = await connect(options.live);

  const source = await client.assets.upload(options.input);
  const generation = await client.upscale.create({
    image: source.id,
    scalingFactor: 2,
    preset,
    styleImages: options.style, // file paths here; asset ids, URLs and bytes work too
  });
  const { assets } = await follow(generation, `upscale ×2 (${preset})`);
  const files = await save(client, assets, outputDir('enhance', options.output), 'enhanced');
  const [big] = assets;
  console.log(
    `${source.properties.width}×${source.properties.height} → ${big?.properties.width}×${big?.properties.height} · ${files.map(shown).join(', ')} · ${generation.creativeUnitsCost ?? '?'} credits`,
  );
});
