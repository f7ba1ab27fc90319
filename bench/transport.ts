/**
 * Transport overhead: sequential `client.jobs.get(id)` against a minimal local `node:http` server
 * answering a fixed `{ job }` body, beside raw `fetch` + `JSON.parse` on the same server in the
 * same run. Both warm up first, then take turns in rounds (rotating who goes first) so drift
 * hits both alike. Two more contenders split the overhead: raw `fetch` called the way the
 * transport calls it (a per-attempt timeout signal, `redirect: 'manual'`, its headers) +
 * `JSON.parse`, and the transport with a schema that validates nothing.
 * Goal (issue 6): SDK time ≤ 1.10 × raw time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { Scenario } from '../src/client.js';
import { VERSION } from '../src/core/version.js';
import { type BenchRow, median, publish } from './_harness.js';

const CALLS = 2000;
/** Short rounds, so a burst of load from other processes spoils a few rounds rather than the result. */
const ROUNDS = 40;
const WARM_UP = 300;
const GOAL = 1.1;

/** A finished job much like the real API returns it (~1 KB). */
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

export async function run(): Promise<BenchRow[]> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(JOB_BODY) });
    response.end(JOB_BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const client = new Scenario({ baseUrl, apiKey: 'key', apiSecret: 'secret' });
  const authorization = `Basic ${btoa('key:secret')}`;

  const sdk = async (count: number) => {
    for (let i = 0; i < count; i++) await client.jobs.get('job_bench');
  };
  const raw = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${baseUrl}/jobs/job_bench`, {
        headers: { accept: 'application/json', authorization },
      });
      JSON.parse(await response.text());
    }
  };
  const sdkHeaders = { accept: 'application/json', authorization, 'user-agent': `scenario-sdk/${VERSION}` };
  const asTheSdkCalls = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), 60_000);
      try {
        const response = await fetch(`${baseUrl}/jobs/job_bench`, {
          headers: sdkHeaders,
          redirect: 'manual',
          signal: timeout.signal,
        });
        JSON.parse(await response.text());
      } finally {
        clearTimeout(timer);
      }
    }
  };
  const unvalidated = z.unknown();
  const sdkWithoutValidation = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await client.transport.request({ method: 'GET', path: '/jobs/job_bench', schema: unvalidated });
    }
  };
  const timed = async (body: (count: number) => Promise<void>, count: number) => {
    const start = performance.now();
    await body(count);
    return performance.now() - start;
  };

  try {
    // Raw first: every ratio is to it.
    const contenders = [raw, asTheSdkCalls, sdkWithoutValidation, sdk];
    for (const contender of contenders) await contender(WARM_UP);
    const perRound = CALLS / ROUNDS;
    const times: number[][] = contenders.map(() => []);
    const ratios: number[][] = contenders.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      const roundTimes = contenders.map(() => 0);
      for (let turn = 0; turn < contenders.length; turn++) {
        const which = (round + turn) % contenders.length;
        roundTimes[which] = await timed(contenders[which] as (count: number) => Promise<void>, perRound);
      }
      roundTimes.forEach((time, which) => {
        times[which]?.push(time);
        ratios[which]?.push(time / (roundTimes[0] as number));
      });
    }
    // The median of per-round ratios: robust to bursts of load from other processes.
    const [, withOptions, withoutValidation, ratio] = ratios.map(median) as [number, number, number, number];
    const perCall = (which: number) => `${((1000 * median(times[which] as number[])) / perRound).toFixed(0)} µs`;
    const bench = 'transport';
    return [
      {
        bench,
        measure: `jobs.get ×${CALLS} vs fetch+JSON.parse: time ratio (median of ${ROUNDS} rounds)`,
        value: `${ratio.toFixed(3)}×`,
        goal: `≤ ${GOAL.toFixed(2)}×`,
        ok: ratio <= GOAL,
        note: `Where the overhead goes (medians, × raw): fetch called with the transport's options (a per-attempt timeout signal, manual redirects, its headers) ${withOptions.toFixed(3)}×; the transport without validating the answer (its code and p-retry) ${withoutValidation.toFixed(3)}×; with the zod parse of the 1 KB job ${ratio.toFixed(3)}×`,
      },
      {
        bench,
        measure: 'per call (median round): raw / fetch with the options / transport unvalidated / SDK',
        value: [0, 1, 2, 3].map(perCall).join(' / '),
        goal: '',
        note: 'on loopback against an in-process server; over a real network (tens of ms a call) the whole difference is under 0.2 %',
      },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

if (import.meta.main) publish(await run());
