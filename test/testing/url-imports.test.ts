/**
 * `POST /uploads {url}` is no door into the network the emulator runs in: by default it downloads
 * only from public addresses (checked at every redirect), reads at most 100 MiB, gives one error
 * text whatever went wrong, and `uploadUrls: 'any'` opens it for tests with a local image server.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js';
import { type Answer, caller, setup, testImage } from './helpers.js';

let png: Uint8Array;
let files: Server;
let filesUrl: string;
/** Paths the local file host was asked for: an SSRF that reaches it shows here. */
const hits: string[] = [];

beforeAll(async () => {
  png = await testImage(24, 16);
  files = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/internal/secret.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => files.close(resolve)));

/** Imports `url` and reads the upload once its validation time is up. */
async function imported(context: ReturnType<typeof setup>, url: string) {
  const created: Answer = await context.call('POST', '/uploads', { body: { url, kind: 'image' } });
  expect(created.status).toBe(200);
  await context.clock.advance(1_000);
  return (await context.call('GET', `/uploads/${created.body.upload.id}`)).body.upload;
}

const failure = (url: string) =>
  `Could not download ${url}: an import must be a public http(s) address answering 200 with at most 100 MiB`;

describe('by default, only public addresses', () => {
  test.each([
    ['a loopback address', () => `${filesUrl}/internal/secret.png`],
    ['localhost', () => `${filesUrl.replace('127.0.0.1', 'localhost')}/internal/secret.png`],
    ['IPv6 loopback', () => `${filesUrl.replace('127.0.0.1', '[::1]')}/internal/secret.png`],
    ['IPv4-mapped IPv6 loopback', () => `${filesUrl.replace('127.0.0.1', '[::ffff:127.0.0.1]')}/internal/secret.png`],
    ['0.0.0.0', () => `${filesUrl.replace('127.0.0.1', '0.0.0.0')}/internal/secret.png`],
    ['a decimal IPv4 literal', () => `${filesUrl.replace('127.0.0.1', '2130706433')}/internal/secret.png`],
    ['the link-local metadata service', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', () => 'http://10.0.0.1/image.png'],
    ['a CGNAT address', () => 'http://100.64.0.1/image.png'],
    ['an IPv6 unique local address', () => 'http://[fd00::1]/image.png'],
    ['a file URL', () => 'file:///etc/hosts'],
    ['a data URL', () => 'data:image/png;base64,iVBORw0KGgo='],
  ])('%s is refused before any request, with the one failure text', async (_name, url) => {
    const fetched: string[] = [];
    const context = setup({
      fetch: async (input) => {
        fetched.push(String(input));
        return new Response(new Uint8Array(png));
      },
    });
    hits.length = 0;
    const upload = await imported(context, url());
    expect(upload).toMatchObject({ status: 'failed', errorMessage: failure(url()) });
    expect(fetched).toEqual([]);
    expect(hits).toEqual([]);
    expect(await context.emulator.state.assets()).toEqual([]);
  });

  test('a public URL that redirects into a private range: the redirect is not followed', async () => {
    const fetched: string[] = [];
    const context = setup({
      fetch: async (input) => {
        fetched.push(String(input));
        return new Response(null, { status: 302, headers: { location: `${filesUrl}/internal/secret.png` } });
      },
    });
    hits.length = 0;
    const url = 'http://93.184.215.14/logo.png';
    expect(await imported(context, url)).toMatchObject({ status: 'failed', errorMessage: failure(url) });
    expect(fetched).toEqual([url]);
    expect(hits).toEqual([]);
  });

  test('a public URL that redirects to another public one is followed, each hop checked', async () => {
    const fetched: string[] = [];
    const context = setup({
      fetch: async (input) => {
        fetched.push(String(input));
        return String(input).endsWith('/old.png')
          ? new Response(null, { status: 301, headers: { location: '/new.png' } })
          : new Response(new Uint8Array(png));
      },
    });
    const upload = await imported(context, 'http://93.184.215.14/old.png');
    expect(upload).toMatchObject({ status: 'imported', fileSize: png.byteLength });
    expect(fetched).toEqual(['http://93.184.215.14/old.png', 'http://93.184.215.14/new.png']);
  });

  test('a download is read up to 100 MiB and no further, declared or streamed', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const context = setup({
      fetch: async (input) => {
        if (String(input).endsWith('/declared.png')) {
          return new Response(new ReadableStream(), { headers: { 'content-length': String(300 * 1024 * 1024) } });
        }
        return new Response(
          new ReadableStream({
            pull(controller) {
              pulled += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
        );
      },
    });
    for (const url of ['http://93.184.215.14/declared.png', 'http://93.184.215.14/endless.png']) {
      expect(await imported(context, url)).toMatchObject({ status: 'failed', errorMessage: failure(url) });
    }
    expect(pulled).toBeLessThanOrEqual(102 * 1024 * 1024);
  });
});

describe("uploadUrls: 'any' (a test's image server on localhost)", () => {
  let open: RunningEmulator;
  beforeAll(async () => {
    open = await startEmulator({ uploadUrls: 'any', jobDurations: { upload: 0 } });
  });
  afterAll(() => open.close());

  test('imports from a loopback server, over HTTP', async () => {
    const call = caller({ url: open.url, fetch: globalThis.fetch });
    const created = await call('POST', '/uploads', { body: { url: `${filesUrl}/internal/secret.png`, kind: 'image' } });
    const upload = (await call('GET', `/uploads/${created.body.upload.id}`)).body.upload;
    expect(upload).toMatchObject({ status: 'imported', fileSize: png.byteLength });
  });

  test('a closed port and a missing path fail with the same text: the errors map nothing', async () => {
    const call = caller({ url: open.url, fetch: globalThis.fetch });
    const closed = `http://127.0.0.1:9/secret.png`;
    const missing = `${filesUrl}/nothing-here.png`;
    const messages = [];
    for (const url of [closed, missing]) {
      const created = await call('POST', '/uploads', { body: { url, kind: 'image' } });
      const upload = (await call('GET', `/uploads/${created.body.upload.id}`)).body.upload;
      messages.push(upload.errorMessage.replace(url, '<url>'));
    }
    expect(messages).toEqual([
      'Could not download <url>: an import must be an http(s) URL answering 200 with at most 100 MiB',
      'Could not download <url>: an import must be an http(s) URL answering 200 with at most 100 MiB',
    ]);
  });

  test('is refused as an option value it does not know', () => {
    expect(() => setup({ uploadUrls: 'all' as 'any' })).toThrow(/uploadUrls must be 'public' or 'any'/);
  });
});
