/** Manifests the batch tests run: img2img rows of the harness's sketch, and waiting on a run's state file. */
import { existsSync, readFileSync } from 'node:fs';
import { SKETCH } from './harness.js';

/** Images each knight row makes. */
export const SAMPLES = 2;

/** `count` img2img rows of one sketch, each its own name (`knight-01`…) and seed, {@link SAMPLES} images each. */
export function knightRows(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    command: 'img2img',
    name: `knight-${String(index + 1).padStart(2, '0')}`,
    image: SKETCH,
    model: 'flux.1-dev',
    prompt: 'armored knight, painted',
    influence: 20,
    seed: 1000 + index,
    'num-samples': SAMPLES,
  }));
}

/** The files `count` knight rows write. */
export const knightFiles = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    Array.from({ length: SAMPLES }, (_, sample) => `knight-${String(index + 1).padStart(2, '0')}-${sample + 1}.png`),
  ).flat();

/** A state file's records, the last of each key winning (a torn last line left out). */
export function stateRecords(path: string): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>();
  if (!existsSync(path)) return records;
  const text = readFileSync(path, 'utf8');
  for (const line of text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .slice(1, -1)) {
    const { key, ...record } = JSON.parse(line) as { key: string } & Record<string, unknown>;
    records.set(key, record);
  }
  return records;
}

/** The job ids a state file holds. */
export function stateJobIds(path: string): string[] {
  return [...stateRecords(path).values()].flatMap((record) => (typeof record.jobId === 'string' ? [record.jobId] : []));
}

/** Waits until the state file records `count` job ids (checked every 20 ms). */
export async function untilJobs(path: string, count: number): Promise<void> {
  while (stateJobIds(path).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}
