/**
 * Transport CPU: what one `client.jobs.get(id)` costs this process's CPU beyond a raw `fetch` +
 * `JSON.parse` of the same answer, in the same run. The server runs in a child process, so its
 * work is not counted. Four contenders split the difference: raw; ky as the transport configures
 * it (prefix URL, headers, auth hook, manual redirects, no retry, no timeout); the transport
 * with a schema that validates nothing (adds p-retry, the per-attempt timeout and the error
 * mapping); the SDK (adds the zod parse of the ~1 KB job). They take turns in short rounds,
 * rotating who goes first; each round measures `process.cpuUsage()` per call, and the result is
 * the median over rounds of each difference.
 * Goal: ≤ 120 µs of CPU per call over raw, validation included.
 */
import { spawn } from 'node:child_process';
import ky from 'ky';
import * as z from 'zod/mini';
import { Scenario, transportOf } from '../src/client.js';
import { type BenchRow, median, publish } from './_harness.js';

const CALLS_PER_ROUND = 50;
const ROUNDS = 40;
const WARM_UP = 300;
const GOAL_US = 120;

/** A job much like the real API returns it (~1 KB). */
const JOB_BODY = JSON.stringify({
  job: {
    jobId: 'job_bench',
    jobType: 'flux',
    status: 'in-progress',
    progress: 0.42,
    statusHistory: [
      { status: 'queued', date: '2026-01-01T00:00:00.000Z' },
      { status: 'warming-up', date: '2026-01-01T00:00:02.000Z' },
      { status: 'in-progress', date: '2026-01-01T00:00:05.000Z' },
    ],
    metadata: {
      input: {
        modelId: 'flux.1-dev',
        prompt: 'a knight in shining armour, pencil sketch',
        strength: 0.8,
        numSamples: 3,
      },
      workflowId: 'wf_bench',
    },
    billing: { cuCost: 12, cuDiscount: 0 },
    authorId: 'user_bench',
    ownerId: 'proj_bench',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:30.000Z',
  },
});

/** The server, in its own process: answers every request with the job, and prints its port. */
const SERVER = `
const body = ${JSON.stringify(JOB_BODY)};
const server = require('node:http').createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
  });
  return { port, stop: () => child.kill() };
}

/** CPU time (user + system) per call of `body`, in µs. */
async function cpuPerCall(body: (count: number) => Promise<void>, count: number): Promise<number> {
  const before = process.cpuUsage();
  await body(count);
  const { user, system } = process.cpuUsage(before);
  return (user + system) / count;
}

export async function run(): Promise<BenchRow[]> {
  const server = await startServer();
  const baseUrl = `http://127.0.0.1:${server.port}/v1`;
  const client = new Scenario({ baseUrl, apiKey: 'key', apiSecret: 'secret' });
  const authorization = `Basic ${btoa('key:secret')}`;
  const url = `${baseUrl}/jobs/job_bench`;

  const raw = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await fetch(url, { headers: { accept: 'application/json', authorization } });
      JSON.parse(await response.text());
    }
  };
  const api = ky.create({
    prefix: baseUrl,
    headers: { accept: 'application/json' },
    redirect: 'manual',
    retry: 0,
    timeout: false,
    hooks: { beforeRequest: [({ request }) => request.headers.set('authorization', authorization)] },
  });
  const kyAlone = async (count: number) => {
    for (let i = 0; i < count; i++) JSON.parse(await api('jobs/job_bench').text());
  };
  const unvalidated = z.unknown();
  const transport = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await transportOf(client).request({ method: 'GET', path: '/jobs/job_bench', schema: unvalidated });
    }
  };
  const sdk = async (count: number) => {
    for (let i = 0; i < count; i++) await client.jobs.get('job_bench');
  };

  try {
    const contenders = { raw, ky: kyAlone, transport, sdk };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    for (const name of names) await contenders[name](WARM_UP);
    const perCall = { raw: [] as number[], ky: [] as number[], transport: [] as number[], sdk: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(round + turn) % names.length] as keyof typeof contenders;
        perCall[name].push(await cpuPerCall(contenders[name], CALLS_PER_ROUND));
      }
    }
    /** Median over rounds of what `than` costs beyond `base`, per call. */
    const beyond = (base: keyof typeof contenders, than: keyof typeof contenders) =>
      median(perCall[than].map((value, round) => value - (perCall[base][round] ?? Number.NaN)));
    const added = beyond('raw', 'sdk');
    const us = (value: number) => `${value.toFixed(0)} µs`;
    const bench = 'transport';
    return [
      {
        bench,
        measure: `CPU per jobs.get beyond fetch+JSON.parse (median of ${ROUNDS} rounds of ${CALLS_PER_ROUND})`,
        value: us(added),
        goal: `≤ ${GOAL_US} µs`,
        ok: added <= GOAL_US,
        note: `split: ky ${us(beyond('raw', 'ky'))}, retry layer (p-retry, per-attempt timeout, error mapping) ${us(beyond('ky', 'transport'))}, zod validation of the 1 KB job ${us(beyond('transport', 'sdk'))}. Raw fetch+JSON.parse itself: ${us(median(perCall.raw))} of CPU per call. The server runs in a child process and is not counted`,
      },
    ];
  } finally {
    server.stop();
  }
}

if (import.meta.main) publish(await run());
