/**
 * A pixel-art sprite sheet from sketches: each sketch is painted (`client.img2img`), pixelated
 * (`client.pixelate`: a 64-pixel grid in 16 colours), cut out (`client.removeBackground`), then
 * the sprites are laid side by side into one sheet with `client.patch` (no model involved).
 *
 * Run it:
 *   node examples/pixel-sprites.ts                          the local emulator (run `npm run build` once)
 *   node examples/pixel-sprites.ts --sketch hero.png --sketch enemy.png --grid 32 --live
 * Writes output/pixel-sprites/.
 */

import type { Asset } from 'scenario-sdk';
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown, UsageError } from './_shared.ts';

const GRIDS = [16, 32, 64, 128, 256] as const;

const USAGE = `
Usage: node examples/pixel-sprites.ts [--sketch <image>]... [--prompt <text>] [--grid <n>] [--colors <n>] [--output <dir>] [--live]
  --sketch  a sketch to turn into a sprite; repeat for several (default the bundled sketch, poses and evolution)
  --prompt  how to paint them (default: a knight, bright colours, game sprite, plain background)
  --grid    pixels along the longer side: 16, 32, 64, 128 or 256 (default 64)
  --colors  palette size, 2-256 (default 16)
`;

run('pixel-sprites', async () => {
  const options = flags(USAGE, {
    sketch: { type: 'string', multiple: true, default: ['sketch.png', 'poses.png', 'evolution.png'].map(bundled) },
    prompt: { type: 'string', default: 'a knight, bright colours, game sprite, plain white background' },
    grid: { type: 'string', default: '64' },
    colors: { type: 'string', default: '16' },
  });
  const grid = GRIDS.find((size) => size === Number(options.grid));
  if (!grid) throw new UsageError(`--grid must be one of ${GRIDS.join(', ')}, got "${options.grid}"`);
  const colorPaletteSize = numberFlag('colors', options.colors, 2, 256, true);
  const { client } = await connect(options.live);
  const dir = outputDir('pixel-sprites', options.output);

  // The sketches go through the three steps side by side: each one's steps run in order.
  const sprites = await Promise.all(
    options.sketch.map(async (sketch, index): Promise<Asset> => {
      const label = `sprite ${index + 1}`;
      const painted = await follow(
        await client.img2img.create({ modelId: 'flux.1-dev', prompt: options.prompt, image: sketch, influence: 40 }),
        `${label}: img2img`,
      );
      const pixels = await follow(
        await client.pixelate.create({ image: painted.assets[0]?.id as string, pixelGridSize: grid, colorPaletteSize }),
        `${label}: pixelate`,
      );
      const cut = await follow(
        await client.removeBackground.create({ image: pixels.assets[0]?.id as string }),
        `${label}: remove background`,
      );
      const [sprite] = cut.assets;
      if (!sprite) throw new Error(`${label}: no sprite`);
      return sprite;
    }),
  );
  const files = await save(client, sprites, dir, 'sprite');

  // The sheet: each sprite patched to the right of the ones before, the canvas growing to fit.
  let sheet = sprites[0] as Asset;
  let x = sheet.properties.width ?? 0;
  for (const sprite of sprites.slice(1)) {
    const merged = await client.patch.run({
      image: sheet.id,
      patch: { image: sprite.id, mode: 'override' },
      position: { x, y: 0 },
      allowOverflow: true,
      backgroundColor: 'transparent',
    });
    sheet = merged.assets[0] as Asset;
    x += sprite.properties.width ?? 0;
  }
  const [sheetFile] = await save(client, [sheet], dir, 'sprite-sheet');
  console.log(`Sprites: ${files.map(shown).join(', ')}`);
  console.log(
    `Sheet: ${shown(sheetFile ?? '')} (${sheet.properties.width}×${sheet.properties.height}, ${sprites.length} sprites)`,
  );
});
