/**
 * A vector icon set: each icon drawn (`client.txt2img`), then traced into an SVG
 * (`client.vectorize`) that scales to any size in a game's UI.
 *
 * Run it:
 *   node examples/vector-icons.ts                           the local emulator (run `npm run build` once)
 *   node examples/vector-icons.ts --icon "a mana crystal" --icon "a treasure map" --preset poster --live
 * Writes output/vector-icons/.
 */
import { connect, flags, follow, outputDir, run, save, shown, slug, UsageError } from './_shared.ts';

const PRESETS = ['asset', 'bw', 'photo', 'pixelart', 'poster'] as const;

const USAGE = `
Usage: node examples/vector-icons.ts [--icon <subject>]... [--preset <name>] [--output <dir>] [--live]
  --icon    an icon's subject; repeat for several (default: a shield, a health potion, a sword)
  --preset  tracing preset: asset, bw, photo, pixelart or poster (default poster)
`;

run('vector-icons', async () => {
  const options = flags(USAGE, {
    icon: { type: 'string', multiple: true, default: ['a shield', 'a health potion', 'a sword'] },
    preset: { type: 'string', default: 'poster' },
  });
  const preset = PRESETS.find((name) => name === options.preset);
  if (!preset) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}, got "${options.preset}"`);
  const { client } = await connect(options.live);
  const dir = outputDir('vector-icons', options.output);

  // Each icon is drawn, then traced; the icons side by side.
  const saved = await Promise.all(
    options.icon.map(async (subject) => {
      const prompt = `${subject}, flat game icon, bold outline, plain white background`;
      const drawn = await follow(
        await client.txt2img.create({ modelId: 'flux.1-dev', prompt, width: 256, height: 256 }),
        `${subject}: draw`,
      );
      // vectorize takes the image as an asset id: the drawing is one already.
      const traced = await follow(
        await client.vectorize.create({ image: drawn.assets[0]?.id as string, preset }),
        `${subject}: vectorize`,
      );
      return save(client, traced.assets, dir, slug(subject));
    }),
  );
  console.log(`Icons (SVG, ${preset}): ${saved.flat().map(shown).join(', ')}`);
});
