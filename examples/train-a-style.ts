/**
 * Train a style: a model trained on your own art (`client.models.train`), then new images in
 * that style from a prompt alone (`client.txt2img` with the trained model's id).
 *
 * Run it:
 *   node examples/train-a-style.ts                          the local emulator (run `npm run build` once)
 *   node examples/train-a-style.ts --images ./my-art --name "Studio style" --live
 * Writes output/train-a-style/. On the emulator, without --images, it first paints its own
 * "art": eight warm sunset scenes (txt2img), which it trains on.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { TrainingImageInput } from 'scenario-sdk';
import { bar, connect, flags, outputDir, run, save, shown, slug, statusLine, UsageError } from './_shared.ts';

const USAGE = `
Usage: node examples/train-a-style.ts [--images <folder>] [--name <text>] [--prompt <text>] [--output <dir>] [--live]
  --images  a folder of 5 to 100 images in one style (png, jpg, webp); needed with --live
  --name    the model's name (default "Sunset style")
  --prompt  what to draw with the trained model (default: a lighthouse on a cliff)
`;

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** The images of a folder, in name order. */
async function folderImages(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => {
    throw new UsageError(`--images ${folder}: not a folder`);
  });
  return names
    .filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(folder, name));
}

run('train-a-style', async () => {
  const options = flags(USAGE, {
    images: { type: 'string' },
    name: { type: 'string', default: 'Sunset style' },
    prompt: { type: 'string', default: 'a lighthouse on a cliff, wide shot' },
  });
  const { client, emulated } = await connect(options.live, { jobDurations: { 'model-training': 4000 } });
  if (!options.images && !emulated) throw new UsageError('--images <folder> is needed with the real API');

  // Your art, or (on the emulator) eight paintings made for the occasion: asset ids are image inputs too.
  let images: TrainingImageInput[];
  if (options.images) {
    images = await folderImages(options.images);
  } else {
    const { assets } = await client.txt2img.run({
      modelId: 'flux.1-dev',
      prompt: 'a landscape at sunset in orange and red, painterly',
      numSamples: 8,
      width: 256,
      height: 256,
    });
    images = assets.map((asset, index) => ({ image: asset.id, caption: `landscape ${index + 1}` }));
    console.log(`Painted ${assets.length} sunset scenes to train on`);
  }

  // Every image is read and checked first; a bad one, or too few, sends nothing.
  const line = statusLine();
  const trained = await client.models.train(
    { name: options.name, images, preset: 'style' },
    {
      onProgress: (seen) => {
        const progress = seen.trainingProgress?.progress ?? (seen.status === 'trained' ? 1 : 0);
        const stage = seen.trainingProgress?.stage ?? seen.status;
        line.update(
          `training ${seen.id} ${bar(progress)} ${Math.round(progress * 100)}% ${stage}`,
          `training ${seen.id}: ${stage}`,
        );
      },
    },
  );
  line.end(`Trained ${trained.id} (${trained.name}) on ${trained.trainingImagesNumber ?? images.length} images`);

  const { assets } = await client.txt2img.run({ modelId: trained.id, prompt: options.prompt, numSamples: 2 });
  const files = await save(client, assets, outputDir('train-a-style', options.output), slug(options.prompt));
  console.log(`In the style of ${trained.name}: ${files.map(shown).join(', ')}`);
  console.log(`Generate more with: client.txt2img.run({ modelId: '${trained.id}', prompt: '…' })`);
});
