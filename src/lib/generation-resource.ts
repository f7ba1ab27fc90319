import type * as z from 'zod/mini';
import type { RequestOptions } from '../core/options.js';
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
import type { WaitOptions } from './wait-for-job.js';

/**
 * A submitted generation, as `create()` returns it. The job runs (and is billed) on the server
 * whether or not `wait()` is called; keep `id` to resume with `client.jobs.wait(id)`.
 */
export interface GenerationJob {
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
   * Polls until the job ends and fetches its output assets. `options` default to the ones
   * given to `create()`, so the same `projectId` and headers apply.
   *
   * @example
   * ```ts
   * const generation = await client.img2img.create(params);
   * const { assets } = await generation.wait({ onProgress: (job) => console.log(job.progress) });
   * ```
   */
  wait(waitOptions?: WaitOptions, options?: RequestOptions): Promise<GenerationResult>;
}

/** Waits for a job and fetches its outputs: `client.jobs.wait`. */
export interface JobWaiter {
  wait(job: string | Job, waitOptions?: WaitOptions, options?: RequestOptions): Promise<GenerationResult>;
}

/** What every generation resource needs from the client. */
export interface GenerationContext {
  transport: Transport;
  jobs: JobWaiter;
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
 * started it) and wraps the answer in a {@link GenerationJob}.
 */
export async function submitGeneration(
  context: GenerationContext,
  request: GenerationRequest,
  options?: RequestOptions,
): Promise<GenerationJob> {
  const response = await context.transport.request({
    method: 'POST',
    ...request,
    schema: GenerationSubmitResponseSchema,
    retry: 'billed',
    options,
  });
  const { job, creativeUnitsCost, creativeUnitsDiscount } = response;
  return {
    id: job.jobId,
    job,
    creativeUnitsCost,
    creativeUnitsDiscount,
    response,
    // The submitted job is the first state seen, which saves a poll. The wait keeps create's
    // projectId and headers but not its signal: that one bounded the submission only.
    wait: (waitOptions, waitRequestOptions = { ...options, signal: undefined }) =>
      context.jobs.wait(job, waitOptions, waitRequestOptions),
  };
}

/**
 * Quotes a generation with `?dryRun=true` (answered with HTTP 269; no job is created). The query
 * form matters: `dryRun` in the body is ignored by the API and runs, and bills, a real job.
 */
export async function estimateGeneration(
  transport: Transport,
  request: GenerationRequest,
  options?: RequestOptions,
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

/** How one typed `/generate/*` endpoint turns validated params into a request. */
export interface GenerationEndpoint<S extends z.core.$ZodType> {
  /** Names the input in errors: `img2img params`. */
  what: string;
  /** The params schema, checked before any request. */
  schema: S;
  /** Builds path and body from valid params; resolves image inputs (which may upload). */
  prepare(
    params: z.core.output<S>,
    context: { transport: Transport; options?: RequestOptions },
  ): Promise<GenerationRequest>;
}

/**
 * The three methods every typed generation resource has. Each resource supplies its
 * {@link GenerationEndpoint}; validation, submission, waiting and quoting are written once here.
 */
export class GenerationResource<S extends z.core.$ZodType> {
  readonly #context: GenerationContext;
  readonly #endpoint: GenerationEndpoint<S>;

  constructor(context: GenerationContext, endpoint: GenerationEndpoint<S>) {
    this.#context = context;
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
  async create(params: z.core.input<S>, options?: RequestOptions): Promise<GenerationJob> {
    return submitGeneration(this.#context, await this.#prepare(params, options), options);
  }

  /**
   * Submits the generation, waits for it and fetches the output assets, in output order.
   * `waitOptions` govern the wait (overall `timeout`, default 10 min; `onProgress`; `signal`);
   * `options` apply to every request made on the way (per-attempt timeout, retries, headers,
   * `projectId`), and its `signal`, if any, aborts the wait too. On a wait timeout the job
   * keeps running: the `JobTimeoutError` carries its id for `client.jobs.wait(id)`.
   *
   * @example
   * ```ts
   * const { assets } = await client.img2img.run(
   *   { modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png', influence: 20, numSamples: 3 },
   *   { onProgress: (job) => console.log(job.status, job.progress) },
   * );
   * console.log(assets.map((asset) => asset.url));
   * ```
   */
  async run(params: z.core.input<S>, waitOptions?: WaitOptions, options?: RequestOptions): Promise<GenerationResult> {
    const generation = await this.create(params, options);
    return generation.wait(waitOptions, options);
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
    return estimateGeneration(this.#context.transport, await this.#prepare(params, options), options);
  }

  async #prepare(params: z.core.input<S>, options: RequestOptions | undefined): Promise<GenerationRequest> {
    const valid = parseInput(this.#endpoint.schema, params, this.#endpoint.what);
    return this.#endpoint.prepare(valid, { transport: this.#context.transport, options });
  }
}
