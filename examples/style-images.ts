/**
 * Style images: the same sketch in two styles. Each style is a small palette image; img2img
 * with `styleImages` (the web app's Style Images) pulls the output towards its colours and mood.
 *
 * Run it:
 *   node examples/style-images.ts                           the local emulator (run `npm run build` once)
 *   node examples/style-images.ts --input my-sketch.png --scale 0.6 --live
 * Writes output/style-images/ (the two palettes and two images per style).
 * Draws the palettes with sharp (installed with the emulator); your own style images work too.
 */
import sharp from 'sharp';
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/style-images.ts [--input <image>] [--prompt <text>] [--scale <0-1>] [--model <id>] [--output <dir>] [--live]
  --input   the sketch to restyle (default examples/assets/sketch.png)
  --prompt  what the sketch shows (default: an armored knight)
  --scale   how strongly the style image guides the result, 0-1 (default 0.8)
  --model   model to run (default flux.1-dev)
`;

/** Two styles, each a palette of four colours. */
const STYLES = {
  ember: ['#3b0a05', '#a8200d', '#f26b1d', '#ffd27a'],
  frost: ['#0b1d3a', '#1f5f99', '#6fb7e0', '#e8f6ff'],
};

/** A 128×128 PNG of horizontal colour bands: a style image that is all palette. */
async function paletteImage(colours: string[]): Promise<Uint8Array> {
  const size = 128;
  const band = size / colours.length;
  const bands = colours.map((background, index) => ({
    input: { create: { width: size, height: band, channels: 3 as const, background } },
    left: 0,
    top: index * band,
  }));
  const png = await sharp({ create: { width: size, height: size, channels: 3, background: '#000000' } })
    .composite(bands)
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

run('style-images', async () => {
  const options = flags(USAGE, {
    input: { type: 'string', default: bundled('sketch.png') },
    prompt: { type: 'string', default: 'an armored knight with sword and shield, full body, painterly' },
    scale: { type: 'string', default: '0.8' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const styleScale = numberFlag('scale', options.scale, 0, 1);
  const { client } = await connect(options.live);
  const dir = outputDir('style-images', options.output);

  // Upload the sketch once; both styles start from the same asset.
  const sketch = await client.assets.upload(options.input);
  let credits = 0;
  for (const [name, colours] of Object.entries(STYLES)) {
    const palette = await client.assets.upload(await paletteImage(colours), { name: `${name}-palette.png` });
    await save(client, [palette], dir, `${name}-palette`);
    const generation = await client.img2img.create({
      modelId: options.model,
      image: sketch.id,
      prompt: options.prompt,
      influence: 40,
      numSamples: 2,
      styleImages: palette.id, // one or several image inputs; sent to POST /generate/img2img-ip-adapter
      styleScale,
    });
    const { assets } = await follow(generation, `${name} style`);
    const files = await save(client, assets, dir, name);
    credits += generation.creativeUnitsCost ?? 0;
    console.log(`${name}: ${files.map(shown).join(', ')} (style image ${palette.id}, scale ${styleScale})`);
  }
  console.log(`The same sketch in ${Object.keys(STYLES).length} styles · ${credits} credits in all`);
});
