/**
 * Every generation route the emulator serves accepts a maximal body: each field its swagger
 * contract lists (deprecated aliases included), or for a custom model each of its `inputs[]`,
 * filled with a valid value derived from the contract data. The emulator runs strict, so a field
 * it did not know would be a 400; the job then renders real outputs.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ModelInput } from '../../src/schemas/model.js';
import { SEEDED_MODELS } from '../../src/testing/model-catalog.js';
import { TYPED_GENERATE_ROUTES } from '../../src/testing/routes/generate.js';
import type { FieldContract } from '../../src/testing/spec/contract.js';
import { REQUEST_CONTRACTS } from '../../src/testing/spec/request-contracts.js';
import { dataUrl, runToEnd, setup, testImage, uploadImage } from './helpers.js';

/** Fields that take an image (asset id or data URL), or an array of them. */
const IMAGE_FIELDS = new Set([
  'image',
  'imageId',
  'imageParentId',
  'controlImage',
  'controlImageId',
  'ipAdapterImage',
  'ipAdapterImageId',
  'ipAdapterImages',
  'ipAdapterImageIds',
  'styleImages',
  'texture',
  'structureImage',
  'cannyStructureImage',
  'depthImage',
  'referenceImages',
  'images',
  'assetIds',
]);
const MASK_FIELDS = new Set(['mask', 'maskId']);
/** Values the contract cannot tell: a model the route runs, a prompt, a family modality, a colour. */
const CHOSEN: Record<string, unknown> = {
  modelId: 'flux.1-dev',
  prompt: 'a knight in armour',
  modality: 'canny',
  backgroundColor: '#ffffff',
  targetWidth: 128,
  targetHeight: 96,
  pixelGridSize: 16,
  colorPaletteSize: 4,
  colorPalette: [
    [0, 0, 0],
    [255, 255, 255],
  ],
};
/** Values one route needs otherwise: an enum of its own, an even skybox width. */
const CHOSEN_FOR: Record<string, Record<string, unknown>> = {
  'prompt-editing': { modelId: 'flux-kontext' },
  'skybox-base-360': { width: 256 },
};
/** Routes whose results are text or vectors in the answer, not assets. */
const LANGUAGE_ROUTES = new Set(['caption', 'describe-style', 'prompt', 'translate', 'embed']);

let context: ReturnType<typeof setup>;
let image: string;
let mask: string;
beforeAll(async () => {
  context = setup({ strict: true, parallelJobs: 100 });
  image = (await uploadImage(context.call, await testImage(64, 64))).id;
  const white = await sharp({ create: { width: 32, height: 64, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const maskPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
    .composite([{ input: white, left: 0, top: 0 }])
    .png()
    .toBuffer();
  mask = (await uploadImage(context.call, new Uint8Array(maskPng))).id;
});

/** A valid value of a swagger field: the chosen one, an image, the lowest allowed (small outputs render fast), the default, the first enum value. */
function fieldValue(name: string, field: FieldContract, chosen: Record<string, unknown> = CHOSEN): unknown {
  if (name in chosen) return chosen[name];
  if (MASK_FIELDS.has(name)) return mask;
  if (IMAGE_FIELDS.has(name)) return field.type === 'array' ? [image] : image;
  switch (field.type) {
    case 'number':
      return field.min ?? field.default ?? 1;
    case 'boolean':
      return field.default ?? false;
    case 'array':
      return [fieldValue(name, field.items ?? { type: 'string' }, chosen)];
    case 'object':
      return maximalBody(field.properties ?? {}, chosen);
    default:
      return field.numeric ? '42' : (field.enum?.[0] ?? field.default ?? 'x');
  }
}

const maximalBody = (fields: Readonly<Record<string, FieldContract>>, chosen: Record<string, unknown> = CHOSEN) =>
  Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fieldValue(name, field, chosen)]));

/** A valid value of a custom model input: the chosen one, an image, its default, its lowest allowed, its first allowed value. */
function inputValue(input: ModelInput): unknown {
  if (input.name in CHOSEN) return CHOSEN[input.name];
  if (input.type === 'file') return image;
  if (input.type === 'file_array') return [image];
  if (input.type === 'model') return 'model_some-lora';
  if (input.type === 'model_array') return ['model_some-lora'];
  if (input.type === 'number_array') return [input.min ?? 1];
  if (input.type === 'number') return input.default ?? input.min ?? 1;
  if (input.type === 'boolean') return input.default ?? false;
  return input.default ?? input.allowedValues?.[0] ?? 'a castle';
}

describe('a maximal body derived from the spec data is accepted (strict mode)', () => {
  test.each(TYPED_GENERATE_ROUTES)('POST /generate/%s', async (route) => {
    const contract = REQUEST_CONTRACTS[`POST /generate/${route}`];
    if (!contract) throw new Error(`no contract for ${route}`);
    const body = maximalBody(contract.body, { ...CHOSEN, ...CHOSEN_FOR[route] });
    expect(Object.keys(body).sort()).toEqual(Object.keys(contract.body).sort());
    const job = await runToEnd(context, `/generate/${route}`, body);
    expect(job.status).toBe('success');
    if (LANGUAGE_ROUTES.has(route)) expect(Object.keys(job.metadata.output).length).toBeGreaterThan(0);
    else expect(job.metadata.assetIds.length).toBeGreaterThan(0);
    expect(context.emulator.state.ignoredFields).toEqual([]);
  });

  test.each(SEEDED_MODELS.filter((model) => model.wire.inputs).map((model) => model.wire.id))(
    'POST /generate/custom/%s with every input',
    async (modelId) => {
      const inputs = SEEDED_MODELS.find((model) => model.wire.id === modelId)?.wire.inputs ?? [];
      const body = Object.fromEntries(inputs.map((input) => [input.name, inputValue(input)]));
      const job = await runToEnd(context, `/generate/custom/${modelId}`, body);
      expect(job.status).toBe('success');
      expect(job.metadata.assetIds).toHaveLength(1);
      expect(context.emulator.state.ignoredFields).toEqual([]);
    },
  );

  test('the same bodies with data URLs for the images are accepted too', async () => {
    const contract = REQUEST_CONTRACTS['POST /generate/inpaint-ip-adapter'];
    const body = { ...maximalBody(contract?.body ?? {}), image: dataUrl(await testImage(64, 64)) };
    expect((await context.call('POST', '/generate/inpaint-ip-adapter', { body })).status).toBe(200);
  });
});
