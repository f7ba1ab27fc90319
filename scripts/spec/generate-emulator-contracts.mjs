#!/usr/bin/env node
/**
 * Writes the emulator's request contracts (`src/testing/spec/request-contracts.json`) from
 * Scenario's public swagger request schemas, so the emulator checks requests against Scenario's
 * spec rather than against the SDK's own params schemas.
 *
 * Kept: per operation the method, path, query parameters, body fields (name, type, enum, items,
 * nested properties), required fields, and the ranges, defaults and multiples that a field's
 * description states in the swagger's fixed phrasing. Dropped: every description.
 *
 * Run on demand when the swagger changes (after `scripts/spec/vendor-swagger.mjs`); commit the output:
 *   node scripts/spec/generate-emulator-contracts.mjs [--source <request-schemas.json>] [--out <file.json>]
 * The source defaults to the vendored `spec/scenario-request-schemas.json`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUT = join(ROOT, 'src/testing/spec/request-contracts.json');
/** The swagger's request schemas, as vendored by `scripts/spec/vendor-swagger.mjs`. */
export const DEFAULT_SOURCE = join(ROOT, 'spec/scenario-request-schemas.json');

/** The operations the emulator serves. */
const SERVED = [
  'GET /assets',
  'POST /assets',
  'DELETE /assets',
  'POST /assets/download',
  'GET /assets/download/{jobId}',
  'POST /assets/get-bulk',
  'GET /assets/public',
  'GET /assets/public/{assetId}',
  'GET /assets/{assetId}',
  'PUT /assets/{assetId}',
  'POST /generate/txt2img',
  'POST /generate/txt2img-ip-adapter',
  'POST /generate/img2img',
  'POST /generate/img2img-ip-adapter',
  'POST /generate/inpaint',
  'POST /generate/inpaint-ip-adapter',
  'POST /generate/controlnet',
  'POST /generate/controlnet-img2img',
  'POST /generate/controlnet-inpaint',
  'POST /generate/controlnet-ip-adapter',
  'POST /generate/controlnet-inpaint-ip-adapter',
  'POST /generate/detect',
  'POST /generate/remove-background',
  'POST /generate/upscale',
  'POST /generate/txt2img-texture',
  'POST /generate/img2img-texture',
  'POST /generate/controlnet-texture',
  'POST /generate/texture',
  'POST /generate/skybox-base-360',
  'POST /generate/skybox-upscale-360',
  'POST /generate/pixelate',
  'POST /generate/vectorize',
  'POST /generate/reframe',
  'POST /generate/restyle',
  'POST /generate/segment',
  'POST /generate/generative-fill',
  'POST /generate/prompt-editing',
  'POST /generate/patch',
  'POST /generate/caption',
  'POST /generate/describe-style',
  'POST /generate/prompt',
  'POST /generate/translate',
  'POST /generate/embed',
  'POST /generate/custom/{modelId}',
  'GET /jobs',
  'GET /jobs/{jobId}',
  'POST /jobs/{jobId}/action',
  'GET /models',
  'GET /models/public',
  'GET /models/public/{modelId}',
  'GET /models/{modelId}',
  'POST /models',
  'PUT /models/{modelId}',
  'DELETE /models/{modelId}',
  'POST /models/{modelId}/training-images',
  'PUT /models/{modelId}/training-images/pairs',
  'PUT /models/{modelId}/training-images/{trainingImageId}',
  'DELETE /models/{modelId}/training-images/{trainingImageId}',
  'PUT /models/{modelId}/train',
  'POST /models/{modelId}/train/action',
  'POST /uploads',
  'GET /uploads/{uploadId}',
  'POST /uploads/{uploadId}/action',
];

/**
 * Fields the swagger leaves out of an operation whose summary says it uses them (a ControlNet
 * route without `modality`): copied from the sibling operation that lists them.
 */
const SPEC_GAPS = {
  'POST /generate/controlnet-inpaint-ip-adapter': {
    from: 'POST /generate/controlnet-inpaint',
    fields: ['modality', 'controlStart', 'controlEnd', 'disableModalityDetection'],
  },
};

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
/** `(within [0.01, 1.0], default: 0.75)`: the swagger's phrasing of a field's own range. */
const WITHIN = new RegExp(String.raw`\(within \[(${NUMBER}), (${NUMBER})\](?:, default: (${NUMBER}))?\)`);
/** `(default: false)` or `(default: 30)`. */
const DEFAULT = new RegExp(String.raw`\(default: (true|false|${NUMBER})\)`);
/** `The default value is 50, maximum value is 100, minimum value is 1` (page sizes). */
const PAGE_SIZE = /The default value is (\d+), maximum value is (\d+), minimum value is (\d+)/;
/** `must be a 8 multiple`. */
const MULTIPLE = /must be a (\d+) multiple/;
/** A ControlNet modality: the enum lists bare names, yet weights and presets are allowed. */
const FREE_FORM = /Optionally, you can associate a value/;
/** A field typed string whose value is a number (`seed`: "Default: randomly generated number"). */
const NUMERIC_STRING = /randomly generated number/;
/** `Deprecated … use \`ipAdapterScales\` instead`: the field the deprecated one stands for. */
const REPLACED_BY = /^Deprecated\b.*?use `(\w+)` instead/s;

const literal = (text) => (text === 'true' ? true : text === 'false' ? false : Number(text));

/** One field of the swagger as the emulator's data: no prose, only what a validator can check. */
function fieldContract(schema) {
  const description = schema.description ?? '';
  const field = { type: schema.type };
  if (schema.enum && !FREE_FORM.test(description)) field.enum = schema.enum;
  if (schema.type === 'string' && NUMERIC_STRING.test(description)) field.numeric = true;
  const within = WITHIN.exec(description);
  const pageSize = PAGE_SIZE.exec(description);
  if (within) {
    field.min = Number(within[1]);
    field.max = Number(within[2]);
    if (within[3] !== undefined) field.default = Number(within[3]);
  } else if (pageSize) {
    field.min = Number(pageSize[3]);
    field.max = Number(pageSize[2]);
    field.default = Number(pageSize[1]);
  } else {
    const fallback = DEFAULT.exec(description);
    if (fallback) field.default = literal(fallback[1]);
  }
  const multiple = MULTIPLE.exec(description);
  if (multiple) field.multipleOf = Number(multiple[1]);
  if (/^Deprecated\b/.test(description)) field.deprecated = true;
  if (schema.items) field.items = fieldContract(schema.items);
  if (schema.properties) {
    field.properties = fields(schema.properties);
    if (schema.required?.length) field.required = schema.required;
  }
  return field;
}

function fields(properties = {}) {
  return Object.fromEntries(
    Object.keys(properties)
      .sort()
      .map((name) => [name, fieldContract(properties[name])]),
  );
}

/** A deprecated singular field's range applies to the items of the array field that replaced it. */
function carryRangesToReplacements(body, source) {
  for (const [name, schema] of Object.entries(source)) {
    const replacement = body[REPLACED_BY.exec(schema.description ?? '')?.[1]];
    const ranged = body[name];
    if (replacement?.type !== 'array' || ranged.min === undefined || replacement.items.min !== undefined) continue;
    replacement.items = { ...replacement.items, min: ranged.min, max: ranged.max, default: ranged.default };
  }
}

export function buildContracts(schemas) {
  const contracts = {};
  for (const key of SERVED) {
    const operation = schemas[key];
    if (!operation) throw new Error(`The swagger has no operation ${key}`);
    const [method, path] = key.split(' ');
    const source = { ...operation.body };
    const gap = SPEC_GAPS[key];
    for (const name of gap?.fields ?? []) source[name] ??= schemas[gap.from].body[name];
    const body = fields(source);
    carryRangesToReplacements(body, source);
    contracts[key] = {
      method,
      path,
      query: fields(operation.query),
      body,
      required: (operation.required ?? []).filter((name) => name in body).sort(),
    };
  }
  return contracts;
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * The generated data file's text: JSON, so it is read as data, not code. `contentSha256` hashes
 * `JSON.stringify` of `operations`, so a test can tell a hand edit from the generator's output.
 */
export function renderData(sourceText) {
  const operations = buildContracts(JSON.parse(sourceText));
  const data = {
    generatedBy:
      "scripts/spec/generate-emulator-contracts.mjs from Scenario's public swagger request schemas; do not edit",
    sourceSha256: sha256(sourceText),
    contentSha256: sha256(JSON.stringify(operations)),
    operations,
  };
  return `${JSON.stringify(data, null, 1)}\n`;
}

function main(argv) {
  const option = (name) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const source = option('--source') ?? DEFAULT_SOURCE;
  const out = resolve(option('--out') ?? DEFAULT_OUT);
  writeFileSync(out, renderData(readFileSync(source, 'utf8')));
  console.log(`Wrote ${relative(process.cwd(), out)} from ${source}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
