/**
 * Style Images, inpaint and txt2img at scale. Generated valid params reach the wire on the route
 * their params call for, with a body that (a) uses only fields the swagger lists for that route,
 * carries the ones it requires, and (b) passes the SDK's body schema of the route; style images
 * and their scales travel together, one per image. Generated invalid params (each field broken,
 * the cross-field rules, a mask of another size) are refused with `InvalidRequestError` before
 * any request.
 *
 * Rerun: `npx vitest run test/property/generation-style-inpaint.test.ts` (prints the counts).
 */
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { safeParse } from '../../src/core/validate.js';
import { Scenario } from '../../src/index.js';
import {
  ControlNetBodySchema,
  ControlNetInpaintBodySchema,
  ControlNetInpaintIpAdapterBodySchema,
  ControlNetIpAdapterBodySchema,
  ControlNetParamsSchema,
  ControlNetTextureBodySchema,
  Img2ImgBodySchema,
  Img2ImgIpAdapterBodySchema,
  Img2ImgParamsSchema,
  Img2ImgTextureBodySchema,
  InpaintBodySchema,
  InpaintIpAdapterBodySchema,
  InpaintParamsSchema,
  SchedulerSchema,
  Txt2ImgBodySchema,
  Txt2ImgIpAdapterBodySchema,
  Txt2ImgParamsSchema,
  Txt2ImgTextureBodySchema,
} from '../../src/schemas.js';
import { REQUEST_CONTRACTS } from '../../src/testing/spec/request-contracts.js';
import { inputTally, invalidParams, offlineClient, PNG, refusalTests } from './arbitraries.js';

const RUNS = 150;
const count = inputTally('Style/inpaint/txt2img inputs generated', 52);

/** The SDK's body schema of each route. */
const BODY_SCHEMAS: Record<string, z.core.$ZodType> = {
  txt2img: Txt2ImgBodySchema,
  'txt2img-ip-adapter': Txt2ImgIpAdapterBodySchema,
  img2img: Img2ImgBodySchema,
  'img2img-ip-adapter': Img2ImgIpAdapterBodySchema,
  controlnet: ControlNetBodySchema,
  'controlnet-img2img': ControlNetBodySchema,
  'controlnet-ip-adapter': ControlNetIpAdapterBodySchema,
  inpaint: InpaintBodySchema,
  'inpaint-ip-adapter': InpaintIpAdapterBodySchema,
  'controlnet-inpaint': ControlNetInpaintBodySchema,
  'controlnet-inpaint-ip-adapter': ControlNetInpaintIpAdapterBodySchema,
  'txt2img-texture': Txt2ImgTextureBodySchema,
  'img2img-texture': Img2ImgTextureBodySchema,
  'controlnet-texture': ControlNetTextureBodySchema,
};

// ---- A recording fake of the API: quotes every generation, stores uploads, answers an asset's size.

interface Sent {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}
const sent: Sent[] = [];
let uploads = 0;
/** Asset ids `asset_<w>x<h>` have that stored size. */
const sizeOfAsset = (id: string) => /^asset_(\d+)x(\d+)$/.exec(id)?.slice(1).map(Number);

const client = new Scenario({
  apiKey: 'k',
  apiSecret: 's',
  maxRetries: 0,
  logLevel: 'off',
  fetch: async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace('/v1', '');
    const text = request.method === 'GET' ? '' : await request.text();
    sent.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined });
    const asset = (id: string, properties = {}) => ({
      id,
      url: `https://cdn.test/${id}`,
      mimeType: 'image/png',
      kind: 'image',
      properties,
    });
    if (request.method === 'POST' && path === '/assets') return Response.json({ asset: asset(`asset_up${++uploads}`) });
    if (request.method === 'GET' && path.startsWith('/assets/')) {
      const id = decodeURIComponent(path.slice('/assets/'.length));
      const [width, height] = sizeOfAsset(id) ?? [];
      return Response.json({ asset: asset(id, width ? { width, height } : {}) });
    }
    if (path.startsWith('/generate/')) return Response.json({ creativeUnitsCost: 1, job: {} }, { status: 269 });
    return Response.json({ reason: 'unexpected' }, { status: 500 });
  },
});

// ---- Images: a few real ones per size, so that masks can match (or not) their image.

const SIZES = [
  [16, 16],
  [24, 16],
  [16, 24],
] as const;
type Size = (typeof SIZES)[number];
const FORMATS = ['png', 'jpeg', 'webp'] as const;
const pool = new Map<string, Uint8Array>();
const key = ([width, height]: Size, format: string) => `${width}x${height}.${format}`;
beforeAll(async () => {
  for (const size of SIZES) {
    for (const format of FORMATS) {
      const image = sharp({ create: { width: size[0], height: size[1], channels: 3, background: 'gray' } });
      pool.set(key(size, format), new Uint8Array(await image.toFormat(format).toBuffer()));
    }
  }
});

/** An image input of `size`, in any of its forms: bytes, Blob, data URL, or an asset id of that stored size. */
const imageOf = (size: Size) =>
  fc.tuple(fc.constantFrom('bytes', 'blob', 'dataUrl', 'asset'), fc.constantFrom(...FORMATS)).map(([kind, format]) => {
    const bytes = pool.get(key(size, format)) as Uint8Array;
    if (kind === 'asset') return `asset_${size[0]}x${size[1]}`;
    if (kind === 'blob') return new Blob([bytes.slice()]);
    if (kind === 'dataUrl') return `data:image/${format};base64,${Buffer.from(bytes).toString('base64')}`;
    return bytes;
  });
const anyImage = fc.constantFrom(...SIZES).chain(imageOf);

// ---- Valid params.

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const text = fc.string({ maxLength: 20 });
const dimension = fc.integer({ min: 8, max: 256 }).map((n) => n * 8);

const generationBase = fc.record(
  {
    modelId: fc.constantFrom('flux.1-dev', 'stable-diffusion-xl-base-1.0', 'model_knight'),
    prompt: text.filter((value) => value.trim() !== ''),
    negativePrompt: opt(text),
    negativePromptStrength: opt(fc.double({ min: 0, max: 10, noNaN: true })),
    numSamples: opt(fc.integer({ min: 1, max: 128 })),
    guidance: opt(fc.double({ min: 0, max: 20, noNaN: true })),
    numInferenceSteps: opt(fc.integer({ min: 1, max: 150 })),
    width: opt(dimension),
    height: opt(dimension),
    seed: opt(fc.integer({ min: 0, max: 2_147_483_647 })),
    scheduler: opt(fc.constantFrom(...SchedulerSchema.options)),
    hideResults: opt(fc.boolean()),
    intermediateImages: opt(fc.boolean()),
    concepts: opt(
      fc.array(fc.record({ modelId: fc.constant('model_lora'), scale: fc.double({ min: -2, max: 2, noNaN: true }) }), {
        maxLength: 2,
      }),
    ),
    modelEpoch: opt(fc.constant('000001')),
    baseModelId: opt(fc.constant('flux.1-dev')),
  },
  { requiredKeys: ['modelId', 'prompt'] },
);

/** No style images, or one or several with no scale, one scale, or one per image, and maybe a type. */
const style = fc.oneof(
  fc.constant({}),
  fc
    .oneof(
      anyImage.map((image) => ({ styleImages: image as unknown, n: 1 })),
      fc
        .array(anyImage, { minLength: 1, maxLength: 4 })
        .map((images) => ({ styleImages: images as unknown, n: images.length })),
    )
    .chain(({ styleImages, n }) =>
      fc.record(
        {
          styleImages: fc.constant(styleImages),
          styleScale: opt(fc.oneof(unit, fc.array(unit, { minLength: n, maxLength: n }))),
          styleType: opt(fc.constantFrom('style', 'character')),
        },
        { requiredKeys: ['styleImages'] },
      ),
    ),
);

const influenceOrStrength = fc.oneof(
  fc.constant({}),
  fc.double({ min: 0, max: 100, noNaN: true }).map((influence) => ({ influence })),
  fc.double({ min: 0.01, max: 1, noNaN: true }).map((strength) => ({ strength })),
);
const sourceImage = fc.record(
  { image: anyImage, imageParentId: opt(fc.constant('asset_parent')), imageHide: opt(fc.boolean()) },
  { requiredKeys: ['image'] },
);
const modality = fc.constantFrom('canny', 'pose', 'depth:0.5,pose:1', 'character:0.5');
const controlTuning = fc.record({
  disableModalityDetection: opt(fc.boolean()),
  controlStart: opt(unit),
  controlEnd: opt(unit),
});

/** Style images, or `seamless` (either value) without them: the -texture routes take no style images. */
const styleOrSeamless = fc.oneof(
  style,
  fc.boolean().map((seamless) => ({ seamless })),
);

const txt2img = fc
  .tuple(generationBase, opt(fc.constantFrom('1:1', '16:9', '9:21')), styleOrSeamless)
  .map(([base, aspectRatio, s]) => ({ ...base, ...('seamless' in s && s.seamless ? {} : { aspectRatio }), ...s }));
const img2img = fc
  .tuple(generationBase, sourceImage, influenceOrStrength, styleOrSeamless)
  .map((parts) => Object.assign({}, ...parts));
const controlnet = fc.tuple(generationBase, sourceImage, modality, controlTuning).chain(([base, source, m, tuning]) =>
  fc
    .oneof(
      styleOrSeamless, // a control map, maybe styled or seamless
      fc.tuple(anyImage, influenceOrStrength).map(([controlImage, s]) => ({ controlImage, ...s })), // on an init image
    )
    .map((variant) => ({ ...base, ...source, modality: m, ...tuning, ...variant })),
);
const inpaint = fc
  .tuple(generationBase, fc.constantFrom(...SIZES), influenceOrStrength, opt(fc.boolean()), style)
  .chain(([base, size, strength, disableMerging, s]) =>
    fc
      .record({
        image: imageOf(size),
        mask: imageOf(size),
        imageParentId: opt(fc.constant('asset_parent')),
        imageHide: opt(fc.boolean()),
        control: fc.oneof(
          fc.constant({}),
          fc
            .tuple(modality, anyImage, controlTuning)
            // The ControlNet + style route takes no control tuning.
            .map(([m, controlImage, tuning]) => ({ modality: m, controlImage, ...('styleImages' in s ? {} : tuning) })),
        ),
      })
      .map(({ control, ...images }) => ({ ...base, ...images, ...control, ...strength, disableMerging, ...s })),
  );

/** The route the params call for. */
function expectedRoute(resource: string, params: Record<string, unknown>): string {
  const styled = params.styleImages !== undefined ? '-ip-adapter' : params.seamless === true ? '-texture' : '';
  if (resource === 'controlnet' && params.controlImage !== undefined) return 'controlnet-img2img';
  if (resource === 'inpaint' && params.modality !== undefined) return `controlnet-inpaint${styled}`;
  return `${resource}${styled}`;
}

/** Without undefined fields, as a caller would write them. */
const defined = (params: object) =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Record<string, unknown>;

const cases = { txt2img, img2img, controlnet, inpaint } as const;
type Resource = keyof typeof cases;
const estimate = (resource: Resource, params: unknown) =>
  (client[resource].estimate as (p: unknown) => Promise<unknown>)(params);

describe('valid params: the route they call for, a body the swagger and the SDK schema accept', () => {
  for (const [resource, arb] of Object.entries(cases) as [Resource, fc.Arbitrary<object>][]) {
    test(`${resource}.estimate`, async () => {
      await fc.assert(
        fc.asyncProperty(arb.map(defined), async (params) => {
          count(`${resource} (valid)`);
          sent.length = 0;
          await estimate(resource, params);
          const generations = sent.filter((request) => request.path.startsWith('/generate/'));
          expect(generations).toHaveLength(1);
          const [{ path, body = {} }] = generations as [Sent];
          const route = expectedRoute(resource, params);
          expect(path).toBe(`/generate/${route}`);

          // The swagger's fields, as the emulator's generated request contracts hold them (with the
          // ControlNet fields its controlnet-inpaint-ip-adapter schema leaves out, `modality` among them).
          const swagger = REQUEST_CONTRACTS[`POST /generate/${route}`];
          const allowed = new Set(Object.keys(swagger?.body ?? {}));
          expect(Object.keys(body).filter((field) => !allowed.has(field))).toEqual([]);
          for (const field of swagger?.required ?? []) expect(body).toHaveProperty(field);
          const schema = BODY_SCHEMAS[route] as z.core.$ZodType;
          expect(safeParse(schema, body).error?.issues).toBeUndefined();

          // Style images travel in one field, scales paired by position.
          const { styleImages, styleScale, styleType } = params;
          const given = styleImages === undefined ? [] : Array.isArray(styleImages) ? styleImages : [styleImages];
          const images = (body.ipAdapterImages ?? body.ipAdapterImageIds) as string[] | undefined;
          expect('ipAdapterImages' in body && 'ipAdapterImageIds' in body).toBe(false);
          expect(images?.length ?? 0).toBe(given.length);
          if (styleScale !== undefined) expect(body.ipAdapterScales).toHaveLength(given.length);
          expect(body.ipAdapterType).toBe(styleType);

          // Every image was sent as a data URL or an asset id, never a path or raw bytes.
          for (const field of ['image', 'mask', 'maskId', 'controlImage', 'controlImageId']) {
            if (body[field] !== undefined) expect(body[field]).toMatch(/^(asset_|data:image\/)/);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});

// ---- Invalid params: refused before any request.

const { client: offline, seen } = offlineClient();
const refusesAll = refusalTests(seen, count, RUNS);

const prompt = { modelId: 'flux.1-dev', prompt: 'a knight' };
const badScale = fc.oneof(
  fc.double({ min: 1, noNaN: true, minExcluded: true }),
  // fast-check's doubles below 0 include -0, which is within 0–1.
  fc.double({ max: 0, noNaN: true, maxExcluded: true }).filter((scale) => scale < 0),
);
/** Style params that break one rule, given the rest of a valid call. */
const badStyle = fc.oneof(
  // scales: a count other than one per image, or one outside 0–1
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 6 }))
    .filter(([images, scales]) => images !== scales)
    .map(([images, scales]) => ({
      styleImages: Array.from({ length: images }, () => PNG),
      styleScale: Array.from({ length: scales }, () => 0.5),
    })),
  badScale.map((styleScale) => ({ styleImages: PNG, styleScale })),
  fc.tuple(badScale, unit).map(([bad, good]) => ({ styleImages: [PNG, PNG], styleScale: [good, bad] })),
  // a type other than the two
  fc
    .string({ maxLength: 10 })
    .filter((type) => type !== 'style' && type !== 'character')
    .map((styleType) => ({ styleImages: PNG, styleType })),
  // scale or type without images
  fc.oneof(
    unit.map((styleScale) => ({ styleScale })),
    fc.constantFrom('style', 'character').map((styleType) => ({ styleType })),
  ),
  // no image at all in the list
  fc.constant({ styleImages: [] }),
);
const badSize = fc.oneof(
  fc.integer({ min: -100, max: 4096 }).filter((n) => n % 8 !== 0 || n < 64 || n > 2048),
  fc.double({ min: 64, max: 2048, noNaN: true }).filter((n) => !Number.isInteger(n)),
);

const invalid: Record<Resource, fc.Arbitrary<unknown>> = {
  txt2img: invalidParams(Txt2ImgParamsSchema, prompt, [
    badStyle.map((s) => ({ ...prompt, ...s })),
    fc.tuple(fc.constantFrom('width', 'height'), badSize).map(([field, value]) => ({ ...prompt, [field]: value })),
    // seamless: no -texture route takes style images or an aspect ratio
    fc
      .constantFrom({ styleImages: PNG }, { aspectRatio: '16:9' })
      .map((extra) => ({ ...prompt, seamless: true, ...extra })),
  ]),
  img2img: badStyle.map((s) => ({ ...prompt, image: PNG, ...s })),
  controlnet: fc.oneof(
    badStyle.map((s) => ({ ...prompt, modality: 'pose', image: PNG, ...s })),
    // style images with ControlNet on an init image: no route takes both
    fc.constant({ ...prompt, modality: 'pose', image: PNG, controlImage: PNG, styleImages: PNG }),
    // seamless with an init image or style images: no -texture route for either
    fc
      .constantFrom({ controlImage: PNG }, { styleImages: PNG })
      .map((extra) => ({ ...prompt, modality: 'pose', image: PNG, seamless: true, ...extra })),
  ),
  inpaint: fc.oneof(
    invalidParams(InpaintParamsSchema, { ...prompt, image: PNG, mask: PNG }),
    badStyle.map((s) => ({ ...prompt, image: PNG, mask: PNG, ...s })),
    // modality without controlImage, or the reverse
    fc
      .constantFrom({ modality: 'pose' }, { controlImage: PNG })
      .map((half) => ({ ...prompt, image: PNG, mask: PNG, ...half })),
    // control tuning without a control image, or with style images on the ControlNet route
    fc
      .tuple(fc.constantFrom('disableModalityDetection', 'controlStart', 'controlEnd'), fc.boolean())
      .map(([field, styled]) => ({
        ...prompt,
        image: PNG,
        mask: PNG,
        [field]: field === 'disableModalityDetection' ? true : 0.5,
        ...(styled ? { modality: 'pose', controlImage: PNG, styleImages: PNG } : {}),
      })),
  ),
};

describe('invalid params: InvalidRequestError, no request', () => {
  for (const [resource, inputs] of Object.entries(invalid) as [Resource, fc.Arbitrary<unknown>][]) {
    for (const method of ['create', 'estimate'] as const) {
      refusesAll(`${resource}.${method}`, inputs, (input) =>
        (offline[resource][method] as (p: unknown) => Promise<unknown>)(input),
      );
    }
  }

  test('the other params schemas carry the style fields the invalid-input walk covers', () => {
    for (const schema of [Img2ImgParamsSchema, ControlNetParamsSchema]) {
      expect(Object.keys(schema._zod.def.shape)).toEqual(
        expect.arrayContaining(['styleImages', 'styleScale', 'styleType']),
      );
    }
  });

  refusesAll(
    'inpaint: a mask of another size than its local image',
    fc
      .tuple(
        fc.constantFrom(...SIZES),
        fc.constantFrom(...SIZES),
        fc.constantFrom(...FORMATS),
        fc.constantFrom(...FORMATS),
      )
      .filter(([imageSize, maskSize]) => imageSize !== maskSize)
      .chain(([imageSize, maskSize, imageFormat, maskFormat]) =>
        fc.record({
          image: fc.constant(pool.get(key(imageSize, imageFormat))),
          mask: fc.constant(pool.get(key(maskSize, maskFormat))),
        }),
      )
      .map((images) => ({ ...prompt, ...images })),
    (input) => offline.inpaint.estimate(input as never),
  );
});
