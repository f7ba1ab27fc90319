import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { transportOf } from '../../src/client.js';
import { InvalidRequestError } from '../../src/core/errors.js';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { type ImageSlot, resolveImages } from '../../src/lib/resolve-images.js';
import { decodeDataUrl, PDF, PNG, pngOfSize } from '../helpers/images.js';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();
const MB = 1_000_000;

/** A transport whose `POST /assets` answers `asset_up_<n>`; every API request is recorded. */
function setup() {
  const api = recordApi((request, attempt) =>
    request.method === 'POST' && new URL(request.url).pathname.endsWith('/assets')
      ? HttpResponse.json({
          asset: { id: `asset_up_${attempt}`, url: 'https://cdn.test/a.png', mimeType: 'image/png', kind: 'image' },
        })
      : HttpResponse.json({ reason: 'unexpected request' }, { status: 500 }),
  );
  server.use(api.handler);
  return { transport: transportOf(testClient()), requests: api.requests };
}

const slots = (...inputs: ImageSlot['input'][]): ImageSlot[] =>
  inputs.map((input, index) => ({ field: `images[${index}]`, input }));

/** The JSON bodies of the recorded `POST /assets` calls. */
async function assetBodies(requests: Request[]): Promise<Record<string, unknown>[]> {
  return Promise.all(requests.map((request) => request.clone().json() as Promise<Record<string, unknown>>));
}

describe('resolveImages: one inline budget per request', () => {
  it('inlines one of two 3 MB images and uploads the other, hidden', async () => {
    const { transport, requests } = setup();
    const [first, second] = await resolveImages(
      [
        { field: 'image', input: pngOfSize(3 * MB) },
        { field: 'controlImage', input: pngOfSize(3 * MB) },
      ],
      { transport },
    );
    expect(decodeDataUrl(first as string).bytes.length).toBe(3 * MB);
    expect(second).toBe('asset_up_1');
    expect(requests).toHaveLength(1);
    const [body] = await assetBodies(requests);
    expect(body).toMatchObject({ name: 'image.png', hide: true });
    expect(decodeDataUrl(body?.image as string).bytes.length).toBe(3 * MB);
  });

  it('inlines the smallest first while the total stays within the budget, in slot order', async () => {
    const { transport, requests } = setup();
    const resolved = await resolveImages(slots(pngOfSize(3 * MB), pngOfSize(1 * MB), pngOfSize(2 * MB)), {
      transport,
    });
    expect(resolved[0]).toBe('asset_up_1');
    expect(decodeDataUrl(resolved[1] as string).bytes.length).toBe(1 * MB);
    expect(decodeDataUrl(resolved[2] as string).bytes.length).toBe(2 * MB);
    expect(requests).toHaveLength(1);
  });

  it('inlines images whose total is exactly the budget', async () => {
    const { transport, requests } = setup();
    const half = MAX_INLINE_IMAGE_BYTES / 2;
    const resolved = await resolveImages(slots(pngOfSize(half), pngOfSize(half)), { transport });
    expect(resolved.every((ref) => ref.startsWith('data:image/png;base64,'))).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('keeps ten 1 MB style images under the gateway limit: four inline, six uploaded', async () => {
    const { transport, requests } = setup();
    const resolved = await resolveImages(slots(...Array.from({ length: 10 }, () => pngOfSize(MB))), { transport });
    const inline = resolved.filter((ref) => ref.startsWith('data:'));
    expect(inline).toHaveLength(4);
    expect(inline.reduce((sum, ref) => sum + decodeDataUrl(ref).bytes.length, 0)).toBeLessThanOrEqual(
      MAX_INLINE_IMAGE_BYTES,
    );
    expect(requests).toHaveLength(6);
    expect((await assetBodies(requests)).every((body) => body.hide === true)).toBe(true);
  });

  it('passes asset ids through without counting them against the budget', async () => {
    const { transport, requests } = setup();
    const big = pngOfSize(MAX_INLINE_IMAGE_BYTES);
    const resolved = await resolveImages(slots('asset_a', big, 'asset_b'), { transport });
    expect(resolved[0]).toBe('asset_a');
    expect(decodeDataUrl(resolved[1] as string).bytes.length).toBe(MAX_INLINE_IMAGE_BYTES);
    expect(resolved[2]).toBe('asset_b');
    expect(requests).toHaveLength(0);
  });

  it('inline: false uploads every image, even a tiny one, and still passes asset ids through', async () => {
    const { transport, requests } = setup();
    expect(await resolveImages(slots(PNG, 'asset_a'), { transport, inline: false })).toEqual(['asset_up_1', 'asset_a']);
    expect(await assetBodies(requests)).toEqual([
      { name: 'image.png', image: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`, hide: true },
    ]);
  });

  it('resolves no slots to nothing, without a request', async () => {
    const { transport, requests } = setup();
    expect(await resolveImages([], { transport })).toEqual([]);
    expect(requests).toHaveLength(0);
  });
});

describe('resolveImages: a group travels one way', () => {
  const grouped = (...inputs: ImageSlot['input'][]): ImageSlot[] =>
    inputs.map((input, index) => ({ field: `styleImages[${index}]`, input, group: 'styleImages' }));

  it('inlines a whole group that fits the budget', async () => {
    const { transport, requests } = setup();
    const resolved = await resolveImages(grouped(PNG, pngOfSize(MB)), { transport });
    expect(resolved.every((ref) => ref.startsWith('data:image/png;base64,'))).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('uploads every image of a group that does not fit, though one of them alone would', async () => {
    const { transport, requests } = setup();
    const resolved = await resolveImages(
      [{ field: 'image', input: pngOfSize(2 * MB) }, ...grouped(pngOfSize(MB), pngOfSize(2 * MB))],
      { transport },
    );
    expect(decodeDataUrl(resolved[0] as string).bytes.length).toBe(2 * MB);
    expect(resolved.slice(1)).toEqual(['asset_up_1', 'asset_up_2']);
    expect(requests).toHaveLength(2);
  });

  it('uploads the other images of a group holding an asset id, so the group is all asset ids', async () => {
    const { transport, requests } = setup();
    const resolved = await resolveImages(grouped('asset_style', PNG), { transport });
    expect(resolved).toEqual(['asset_style', 'asset_up_1']);
    expect(requests).toHaveLength(1);
  });

  it('counts a group as one unit of its total size, smallest unit first', async () => {
    const { transport } = setup();
    // The group (2 MB in all) is smaller than the 3 MB image: the group is inlined, the image uploaded.
    const resolved = await resolveImages(
      [{ field: 'image', input: pngOfSize(3 * MB) }, ...grouped(pngOfSize(MB), pngOfSize(MB))],
      { transport },
    );
    expect(resolved[0]).toBe('asset_up_1');
    expect(resolved.slice(1).every((ref) => ref.startsWith('data:'))).toBe(true);
  });
});

describe('resolveImages: check', () => {
  it('sees every loaded image in slot order before anything is sent; a throw stops the request', async () => {
    const { transport, requests } = setup();
    const seen: string[] = [];
    const error = await resolveImages(slots('asset_a', pngOfSize(5 * MB)), {
      transport,
      check: (images) => {
        seen.push(...images.map((image) => (image.kind === 'asset' ? image.assetId : `${image.size} bytes`)));
        throw new InvalidRequestError('params', [{ path: 'mask', message: 'wrong size' }]);
      },
    }).catch((caught: unknown) => caught);
    expect(seen).toEqual(['asset_a', `${5 * MB} bytes`]);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(requests).toHaveLength(0);
  });
});

describe('resolveImages: every input checked before anything is sent', () => {
  it('a bad image among several: InvalidRequestError naming every bad field, and no request at all', async () => {
    const { transport, requests } = setup();
    const inputs = slots(pngOfSize(3 * MB), pngOfSize(3 * MB), pngOfSize(3 * MB), PDF, PNG, 42 as never);
    const error = await resolveImages(inputs, { transport }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['images[3]', 'images[5]']);
    expect(requests).toHaveLength(0);
  });

  it('a failed download wins over bad input, and nothing is uploaded', async () => {
    const { transport, requests } = setup();
    server.use(http.get('https://images.test/gone.png', () => new HttpResponse('gone', { status: 404 })));
    const error = await resolveImages(slots(pngOfSize(5 * MB), PDF, 'https://images.test/gone.png'), {
      transport,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InvalidRequestError);
    expect(requests).toHaveLength(0);
  });
});
