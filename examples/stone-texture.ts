/**
 * A tileable stone texture and its material maps: `seamless: true` on txt2img makes a tile whose
 * edges meet (`POST /generate/txt2img-texture`), then `client.texture` turns it into the maps of
 * a PBR material (normal, height, smoothness, metallic, ambient occlusion, edge, albedo), by name.
 *
 * Run it:
 *   node examples/stone-texture.ts                          the local emulator (run `npm run build` once)
 *   node examples/stone-texture.ts --prompt "mossy cobblestones, top view" --size 1024 --live
 * Writes output/stone-texture/.
 */
import { connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/stone-texture.ts [--prompt <text>] [--size <px>] [--raised <0-1>] [--model <id>] [--output <dir>] [--live]
  --prompt  the texture (default: worn grey stone tiles, top view)
  --size    the tile's side in pixels, a multiple of 8 from 64 to 2048 (default 256)
  --raised  how rough the relief is, 0 (flat) to 1 (very rough rock) (default 0.7)
  --model   model to run (default flux.1-dev)
`;

run('stone-texture', async () => {
  const options = flags(USAGE, {
    prompt: { type: 'string', default: 'worn grey stone tiles, top view, game texture' },
    size: { type: 'string', default: '256' },
    raised: { type: 'string', default: '0.7' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const size = numberFlag('size', options.size, 64, 2048, true);
  const raised = numberFlag('raised', options.raised, 0, 1);
  const { client } = await connect(options.live);
  const dir = outputDir('stone-texture', options.output);

  // seamless: true picks the -texture route: the left edge continues the right one, the top the bottom.
  const tile = await client.txt2img.create({
    modelId: options.model,
    prompt: options.prompt,
    width: size,
    height: size,
    seamless: true,
  });
  const { assets: tiles } = await follow(tile, 'seamless tile');
  const [stone] = tiles;
  if (!stone) throw new Error(`job ${tile.id} made no tile`);
  const [tileFile] = await save(client, [stone], dir, 'stone-tile');

  // The route takes the texture as an asset id: the tile is one already.
  const generation = await client.texture.create({ texture: stone.id, raised, polished: 0.2 });
  const { maps } = await follow(generation, 'material maps');
  const saved: string[] = [];
  for (const [name, map] of Object.entries(maps)) {
    if (map) saved.push(...(await save(client, [map], dir, `stone-${name}`)));
  }
  console.log(`Tile: ${shown(tileFile ?? '')} (${size}×${size}, tileable)`);
  console.log(`Maps: ${Object.keys(maps).join(', ')} → ${saved.map(shown).join(', ')}`);
});
