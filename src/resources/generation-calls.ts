/*
 * What every generation does once its request is built: submit it, wait for it, quote it. Loaded
 * with a generation resource's first call (see `GenerationResource`).
 */
import type * as z from 'zod/mini';
import { ResponseValidationError } from '../core/errors.js';
import { type CallOptions, type CheckedRunOptions, checkRunOptions, type RunOptions } from '../core/options.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import {
  type CostEstimate,
  DryRunResponseSchema,
  type GenerationResult,
  type GenerationSubmitResponse,
  GenerationSubmitResponseSchema,
} from '../schemas/generation.js';
import type { Job } from '../schemas/job.js';
import { type GenerationOutcome, outputAssets } from './generation-outcome.js';
import type { JobWaiter } from './jobs.js';

/**
 * A submitted generation, as `create()` returns it. The job runs (and is billed) on the server
 * whether or not `wait()` is called; keep `id` to resume with `client.jobs.wait(id)`. `R` is
 * what `wait()` resolves to: the job and its output assets, or the resource's own result
 * (`client.caption`'s captions, `client.texture`'s maps by name).
 */
export interface GenerationJob<R = GenerationResult> {
  /** The job id (`job_…`). */
  readonly id: string;
  /** The job as the server answered the submission; usually `queued`. */
  readonly job: Job;
  /** Creative units billed for this request (only the submission answer carries it). */
  readonly creativeUnitsCost?: number | undefined;
  /** Creative units discounted, when the plan grants a discount. */
  readonly creativeUnitsDiscount?: number | undefined;
  /** The whole submission answer, unknown fields included (`asset`, `ipDetection`, …). */
  readonly response: GenerationSubmitResponse;
  /**
   * Polls until the job ends and fetches its output assets, as `client.jobs.wait(id, options)`,
   * and reads the resource's result from them (a route that answers with its result at once is
   * not polled). The request options given to `create()` (`projectId`, `headers`, `timeout`, `maxRetries`, not
   * its `signal`) apply unless `options` sets them again.
   *
   * @example
   * ```ts
   * const generation = await client.img2img.create(params);
   * const { assets } = await generation.wait({ onProgress: (job) => console.log(job.progress), waitTimeout: 120_000 });
   * ```
   */
  wait(options?: RunOptions): Promise<R>;
}

/** What every generation resource needs from the client: its transport and its job waiter. */
export interface GenerationClient {
  transport: Transport;
  wait: JobWaiter;
}

/** Where and what to POST for one generation. */
export interface GenerationRequest {
  /** Path below the base URL, built with `path` so ids are encoded. */
  path: string;
  /** The JSON body, image inputs already resolved. */
  body: unknown;
}

/**
 * Submits a generation (`POST`, retry mode `billed`: never repeated once the server may have
 * started it) and wraps the answer in a {@link GenerationJob} whose `wait()` reads `outcome`.
 */
export async function submitGeneration<R>(
  client: GenerationClient,
  request: GenerationRequest,
  options: CallOptions,
  outcome: GenerationOutcome<R>,
): Promise<GenerationJob<R>> {
  const endpoint = `POST ${request.path}`;
  const response = await client.transport
    .request({ method: 'POST', ...request, schema: GenerationSubmitResponseSchema, retry: 'billed', options })
    .catch((error: unknown) => {
      throw explainedSubmissionError(error, endpoint);
    });
  const { job, creativeUnitsCost, creativeUnitsDiscount } = response;
  // The wait keeps create's request options but not its signal: that one bounded the submission only.
  const { signal: _submissionOnly, ...kept } = options;
  return {
    id: job.jobId,
    job,
    creativeUnitsCost,
    creativeUnitsDiscount,
    response,
    // The submitted job is the first state seen, which saves a poll.
    wait: async (waitOptions) => {
      const { call, wait } = checkRunOptions(waitOptions, 'wait options');
      return outcome(response, () => client.wait(job, { call: { ...kept, ...call }, wait }));
    },
  };
}

/**
 * Submits a generation and waits for it: the body of every `run()`. The wait starts from the
 * submitted job (the first state seen, which saves a poll) with the same checked options, and
 * `outcome` reads the result.
 */
export async function runGeneration<R>(
  client: GenerationClient,
  request: GenerationRequest,
  run: CheckedRunOptions,
  outcome: GenerationOutcome<R>,
): Promise<R> {
  const generation = await submitGeneration(client, request, run.call, outcome);
  return outcome(generation.response, () => client.wait(generation.job, run));
}

/**
 * A submission answered 2xx but unreadable still created a job, billed: when the answer names it
 * (as `job.jobId`, or in the text of a truncated body), the error carries its id and says so.
 * When a readable answer names no job (the swagger does not require `job` on some routes), the
 * error says the request was accepted and how to find the job.
 */
function explainedSubmissionError(error: unknown, endpoint: string): unknown {
  if (!(error instanceof ResponseValidationError)) return error;
  const jobId = jobIdIn(error.body);
  if (jobId) return new ResponseValidationError(endpoint, error.issues, error.body, { jobId, cause: error });
  const { body } = error;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return error;
  const answered = Object.keys(body).join(', ') || 'nothing';
  const issue = { path: 'job', message: 'the request was accepted, but no job id came back' };
  return new ResponseValidationError(endpoint, [issue], body, {
    cause: error,
    advice:
      `The job may exist and be billed (the answer had: ${answered}; see error.body). ` +
      'Find it with client.jobs.list() (newest first) before submitting again',
  });
}

function jobIdIn(body: unknown): string | undefined {
  const id =
    typeof body === 'string'
      ? /"jobId"\s*:\s*"([^"\\]+)"/.exec(body)?.[1]
      : (body as { job?: { jobId?: unknown } } | null | undefined)?.job?.jobId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Quotes a generation with `?dryRun=true` (answered with HTTP 269; no job is created). The query
 * form matters: `dryRun` in the body is ignored by the API and runs, and bills, a real job.
 */
export function estimateGeneration(
  transport: Transport,
  request: GenerationRequest,
  options: CallOptions,
): Promise<CostEstimate> {
  return quoteDryRun(transport, { method: 'POST', ...request }, options);
}

/** The price of a billed request, asked with `?dryRun=true` and answered with HTTP 269: nothing runs. */
export async function quoteDryRun(
  transport: Transport,
  request: GenerationRequest & { method: 'POST' | 'PUT' },
  options: CallOptions,
): Promise<CostEstimate> {
  // Retried as `billed` all the same: were a server to ignore `dryRun`, a repeat would run, and bill, twice.
  const { creativeUnitsCost, creativeUnitsDiscount, costDetails } = await transport.request({
    ...request,
    query: { dryRun: true },
    schema: DryRunResponseSchema,
    retry: 'billed',
    options,
  });
  return { creativeUnitsCost, creativeUnitsDiscount, details: costDetails };
}

/** How one typed `/generate/*` endpoint turns validated params into a request, and its answer into a result. */
export interface GenerationEndpoint<S extends z.core.$ZodType, R = GenerationResult> {
  /** The params schema, checked before any request. */
  schema: S;
  /** Builds path and body from valid params; resolves image inputs (which may upload). */
  prepare(params: z.core.output<S>, context: PrepareContext): Promise<GenerationRequest>;
  /** Reads the result of `run()` and `wait()`; default: the finished job and its output assets. */
  outcome?: GenerationOutcome<R>;
}

/** What a `prepare` works with: the transport, the call's checked options, and the params' name for errors. */
export interface PrepareContext {
  transport: Transport;
  options: CallOptions;
  /** Names the params in errors: `img2img params`. */
  what: string;
}

/**
 * A typed generation's request and how to read its result: the params checked against the
 * endpoint's schema (bad params throw `InvalidRequestError` before any request), then prepared.
 */
export async function prepareGeneration<S extends z.core.$ZodType, R>(
  endpoint: GenerationEndpoint<S, R>,
  params: unknown,
  context: PrepareContext,
): Promise<{ request: GenerationRequest; outcome: GenerationOutcome<R> }> {
  const request = await endpoint.prepare(parseInput(endpoint.schema, params, context.what), context);
  // Without an outcome of its own, a resource's R is the default, GenerationResult.
  const outcome = endpoint.outcome ?? (outputAssets as GenerationOutcome<unknown> as GenerationOutcome<R>);
  return { request, outcome };
}
