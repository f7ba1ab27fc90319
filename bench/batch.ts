/**
 * Batch: 100 img2img jobs against an emulator (over HTTP on loopback, real time) that allows 5
 * parallel jobs per project and runs each for 1 s, submitted the way a user would: 5 workers,
 * each `run()`ning one job after another, the SDK absorbing any 429. Failures (goal 0) and wall
 * time against the ideal ceil(100 / 5) × 1 s (goal ≤ 1.15×).
 */
import { Scenario } from '../src/client.js';
import { startEmulator } from '../src/testing/index.js';
import { type BenchRow, countPolls, publish, referenceImage } from './_harness.js';

const JOBS = 100;
const PARALLEL = 5;
const JOB_MS = 1000;
const GOAL = 1.15;

export async function run(): Promise<BenchRow[]> {
  const emulator = await startEmulator({ parallelJobs: PARALLEL, jobDurations: { flux: JOB_MS } });
  try {
    const client = new Scenario({ baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret', logLevel: 'error' });
    const reference = await client.assets.upload(await referenceImage(), { name: 'reference.png' });

    let next = 0;
    let failures = 0;
    const errors = new Map<string, number>();
    const worker = async () => {
      while (next < JOBS) {
        next++;
        try {
          await client.img2img.run({
            modelId: 'flux.1-dev',
            prompt: 'a knight',
            image: reference.id,
            width: 64,
            height: 64,
          });
        } catch (error) {
          failures++;
          const name = error instanceof Error ? error.name : String(error);
          errors.set(name, (errors.get(name) ?? 0) + 1);
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const wallMs = performance.now() - start;

    const idealMs = Math.ceil(JOBS / PARALLEL) * JOB_MS;
    const ratio = wallMs / idealMs;
    const rateLimited = emulator.state.requests.filter((request) => request.status === 429).length;
    const polls = countPolls(emulator.state.requests);
    const bench = 'batch';
    return [
      {
        bench,
        measure: `${JOBS} jobs, limit ${PARALLEL} parallel: failures`,
        value: String(failures),
        goal: '0',
        ok: failures === 0,
        note: failures > 0 ? [...errors].map(([name, count]) => `${count} × ${name}`).join(', ') : undefined,
      },
      {
        bench,
        measure: `wall time vs ideal ${idealMs / 1000} s`,
        value: `${(wallMs / 1000).toFixed(2)} s = ${ratio.toFixed(3)}×`,
        goal: `≤ ${GOAL.toFixed(2)}×`,
        ok: ratio <= GOAL,
        note: `${PARALLEL} workers each running img2img.run() in turn; ${JOB_MS / 1000} s jobs (real time); ${rateLimited} answers were 429; ${polls} job polls in all (${(polls / JOBS).toFixed(1)} per job)`,
      },
    ];
  } finally {
    await emulator.close();
  }
}

if (import.meta.main) publish(await run());
