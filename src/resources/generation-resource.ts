import type * as z from 'zod/mini';
import { ResponseValidationError } from '../core/errors.js';
import {
  type CallOptions,
  type CheckedRunOptions,
  checkRequestOptions,
  checkRunOptions,
  type RequestOptions,
  type RunOptions,
} from '../core/options.js';
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
export async function estimateGeneration(
  transport: Transport,
  request: GenerationRequest,
  options: CallOptions,
): Promise<CostEstimate> {
  // Retried as `billed` all the same: were a server to ignore `dryRun`, a repeat would bill twice.
  const { creativeUnitsCost, creativeUnitsDiscount, costDetails } = await transport.request({
    method: 'POST',
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
  /** Names the input in errors: `img2img params`. */
  what: string;
  /** The params schema, checked before any request. */
  schema: S;
  /** Builds path and body from valid params; resolves image inputs (which may upload). */
  prepare(
    params: z.core.output<S>,
    context: { transport: Transport; options: CallOptions },
  ): Promise<GenerationRequest>;
  /** Reads the result of `run()` and `wait()`; default: the finished job and its output assets. */
  outcome?: GenerationOutcome<R>;
}

/**
 * The three methods every typed generation resource has. Each resource supplies its
 * `GenerationEndpoint`; validation, submission, waiting and quoting are written once here.
 * `R` is what `run()` resolves to: {@link GenerationResult} unless the resource reads its own.
 */
export class GenerationResource<S extends z.core.$ZodType, R = GenerationResult> {
  readonly #client: GenerationClient;
  readonly #endpoint: GenerationEndpoint<S, R>;

  /** @internal Each resource is built by the client; use its field. */
  constructor(client: GenerationClient, endpoint: GenerationEndpoint<S, R>) {
    this.#client = client;
    this.#endpoint = endpoint;
  }

  /**
   * Submits the generation and returns at once with the queued job. Params are validated
   * first: bad input throws `InvalidRequestError` before any request.
   *
   * @example
   * ```ts
   * const generation = await client.img2img.create({ modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png', influence: 20 });
   * console.log(generation.id, generation.creativeUnitsCost);
   * const { assets } = await generation.wait();
   * ```
   */
  async create(params: z.core.input<S>, options?: RequestOptions): Promise<GenerationJob<R>> {
    const call = checkRequestOptions(options);
    return submitGeneration(this.#client, await this.#prepare(params, call), call, this.#outcome);
  }

  /**
   * Submits the generation, waits for it and fetches the output assets, in output order. One
   * options bag ({@link RunOptions}): `waitTimeout` bounds the whole wait (default 10 min),
   * `onProgress`, `pollInterval` and `cancelOnAbort` shape it, the request options (per-attempt
   * `timeout`, `maxRetries`, `headers`, `projectId`) apply to every request on the way, and
   * `signal` aborts all of it. Params and options are checked before any request. Any error
   * after the submission carries the job's id (`jobId`); on a wait timeout the job keeps running
   * and `client.jobs.wait(id)` resumes.
   *
   * @example
   * ```ts
   * const { assets } = await client.img2img.run(
   *   { modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png', influence: 20, numSamples: 3 },
   *   { onProgress: (job) => console.log(job.status, job.progress), waitTimeout: 120_000 },
   * );
   * console.log(assets.map((asset) => asset.url));
   * ```
   */
  async run(params: z.core.input<S>, options?: RunOptions): Promise<R> {
    const run = checkRunOptions(options, 'run options');
    return runGeneration(this.#client, await this.#prepare(params, run.call), run, this.#outcome);
  }

  /**
   * Quotes what the generation would cost (`?dryRun=true`); no job is created and nothing is billed.
   * Image inputs are resolved as for `create`, so images beyond the request's inline budget
   * (~4.4 MB raw in total) are uploaded first, as hidden assets: pass asset ids to quote without
   * uploading.
   *
   * @example
   * ```ts
   * const { creativeUnitsCost } = await client.img2img.estimate({ modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc' });
   * ```
   */
  async estimate(params: z.core.input<S>, options?: RequestOptions): Promise<CostEstimate> {
    const call = checkRequestOptions(options);
    return estimateGeneration(this.#client.transport, await this.#prepare(params, call), call);
  }

  get #outcome(): GenerationOutcome<R> {
    // Without an outcome of its own, a resource's R is the default, GenerationResult.
    return this.#endpoint.outcome ?? (outputAssets as GenerationOutcome<unknown> as GenerationOutcome<R>);
  }

  async #prepare(params: z.core.input<S>, options: CallOptions): Promise<GenerationRequest> {
    const valid = parseInput(this.#endpoint.schema, params, this.#endpoint.what);
    return this.#endpoint.prepare(valid, { transport: this.#client.transport, options });
  }
}
