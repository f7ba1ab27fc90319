/**
 * A 360° skybox: `client.skybox` paints an equirectangular panorama (twice as wide as high, its
 * left and right edges meeting) for a sky sphere, then `client.skyboxUpscale` doubles it.
 *
 * Run it:
 *   node examples/skybox.ts                                 the local emulator (run `npm run build` once)
 *   node examples/skybox.ts --prompt "frozen tundra under the northern lights" --style photo --width 2048 --live
 * Writes output/skybox/.
 */

import { SKYBOX_STYLES } from 'scenario-sdk/schemas';
import { connect, flags, follow, numberFlag, outputDir, run, save, shown, UsageError } from './_shared.ts';

const USAGE = `
Usage: node examples/skybox.ts [--prompt <text>] [--style <name>] [--width <px>] [--output <dir>] [--live]
  --prompt  what the sky shows (default: an alien desert at dusk, two moons)
  --style   one of the skybox styles, e.g. fantasy, photo, cartoon (default fantasy)
  --width   the panorama's width, a multiple of 8 from 256 to 8192; its height is half (default 512)
`;

run('skybox', async () => {
  const options = flags(USAGE, {
    prompt: { type: 'string', default: 'an alien desert at dusk, two moons, distant mesas' },
    style: { type: 'string', default: 'fantasy' },
    width: { type: 'string', default: '512' },
  });
  const style = SKYBOX_STYLES.find((name) => name === options.style);
  if (!style) throw new UsageError(`--style must be one of ${SKYBOX_STYLES.join(', ')}, got "${options.style}"`);
  const width = numberFlag('width', options.width, 256, 8192, true);
  const { client } = await connect(options.live);
  const dir = outputDir('skybox', options.output);

  const generation = await client.skybox.create({ prompt: options.prompt, style, width });
  const { assets } = await follow(generation, 'skybox');
  const [sky] = assets;
  if (!sky) throw new Error(`job ${generation.id} made no skybox`);
  const [file] = await save(client, [sky], dir, 'skybox');

  const upscale = await client.skyboxUpscale.create({ image: sky.id, scalingFactor: 2 });
  const { assets: larger } = await follow(upscale, 'skybox ×2');
  const [bigFile] = await save(client, larger, dir, 'skybox-2x');
  const [big] = larger;
  console.log(
    `Skybox ${sky.properties.width}×${sky.properties.height} → ${shown(file ?? '')}; ×2 ${big?.properties.width}×${big?.properties.height} → ${shown(bigFile ?? '')}`,
  );
});
