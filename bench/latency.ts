/**
 * The SDK over a network-like link: 2,000 `client.jobs.get(id)` against the emulator served over
 * HTTP with 20 ms added to every answer, beside 2,000 raw `fetch` + `JSON.parse` of the same URL
 * with the same headers, in the same run. Both take turns in rounds (rotating who goes first).
 * Goal: SDK wall time ≤ 1.01 × raw: with a real network in between, the SDK's CPU is noise.
 */
import { Scenario } from '../src/client.js';
import { startEmulator } from '../src/testing/index.js';
import { type BenchRow, median, publish, referenceImage } from './_harness.js';

const CALLS = 2000;
const ROUNDS = 20;
const LATENCY_MS = 20;
const GOAL = 1.01;

export async function run(): Promise<BenchRow[]> {
  const emulator = await startEmulator({ latency: LATENCY_MS, jobDurations: { flux: 10 } });
  try {
    const client = new Scenario({ baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret', logLevel: 'error' });
    const reference = await client.assets.upload(await referenceImage(), { name: 'reference.png' });
    const { id } = await client.img2img.create({
      modelId: 'flux.1-dev',
      prompt: 'a knight',
      image: reference.id,
      width: 64,
      height: 64,
    });
    const url = `${emulator.url}/jobs/${id}`;
    const headers = { accept: 'application/json', authorization: `Basic ${btoa('key:secret')}` };

    const raw = async (count: number) => {
      for (let i = 0; i < count; i++) JSON.parse(await (await fetch(url, { headers })).text());
    };
    const sdk = async (count: number) => {
      for (let i = 0; i < count; i++) await client.jobs.get(id);
    };
    const timed = async (body: (count: number) => Promise<void>, count: number) => {
      const start = performance.now();
      await body(count);
      return performance.now() - start;
    };
    let rawTotal = 0;
    let sdkTotal = 0;
    const ratios: number[] = [];
    const perRound = CALLS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      // Taking turns at going first, so drift hits both alike.
      let rawTime: number;
      let sdkTime: number;
      if (round % 2 === 0) {
        rawTime = await timed(raw, perRound);
        sdkTime = await timed(sdk, perRound);
      } else {
        sdkTime = await timed(sdk, perRound);
        rawTime = await timed(raw, perRound);
      }
      rawTotal += rawTime;
      sdkTotal += sdkTime;
      ratios.push(sdkTime / rawTime);
    }
    const ratio = sdkTotal / rawTotal;
    const perCall = (total: number) => `${(total / CALLS).toFixed(2)} ms`;
    return [
      {
        bench: 'latency',
        measure: `jobs.get ×${CALLS} vs fetch+JSON.parse, emulator over HTTP with ${LATENCY_MS} ms latency: time ratio`,
        value: `${ratio.toFixed(4)}×`,
        goal: `≤ ${GOAL.toFixed(2)}×`,
        ok: ratio <= GOAL,
        note: `per call ${perCall(sdkTotal)} (SDK) / ${perCall(rawTotal)} (raw); median of the ${ROUNDS} round ratios ${median(ratios).toFixed(4)}×; the emulator runs in this process`,
      },
    ];
  } finally {
    await emulator.close();
  }
}

if (import.meta.main) publish(await run());
