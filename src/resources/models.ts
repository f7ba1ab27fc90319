import { listPages } from '../core/list-pages.js';
import { type CallOptions, checkRequestOptions, type RequestOptions } from '../core/options.js';
import type { Page, PagePromise } from '../core/pagination.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import {
  type Model,
  ModelEnvelopeSchema,
  type ModelListQuery,
  ModelListQuerySchema,
  ModelListResponseSchema,
} from '../schemas/model.js';

/** A page of models; `for await` walks every later page too. */
export type ModelPage = Page<Model>;

/**
 * Models (`/models`): built-in, public and trained ones, with the `inputs[]` contract that
 * `client.custom` checks inputs against.
 *
 * @example
 * ```ts
 * const model = await client.models.get('model_upscale-v3');
 * console.log(model.inputs?.map((input) => input.name));
 * ```
 */
export class Models {
  readonly #transport: Transport;
  readonly #cache: ModelCache;

  /** @internal Built by the client as `client.models`. */
  constructor(transport: Transport, cache: ModelCache) {
    this.#transport = transport;
    this.#cache = cache;
  }

  /**
   * One model (`GET /models/{modelId}`). The answer is remembered by this client, and from then
   * on `client.custom` checks inputs for this model against its `inputs[]` before sending.
   *
   * @example
   * ```ts
   * const model = await client.models.get('model_bfl-flux-2-dev');
   * ```
   */
  async get(modelId: string, options?: RequestOptions): Promise<Model> {
    return fetchModel(this.#transport, this.#cache, modelId, checkRequestOptions(options));
  }

  /**
   * Models (`GET /models`). Await it for the first page, or `for await` it for every model.
   *
   * @example
   * ```ts
   * for await (const model of client.models.list({ privacy: 'private' })) console.log(model.id, model.name);
   * ```
   */
  list(query: ModelListQuery = {}, options?: RequestOptions): PagePromise<Model> {
    return listPages(this.#transport, {
      what: 'models.list query',
      path: '/models',
      query,
      querySchema: ModelListQuerySchema,
      schema: ModelListResponseSchema,
      items: (body) => body.models,
      options,
    });
  }

  /**
   * The model as last fetched by {@link get} on this client, if it was. No request is made.
   *
   * @example
   * ```ts
   * const known = client.models.cached('model_upscale-v3') ?? (await client.models.get('model_upscale-v3'));
   * ```
   */
  cached(modelId: string): Model | undefined {
    return this.#cache.get(modelId);
  }
}

/** The models a client fetched, by id: `client.custom` checks inputs against them. */
export type ModelCache = Map<string, Model>;

/** `GET /models/{modelId}`, remembered in `cache`. */
export async function fetchModel(
  transport: Transport,
  cache: ModelCache,
  modelId: string,
  options: CallOptions,
): Promise<Model> {
  const { model } = await transport.request({
    method: 'GET',
    path: path`/models/${modelId}`,
    schema: ModelEnvelopeSchema,
    options,
  });
  cache.set(modelId, model);
  return model;
}
