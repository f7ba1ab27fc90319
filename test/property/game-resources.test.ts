/**
 * The game-pipeline resources at scale. Generated valid params pass the SDK's checks and reach
 * a strict emulator (which refuses any field the swagger does not list for the route, and
 * checks what it does list) on the resource's route, with a body that carries the route's
 * required fields and passes the SDK's own wire schema; image fields the route takes as asset
 * ids only get asset ids. Generated invalid params (each field broken, unknown keys, missing
 * keys, the cross-field rules) are refused with `InvalidRequestError` before any request.
 *
 * Rerun: `npx vitest run test/property/game-resources.test.ts` (prints the counts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { safeParse } from '../../src/core/validate.js';
import { Scenario } from '../../src/index.js';
import {
  CaptionBodySchema,
  CaptionParamsSchema,
  DescribeStyleBodySchema,
  DescribeStyleParamsSchema,
  EmbedBodySchema,
  EmbedParamsSchema,
  GenerativeFillBodySchema,
  GenerativeFillParamsSchema,
  PatchBodySchema,
  PatchParamsSchema,
  PixelateBodySchema,
  PixelateParamsSchema,
  PROMPT_EDITING_ASPECT_RATIOS,
  PROMPT_EDITING_MODELS,
  PROMPT_MODES,
  PromptBodySchema,
  PromptEditingBodySchema,
  PromptEditingParamsSchema,
  PromptParamsSchema,
  REFRAME_LOCATIONS,
  ReframeBodySchema,
  ReframeParamsSchema,
  RestyleBodySchema,
  RestyleParamsSchema,
  SegmentBodySchema,
  SegmentParamsSchema,
  SKYBOX_STYLES,
  SkyboxBodySchema,
  SkyboxParamsSchema,
  SkyboxUpscaleBodySchema,
  SkyboxUpscaleParamsSchema,
  TextureBodySchema,
  TextureParamsSchema,
  TranslateBodySchema,
  TranslateParamsSchema,
  VectorizeBodySchema,
  VectorizeParamsSchema,
} from '../../src/schemas.js';
import { createEmulator } from '../../src/testing/index.js';
import { REQUEST_CONTRACTS } from '../../src/testing/spec/request-contracts.js';
import { dataUrl, testImage } from '../testing/helpers.js';
import { inputTally, invalidParams, offlineClient, PNG, refusalTests } from './arbitraries.js';

const RUNS = 60;
const count = inputTally('Game-pipeline inputs generated', 40);

// ---- A strict emulator that records every request and its JSON body.

const emulator = createEmulator({ strict: true, maxSamples: 128, parallelJobs: 1000 });
interface Sent {
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown> | undefined;
}
const sent: Sent[] = [];
/** The client's fetch: every request to the emulator, its JSON body read from a clone first. */
const fetchThrough = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const text = request.method === 'GET' ? '' : await request.clone().text();
  const response = await emulator.fetch(request);
  const url = new URL(request.url);
  sent.push({
    method: request.method,
    path: url.pathname.replace(/^\/v1/, ''),
    status: response.status,
    body: text.startsWith('{') ? JSON.parse(text) : undefined,
  });
  return response;
};

const sdk = new Scenario({
  apiKey: 'k',
  apiSecret: 's',
  baseUrl: emulator.url,
  maxRetries: 0,
  logLevel: 'off',
  fetch: fetchThrough,
});

let png: Uint8Array;
let assetId: string;
beforeAll(async () => {
  png = await testImage(64, 48);
  assetId = (await sdk.assets.upload(png)).id;
});

/** Every kind of image input: an asset id, bytes, a Blob, a data URL. */
const image = fc.constantFrom('asset', 'bytes', 'blob', 'dataUrl').map((kind) => {
  if (kind === 'asset') return assetId;
  if (kind === 'bytes') return png;
  if (kind === 'blob') return new Blob([png.slice()], { type: 'image/png' });
  return dataUrl(png);
});
const images = fc.array(image, { minLength: 1, maxLength: 3 });

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const int = (min: number, max: number) => fc.integer({ min, max });
const text = fc.string({ maxLength: 30 });
const words = text.filter((value) => value.trim() !== '');
const fraction = opt(num(0, 1));
const percent = opt(num(0, 100));
const seed = opt(int(0, 2_147_483_647));
const steps = opt(int(1, 150));
const sampling = {
  temperature: opt(num(0, 2)),
  topP: fraction,
  seed,
  ensureIPCleared: opt(fc.boolean()),
};

const texture = fc.record(
  {
    texture: image,
    polished: fraction,
    angular: fraction,
    raised: fraction,
    shiny: fraction,
    invert: opt(fc.boolean()),
    defaultParameters: opt(fc.boolean()),
    saveFlipbook: opt(fc.boolean()),
  },
  { requiredKeys: ['texture'] },
);

const skybox = fc.record(
  {
    prompt: words,
    negativePrompt: opt(text),
    negativePromptStrength: opt(num(0, 10)),
    style: opt(fc.constantFrom(...SKYBOX_STYLES)),
    image: opt(image),
    strength: opt(num(0.01, 1)),
    structureImage: opt(image),
    cannyStructureImage: opt(image),
    structureFidelity: percent,
    depthImage: opt(image),
    depthFidelity: percent,
    styleImages: opt(images),
    promptFidelity: percent,
    geometryEnforcement: opt(num(0, 100)),
    width: opt(int(32, 1024).map((n) => n * 8)),
    numOutputs: opt(int(1, 128)),
    numInferenceSteps: steps,
    seed,
  },
  { requiredKeys: ['prompt'] },
);

const skyboxUpscale = fc
  .record(
    {
      image,
      scale: fc.oneof(
        fc.constant({}),
        num(1, 16).map((scalingFactor) => ({ scalingFactor })),
        // documented 256–16 384; the emulator renders at most 8 192 px a side
        int(256, 8192).map((targetWidth) => ({ targetWidth })),
      ),
      prompt: opt(text),
      negativePrompt: opt(text),
      promptFidelity: percent,
      styleImages: opt(images),
      styleFidelity: percent,
      detailsLevel: opt(num(-50, 50)),
      sharpen: opt(fc.boolean()),
      colorCorrection: opt(fc.boolean()),
      overrideEmbeddings: opt(fc.boolean()),
      seed,
    },
    { requiredKeys: ['image', 'scale'] },
  )
  .map(({ scale, ...rest }) => ({ ...rest, ...scale }));

const channel = int(0, 255);
const pixelate = fc
  .record(
    {
      image,
      pixelGridSize: fc.constantFrom(16, 32, 64, 128, 256),
      removeNoise: opt(fc.boolean()),
      removeBackground: opt(fc.boolean()),
      palette: fc.oneof(
        fc.constant({}),
        fc
          .array(fc.tuple(channel, channel, channel), { minLength: 1, maxLength: 8 })
          .map((colorPalette) => ({ colorPalette })),
        int(2, 256).map((colorPaletteSize) => ({ colorPaletteSize })),
      ),
    },
    { requiredKeys: ['image', 'pixelGridSize', 'palette'] },
  )
  .map(({ palette, ...rest }) => ({ ...rest, ...palette }));

const vectorizeTuning = {
  mode: opt(fc.constantFrom('none', 'polygon', 'spline')),
  colorMode: opt(fc.constantFrom('bw', 'color')),
  filterSpeckle: opt(int(0, 100)),
  colorPrecision: opt(int(1, 16)),
  layerDifference: opt(num(0, 256)),
  cornerThreshold: opt(num(0, 180)),
  lengthThreshold: opt(num(0, 10)),
  spliceThreshold: opt(num(0, 180)),
  maxIterations: opt(int(1, 20)),
  pathPrecision: opt(int(0, 10)),
};
const vectorize = fc.oneof(
  fc.record({ image, preset: opt(fc.constant('custom' as const)), ...vectorizeTuning }, { requiredKeys: ['image'] }),
  fc.record({ image, preset: fc.constantFrom('asset', 'bw', 'photo', 'pixelart', 'poster') }),
);

const side = int(64, 8192);
const reframe = fc.record(
  {
    image,
    targetWidth: side,
    targetHeight: side,
    inputLocation: opt(fc.constantFrom(...REFRAME_LOCATIONS)),
    resizeOption: opt(num(1, 100)),
    overlapPercentage: percent,
    prompt: opt(text),
    promptFidelity: percent,
    numInferenceSteps: steps,
    concepts: opt(fc.array(fc.record({ modelId: fc.constant('model_lora'), scale: num(-2, 2) }), { maxLength: 2 })),
    seed,
  },
  { requiredKeys: ['image', 'targetWidth', 'targetHeight'] },
);

const restyle = fc.record(
  {
    image,
    styleImages: images,
    styleFidelity: percent,
    structureFidelity: percent,
    prompt: opt(text),
    promptFidelity: percent,
    controlEnd: fraction,
    sketch: opt(fc.boolean()),
    clustering: opt(fc.boolean()),
    numInferenceSteps: steps,
    seed,
  },
  { requiredKeys: ['image', 'styleImages'] },
);

const segment = fc.record(
  {
    image,
    checkpoint: opt(fc.constantFrom('fastsam_x', 'sam_b', 'sam_h')),
    text: opt(text),
    bbox: opt(fc.array(fc.constantFrom('10', '20', '30', '40'), { maxLength: 4 })),
    points: opt(fc.array(fc.tuple(fc.constant('12'), fc.constant('8')), { maxLength: 3 })),
    dilate: opt(int(0, 16)),
    backgroundOpacity: opt(int(0, 255)),
    betterQuality: opt(fc.boolean()),
    resultMask: opt(fc.boolean()),
    resultImage: opt(fc.boolean()),
    resultContours: opt(fc.boolean()),
  },
  { requiredKeys: ['image'] },
);

const generativeFill = fc.record(
  {
    image,
    mask: image,
    prompt: opt(text),
    negativePrompt: opt(text),
    promptFidelity: percent,
    targetWidth: opt(side),
    targetHeight: opt(side),
    numInferenceSteps: steps,
    seed,
  },
  { requiredKeys: ['image', 'mask'] },
);

const promptEditing = fc.record(
  {
    image,
    prompt: words,
    modelId: opt(fc.constantFrom(...PROMPT_EDITING_MODELS)),
    referenceImages: opt(images),
    mask: opt(image),
    aspectRatio: opt(fc.constantFrom(...PROMPT_EDITING_ASPECT_RATIOS)),
    format: opt(fc.constantFrom('jpeg', 'png', 'webp')),
    compression: opt(int(0, 100)),
    inputFidelity: opt(fc.constantFrom('high', 'low')),
    quality: opt(fc.constantFrom('high', 'low', 'medium')),
    numSamples: opt(int(1, 128)),
    guidanceScale: opt(num(0, 20)),
    strength: fraction,
    seed,
  },
  { requiredKeys: ['image', 'prompt'] },
);

const colour = fc.constantFrom('white', '#000', '#ff8800', '#11223344');
const patch = fc
  .record(
    {
      image,
      patch: fc.record({ image, mode: fc.constantFrom('erase', 'override') }),
      position: opt(fc.record({ x: int(-512, 512), y: int(-512, 512) })),
      allowOverflow: opt(fc.boolean()),
      crop: opt(
        fc.record(
          {
            top: int(-64, 64),
            left: int(-64, 64),
            width: int(1, 256),
            height: int(1, 256),
            backgroundColor: opt(colour),
          },
          { requiredKeys: ['top', 'left', 'width', 'height'] },
        ),
      ),
      fill: fc.oneof(
        fc.record({ backgroundColor: opt(colour), format: opt(fc.constantFrom('png', 'jpeg')) }),
        fc.record({ backgroundColor: fc.constant('transparent'), format: opt(fc.constant('png')) }),
      ),
    },
    { requiredKeys: ['image', 'patch', 'fill'] },
  )
  .map(({ fill, ...rest }) => ({ ...rest, ...fill }));

const caption = fc.record(
  {
    images,
    modelId: opt(fc.constant('model_knight')),
    detailsLevel: opt(fc.constantFrom('action', 'action+style')),
    unwantedSequences: opt(fc.array(words, { maxLength: 3 })),
    ...sampling,
  },
  { requiredKeys: ['images'] },
);

const describeStyle = fc
  .record(
    {
      images: opt(images),
      modelId: opt(fc.constant('model_knight')),
      unwantedSequences: opt(fc.array(words, { maxLength: 3 })),
      ...sampling,
    },
    { requiredKeys: [] },
  )
  .filter((params) => params.images !== undefined || params.modelId !== undefined);

const prompt = fc
  .record(
    {
      mode: fc.constantFrom(...PROMPT_MODES),
      prompt: opt(text),
      image: opt(image),
      images: opt(images),
      modelId: opt(fc.constant('model_knight')),
      numResults: opt(int(1, 8)),
      ...sampling,
    },
    { requiredKeys: ['mode'] },
  )
  .map((params) => (params.mode === 'image-editing' && !params.image ? { ...params, image: assetId } : params));

const translate = fc.record({ prompt: words, images: opt(images), ...sampling }, { requiredKeys: ['prompt'] });
const embed = fc.record({ text: words });

/** Per resource: valid params, the route, the SDK's wire schema, and the fields the route takes as asset ids only. */
const cases = {
  texture: { arb: texture, schema: TextureParamsSchema, route: 'texture', body: TextureBodySchema, ids: ['texture'] },
  skybox: {
    arb: skybox,
    schema: SkyboxParamsSchema,
    route: 'skybox-base-360',
    body: SkyboxBodySchema,
    ids: ['structureImage', 'cannyStructureImage', 'depthImage', 'styleImages'],
  },
  skyboxUpscale: {
    arb: skyboxUpscale,
    schema: SkyboxUpscaleParamsSchema,
    route: 'skybox-upscale-360',
    body: SkyboxUpscaleBodySchema,
    ids: ['styleImages'],
  },
  pixelate: {
    arb: pixelate,
    schema: PixelateParamsSchema,
    route: 'pixelate',
    body: PixelateBodySchema,
    ids: ['image'],
  },
  vectorize: {
    arb: vectorize,
    schema: VectorizeParamsSchema,
    route: 'vectorize',
    body: VectorizeBodySchema,
    ids: ['image'],
  },
  reframe: { arb: reframe, schema: ReframeParamsSchema, route: 'reframe', body: ReframeBodySchema, ids: [] },
  restyle: {
    arb: restyle,
    schema: RestyleParamsSchema,
    route: 'restyle',
    body: RestyleBodySchema,
    ids: ['styleImages'],
  },
  segment: { arb: segment, schema: SegmentParamsSchema, route: 'segment', body: SegmentBodySchema, ids: [] },
  generativeFill: {
    arb: generativeFill,
    schema: GenerativeFillParamsSchema,
    route: 'generative-fill',
    body: GenerativeFillBodySchema,
    ids: [],
  },
  promptEditing: {
    arb: promptEditing,
    schema: PromptEditingParamsSchema,
    route: 'prompt-editing',
    body: PromptEditingBodySchema,
    ids: ['referenceImages'],
  },
  patch: { arb: patch, schema: PatchParamsSchema, route: 'patch', body: PatchBodySchema, ids: [] },
  caption: { arb: caption, schema: CaptionParamsSchema, route: 'caption', body: CaptionBodySchema, ids: [] },
  describeStyle: {
    arb: describeStyle,
    schema: DescribeStyleParamsSchema,
    route: 'describe-style',
    body: DescribeStyleBodySchema,
    ids: [],
  },
  prompt: { arb: prompt, schema: PromptParamsSchema, route: 'prompt', body: PromptBodySchema, ids: [] },
  translate: { arb: translate, schema: TranslateParamsSchema, route: 'translate', body: TranslateBodySchema, ids: [] },
  embed: { arb: embed, schema: EmbedParamsSchema, route: 'embed', body: EmbedBodySchema, ids: [] },
} satisfies Record<
  string,
  { arb: fc.Arbitrary<object>; schema: z.core.$ZodType; route: string; body: z.core.$ZodType; ids: string[] }
>;
type Resource = keyof typeof cases;

/** Without undefined fields, as a caller would write them. */
const defined = (params: object) =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Record<string, unknown>;

describe('valid params reach a strict emulator on their route, with a body the swagger and the SDK accept', () => {
  for (const [resource, { arb, schema, route, body: bodySchema, ids }] of Object.entries(cases) as [
    Resource,
    (typeof cases)[Resource],
  ][]) {
    test(`${resource}.estimate`, async () => {
      const before = emulator.state.counters.jobsCreated;
      await fc.assert(
        fc.asyncProperty((arb as fc.Arbitrary<object>).map(defined), async (params) => {
          count(`${resource} (valid)`);
          expect(safeParse(schema, params).error?.issues).toBeUndefined();
          sent.length = 0;
          const quote = await (sdk[resource].estimate as (p: unknown) => Promise<{ creativeUnitsCost: number }>)(
            params,
          );
          expect(quote.creativeUnitsCost).toBeGreaterThan(0);
          const generations = sent.filter((request) => request.path.startsWith('/generate/'));
          expect(generations.map((request) => [request.path, request.status])).toEqual([[`/generate/${route}`, 269]]);
          // Besides: uploads (asset-id-only fields), and reading an asset's size (a mask's check).
          const others = sent.filter((request) => !request.path.startsWith('/generate/'));
          for (const { method, path } of others)
            expect(`${method} ${path}`).toMatch(/^(POST \/assets|GET \/assets\/asset_\w+)$/);
          const body = generations[0]?.body ?? {};
          const contract = REQUEST_CONTRACTS[`POST /generate/${route}`];
          const allowed = new Set(Object.keys(contract?.body ?? {}));
          expect(Object.keys(body).filter((field) => !allowed.has(field))).toEqual([]);
          for (const field of contract?.required ?? []) expect(body).toHaveProperty(field);
          expect(safeParse(bodySchema, body).error?.issues).toBeUndefined();
          for (const field of ids) {
            const value = body[field];
            if (value !== undefined) expect([value].flat().every((id) => String(id).startsWith('asset_'))).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
      expect(emulator.state.counters.jobsCreated).toBe(before);
      expect(emulator.state.ignoredFields).toEqual([]);
    });
  }
});

// ---- Invalid params: refused before any request.

const { client: offline, seen } = offlineClient();
const refusesAll = refusalTests(seen, count, RUNS);

const invalid: Record<Resource, fc.Arbitrary<unknown>> = {
  texture: invalidParams(TextureParamsSchema, { texture: PNG }),
  skybox: invalidParams(SkyboxParamsSchema, { prompt: 'a sky' }),
  skyboxUpscale: invalidParams(SkyboxUpscaleParamsSchema, { image: PNG }),
  pixelate: invalidParams(PixelateParamsSchema, { image: PNG, pixelGridSize: 32 }, [
    fc.constant({ image: PNG, pixelGridSize: 32, colorPalette: [[1, 2, 3]], colorPaletteSize: 8 }),
    fc
      .array(channel, { maxLength: 5 })
      .filter((c) => c.length !== 3)
      .map((c) => ({ image: PNG, pixelGridSize: 32, colorPalette: [c] })),
  ]),
  vectorize: invalidParams(VectorizeParamsSchema, { image: PNG }, [
    fc
      .tuple(fc.constantFrom('asset', 'bw', 'photo', 'pixelart', 'poster'), fc.constantFrom('mode', 'filterSpeckle'))
      .map(([preset, field]) => ({ image: PNG, preset, [field]: field === 'mode' ? 'spline' : 4 })),
  ]),
  reframe: invalidParams(ReframeParamsSchema, { image: PNG, targetWidth: 512, targetHeight: 512 }),
  restyle: invalidParams(RestyleParamsSchema, { image: PNG, styleImages: [PNG] }),
  segment: invalidParams(SegmentParamsSchema, { image: PNG }),
  generativeFill: invalidParams(GenerativeFillParamsSchema, { image: PNG, mask: PNG }),
  promptEditing: invalidParams(PromptEditingParamsSchema, { image: PNG, prompt: 'a cape' }),
  patch: invalidParams(PatchParamsSchema, { image: PNG, patch: { image: PNG, mode: 'override' } }, [
    fc.constant({ image: PNG, patch: { image: PNG, mode: 'erase' }, format: 'jpeg', backgroundColor: 'transparent' }),
  ]),
  caption: invalidParams(CaptionParamsSchema, { images: [PNG] }),
  describeStyle: invalidParams(DescribeStyleParamsSchema, { images: [PNG] }, [fc.record({ temperature: num(0, 2) })]),
  prompt: invalidParams(PromptParamsSchema, { mode: 'inventive' }, [fc.constant({ mode: 'image-editing' })]),
  translate: invalidParams(TranslateParamsSchema, { prompt: 'un chevalier' }),
  embed: invalidParams(EmbedParamsSchema, { text: 'a sword' }),
};

describe('invalid params: InvalidRequestError, no request', () => {
  for (const [resource, inputs] of Object.entries(invalid) as [Resource, fc.Arbitrary<unknown>][]) {
    for (const method of ['create', 'run', 'estimate'] as const) {
      refusesAll(`${resource}.${method}`, inputs, (input) =>
        (offline[resource][method] as (p: unknown) => Promise<unknown>)(input),
      );
    }
  }
});
