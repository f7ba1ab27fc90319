/**
 * Retouch with a mask, then Vary: draw a mask (white = repaint, black = keep) over one region of
 * a sketch, repaint only that region with `client.inpaint`, then regenerate the retouched image
 * at a high influence (the web app's "Vary") and print the lineage back to the upload.
 *
 * Run it:
 *   node examples/retouch.ts                                the local emulator (run `npm run build` once)
 *   node examples/retouch.ts --input knight.png --prompt "a golden crown" --live
 * Writes output/retouch/ (the mask, the retouched image and the variations).
 * Draws the mask with sharp (installed with the emulator); any black-and-white image of the same size works.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Asset } from 'scenario-sdk';
import sharp from 'sharp';
import { bundled, connect, flags, follow, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/retouch.ts [--input <image>] [--prompt <text>] [--model <id>] [--output <dir>] [--live]
  --input   the image to retouch (default examples/assets/sketch.png)
  --prompt  what to paint in the masked region (default: a golden helmet)
  --model   model to run (default flux.1-dev)
`;

/** Influence of the "Vary" step: high, so the variations stay close to the retouched image. */
const VARY_INFLUENCE = 80;

/** A mask the image's size: black, with a white rectangle over the upper middle (a figure's head). */
async function headMask(image: string): Promise<Uint8Array> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const box = { width: Math.round(width * 0.4), height: Math.round(height * 0.35) };
  const png = await sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([
      {
        input: { create: { ...box, channels: 3, background: '#ffffff' } },
        left: Math.round((width - box.width) / 2),
        top: Math.round(height * 0.1),
      },
    ])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

run('retouch', async () => {
  const options = flags(USAGE, {
    input: { type: 'string', default: bundled('sketch.png') },
    prompt: { type: 'string', default: 'a golden helmet with a red plume, painterly' },
    model: { type: 'string', default: 'flux.1-dev' },
  });
  const { client } = await connect(options.live);
  const dir = outputDir('retouch', options.output);
  /** Which job made each generated asset, for the lineage. */
  const madeBy = new Map<string, string>();

  const original = await client.assets.upload(options.input);
  const mask = await headMask(options.input);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'mask.png'), mask);

  // 1. Retouch: only the white region of the mask is repainted.
  const retouch = await client.inpaint.create({
    modelId: options.model,
    prompt: options.prompt,
    image: original.id,
    mask, // bytes here (a path, URL or asset id works too); the SDK checks it is the image's size
    influence: 20,
  });
  const { assets: retouched } = await follow(retouch, 'inpaint');
  const [pick] = retouched;
  if (!pick) throw new Error(`inpaint job ${retouch.id} returned no image`);
  for (const asset of retouched) madeBy.set(asset.id, retouch.id);
  const [retouchedFile] = await save(client, [pick], dir, 'retouched');
  console.log(`Retouched: ${pick.id} (${shown(retouchedFile ?? '')})`);

  // 2. Vary: regenerate from the retouched image, staying close to it.
  const vary = await client.img2img.create({
    modelId: options.model,
    prompt: options.prompt,
    image: pick.id,
    influence: VARY_INFLUENCE,
    numSamples: 2,
  });
  const { assets: variations } = await follow(vary, `vary (influence ${VARY_INFLUENCE})`);
  for (const asset of variations) madeBy.set(asset.id, vary.id);
  const files = await save(client, variations, dir, 'varied');
  console.log(`Saved ${files.map(shown).join(', ')} in ${shown(dir)}/`);

  console.log('Lineage of the first variation, newest first:');
  let asset: Asset | undefined = variations[0];
  while (asset) {
    const parentId: string | undefined = asset.metadata.parentId;
    const job = madeBy.get(asset.id);
    const how = job ? `${asset.metadata.type} by ${job}` : asset.metadata.type;
    console.log(`  ${asset.id}  ${how}${parentId ? `  ← parent ${parentId}` : ''}`);
    asset = parentId ? await client.assets.get(parentId) : undefined;
  }
});
