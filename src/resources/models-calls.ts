/*
 * The code of `client.models`' reads and edits (and of the model reads of `client.custom` and of
 * a training), loaded with the first call (see `Models`). Training is `model-training.ts`.
 */
import * as z from 'zod/mini';
import { listShape } from '../core/list-pages.js';
import type { CallOptions } from '../core/options.js';
import { path } from '../core/path.js';
import type { Transport } from '../core/transport.js';
import { parseInput } from '../core/validate.js';
import { type Model, ModelEnvelopeSchema, ModelListQuerySchema, ModelListResponseSchema } from '../schemas/model.js';
import { type ModelCreateBody, ModelCreateBodySchema, ModelUpdateBodySchema } from '../schemas/training.js';

/** The models a client fetched, by id: `client.custom` checks inputs against them. */
export type ModelCache = Map<string, Model>;

/** `GET /models`: its query, and the models of a page. */
export const modelList = listShape(ModelListQuerySchema, ModelListResponseSchema, (body) => body.models);

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

/** `client.models.create`, the options checked. */
export function createModel(transport: Transport, params: unknown, options: CallOptions): Promise<Model> {
  return postModel(transport, parseInput(ModelCreateBodySchema, params, 'models.create params'), options);
}

/** `POST /models`: billed-mode retries, since a retry after a 5xx could make a second model. */
export async function postModel(transport: Transport, body: ModelCreateBody, options: CallOptions): Promise<Model> {
  const { model } = await transport.request({
    method: 'POST',
    path: '/models',
    body,
    schema: ModelEnvelopeSchema,
    retry: 'billed',
    options,
  });
  return model;
}

/** `client.models.update`, the options checked: `PUT /models/{id}`, safe to repeat. */
export async function updateModel(
  transport: Transport,
  modelId: string,
  params: unknown,
  options: CallOptions,
): Promise<Model> {
  const { model } = await transport.request({
    method: 'PUT',
    path: path`/models/${modelId}`,
    body: parseInput(ModelUpdateBodySchema, params, 'models.update params'),
    schema: ModelEnvelopeSchema,
    retry: 'idempotent',
    options,
  });
  return model;
}

/** `DELETE /models/{id}`. */
export async function deleteModel(transport: Transport, modelId: string, options: CallOptions): Promise<void> {
  await transport.request({ method: 'DELETE', path: path`/models/${modelId}`, schema: z.unknown(), options });
}
