/**
 * The asset library: list it page by page (newest first), then pick one asset by name as the
 * reference of a new generation. On the emulator the library starts empty, so the example
 * first uploads the bundled sketches.
 *
 * Run it:
 *   node examples/library.ts                                the local emulator (run `npm run build` once)
 *   node examples/library.ts --pick castle --page-size 50 --live
 * Writes output/library/.
 */
import type { Asset } from 'scenario-sdk';
import { bundled, connect, flags, follow, numberFlag, outputDir, run, save, shown } from './_shared.ts';

const USAGE = `
Usage: node examples/library.ts [--pick <text>] [--page-size <n>] [--pages <n>] [--output <dir>] [--live]
  --pick       use the first image whose name contains this text (default "poses"; else the newest image)
  --page-size  assets per page, 1-100 (default 2, to show the paging)
  --pages      stop listing after this many pages (default 5)
`;

run('library', async () => {
  const options = flags(USAGE, {
    pick: { type: 'string', default: 'poses' },
    'page-size': { type: 'string', default: '2' },
    pages: { type: 'string', default: '5' },
  });
  const pageSize = numberFlag('page-size', options['page-size'], 1, 100, true);
  const maxPages = numberFlag('pages', options.pages, 1, 1000, true);
  const { client, emulated } = await connect(options.live);

  if (emulated) {
    for (const name of ['sketch.png', 'poses.png', 'evolution.png']) {
      await client.assets.upload(bundled(name), { name });
    }
  }

  // Page by page: each page holds `items` and, while more remain, a token for the next one.
  // (To walk every asset without caring about pages: `for await (const asset of client.assets.list())`.)
  const seen: Asset[] = [];
  let page = await client.assets.list({ pageSize, type: 'uploaded' });
  for (let number = 1; ; number++) {
    console.log(`Page ${number}:`);
    for (const asset of page.items) {
      const name = asset.metadata.name ?? '(no name)';
      console.log(`  ${asset.id}  ${name}  ${asset.properties.width}×${asset.properties.height}  ${asset.createdAt}`);
    }
    seen.push(...page.items);
    if (!page.hasNextPage() || number >= maxPages) break;
    page = await page.getNextPage();
  }

  const images = seen.filter((asset) => asset.kind === 'image');
  const pick = images.find((asset) => asset.metadata.name?.includes(options.pick)) ?? images[0];
  if (!pick) throw new Error('the library has no image to use as a reference; upload one first');
  console.log(`Picked ${pick.id} (${pick.metadata.name ?? 'no name'}) as the reference`);

  const generation = await client.img2img.create({
    modelId: 'flux.1-dev',
    image: pick.id,
    prompt: 'finished game art from this sketch, hand-painted fantasy style, clean background',
    influence: 30,
  });
  const { assets } = await follow(generation, 'img2img');
  const files = await save(client, assets, outputDir('library', options.output), 'from-library');
  console.log(`Saved ${files.map(shown).join(', ')} · ${generation.creativeUnitsCost ?? '?'} credits`);
});
