/*
 * The code of `client.custom`, loaded with the first call (see `Custom`).
 */
import * as z from 'zod/mini';
import { InvalidRequestError } from '../core/errors.js';
import { jsonValueIssues } from '../core/json-value.js';
import {
  type CallOptions,
  type RequestOptions,
  RequestOptionsSchema,
  type RunOptions,
  RunOptionsSchema,
  splitRunOptions,
} from '../core/options.js';
import { path } from '../core/path.js';
import { parseInput, safeParse } from '../core/validate.js';
import { type ImageInput, ImageInputSchema } from '../lib/image-input.js';
import { type ImageSlot, resolveImages } from '../lib/resolve-images.js';
import { type CustomInputs, CustomInputsSchema } from '../schemas/custom.js';
import type { CostEstimate, GenerationResult } from '../schemas/generation.js';
import type { Model } from '../schemas/model.js';
import {
  estimateGeneration,
  type GenerationClient,
  type GenerationJob,
  type GenerationRequest,
  runGeneration,
  submitGeneration,
} from './generation-calls.js';
import { outputAssets } from './generation-outcome.js';
import { modelInputsSchema } from './model-inputs.js';
import { fetchModel, type ModelCache } from './models-calls.js';

/** {@link RequestOptions} of `client.custom`, plus whether to check inputs against the model's contract. */
export interface CustomRequestOptions extends RequestOptions {
  /**
   * `true`: fetch the model once (`GET /models/{id}`, remembered by the client) and check the
   * inputs against its `inputs[]` before sending. `false`: never check. Default: check only when
   * this client already fetched the model with `client.models.get`.
   */
  validate?: boolean | undefined;
}

/** {@link RunOptions} of `client.custom.run`, plus `validate` as in {@link CustomRequestOptions}. */
export interface CustomRunOptions extends RunOptions {
  /** As {@link CustomRequestOptions.validate}. */
  validate?: boolean | undefined;
}

const ValidateOption = { validate: z.optional(z.boolean()) };
const CustomRequestOptionsSchema = z.extend(RequestOptionsSchema, ValidateOption);
const CustomRunOptionsSchema = z.extend(RunOptionsSchema, ValidateOption);

/** What {@link Custom} needs from the client besides the transport and the job waiter: the models it fetched. */
export interface CustomClient extends GenerationClient {
  models: ModelCache;
}

const FILE_TYPES = new Set(['file', 'file_array']);

/** Capabilities of models served by the typed endpoints (`client.txt2img`, …) rather than `/generate/custom`. */
const TYPED_CAPABILITIES = new Set(['txt2img', 'img2img', 'inpaint', 'controlnet']);

/**
 * `/generate/custom` does not run the typed endpoints' models: built-in ones, whose ids are bare
 * (`flux.1-dev`; custom models are `model_…`), and known models that have no `inputs[]` but a
 * typed capability (trained SD and Flux LoRAs). Their 400 would name an API path; this names the
 * SDK resource to call, picked from the inputs.
 */
function refuseTypedModel(modelId: string, inputs: Record<string, unknown>, model?: Model): void {
  const builtIn = !modelId.startsWith('model_');
  const typed = model?.inputs === undefined && model?.capabilities?.some((name) => TYPED_CAPABILITIES.has(name));
  if (!builtIn && !typed) return;
  const resource =
    'mask' in inputs ? 'inpaint' : 'modality' in inputs ? 'controlnet' : 'image' in inputs ? 'img2img' : 'txt2img';
  const why = builtIn
    ? `"${modelId}" is not a model_… id; built-in models such as flux.1-dev run`
    : `${modelId} is a model of the typed endpoints and runs`;
  const use = `call client.${resource}.run({ modelId: '${modelId}', … }) (or its create/estimate)`;
  throw new InvalidRequestError(`custom inputs of ${modelId}`, [
    { path: '', message: `${why} through client.${resource}, not /generate/custom: ${use}` },
  ]);
}

/** `client.custom.create`: options and inputs checked, images uploaded, then submitted. */
export async function createCustom(
  client: CustomClient,
  modelId: string,
  inputs: CustomInputs,
  options: CustomRequestOptions | undefined,
): Promise<GenerationJob> {
  const { request, call } = await customRequest(client, modelId, inputs, options, 'custom.create options');
  return submitGeneration(client, request, call, outputAssets);
}

/** `client.custom.run`: as {@link createCustom}, then waits for the job and fetches its outputs. */
export async function runCustom(
  client: CustomClient,
  modelId: string,
  inputs: CustomInputs,
  options: CustomRunOptions | undefined,
): Promise<GenerationResult> {
  const { validate, ...runOptions } = parseInput(
    CustomRunOptionsSchema,
    options === undefined ? {} : options,
    'custom.run options',
  );
  const run = splitRunOptions(runOptions);
  return runGeneration(client, await prepare(client, modelId, inputs, validate, run.call), run, outputAssets);
}

/** `client.custom.estimate`: as {@link createCustom}, quoted with `?dryRun=true` instead. */
export async function estimateCustom(
  client: CustomClient,
  modelId: string,
  inputs: CustomInputs,
  options: CustomRequestOptions | undefined,
): Promise<CostEstimate> {
  const { request, call } = await customRequest(client, modelId, inputs, options, 'custom.estimate options');
  return estimateGeneration(client.transport, request, call);
}

/** The options of `create` or `estimate` checked (`what` names them in errors), then the request prepared. */
async function customRequest(
  client: CustomClient,
  modelId: string,
  inputs: CustomInputs,
  options: CustomRequestOptions | undefined,
  what: string,
): Promise<{ request: GenerationRequest; call: CallOptions }> {
  const { validate, ...rest } = parseInput(CustomRequestOptionsSchema, options === undefined ? {} : options, what);
  const call = rest as CallOptions;
  return { request: await prepare(client, modelId, inputs, validate, call), call };
}

/** The request for a run of the model, its inputs checked against the model's contract as `validate` says. */
async function prepare(
  client: CustomClient,
  modelId: string,
  inputs: CustomInputs,
  validate: boolean | undefined,
  options: CallOptions,
): Promise<GenerationRequest> {
  const requestPath = path`/generate/custom/${modelId}`;
  const what = `custom inputs of ${modelId}`;
  let valid = parseInput(CustomInputsSchema, inputs, what);
  refuseTypedModel(modelId, valid);
  const { models, transport } = client;
  const model =
    validate === false
      ? undefined
      : (models.get(modelId) ?? (validate ? await fetchModel(transport, models, modelId, options) : undefined));
  refuseTypedModel(modelId, valid, model);
  if (model?.inputs) valid = parseInput(modelInputsSchema(model), valid, `inputs of model ${modelId}`);
  const fileInputs = new Set(model?.inputs?.filter((input) => FILE_TYPES.has(input.type)).map((input) => input.name));
  const { body, slots } = imageSlots(valid, fileInputs);
  // The rest is sent as JSON, which would turn NaN into null or drop a BigInt's request: refused now, before any upload.
  const uploaded = new Set<unknown>(slots.map((slot) => slot.input));
  const issues = jsonValueIssues(valid, (value) => uploaded.has(value));
  if (issues.length > 0) throw new InvalidRequestError(what, issues);
  const assetIds = await resolveImages(slots, { transport: client.transport, options, inline: false });
  for (const [index, assetId] of assetIds.entries()) slots[index]?.put(assetId);
  return { path: requestPath, body };
}

/**
 * The image inputs to upload, and a copy of the inputs whose slots take their asset ids. Custom
 * models take files as asset ids, so images are uploaded (never inlined), all checked first by
 * `resolveImages`. Without the model's contract a string cannot be told from text, so only
 * non-string images (bytes, Blob, URL, stream) are uploaded; with it, any image input of a
 * `file`/`file_array` input is.
 */
function imageSlots(
  inputs: Record<string, unknown>,
  fileInputs: Set<string>,
): { body: Record<string, unknown>; slots: (ImageSlot & { put: (assetId: string) => void })[] } {
  const body = { ...inputs };
  const slots: (ImageSlot & { put: (assetId: string) => void })[] = [];
  const isImage = (value: unknown, isFile: boolean) =>
    typeof value === 'string' ? isFile : safeParse(ImageInputSchema, value).success;
  for (const [name, value] of Object.entries(inputs)) {
    const isFile = fileInputs.has(name);
    if (Array.isArray(value)) {
      const items = [...value];
      body[name] = items;
      items.forEach((item, index) => {
        if (isImage(item, isFile))
          slots.push({ field: `${name}[${index}]`, input: item, put: (id) => (items[index] = id) });
      });
    } else if (isImage(value, isFile)) {
      slots.push({ field: name, input: value as ImageInput, put: (id) => (body[name] = id) });
    }
  }
  return { body, slots };
}
