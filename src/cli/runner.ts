import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  APIError,
  APIUserAbortError,
  type Asset,
  type GenerationJob,
  InternalServerError,
  InvalidRequestError,
  type Job,
  JobCanceledError,
  JobFailedError,
  RateLimitError,
  ResponseValidationError,
  type Scenario,
  type WaitProgress,
} from '../index.js';
import { oneLine } from './errors.js';
import { outputFileName, removePartialDownloads } from './outputs.js';
import type { Item } from './plan.js';
import type { Reporter } from './reporter.js';
import { downloadAsset, type Generation, outputsOf, quoteGeneration, startJob, waitForOutputs } from './sdk.js';
import type { ItemState, StateFile } from './state.js';

/** How an item ended. `interrupted`: its job runs on and a re-run resumes it; `estimated`: quoted by a dry run. */
export type OutcomeStatus = 'done' | 'estimated' | 'failed' | 'interrupted' | 'not-started';

/** What became of one item; with `--json`, one line of output. */
export interface Outcome {
  item: Item;
  status: OutcomeStatus;
  jobId?: string | undefined;
  /** Creative units billed for the job. */
  cost?: number | undefined;
  files: string[];
  /** Results that are not assets (captions, prompts, an embedding), also written as `<stem>-<n>.json`. */
  output?: Record<string, unknown> | undefined;
  error?: string | undefined;
  /** Done by an earlier run (from the state file): nothing was sent this time. */
  earlier?: boolean;
}

/** What a run needs besides its items. */
export interface RunContext {
  client: Scenario;
  reporter: Reporter;
  state: StateFile | undefined;
  /** Aborted on Ctrl-C: no new item starts, waits stop, submissions already sent are recorded. */
  signal: AbortSignal;
  cancelOnAbort: boolean;
  /** Submit again items whose job failed, or whose submission may not have reached the server. */
  retryFailed: boolean;
  onOutcome: (outcome: Outcome) => void;
}

/** Submissions answered 429 are tried again this many times: a 429 means the server did nothing. */
const SUBMIT_ATTEMPTS = 20;
/** Wait before submitting again after a 429 without `Retry-After`. */
const RATE_LIMIT_WAIT_MS = 2000;

/** Runs `work` on each of `items`, `concurrency` at a time, in order; stops taking new ones once `signal` aborts. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = items.map(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Runs the items (submit or resume, wait, download), `concurrency` at a time; one outcome per item. */
export function runItems(items: readonly Item[], concurrency: number, context: RunContext): Promise<Outcome[]> {
  return eachItem(items, concurrency, context, (item) => runItem(item, context));
}

/** Quotes the items with dry runs, `concurrency` at a time: no job is created. */
export function estimateItems(
  items: readonly Item[],
  concurrency: number,
  context: Pick<RunContext, 'client' | 'signal' | 'onOutcome'>,
): Promise<Outcome[]> {
  return eachItem(items, concurrency, context, async (item) => {
    try {
      if (!item.generation) throw new Error(`${item.label} has nothing to quote`);
      const { creativeUnitsCost } = await quoteGeneration(context.client, item.generation);
      return { item, status: 'estimated', cost: creativeUnitsCost, files: [] };
    } catch (error) {
      return { item, status: 'failed', files: [], error: oneLine(error) };
    }
  });
}

/** `work` on each item through {@link pool}, each outcome reported as it comes; items never reached are `not-started`. */
async function eachItem(
  items: readonly Item[],
  concurrency: number,
  context: Pick<RunContext, 'signal' | 'onOutcome'>,
  work: (item: Item) => Promise<Outcome>,
): Promise<Outcome[]> {
  const outcomes = await pool(items, concurrency, context.signal, async (item) => {
    const outcome = await work(item);
    context.onOutcome(outcome);
    return outcome;
  });
  return outcomes.map((outcome, index) => outcome ?? { item: items[index] as Item, status: 'not-started', files: [] });
}

async function runItem(item: Item, context: RunContext): Promise<Outcome> {
  const { state, signal } = context;
  const saved = state?.get(item.key);
  const record = (update: Omit<ItemState, 'row' | 'label'>) =>
    state?.set(item.key, { row: item.index, label: item.label, ...update });
  const earlier = { jobId: saved?.jobId, cost: saved?.cost };
  if (saved?.status === 'done' && saved.files?.every((file) => existsSync(file))) {
    return { item, status: 'done', ...earlier, files: saved.files, earlier: true };
  }
  if (!context.retryFailed && (saved?.status === 'submitting' || (saved?.status === 'failed' && saved.jobId))) {
    const error =
      saved.status === 'submitting'
        ? `an earlier run stopped while submitting this item, so a job may exist (and be billed): check \`scenario jobs list\`, then re-run with --retry-failed to submit it again`
        : `${saved.error ?? 'its job failed'} (re-run with --retry-failed to submit it again)`;
    return { item, status: 'failed', ...earlier, files: [], error };
  }
  let jobId = saved?.status === 'running' || saved?.status === 'done' ? saved.jobId : item.jobId;
  let cost = saved?.cost;
  // Submitted by this run: its wait reads the resource's own result (which a job resumed by id cannot).
  let submitted: GenerationJob<unknown> | undefined;
  const bar = context.reporter.job(item.label);
  try {
    if (!jobId) {
      if (!item.generation || signal.aborted) return { item, status: 'not-started', files: [] };
      record({ status: 'submitting' });
      let job: GenerationJob<unknown> | undefined;
      try {
        job = await submitPatiently(context.client, item.generation, signal);
      } catch (error) {
        // Only an answer that says the server did nothing proves there is no job to lose.
        if (!mayHaveCreatedJob(error)) record({ status: 'failed', error: oneLine(error) });
        else record({ status: 'submitting', error: oneLine(error) });
        throw error;
      }
      if (!job) {
        record({ status: 'failed', error: 'not submitted: interrupted while waiting out a 429' });
        return { item, status: 'not-started', files: [] };
      }
      submitted = job;
      jobId = job.id;
      cost = job.creativeUnitsCost;
      record({ status: 'running', jobId, cost });
    }
    bar.submitted(jobId);
    const control = {
      onProgress: (job: Job, wait: WaitProgress) => bar.progress(job, wait),
      signal,
      cancelOnAbort: context.cancelOnAbort,
    };
    const result = submitted ? await submitted.wait(control) : await waitForOutputs(context.client, jobId, control);
    const { assets, output } = outputsOf(result);
    const files = await downloadAll(item, jobId, assets, context);
    if (output) files.push(writeOutput(item, jobId, assets.length, output));
    record({ status: 'done', jobId, cost, files });
    return { item, status: 'done', jobId, cost, files, output };
  } catch (error) {
    if (error instanceof APIUserAbortError && signal.aborted)
      return { item, status: 'interrupted', jobId, cost, files: [] };
    // A failed or canceled job is over; anything else (a timeout, the network) leaves it resumable.
    if (jobId && (error instanceof JobFailedError || error instanceof JobCanceledError)) {
      record({ status: 'failed', jobId, cost, error: oneLine(error) });
    }
    return { item, status: 'failed', jobId, cost, files: [], error: oneLine(error) };
  } finally {
    bar.stop();
  }
}

/** Submits, waiting out 429s; `undefined` when interrupted before the job could be submitted. */
async function submitPatiently(
  client: Scenario,
  generation: Generation,
  signal: AbortSignal,
): Promise<GenerationJob<unknown> | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startJob(client, generation);
    } catch (error) {
      if (!(error instanceof RateLimitError) || attempt >= SUBMIT_ATTEMPTS) throw error;
      try {
        await sleep(error.retryAfterMs ?? RATE_LIMIT_WAIT_MS, undefined, { signal });
      } catch {
        return undefined;
      }
    }
  }
}

/**
 * No answer, a 5xx, or a success we could not read: the server may have created (and billed) the
 * job. Bad input and 4xx answers prove it did not.
 */
function mayHaveCreatedJob(error: unknown): boolean {
  if (error instanceof InternalServerError || error instanceof ResponseValidationError) return true;
  return !(error instanceof APIError || error instanceof InvalidRequestError);
}

/** Writes a result that is not an asset as JSON, `<stem>-<n>.json` after the assets (via a temporary file). */
function writeOutput(item: Item, jobId: string, index: number, output: Record<string, unknown>): string {
  const path = join(item.outDir, outputFileName(item.stem ?? `${item.command}-${jobId}`, index, 'application/json'));
  writeFileSync(`${path}.part`, `${JSON.stringify(output, null, 2)}\n`);
  renameSync(`${path}.part`, path);
  return path;
}

/** Writes the job's outputs as `<stem>-<n>.<ext>`, each with a download bar. */
async function downloadAll(
  item: Item,
  jobId: string,
  assets: readonly Asset[],
  context: RunContext,
): Promise<string[]> {
  const stem = item.stem ?? `${item.command}-${jobId}`;
  removePartialDownloads(item.outDir, stem);
  const files: string[] = [];
  for (const [index, asset] of assets.entries()) {
    const path = join(item.outDir, outputFileName(stem, index, asset.mimeType));
    const bar = context.reporter.transfer(`↓ ${basename(path)}`);
    try {
      await downloadAsset(context.client, asset, path, context.signal, (received, total) =>
        bar.update(received, total),
      );
    } finally {
      bar.stop();
    }
    files.push(path);
  }
  return files;
}
