/**
 * Transport overhead: sequential `client.jobs.get(id)` against a minimal local `node:http` server
 * answering a fixed `{ job }` body, beside raw `fetch` + `JSON.parse` on the same server in the
 * same run. Both warm up first, then take turns in rounds (rotating who goes first) so drift
 * hits both alike. A third contender, raw `fetch` called the way the transport calls it (a
 * per-attempt timeout signal, `redirect: 'manual'`, its headers) + `JSON.parse`, shows how much
 * of the overhead is fetch's own price for those options and how much the SDK's code.
 * Goal (issue 6): SDK time ≤ 1.10 × raw time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const timed = async (body: (count: number) => Promise<void>, count: number) => {
    const start = performance.now();
    await body(count);
    return performance.now() - start;
  };

  try {
    await sdk(WARM_UP);
    await raw(WARM_UP);
    await asTheSdkCalls(WARM_UP);
    const perRound = CALLS / ROUNDS;
    const contenders = [sdk, raw, asTheSdkCalls];
    const totals = [0, 0, 0];
    const roundRatios: number[] = [];
    const optionRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const times = [0, 0, 0];
      for (let turn = 0; turn < contenders.length; turn++) {
        const which = (round + turn) % contenders.length;
        times[which] = await timed(contenders[which] as (count: number) => Promise<void>, perRound);
      }
      for (let i = 0; i < times.length; i++) totals[i] = (totals[i] as number) + (times[i] as number);
      roundRatios.push((times[0] as number) / (times[1] as number));
      optionRatios.push((times[2] as number) / (times[1] as number));
    }
    const [sdkTotal, rawTotal, optionsTotal] = totals as [number, number, number];
    // The median of per-round ratios: robust to bursts of load from other processes.
    const ratio = median(roundRatios);
    const bench = 'transport';
    return [
      {
        bench,
        measure: `jobs.get ×${CALLS} vs fetch+JSON.parse: time ratio (median of ${ROUNDS} rounds)`,
        value: `${ratio.toFixed(3)}×`,
        goal: `≤ ${GOAL.toFixed(2)}×`,
        ok: ratio <= GOAL,
        note: `ratio of the total times ${(sdkTotal / rawTotal).toFixed(3)}×; raw fetch with the transport's options + JSON.parse: ${median(optionRatios).toFixed(3)}× raw (median)`,
      },
      {
        bench,
        measure: "per call: SDK / raw fetch with the SDK's options / raw",
        value: [sdkTotal, optionsTotal, rawTotal]
          .map((total) => `${((1000 * total) / CALLS).toFixed(0)} µs`)
          .join(' / '),
        goal: '',
        note: `mean per call over the whole run. By the medians, fetch itself costs ${median(optionRatios).toFixed(2)}× raw when called as the transport calls it (undici follows the per-attempt timeout signal); the rest is the SDK's code: p-retry, URL and headers, the status checks and the zod parse of the job`,
      },
    ];
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

if (import.meta.main) publish(await run());
