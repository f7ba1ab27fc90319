/*
 * Every SDK call a generation makes from the command line: submit, quote, wait, download, and
 * the client itself. Kept in one place so a change of the SDK's call shapes is a change here.
 */
import {
  type Asset,
  type CostEstimate,
  type GenerationJob,
  type GenerationResource,
  type GenerationResult,
  type Job,
  type Logger,
  type LogLevel,
  Scenario,
  type WaitProgress,
} from '../index.js';
import { UsageError } from './errors.js';

/** The client fields that are typed generation resources: `img2img`, `removeBackground`, `caption`, … */
export type TypedField = {
  [K in keyof Scenario]: Scenario[K] extends GenerationResource<infer _Schema, infer _Result> ? K : never;
}[keyof Scenario];

/** One generation, its params already checked against the SDK's schema. */
export type Generation =
  | { field: TypedField; params: Record<string, unknown> }
  | { field: 'custom'; modelId: string; inputs: Record<string, unknown> };

/**
 * Submits a generation; resolves once the job exists (and is billed). Its `wait()` reads the
 * resource's own result: assets, maps by name, or text.
 */
export function startJob(client: Scenario, generation: Generation): Promise<GenerationJob<unknown>> {
  if (generation.field === 'custom') {
    return client.custom.create(generation.modelId, generation.inputs, { validate: true });
  }
  return client[generation.field].create(generation.params as never);
}

/** Quotes a generation with a dry run: no job is created. */
export function quoteGeneration(client: Scenario, generation: Generation): Promise<CostEstimate> {
  if (generation.field === 'custom') {
    return client.custom.estimate(generation.modelId, generation.inputs, { validate: true });
  }
  return client[generation.field].estimate(generation.params as never);
}

/** How a wait reports and stops. */
export interface WaitControl {
  onProgress: (job: Job, wait: WaitProgress) => void;
  signal: AbortSignal;
  cancelOnAbort: boolean;
}

/** Waits for a job (new or resumed) and fetches its output assets. */
export function waitForOutputs(client: Scenario, jobId: string, control: WaitControl): Promise<GenerationResult> {
  return client.jobs.wait(jobId, control);
}

/** What a finished generation gave: its output assets, and its results that are not assets (captions, an embedding). */
export interface Outputs {
  assets: Asset[];
  output: Record<string, unknown> | undefined;
}

/**
 * The outputs of a generation's result: a resource's own fields (`captions`, `embedding`) as
 * `output`; for a job resumed by id, which has only its job and assets, the job's
 * `metadata.output` when it made no assets.
 */
export function outputsOf(result: unknown): Outputs {
  const { job, assets = [], maps: _byName, ...fields } = result as { job: Job; assets?: Asset[]; maps?: unknown };
  if (Object.keys(fields).length > 0) return { assets, output: fields };
  return { assets, output: assets.length === 0 ? job.metadata.output : undefined };
}

/** Called as a download's bytes arrive: so far, and the total when the server sent a length. */
export type OnBytes = (received: number, total: number | undefined) => void;

/** Writes an asset's file to `path` (atomically: a temporary file renamed into place), reporting its bytes. */
export async function downloadAsset(
  client: Scenario,
  asset: Asset,
  path: string,
  signal: AbortSignal,
  onBytes: OnBytes,
): Promise<void> {
  await client.assets.downloadTo(asset, path, {
    signal,
    onDownloadProgress: ({ transferredBytes, totalBytes }) => onBytes(transferredBytes, totalBytes || undefined),
  });
}

/** Where to connect and how to log. */
export interface ConnectOptions {
  /** Run against an in-process emulator instead of the API. */
  emulator: boolean;
  baseUrl?: string | undefined;
  projectId?: string | undefined;
  logger: Logger;
  logLevel: LogLevel;
}

/** A client, and the name of where its jobs live (a state file is only valid there). */
export interface Connection {
  client: Scenario;
  api: string;
}

/** The client, from the SDK's env variables and the flags, or on an in-process emulator. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const { logger, logLevel, projectId } = options;
  if (options.emulator) {
    const { createEmulator } = await loadEmulator();
    const emulator = createEmulator();
    const client = new Scenario({
      fetch: emulator.fetch,
      baseUrl: emulator.url,
      apiKey: 'emulator',
      apiSecret: 'emulator',
      projectId,
      logger,
      logLevel,
    });
    // Its jobs end with this process: a state file written here cannot be resumed by another run.
    return { client, api: `in-process emulator (pid ${process.pid})` };
  }
  const client = new Scenario({ baseUrl: options.baseUrl, projectId, logger, logLevel });
  if (client.auth === undefined) {
    throw new UsageError(
      'no credentials: set SCENARIO_API_KEY and SCENARIO_API_SECRET (or SCENARIO_API_TOKEN), or try it offline with --emulator',
    );
  }
  return { client, api: client.baseUrl };
}

async function loadEmulator(): Promise<typeof import('scenario-sdk/testing')> {
  try {
    return await import('scenario-sdk/testing');
  } catch (error) {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec(String((error as Error).message))?.[1];
    throw new UsageError(
      `--emulator needs the emulator's optional peer dependencies${missing ? ` (${missing} is missing)` : ''}: npm install hono msw sharp`,
    );
  }
}
