import type * as z from 'zod/mini';
import { lazyImport } from '../core/lazy-import.js';
import {
  type CallOptions,
  checkRequestOptions,
  checkRunOptions,
  type RequestOptions,
  type RunOptions,
} from '../core/options.js';
import type { CostEstimate, GenerationResult } from '../schemas/generation.js';
import type { GenerationClient, GenerationEndpoint, GenerationJob } from './generation-calls.js';

/** What every generation resource runs once its request is built, loaded with the first generation. */
const generationCalls = () => lazyImport('generations', () => import('./generation-calls.js'));

/**
 * The three methods every typed generation resource has. Each resource supplies its
 * `GenerationEndpoint`; validation, submission, waiting and quoting are written once here.
 * `R` is what `run()` resolves to: {@link GenerationResult} unless the resource reads its own.
 *
 * The endpoint (the params schema and `prepare`) is a module of its own, loaded with the
 * resource's first call: a client costs nothing for the resources it does not call.
 */
export class GenerationResource<S extends z.core.$ZodType, R = GenerationResult> {
  readonly #client: GenerationClient;
  readonly #what: string;
  readonly #endpoint: () => Promise<{ endpoint: GenerationEndpoint<S, R> }>;

  /**
   * @internal Each resource is built by the client; use its field. `name` is the client's field
   * (`img2img`), `endpoint` loads the module that exports the resource's `endpoint`.
   */
  constructor(client: GenerationClient, name: string, endpoint: () => Promise<{ endpoint: GenerationEndpoint<S, R> }>) {
    this.#client = client;
    this.#what = `${name} params`;
    this.#endpoint = () => lazyImport(`client.${name}`, endpoint);
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
    const { calls, request, outcome } = await this.#prepare(params, call);
    return calls.submitGeneration(this.#client, request, call, outcome);
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
    const { calls, request, outcome } = await this.#prepare(params, run.call);
    return calls.runGeneration(this.#client, request, run, outcome);
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
    const { calls, request } = await this.#prepare(params, call);
    return calls.estimateGeneration(this.#client.transport, request, call);
  }

  /** Loads the endpoint (and the shared generation code), checks the params and builds the request. */
  async #prepare(params: z.core.input<S>, options: CallOptions) {
    const [calls, { endpoint }] = await Promise.all([generationCalls(), this.#endpoint()]);
    const context = { transport: this.#client.transport, options, what: this.#what };
    return { calls, ...(await calls.prepareGeneration(endpoint, params, context)) };
  }
}
