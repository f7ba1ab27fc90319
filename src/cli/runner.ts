import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  APIConnectionError,
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
import { fileStem } from './paths.js';
import type { KeyedItem } from './plan.js';
import { pool } from './pool.js';
import { replaceFile } from './replace-file.js';
import type { Reporter } from './reporter.js';
import { downloadAsset, type Generation, outputsOf, quoteGeneration, startJob, waitForOutputs } from './sdk.js';
import type { ItemState, StateFile } from './state.js';

/** How an item ended. `interrupted`: its job runs on and a re-run resumes it; `estimated`: quoted by a dry run. */
export type OutcomeStatus = 'done' | 'estimated' | 'failed' | 'interrupted' | 'not-started';

/** What became of one item; with `--json`, one line of output. */
export interface Outcome {
  item: KeyedItem;
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
  /**
   * Aborted (with the reason) when the run cannot go on: the disk or the state file cannot be
   * written. No new item starts; the running ones finish.
   */
  halt: AbortController;
  cancelOnAbort: boolean;
  /** Submit again items whose job failed, or whose submission may not have reached the server. */
  retryFailed: boolean;
  onOutcome: (outcome: Outcome) => void;
}

/** Submissions answered 429 are tried again this many times: a 429 means the server did nothing. */
const SUBMIT_ATTEMPTS = 20;
/** Wait before submitting again after a 429 without `Retry-After`. */
const RATE_LIMIT_WAIT_MS = 2000;
/**
 * Longest `Retry-After` waited out before submitting again; a longer one fails the item (not
 * sent: a re-run submits it). Far below the timers' limit (about 24.8 days), past which a
 * timer fires at once, which would re-submit in a burst.
 */
const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** Runs the items (submit or resume, wait, download), `concurrency` at a time; one outcome per item. */
export function runItems(items: readonly KeyedItem[], concurrency: number, context: RunContext): Promise<Outcome[]> {
  const taking = AbortSignal.any([context.signal, context.halt.signal]);
  return eachItem(items, concurrency, taking, context, (item) => runItem(item, context));
}

/** Quotes the items with dry runs, `concurrency` at a time: no job is created. */
export function estimateItems(
  items: readonly KeyedItem[],
  concurrency: number,
  context: Pick<RunContext, 'client' | 'signal' | 'onOutcome'>,
): Promise<Outcome[]> {
  return eachItem(items, concurrency, context.signal, context, async (item) => {
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
  items: readonly KeyedItem[],
  concurrency: number,
  taking: AbortSignal,
  context: Pick<RunContext, 'onOutcome'>,
  work: (item: KeyedItem) => Promise<Outcome>,
): Promise<Outcome[]> {
  const outcomes = await pool(items, concurrency, taking, async (item) => {
    const outcome = await work(item);
    context.onOutcome(outcome);
    return outcome;
  });
  return outcomes.map(
    (outcome, index) => outcome ?? { item: items[index] as KeyedItem, status: 'not-started', files: [] },
  );
}

/**
 * The run cannot go on, whatever the next item: the state file cannot be written (a full disk,
 * another run took it over) or an output cannot (a full disk). Retrying cannot mend it.
 */
class StopError extends Error {}

/** Errors of this machine's disk, not of the network, with what they mean. */
const DISK_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
};

/** The disk error code in `error` or its causes (the SDK wraps a failed write of a download). */
function diskErrorCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && code in DISK_ERRORS) return code;
    current = current.cause;
  }
  return undefined;
}

/** Records an item's state, changes a failure to write it into a stop of the run. */
type Recorder = (update: Omit<ItemState, 'row' | 'label'>) => void;

function recorder(item: KeyedItem, state: StateFile | undefined): Recorder {
  return (update) => {
    if (!state) return;
    const files = update.files?.map((file) => state.recorded(file));
    try {
      state.set(item.key, { row: item.index, label: item.label, ...update, ...(files ? { files } : {}) });
    } catch (error) {
      const job = update.jobId ? ` (its job ${update.jobId} exists: \`scenario jobs wait ${update.jobId}\`)` : '';
      throw new StopError(`cannot record ${item.label} in ${state.path}${job}: ${oneLine(error)}`);
    }
  };
}

async function runItem(item: KeyedItem, context: RunContext): Promise<Outcome> {
  const { state, signal } = context;
  const saved = state?.get(item.key);
  const record = recorder(item, state);
  const earlier = { jobId: saved?.jobId, cost: saved?.cost };
  const savedFiles = (saved?.files ?? []).map((file) => state?.resolved(file) ?? file);
  if (saved?.status === 'done' && savedFiles.every((file) => existsSync(file))) {
    return { item, status: 'done', ...earlier, files: savedFiles, earlier: true };
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
      if (!item.generation || signal.aborted || context.halt.signal.aborted) {
        return { item, status: 'not-started', files: [] };
      }
      const job = await submitItem(item.generation, context, record);
      if (!job) return { item, status: 'not-started', files: [] };
      ({ jobId, cost, submitted } = job);
    }
    bar.submitted(jobId);
    const control = {
      onProgress: (job: Job, wait: WaitProgress) => bar.progress(job, wait),
      signal,
      cancelOnAbort: context.cancelOnAbort,
    };
    const result = submitted ? await submitted.wait(control) : await waitForOutputs(context.client, jobId, control);
    const { assets, output } = outputsOf(result);
    if (assets.length === 0 && !output) {
      const error = `job ${jobId} succeeded without any output (billed): nothing to download; re-run with --retry-failed to submit it again`;
      record({ status: 'failed', jobId, cost, error });
      return { item, status: 'failed', jobId, cost, files: [], error };
    }
    const files = await downloadAll(item, jobId, assets, context);
    if (output) files.push(writeOutput(item, jobId, assets.length, output));
    record({ status: 'done', jobId, cost, files });
    return { item, status: 'done', jobId, cost, files, output };
  } catch (error) {
    if (error instanceof APIUserAbortError && signal.aborted)
      return { item, status: 'interrupted', jobId, cost, files: [] };
    if (error instanceof StopError) {
      context.halt.abort(error.message);
      // Its job (if any) runs on or is done, recorded: a re-run downloads it.
      return { item, status: jobId ? 'interrupted' : 'not-started', jobId, cost, files: [], error: error.message };
    }
    // A failed or canceled job is over; anything else (a timeout, the network) leaves it resumable.
    if (jobId && (error instanceof JobFailedError || error instanceof JobCanceledError)) {
      record({ status: 'failed', jobId, cost, error: oneLine(error) });
    }
    return { item, status: 'failed', jobId, cost, files: [], error: oneLine(error) };
  } finally {
    bar.stop();
  }
}

/**
 * Submits a generation, recording each step before the next: `submitting` before the request,
 * then what the answer (or the error) tells. The job, or `undefined` when interrupted before it
 * was sent.
 */
async function submitItem(
  generation: Generation,
  context: RunContext,
  record: Recorder,
): Promise<{ jobId: string; cost?: number | undefined; submitted?: GenerationJob<unknown> } | undefined> {
  record({ status: 'submitting' });
  let job: GenerationJob<unknown> | undefined;
  try {
    job = await submitPatiently(context.client, generation, context.signal);
  } catch (error) {
    const known = whatWasCreated(error);
    if (known.created === 'job') {
      record({ status: 'running', jobId: known.jobId });
      return { jobId: known.jobId };
    }
    if (known.created === 'maybe') {
      record({ status: 'submitting', error: oneLine(error) });
      throw error;
    }
    record({ status: 'failed', error: oneLine(error) });
    throw known.unsent
      ? new Error(`${oneLine(error)} (nothing was sent: a re-run submits it)`, { cause: error })
      : error;
  }
  if (!job) {
    record({ status: 'failed', error: 'not submitted: interrupted while waiting out a 429' });
    return undefined;
  }
  record({ status: 'running', jobId: job.id, cost: job.creativeUnitsCost });
  return { jobId: job.id, cost: job.creativeUnitsCost, submitted: job };
}

/**
 * What a failed submission tells about its job, as the SDK knows it: `nothing` (refused by the
 * API, bad input, or `unsent`: the connection was never made), the `job` it created (an answer
 * the SDK could not read that still names it), else `maybe` (no answer, a 5xx: a job may exist
 * and be billed).
 */
function whatWasCreated(
  error: unknown,
): { created: 'nothing'; unsent: boolean } | { created: 'job'; jobId: string } | { created: 'maybe' } {
  if (error instanceof ResponseValidationError && error.jobId) return { created: 'job', jobId: error.jobId };
  if (error instanceof APIConnectionError && error.sent === false) return { created: 'nothing', unsent: true };
  if (error instanceof InternalServerError || error instanceof ResponseValidationError) return { created: 'maybe' };
  const refused = error instanceof APIError || error instanceof InvalidRequestError;
  return refused ? { created: 'nothing', unsent: false } : { created: 'maybe' };
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
      const wait = Math.max(0, error.retryAfterMs ?? RATE_LIMIT_WAIT_MS);
      if (!(wait <= MAX_RATE_LIMIT_WAIT_MS)) throw error;
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        return undefined;
      }
    }
  }
}

/** The stem of an item's files; without one, the job id names them, made a plain file name (it comes from the server). */
function stemOf(item: KeyedItem, jobId: string): string {
  return item.stem ?? `${item.command}-${fileStem(jobId)}`;
}

/** A disk error while writing `path` stops the run (see {@link StopError}); any other error is thrown as is. */
function stopOnDiskError(error: unknown, path: string, jobId: string): never {
  const code = diskErrorCode(error);
  if (!code) throw error;
  throw new StopError(`cannot write ${path}: ${DISK_ERRORS[code]} (${code}); job ${jobId} is done`);
}

/** Writes a result that is not an asset as JSON, `<stem>-<n>.json` after the assets (via a temporary file). */
function writeOutput(item: KeyedItem, jobId: string, index: number, output: Record<string, unknown>): string {
  const path = join(item.outDir, outputFileName(stemOf(item, jobId), index, 'application/json'));
  try {
    replaceFile(path, `${JSON.stringify(output, null, 2)}\n`);
  } catch (error) {
    stopOnDiskError(error, path, jobId);
  }
  return path;
}

/** Writes the job's outputs as `<stem>-<n>.<ext>`, each with a download bar. */
async function downloadAll(
  item: KeyedItem,
  jobId: string,
  assets: readonly Asset[],
  context: RunContext,
): Promise<string[]> {
  const stem = stemOf(item, jobId);
  removePartialDownloads(item.outDir, stem);
  const files: string[] = [];
  for (const [index, asset] of assets.entries()) {
    const path = join(item.outDir, outputFileName(stem, index, asset.mimeType));
    const bar = context.reporter.transfer(`↓ ${basename(path)}`);
    try {
      await downloadAsset(context.client, asset, path, context.signal, (received, total) =>
        bar.update(received, total),
      );
    } catch (error) {
      stopOnDiskError(error, path, jobId);
    } finally {
      bar.stop();
    }
    files.push(path);
  }
  return files;
}
