/**
 * The game-pipeline routes through the proxy: forwarded with their wire body schemas, billed
 * (quoted first), owned like the others, and text answers passed through to the browser client.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BadRequestError, NotFoundError } from '../../src/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { NOW, setup } from './harness.js';

const SKETCH = fileURLToPath(new URL('../../examples/assets/sketch.png', import.meta.url));
const QUICK = { pollInterval: 250 } as const;

describe('game-pipeline routes through the proxy', () => {
  test("texture maps, pixel art and captions for their owner; another user's asset is a 404", async () => {
    const { as, paidPosts } = setup(createMemoryStore({ now: () => NOW }));
    const alice = as('alice');
    const upload = await alice.assets.upload(new Uint8Array(await readFile(SKETCH)));
    const [{ maps }, pixels, { captions }] = await Promise.all([
      alice.texture.run({ texture: upload.id }, QUICK),
      alice.pixelate.run({ image: upload.id, pixelGridSize: 32, colorPaletteSize: 4 }, QUICK),
      alice.caption.run({ images: [upload.id] }, QUICK),
    ]);
    expect(maps.normal?.metadata.type).toBe('texture-normal');
    expect(pixels.assets).toHaveLength(1);
    expect(captions).toHaveLength(1);
    // Alice owns the outputs: she can read them.
    expect((await alice.assets.get(maps.height?.id as string)).id).toBe(maps.height?.id);
    expect(paidPosts().map((sent) => new URL(sent.url).pathname)).toEqual(
      expect.arrayContaining(['/v1/generate/texture', '/v1/generate/pixelate', '/v1/generate/caption']),
    );

    const bob = as('bob');
    const refused = await bob.pixelate.run({ image: upload.id, pixelGridSize: 32 }, QUICK).catch((error) => error);
    expect(refused).toBeInstanceOf(NotFoundError);
    const stolen = await bob.assets.get(maps.normal?.id as string).catch((error) => error);
    expect(stolen).toBeInstanceOf(NotFoundError);
  });

  test('a body the route schema refuses is a 400 with nothing sent upstream', async () => {
    const { as, upstream } = setup(createMemoryStore({ now: () => NOW }));
    const alice = as('alice');
    const before = upstream.length;
    const answer = await alice
      .request({
        method: 'POST',
        path: '/generate/pixelate',
        body: { image: 'data:image/png;base64,AA==', pixelGridSize: 48 },
      })
      .catch((error) => error);
    expect(answer).toBeInstanceOf(BadRequestError);
    expect(upstream.length).toBe(before);
  });
});
