/**
 * Emulator limits: what one abusive request costs the emulator's process, measured in a child
 * process that runs only the emulator (over HTTP on loopback), from a baseline taken after GC.
 *
 * - 300 MB `POST /assets`, streamed without a length and declared by `content-length`: refused
 *   (413) once past 16 MiB, or at once. Before the limits, the body was read whole (83 → 1287 MB).
 * - A 300 MB PUT to the part URL of an upload that announced 10 bytes: S3's `EntityTooLarge`, unread.
 * - `POST /uploads {url}` of an endless download (`uploadUrls: 'any'`, from this process): cut at 100 MiB.
 * - `POST /uploads {parts: 1e9}`: a 400 at once (it hung the emulator).
 *
 * Goals: peak RSS growth ≤ 64 MiB for each body (a 16 MiB limit plus stream buffers), ≤ 160 MiB
 * for the import (its 100 MiB limit), and the billion-parts refusal within 100 ms.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type BenchRow, mib, publish } from './_harness.js';

const MiB = 1024 * 1024;
const AUTH = `Basic ${btoa('key:secret')}`;
const BODY_GOAL = 64 * MiB;
const IMPORT_GOAL = 160 * MiB;
const PARTS_GOAL_MS = 100;

/** A body of `size` bytes made as it is sent, never held whole by this process. */
function stream(size: number, prefix = ''): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MiB).fill(0x41);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0 && prefix) controller.enqueue(new TextEncoder().encode(prefix));
      if (sent >= size) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

/** The emulator in a child process; `measure` runs a request and returns the child's peak RSS growth meanwhile. */
async function emulatorProcess() {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'server'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_RESULTS_FILE: '' },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value as string;
  const ask = async (command: string) => {
    child.stdin.write(`${command}\n`);
    return nextLine();
  };
  const url = await nextLine();
  return {
    url,
    async measure<T>(request: () => Promise<T>): Promise<{ result: T; growth: number }> {
      await ask('baseline');
      const result = await request();
      return { result, growth: Number(await ask('peak')) };
    },
    close: () => child.kill('SIGTERM'),
  };
}

/** The child: the emulator, and its RSS on request (`baseline` after GC, then `peak` since). */
async function serverMain(): Promise<void> {
  const { startEmulator } = await import('../src/testing/index.js');
  const emulator = await startEmulator({ uploadUrls: 'any', jobDurations: { upload: 0 } });
  let baseline = 0;
  let peak = 0;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2).unref();
  process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
  console.log(emulator.url);
  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'baseline') {
      globalThis.gc?.();
      baseline = process.memoryUsage.rss();
      peak = baseline;
      console.log('ok');
    } else if (command === 'peak') {
      peak = Math.max(peak, process.memoryUsage.rss());
      console.log(String(peak - baseline));
    }
  }
}

export async function run(): Promise<BenchRow[]> {
  const emulator = await emulatorProcess();
  // An endless image download for the URL import, served by this process.
  const files = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    const chunk = Buffer.alloc(MiB);
    const write = () => {
      while (response.write(chunk)) {
        /* until the socket pushes back */
      }
    };
    response.on('drain', write);
    response.on('close', () => response.off('drain', write));
    write();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const filesUrl = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
  const post = (path: string, init: RequestInit) =>
    fetch(`${emulator.url}${path}`, {
      method: 'POST',
      ...init,
      headers: { authorization: AUTH, 'content-type': 'application/json', ...init.headers },
    });
  const json = (body: unknown) => ({ body: JSON.stringify(body) });
  try {
    await post('/assets', json({ name: 'warm.png', image: 'iVBORw0KGgo=' }));
    const chunked = await emulator.measure(() =>
      post('/assets', { body: stream(300 * MiB, '{"name":"x","image":"'), duplex: 'half' } as RequestInit),
    );
    const declared = await emulator.measure(() =>
      post('/assets', {
        body: stream(300 * MiB, '{"name":"x","image":"'),
        duplex: 'half',
        headers: { 'content-length': String(300 * MiB + 21) },
      } as RequestInit).catch(() => new Response(null, { status: 413 })),
    );
    const small = (await (
      await post(
        '/uploads',
        json({ fileName: 'a.png', contentType: 'image/png', fileSize: 10, parts: 1, kind: 'image' }),
      )
    ).json()) as { upload: { parts: { url: string }[] } };
    const part = await emulator.measure(() =>
      fetch(
        small.upload.parts[0]?.url as string,
        {
          method: 'PUT',
          body: stream(300 * MiB),
          duplex: 'half',
          // A part PUT states its length, as S3 requires (a chunked one is refused with 501).
          headers: { 'content-length': String(300 * MiB) },
        } as RequestInit,
      ).catch(() => new Response(null, { status: 400 })),
    );
    const imported = await emulator.measure(async () => {
      const answer = await post('/uploads', json({ url: `${filesUrl}/endless.png`, kind: 'image' }));
      const { upload } = (await answer.json()) as { upload: { id: string } };
      const read = await fetch(`${emulator.url}/uploads/${upload.id}`, { headers: { authorization: AUTH } });
      return ((await read.json()) as { upload: { status: string } }).upload.status;
    });
    const partsStarted = performance.now();
    const billion = await post(
      '/uploads',
      json({ fileName: 'a.png', contentType: 'image/png', fileSize: 50 * MiB, parts: 1e9, kind: 'image' }),
    );
    const partsMs = performance.now() - partsStarted;

    const bench = 'emulator limits';
    const body = (measure: string, { result, growth }: { result: Response; growth: number }, note: string) => ({
      bench,
      measure,
      value: `${result.status}; RSS +${mib(growth)}`,
      goal: `≤ ${mib(BODY_GOAL)}`,
      ok: growth <= BODY_GOAL && result.status >= 400,
      note,
    });
    return [
      body('300 MB POST /assets, streamed (chunked): answer; peak RSS growth', chunked, 'refused once 16 MiB arrived'),
      body('300 MB POST /assets, content-length declared', declared, 'refused before reading'),
      body(
        '300 MB PUT to a part of a 10-byte upload',
        part,
        "S3's EntityTooLarge: more than the upload announced, refused unread",
      ),
      {
        bench,
        measure: 'POST /uploads {url} of an endless download: upload status; peak RSS growth',
        value: `${imported.result}; RSS +${mib(imported.growth)}`,
        goal: `≤ ${mib(IMPORT_GOAL)}`,
        ok: imported.result === 'failed' && imported.growth <= IMPORT_GOAL,
        note: 'the download is cut at 100 MiB, the largest file the emulator takes',
      },
      {
        bench,
        measure: 'POST /uploads {parts: 1e9}: answer and time',
        value: `${billion.status} in ${partsMs.toFixed(0)} ms`,
        goal: `400 ≤ ${PARTS_GOAL_MS} ms`,
        ok: billion.status === 400 && partsMs <= PARTS_GOAL_MS,
      },
    ];
  } finally {
    emulator.close();
    files.closeAllConnections();
    files.close();
  }
}

if (process.argv[2] === 'server') await serverMain();
else if (import.meta.main) publish(await run());
