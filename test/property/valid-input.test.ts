/**
 * Valid inputs at scale (issue 6): params generated within the documented ranges of each typed
 * generation endpoint always pass the SDK's checks, reach the emulator and pass its validation.
 *
 * Quotes (`estimate`, `?dryRun=true`) are used so no job is created and nothing is rendered: the
 * emulator runs the same generator (schema, model, family sizes and modalities, batch cap, image
 * decoding) for a dry run as for a real submission and only skips the parallel-job limit and
 * storing; a smaller sample is also submitted for real (`create`) to show both paths agree.
 *
 * Rerun: `npx vitest run test/property` (prints how many inputs were generated).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ControlNetParamsSchema,
  DetectModalitySchema,
  DetectParamsSchema,
  Img2ImgParamsSchema,
  RemoveBackgroundParamsSchema,
  SchedulerSchema,
  UpscaleParamsSchema,
} from '../../src/schemas.js';
import { createEmulator } from '../../src/testing/index.js';
import { FAMILIES, type ModelFamily } from '../../src/testing/model-catalog.js';
import { dataUrl, testImage } from '../testing/helpers.js';
import { observedClient } from './observed-client.js';

const RUNS = 200;
const CREATE_RUNS = 10;
const counts = new Map<string, number>();
afterAll(() => {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const lines = [...counts].map(([name, n]) => `  ${name.padEnd(28)} ${n}`);
  console.log(`\nValid inputs generated: ${total}\n${lines.join('\n')}\n`);
});

// The documented batch range is 1–128 ("plans may cap it lower"): the emulator's plan cap is raised to match.
const emulator = createEmulator({ maxSamples: 128, parallelJobs: 1000, jobDurations: { flux: 1, inference: 1 } });
const requests: { method: string; path: string; status: number }[] = [];
const client = observedClient(emulator, (request, response) => {
  const url = new URL(request.url);
  requests.push({ method: request.method, path: `${url.pathname}${url.search}`, status: response.status });
});

let png: Uint8Array;
let assetId: string;
beforeAll(async () => {
  png = await testImage(64, 48);
  assetId = (await client.assets.upload(png)).id;
});

/** Every kind of image input: the uploaded asset's id, bytes, a Blob, a data URL. */
const image = fc.constantFrom('asset', 'bytes', 'blob', 'dataUrl').map((kind) => {
  if (kind === 'asset') return assetId;
  if (kind === 'bytes') return png;
  if (kind === 'blob') return new Blob([png.slice()], { type: 'image/png' });
  return dataUrl(png);
});

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const prompt = text.filter((value) => value.trim() !== '');

const MODELS: Record<ModelFamily, string[]> = {
  flux: ['flux.1-dev', 'model_emulator-watercolor-style'],
  sdxl: ['stable-diffusion-xl-base-1.0', 'model_emulator-knight-character'],
  sd15: ['stable-diffusion-v1-5'],
};
const family = fc.constantFrom<ModelFamily>('flux', 'sdxl', 'sd15');
/** A size of the family's range, a multiple of 8. */
const size = (f: ModelFamily) =>
  fc.integer({ min: FAMILIES[f].minSize / 8, max: FAMILIES[f].maxSize / 8 }).map((n) => n * 8);

/** The fields every typed generation shares (GenerationBaseBodySchema), for a model of `f`. */
const base = (f: ModelFamily) =>
  fc.record(
    {
      modelId: fc.constantFrom(...MODELS[f]),
      prompt,
      negativePrompt: opt(text),
      negativePromptStrength: opt(num(0, 10)),
      numSamples: opt(fc.integer({ min: 1, max: 128 })),
      guidance: opt(num(0, 20)),
      numInferenceSteps: opt(fc.integer({ min: 1, max: 150 })),
      width: opt(size(f)),
      height: opt(size(f)),
      seed: opt(fc.integer({ min: 0, max: 2_147_483_647 })),
      scheduler: opt(fc.constantFrom(...SchedulerSchema.options)),
      hideResults: opt(fc.boolean()),
      intermediateImages: opt(fc.boolean()),
      concepts: opt(
        fc.array(fc.record({ modelId: text.filter((id) => id !== ''), scale: num(-2, 2), modelEpoch: opt(text) }), {
          maxLength: 3,
        }),
      ),
      modelEpoch: opt(text),
      baseModelId: opt(text),
    },
    { requiredKeys: ['modelId', 'prompt'] },
  );

/** `influence` or `strength` or neither, never both. */
const influenceOrStrength = fc.oneof(
  fc.constant({}),
  num(0, 100).map((influence) => ({ influence })),
  num(0.01, 1).map((strength) => ({ strength })),
);

const img2img = family.chain((f) =>
  fc
    .tuple(
      base(f),
      fc.record({ image, imageParentId: opt(text), imageHide: opt(fc.boolean()) }, { requiredKeys: ['image'] }),
      influenceOrStrength,
    )
    .map(([b, rest, strength]) => ({ ...b, ...rest, ...strength })),
);

/** A modality the family supports: exactly one for Flux, else up to 3 weighted ones. */
const modality = (f: ModelFamily) => {
  const names = [...FAMILIES[f].modalities, ...FAMILIES[f].presets];
  const weight = fc.integer({ min: 1, max: 100 }).map((n) => String(n / 100));
  const one = fc.tuple(fc.constantFrom(...names), opt(weight)).map(([name, w]) => (w ? `${name}:${w}` : name));
  if (FAMILIES[f].singleModality) return one;
  const several = fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 2, maxLength: 3 })
    .chain((picked) => fc.tuple(...picked.map((name) => weight.map((w) => `${name}:${w}`))))
    .map((parts) => parts.join(','));
  return fc.oneof(one, several);
};

const controlnet = family.chain((f) =>
  fc
    .tuple(
      base(f),
      fc.record(
        {
          modality: modality(f),
          image,
          disableModalityDetection: opt(fc.boolean()),
          controlStart: opt(num(0, 1)),
          controlEnd: opt(num(0, 1)),
        },
        { requiredKeys: ['modality', 'image'] },
      ),
      // ControlNet on an init image: controlImage, with influence or strength.
      fc.oneof(
        fc.constant({}),
        fc.tuple(image, influenceOrStrength).map(([controlImage, s]) => ({ controlImage, ...s })),
      ),
    )
    .map(([b, rest, variant]) => ({ ...b, ...rest, ...variant })),
);

const ordered = (arb: fc.Arbitrary<number>) =>
  fc.option(
    fc.tuple(arb, arb).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
    { nil: undefined },
  );
const detect = fc
  .record({
    image,
    modality: fc.constantFrom(...DetectModalitySchema.options),
    thresholds: ordered(num(0, 255)),
    minMax: ordered(fc.double({ noNaN: true, noDefaultInfinity: true })),
    factor: opt(fc.double({ noNaN: true, noDefaultInfinity: true })),
    removeBackground: opt(fc.boolean()),
    keypointThreshold: opt(num(0, 1)),
  })
  .map(({ thresholds, minMax, ...rest }) => ({
    ...rest,
    lowThreshold: thresholds?.[0],
    highThreshold: thresholds?.[1],
    minThreshold: minMax?.[0],
    maxThreshold: minMax?.[1],
  }));

const hex = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: length, maxLength: length })
    .map((c) => `#${c.join('')}`);
const removeBackground = fc
  .record({
    image,
    backgroundColor: opt(
      fc.oneof(
        fc.constant('transparent'),
        hex(3),
        hex(6),
        hex(8),
        fc.stringMatching(/^[a-zA-Z]{3,30}$/),
        fc.constantFrom('white', 'Black', 'rebeccapurple'),
      ),
    ),
    format: opt(fc.constantFrom('png', 'jpeg')),
  })
  .filter((p) => !(p.format === 'jpeg' && p.backgroundColor === 'transparent'));

const percent = opt(num(0, 100));
const upscale = fc
  .record(
    {
      image,
      // scalingFactor or targetWidth (documented 64–16 384; the emulator renders at most 8 192 px a side)
      scale: fc.oneof(
        fc.constant({}),
        num(1, 16).map((scalingFactor) => ({ scalingFactor })),
        fc.integer({ min: 64, max: 8192 }).map((targetWidth) => ({ targetWidth })),
      ),
      preset: opt(fc.constantFrom('precise', 'balanced', 'creative')),
      style: opt(fc.constantFrom('standard', '3d-rendered', 'anime', 'cartoon', 'comic', 'minimalist', 'photography')),
      creativity: percent,
      creativityDecay: percent,
      imageFidelity: percent,
      promptFidelity: percent,
      detailsLevel: opt(num(-50, 50)),
      fractality: percent,
      refinementSteps: opt(fc.integer({ min: 0, max: 100 })),
      styleImages: opt(fc.array(image, { maxLength: 10 })),
      styleImagesFidelity: percent,
      tileStyle: opt(fc.boolean()),
      imageType: opt(fc.constantFrom('seamfull', 'skybox', 'texture')),
      prompt: opt(text),
      negativePrompt: opt(text),
      overrideEmbeddings: opt(fc.boolean()),
      seed: opt(fc.integer({ min: 0, max: 2_147_483_647 })),
    },
    { requiredKeys: ['image', 'scale'] },
  )
  .map(({ scale, ...rest }) => ({ ...rest, ...scale }));

const cases = {
  img2img: { arb: img2img, schema: Img2ImgParamsSchema, route: 'img2img' },
  controlnet: { arb: controlnet, schema: ControlNetParamsSchema, route: 'controlnet' },
  detect: { arb: detect, schema: DetectParamsSchema, route: 'detect' },
  removeBackground: { arb: removeBackground, schema: RemoveBackgroundParamsSchema, route: 'remove-background' },
  upscale: { arb: upscale, schema: UpscaleParamsSchema, route: 'upscale' },
} as const;

type Resource = keyof typeof cases;
const call = (resource: Resource, method: 'estimate' | 'create', params: unknown) =>
  (client[resource][method] as (p: unknown) => Promise<unknown>)(params);

/** Without undefined fields, as a caller would write them. */
const defined = (params: object) => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));

describe('valid params reach the emulator and pass its validation', () => {
  for (const [resource, { arb, schema, route }] of Object.entries(cases) as [Resource, (typeof cases)[Resource]][]) {
    test(`${resource}.estimate`, async () => {
      const before = emulator.state.counters.jobsCreated;
      await fc.assert(
        fc.asyncProperty(arb.map(defined), async (params) => {
          counts.set(`${resource}.estimate`, (counts.get(`${resource}.estimate`) ?? 0) + 1);
          expect(schema.safeParse(params).success).toBe(true); // generated within the schema
          requests.length = 0;
          const quote = (await call(resource, 'estimate', params)) as { creativeUnitsCost: number };
          expect(quote.creativeUnitsCost).toBeGreaterThanOrEqual(0);
          const [request, ...more] = requests;
          expect(more).toEqual([]);
          expect(request?.method).toBe('POST');
          expect(request?.path).toMatch(new RegExp(`^/v1/generate/${route}(-img2img)?\\?dryRun=true$`));
          expect(request?.status).toBe(269);
        }),
        { numRuns: RUNS },
      );
      expect(emulator.state.counters.jobsCreated).toBe(before);
    });

    test(`${resource}.create (fewer runs, small outputs)`, async () => {
      // Real submissions render their outputs, so keep them small: one sample at the reference's size, 2× upscale.
      const small = arb.map((p) => {
        const {
          numSamples: _n,
          width: _w,
          height: _h,
          targetWidth: _t,
          scalingFactor: _s,
          ...rest
        } = p as Record<string, unknown>;
        return defined(rest);
      });
      await fc.assert(
        fc.asyncProperty(small, async (params) => {
          counts.set(`${resource}.create`, (counts.get(`${resource}.create`) ?? 0) + 1);
          const before = emulator.state.counters.jobsCreated;
          requests.length = 0;
          const job = (await call(resource, 'create', params)) as { id: string };
          expect(job.id).toMatch(/^job_/);
          expect(requests.at(-1)?.status).toBe(200);
          expect(emulator.state.counters.jobsCreated).toBe(before + 1);
        }),
        { numRuns: CREATE_RUNS },
      );
    });
  }
});
