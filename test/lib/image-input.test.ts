import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transportOf } from '../../src/client.js';
import { APIConnectionError, APITimeoutError, APIUserAbortError, InvalidRequestError } from '../../src/core/errors.js';
import type { ClientOptions } from '../../src/core/options.js';
import { checkRequestOptions } from '../../src/core/options.js';
import {
  type ImageInput,
  ImageInputSchema,
  loadImage,
  MAX_FETCHED_IMAGE_BYTES,
  MAX_INLINE_IMAGE_BYTES,
  type ResolveImageContext,
} from '../../src/lib/image-input.js';
import { resolveImages } from '../../src/lib/resolve-images.js';
import { MIN_UPLOAD_PART_BYTES } from '../../src/schemas/upload.js';
import { decodeDataUrl, PDF, PNG, pngOfSize } from '../helpers/images.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { renderings } from '../helpers/renderings.js';
import { onFakeTime, rejectionOf } from '../helpers/timers.js';

const server = useMockServer();
const CDN = 'https://images.example.com';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenario-image-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One image resolved alone, as a single-image resource does. */
async function resolveImage(input: ImageInput, { field = 'image', ...ctx }: ResolveImageContext): Promise<string> {
  const [resolved] = await resolveImages([{ field, input }], ctx);
  return resolved as string;
}

/** Resolves with a fresh client whose every request is recorded. */
function setup(projectId?: string, options: ClientOptions = {}) {
  const api = recordApi();
  const cdn: Request[] = [];
  server.use(
    api.handler,
    http.all(`${CDN}/*`, ({ request }) => {
      cdn.push(request.clone());
      return new HttpResponse(PNG, { headers: { 'content-type': 'application/octet-stream' } });
    }),
  );
  const transport = transportOf(testClient({ ...(projectId ? { projectId } : {}), ...options }));
  return { transport, api: api.requests, cdn, resolve: (input: ImageInput) => resolveImage(input, { transport }) };
}

async function rejection(promise: Promise<unknown>): Promise<InvalidRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidRequestError);
  return error as InvalidRequestError;
}

const pngDataUrl = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;

describe('resolveImage: every input kind', () => {
  it('passes an asset id through unchanged, without any request', async () => {
    const { resolve, api, cdn } = setup();
    expect(await resolve('asset_abc-123')).toBe('asset_abc-123');
    expect(api.length + cdn.length).toBe(0);
  });

  it('re-encodes a data URL with the sniffed type', async () => {
    const { resolve } = setup();
    const declaredWrong = `data:application/octet-stream;base64,${Buffer.from(PNG).toString('base64')}`;
    expect(await resolve(declaredWrong)).toBe(pngDataUrl);
  });

  it('accepts a percent-encoded (non-base64) SVG data URL', async () => {
    const { resolve } = setup();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const result = decodeDataUrl(await resolve(`data:image/svg+xml,${encodeURIComponent(svg)}`));
    expect(result.mimeType).toBe('image/svg+xml');
    expect(new TextDecoder().decode(result.bytes)).toBe(svg);
  });

  it('fetches an http(s) URL string as is, without the API auth header', async () => {
    const { resolve, cdn } = setup('proj_1');
    const url = `${CDN}/a/sprite.png?X-Amz-Signature=abc%2Fdef&Expires=99`;
    expect(await resolve(url)).toBe(pngDataUrl);
    expect(cdn).toHaveLength(1);
    expect(cdn[0]?.url).toBe(url);
    expect(cdn[0]?.headers.get('authorization')).toBeNull();
  });

  it('fetches a URL object', async () => {
    const { resolve, cdn } = setup();
    expect(await resolve(new URL(`${CDN}/b.png`))).toBe(pngDataUrl);
    expect(cdn[0]?.headers.get('authorization')).toBeNull();
  });

  it('reads a file path, and a file: URL', async () => {
    const { resolve } = setup();
    const path = join(dir, 'sketch.png');
    await writeFile(path, PNG);
    expect(await resolve(path)).toBe(pngDataUrl);
    expect(await resolve(pathToFileURL(path))).toBe(pngDataUrl);
    expect(await resolve(pathToFileURL(path).href)).toBe(pngDataUrl);
  });

  it('keeps the file name of a path and of a File', async () => {
    const { transport } = setup();
    const path = join(dir, 'hero.png');
    await writeFile(path, PNG);
    expect(await loadImage(path, { transport })).toMatchObject({ fileName: 'hero.png', mimeType: 'image/png' });
    const file = new File([PNG], 'from-browser.png');
    expect(await loadImage(file, { transport })).toMatchObject({ fileName: 'from-browser.png', size: PNG.length });
  });

  it.each([
    ['Blob', () => new Blob([PNG], { type: 'text/plain' })],
    ['File', () => new File([PNG], 'x.bin')],
    ['Uint8Array', () => PNG.slice()],
    ['Uint8Array view into a larger buffer', () => new Uint8Array([1, 2, 3, ...PNG]).subarray(3)],
    ['Buffer', () => Buffer.from(PNG)],
    ['ArrayBuffer', () => PNG.slice().buffer],
    [
      'web ReadableStream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(PNG.slice(0, 5));
            controller.enqueue(PNG.slice(5));
            controller.close();
          },
        }),
    ],
    ['Node Readable', () => Readable.from([Buffer.from(PNG.slice(0, 10)), Buffer.from(PNG.slice(10))])],
  ] as const)('accepts a %s', async (_kind, make) => {
    const { resolve, api } = setup();
    expect(await resolve(make() as ImageInput)).toBe(pngDataUrl);
    expect(api).toHaveLength(0);
  });
});

describe('resolveImage: refusals before any request', () => {
  it.each([
    [
      'PDF bytes',
      () => PDF,
      /expected an image \(png, jpeg, webp, gif, avif, tiff, heic, svg\); received a text file of \d+ bytes that looks like a PDF/,
    ],
    ['a number', () => 42, /received a number \(42\)/],
    ['null', () => null, /received null/],
    ['a plain object', () => ({ foo: 1 }), /received a plain object/],
    ['an Asset object', () => ({ id: 'asset_x', url: 'https://cdn/x' }), /an Asset object \(pass its id: "asset_x"\)/],
    ['an empty string', () => '  ', /received an empty string/],
    ['raw base64', () => Buffer.from(new Uint8Array(300)).toString('base64'), /looks like raw base64/],
    ['an ftp: URL', () => 'ftp://example.com/a.png', /ftp: URLs are not supported/],
    ['a malformed data URL', () => 'data:image/png;base64', /malformed data URL/],
    ['invalid base64 in a data URL', () => 'data:image/png;base64,***', /malformed data URL/],
    ['empty bytes', () => new Uint8Array(0), /received an empty file \(0 bytes\)/],
    ['a stream of numbers', () => Readable.from([1, 2, 3]), /the stream yielded a number \(1\) instead of bytes/],
    ['an invalid asset id', () => 'asset_ abc', /is not a valid asset id/],
  ])('refuses %s', async (_kind, make, message) => {
    const { resolve, api, cdn } = setup();
    const error = await rejection(resolve(make() as ImageInput));
    expect(error.message).toMatch(message);
    expect(error.issues[0]?.path).toBe('image');
    expect(api.length + cdn.length).toBe(0);
  });

  it('names a missing file and says how strings are read', async () => {
    const { resolve, api } = setup();
    const path = join(dir, 'nope.png');
    const error = await rejection(resolve(path));
    expect(error.message).toContain(path);
    expect(error.message).toContain('no such file');
    expect(error.message).toContain('read as file paths');
    expect(api).toHaveLength(0);
  });

  it('refuses a directory', async () => {
    const { resolve } = setup();
    expect((await rejection(resolve(dir))).message).toContain('is a directory');
  });

  it('refuses a file that is not an image, naming it', async () => {
    const { resolve } = setup();
    const path = join(dir, 'doc.pdf');
    await writeFile(path, PDF);
    expect((await rejection(resolve(path))).message).toMatch(
      /received doc\.pdf: a text file of \d+ bytes that looks like a PDF/,
    );
  });

  it('refuses a URL whose answer is not an image', async () => {
    const { resolve } = setup();
    server.use(http.get(`${CDN}/page`, () => HttpResponse.text('<html>sign in</html>')));
    const error = await rejection(resolve(`${CDN}/page?token=secret`));
    expect(error.message).toContain(`${CDN}/page:`);
    expect(error.message).not.toContain('secret');
  });

  it('refuses a URL whose declared size is over the cap without reading it', async () => {
    const { resolve } = setup();
    server.use(
      http.get(`${CDN}/huge.png`, () =>
        HttpResponse.arrayBuffer(PNG.slice().buffer, {
          headers: { 'content-length': String(MAX_FETCHED_IMAGE_BYTES + 1) },
        }),
      ),
    );
    expect((await rejection(resolve(`${CDN}/huge.png`))).message).toMatch(/limited to 50 MiB/);
  });

  it('names the field it was given', async () => {
    const { transport } = setup();
    const error = await rejection(resolveImage(PDF, { transport, field: 'styleImages[1]' }));
    expect(error.message).toMatch(/^Invalid image input: styleImages\[1\]: expected an image/);
  });

  it('rejects with APIUserAbortError when already aborted', async () => {
    const { transport } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(
      resolveImage(PNG, { transport, options: checkRequestOptions({ signal: controller.signal }) }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe('a non-image input is described, never quoted', () => {
  const pem = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n`;
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x41, 0x42]);
  it.each([
    [
      'a PEM key file',
      new TextEncoder().encode(pem),
      /a text file of 1\d\d bytes that looks like PEM \(a key or certificate\)/,
      ['-----BEGIN', 'MIIEv', 'PRIVATE'],
    ],
    [
      'JSON',
      new TextEncoder().encode('{"apiSecret":"hunter22"}'),
      /a text file of 24 bytes that looks like JSON/,
      ['apiSecret', 'hunter'],
    ],
    ['a ZIP archive', zip, /a binary file of 12 bytes that looks like a ZIP archive/, ['PK']],
    ['plain text', new TextEncoder().encode('hello world, not an image'), /a text file of 25 bytes$/, ['hello']],
    ['binary noise', new Uint8Array([0, 1, 0xab, 0xff, 9, 8, 7]), /a binary file of 7 bytes$/, ['00 01']],
  ])('%s', async (_kind, bytes, description, absent) => {
    const { resolve } = setup();
    const error = await rejection(resolve(bytes));
    expect(error.message).toMatch(description);
    for (const text of absent) expect(error.message).not.toContain(text);
  });

  it('a key file read from disk gives its name, size and kind only', async () => {
    const { resolve } = setup();
    const path = join(dir, 'id_rsa');
    await writeFile(path, pem);
    const error = await rejection(resolve(path));
    expect(error.message).toMatch(/received .*id_rsa: a text file of \d+ bytes that looks like PEM/);
    expect(error.message).not.toContain('-----BEG');
  });
});

describe('stream inputs obey the signal, the timeout and a size cap', () => {
  /** A web stream that never yields; `cancelled` tells whether the SDK let go of it. */
  function stalledWebStream() {
    const state = { cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => {}),
      cancel: () => {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  it('a stalled web ReadableStream rejects as soon as the signal aborts, and is cancelled', async () => {
    const { transport } = setup();
    const { stream, state } = stalledWebStream();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(
      loadImage(stream, { transport, options: checkRequestOptions({ signal: controller.signal }) }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(state.cancelled).toBe(true);
  });

  it('a stalled Node Readable times out after the call’s timeout, and is destroyed', async () => {
    const { transport } = setup();
    const stream = new Readable({ read() {} });
    const { error, elapsedMs } = await onFakeTime(() =>
      loadImage(stream, { transport, options: checkRequestOptions({ timeout: 100 }), field: 'controlImage' }),
    );
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error?.message).toMatch(/controlImage: the stream yielded no data for 100 ms/);
    expect(elapsedMs).toBe(100);
    expect(stream.destroyed).toBe(true);
  });

  it('a stalled stream times out after the client’s timeout when the call sets none', async () => {
    const { transport } = setup(undefined, { timeout: 80 });
    const partial = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(PNG.slice(0, 8)),
    });
    const error = await rejectionOf(loadImage(partial, { transport }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toMatch(/no data for 80 ms/);
  });

  it('a slow stream that keeps yielding is read to its end', async () => {
    const { transport } = setup(undefined, { timeout: 100 });
    async function* slow() {
      for (const chunk of [PNG.slice(0, 10), PNG.slice(10, 20), PNG.slice(20)]) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        yield chunk;
      }
    }
    expect(await loadImage(slow(), { transport })).toMatchObject({ kind: 'image', size: PNG.length });
  });

  it(`a web stream over ${MAX_FETCHED_IMAGE_BYTES / 1024 / 1024} MiB is refused and reading stops`, async () => {
    const { transport, api } = setup();
    const chunk = pngOfSize(1024 * 1024);
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulls++;
        controller.enqueue(chunk);
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const error = await rejection(loadImage(endless, { transport }));
    expect(error.message).toMatch(/image: the stream is over 50 MiB; images read from a stream are limited to 50 MiB/);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(60);
    expect(api).toHaveLength(0);
  });

  it('a Node Readable over the cap is refused and destroyed', async () => {
    const { transport } = setup();
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    let reads = 0;
    const endless = new Readable({
      read() {
        reads++;
        this.push(chunk);
      },
    });
    const error = await rejection(loadImage(endless, { transport }));
    expect(error.message).toMatch(/limited to 50 MiB/);
    expect(endless.destroyed).toBe(true);
    expect(reads).toBeLessThan(20);
  });
});

describe('URL inputs with credentials, and signed queries in errors', () => {
  const PASSWORD = 'pw-CANARY-5e1d';

  it.each([
    ['a string with user and password', `https://user:${PASSWORD}@images.example.com/a.png`],
    ['a string with a user only', `https://${PASSWORD}@images.example.com/a.png`],
    ['a URL object', new URL(`https://user:${PASSWORD}@images.example.com/a.png`)],
    ['a string that does not parse', `https://user:${PASSWORD}@bad host/a.png?sig=SIGNED`],
  ])('%s is refused before any request, the password absent', async (_kind, input) => {
    const { resolve, api, cdn } = setup();
    const error = await rejection(resolve(input));
    for (const text of renderings(error)) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('SIGNED');
    }
    expect(api.length + cdn.length).toBe(0);
  });

  it('says why a URL with credentials is refused', async () => {
    const { resolve } = setup();
    const error = await rejection(resolve(`https://user:${PASSWORD}@images.example.com/a.png`));
    expect(error.message).toContain(
      'image: https://images.example.com/a.png carries a user name or password; image URLs are fetched without credentials',
    );
  });

  it('a failed fetch of an image URL shows the URL without its query, in the error and its cause', async () => {
    const url = 'https://images.example.com/a.png?X-Amz-Signature=SIGNED-abc&Expires=1';
    const transport = transportOf(
      testClient({
        maxRetries: 0,
        fetch: async (input) => {
          throw new TypeError(
            `request to ${input instanceof Request ? input.url : String(input)} failed, reason: socket hang up`,
          );
        },
      }),
    );
    const error = await rejectionOf(loadImage(url, { transport }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain('request to https://images.example.com/a.png failed');
    for (const text of renderings(error)) expect(text).not.toContain('SIGNED');
  });
});

describe('imageSources: a server can refuse file paths and URLs', () => {
  it('filePaths: false refuses a path and a file: URL, naming the option, without reading the file', async () => {
    const path = join(dir, 'allowed-elsewhere.png');
    await writeFile(path, PNG);
    const { resolve, api } = setup(undefined, { imageSources: { filePaths: false } });
    for (const input of [path, pathToFileURL(path), pathToFileURL(path).href, '../../etc/passwd']) {
      const error = await rejection(resolve(input));
      expect(error.message).toMatch(
        /would be read as a local file path, which this client refuses \(imageSources\.filePaths is false\)/,
      );
    }
    expect(api).toHaveLength(0);
  });

  it('urls: false refuses an http(s) URL, string or URL, without fetching it', async () => {
    const { resolve, cdn } = setup(undefined, { imageSources: { urls: false } });
    for (const input of [`${CDN}/a.png?sig=SIGNED`, new URL(`${CDN}/b.png`)]) {
      const error = await rejection(resolve(input));
      expect(error.message).toMatch(
        /is an http\(s\) URL, which this client does not fetch \(imageSources\.urls is false\)/,
      );
      expect(error.message).not.toContain('SIGNED');
    }
    expect(cdn).toHaveLength(0);
  });

  it('with both off, asset ids, data URLs, bytes and Blobs still work', async () => {
    const { resolve } = setup(undefined, { imageSources: { filePaths: false, urls: false } });
    expect(await resolve('asset_abc')).toBe('asset_abc');
    expect(await resolve(pngDataUrl)).toBe(pngDataUrl);
    expect(await resolve(PNG)).toBe(pngDataUrl);
    expect(await resolve(new Blob([PNG]))).toBe(pngDataUrl);
  });

  it('by default both are allowed', async () => {
    const { resolve, cdn } = setup();
    const path = join(dir, 'default.png');
    await writeFile(path, PNG);
    expect(await resolve(path)).toBe(pngDataUrl);
    expect(await resolve(`${CDN}/c.png`)).toBe(pngDataUrl);
    expect(cdn).toHaveLength(1);
  });

  it('is checked with the client options', () => {
    expect(() => testClient({ imageSources: { files: false } as never })).toThrow(InvalidRequestError);
    expect(() => testClient({ imageSources: { urls: 'no' } as never })).toThrow(/imageSources\.urls/);
  });
});

describe('ImageInputSchema', () => {
  it('accepts every input kind by shape', () => {
    const inputs: unknown[] = [
      'asset_1',
      pngDataUrl,
      'https://x.test/a.png',
      './a.png',
      new URL('https://x.test/a.png'),
      new Blob([PNG]),
      new File([PNG], 'a.png'),
      PNG,
      Buffer.from(PNG),
      PNG.slice().buffer,
      new Blob([PNG]).stream(),
      Readable.from([PNG]),
    ];
    for (const input of inputs) expect(ImageInputSchema.safeParse(input).success).toBe(true);
  });

  it('keeps the very same value (streams are not consumed)', () => {
    const stream = new Blob([PNG]).stream();
    expect(ImageInputSchema.parse(stream)).toBe(stream);
  });

  it('refuses other values with a message naming what was received', () => {
    const result = ImageInputSchema.safeParse(42);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^expected an image: an asset id.*; received a number \(42\)$/);
    expect(ImageInputSchema.safeParse('').success).toBe(false);
    expect(ImageInputSchema.safeParse({}).success).toBe(false);
  });
});

describe('resolveImage: small inline, large through hidden /uploads', () => {
  function uploadFlow() {
    const requests: Request[] = [];
    const parts: { url: string; size: number; headers: Headers }[] = [];
    let polls = 0;
    const upload = (status: string, extra: Record<string, unknown> = {}) => ({
      upload: { id: 'upload_1', status, fileName: 'image.png', ...extra },
    });
    server.use(
      http.post(`${API}/uploads`, async ({ request }) => {
        requests.push(request.clone());
        const body = (await request.json()) as { parts: number };
        const signed = Array.from({ length: body.parts }, (_, index) => ({
          number: index + 1,
          url: `https://s3.example.com/bucket/upload_1/${index + 1}?X-Amz-Signature=s${index + 1}`,
          expires: '2030-01-01T00:00:00Z',
        }));
        return HttpResponse.json(upload('pending', { parts: signed }));
      }),
      http.put('https://s3.example.com/bucket/upload_1/:part', async ({ request }) => {
        parts.push({ url: request.url, size: (await request.arrayBuffer()).byteLength, headers: request.headers });
        return new HttpResponse(null, { status: 200 });
      }),
      http.post(`${API}/uploads/upload_1/action`, async ({ request }) => {
        requests.push(request.clone());
        return HttpResponse.json(upload('validating'));
      }),
      http.get(`${API}/uploads/upload_1`, ({ request }) => {
        requests.push(request.clone());
        polls++;
        return HttpResponse.json(polls < 2 ? upload('validated') : upload('imported', { entityId: 'asset_big' }));
      }),
      http.post(`${API}/assets`, () => HttpResponse.json({ reason: 'must not inline' }, { status: 500 })),
    );
    return { requests, parts };
  }

  it(`inlines an image of exactly ${MAX_INLINE_IMAGE_BYTES} bytes`, async () => {
    const { resolve, api } = setup();
    const result = await resolve(pngOfSize(MAX_INLINE_IMAGE_BYTES));
    expect(decodeDataUrl(result).bytes.length).toBe(MAX_INLINE_IMAGE_BYTES);
    expect(api).toHaveLength(0);
  });

  it('uploads a larger image in 5 MiB parts without auth, completes, polls until imported', async () => {
    const flow = uploadFlow();
    const transport = transportOf(testClient());
    const size = 2 * MIN_UPLOAD_PART_BYTES + 123_456;
    expect(await resolveImage(pngOfSize(size), { transport })).toBe('asset_big');

    const [create, complete, ...polls] = flow.requests;
    expect(await create?.json()).toEqual({
      fileName: 'image.png',
      contentType: 'image/png',
      fileSize: size,
      parts: 3,
      kind: 'image',
      assetOptions: { hide: true },
    });
    expect(create?.headers.get('authorization')).toMatch(/^Basic /);
    expect(await complete?.json()).toEqual({ action: 'complete' });
    expect(polls).toHaveLength(2);

    const sorted = [...flow.parts].sort((a, b) => a.url.localeCompare(b.url));
    expect(sorted.map((part) => part.size)).toEqual([MIN_UPLOAD_PART_BYTES, MIN_UPLOAD_PART_BYTES, 123_456]);
    for (const part of sorted) {
      expect(part.headers.get('authorization')).toBeNull();
      expect(part.headers.get('content-type')).toBe('image/png');
      expect(part.url).toContain('X-Amz-Signature=');
    }
  });

  it('uploads a large file path from disk, named after the file', async () => {
    const flow = uploadFlow();
    const path = join(dir, 'poster.png');
    await writeFile(path, pngOfSize(MAX_INLINE_IMAGE_BYTES + 1));
    expect(await resolveImage(path, { transport: transportOf(testClient()) })).toBe('asset_big');
    expect(await flow.requests[0]?.json()).toMatchObject({ fileName: 'poster.png', parts: 1 });
    expect(flow.parts.map((part) => part.size)).toEqual([MAX_INLINE_IMAGE_BYTES + 1]);
  });
});
