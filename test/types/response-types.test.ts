import { describe, expect, expectTypeOf, test } from 'vitest';
import * as z from 'zod/mini';
import {
  type Asset,
  type AssetMetadata,
  type AssetProperties,
  type CostEstimate,
  type GenerationResult,
  type GenerationSubmitResponse,
  type Job,
  type JobMetadata,
  type JobStatus,
  type Model,
  type ModelInput,
  type Upload,
  withUnknownFields,
} from '../../src/index.js';
import {
  AssetSchema,
  CostEstimateSchema,
  GenerationResultSchema,
  GenerationSubmitResponseSchema,
  JobSchema,
  ModelSchema,
  type UploadPart,
  UploadSchema,
} from '../../src/schemas.js';

// Every `@ts-expect-error` below is checked by `tsc --noEmit -p .`; editor-display.test.ts removes
// them and checks that each line then fails for the reason it names.

const wireJob = {
  jobId: 'job_1',
  jobType: 'img2img',
  status: 'success',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:01Z',
  futureJobField: 'kept',
  metadata: { assetIds: ['asset_1'], futureMetadataField: 7 },
};
const wireAsset = {
  id: 'asset_1',
  url: 'https://cdn.example.com/a.png',
  mimeType: 'image/png',
  kind: 'image',
  futureAssetField: { nested: true },
  metadata: { kind: 'image', type: 'inference-img2img', futureMetadataField: 'x' },
};
const wireModel = { id: 'model_1', inputs: [{ name: 'prompt', type: 'string', futureInputField: 1 }] };

const job = JobSchema.parse(wireJob);
const asset = AssetSchema.parse(wireAsset);
const model = ModelSchema.parse(wireModel);
const upload = UploadSchema.parse({ id: 'upload_1', status: 'pending', parts: [{ number: 1, url: 'https://s3' }] });
const result = GenerationResultSchema.parse({ job: wireJob, assets: [wireAsset] });
const submitted = GenerationSubmitResponseSchema.parse({ job: wireJob, creativeUnitsCost: 5 });
const estimate = CostEstimateSchema.parse({ creativeUnitsCost: 5 });

describe('response types name only the known fields', () => {
  test('a misspelt field does not compile, at any depth', () => {
    // @ts-expect-error: Property 'ulr' does not exist on type 'Asset'.
    expect(asset.ulr).toBeUndefined();
    // @ts-expect-error: Property 'statuss' does not exist on type 'Job'.
    expect(job.statuss).toBeUndefined();
    // @ts-expect-error: Property 'foo' does not exist on type 'Asset'.
    expect(result.assets[0]?.foo).toBeUndefined();
    // @ts-expect-error: Property 'inputz' does not exist on type 'Model'.
    expect(model.inputz).toBeUndefined();
    // @ts-expect-error: Property 'assetIdz' does not exist on type 'JobMetadata'.
    expect(job.metadata.assetIdz).toBeUndefined();
    // @ts-expect-error: Property 'promt' does not exist on type 'AssetMetadata'.
    expect(asset.metadata.promt).toBeUndefined();
    // @ts-expect-error: Property 'sise' does not exist on type 'AssetProperties'.
    expect(asset.properties.sise).toBeUndefined();
    // @ts-expect-error: Property 'nmae' does not exist on type 'ModelInput'.
    expect(model.inputs?.[0]?.nmae).toBeUndefined();
    // @ts-expect-error: Property 'urll' does not exist on type 'UploadPart'.
    expect(upload.parts?.[0]?.urll).toBeUndefined();
    // @ts-expect-error: Property 'creditCost' does not exist on type 'GenerationSubmitResponse'.
    expect(submitted.creditCost).toBeUndefined();
    // @ts-expect-error: Property 'cost' does not exist on type 'CostEstimate'.
    expect(estimate.cost).toBeUndefined();
  });

  test('an object literal with an unknown field is refused, naming the type', () => {
    // @ts-expect-error: Object literal may only specify known properties, and 'ulr' does not exist in type 'Asset'.
    const literal: Asset = { ...asset, ulr: 'https://cdn.example.com/a.png' };
    expect(literal.id).toBe('asset_1');
  });

  test('no response type has an index signature', () => {
    expectTypeOf<string>().not.toExtend<keyof Asset>();
    expectTypeOf<string>().not.toExtend<keyof AssetMetadata>();
    expectTypeOf<string>().not.toExtend<keyof AssetProperties>();
    expectTypeOf<string>().not.toExtend<keyof Job>();
    expectTypeOf<string>().not.toExtend<keyof JobMetadata>();
    expectTypeOf<string>().not.toExtend<keyof Model>();
    expectTypeOf<string>().not.toExtend<keyof ModelInput>();
    expectTypeOf<string>().not.toExtend<keyof Upload>();
    expectTypeOf<string>().not.toExtend<keyof UploadPart>();
    expectTypeOf<string>().not.toExtend<keyof GenerationResult>();
    expectTypeOf<string>().not.toExtend<keyof GenerationSubmitResponse>();
    expectTypeOf<string>().not.toExtend<keyof CostEstimate>();
  });

  test('they still fit where any record is expected', () => {
    expectTypeOf<Asset>().toExtend<Record<string, unknown>>();
    expectTypeOf<Job>().toExtend<Record<string, unknown>>();
    expectTypeOf<GenerationResult>().toExtend<Record<string, unknown>>();
  });

  test('known fields have their types; defaulted ones are never optional', () => {
    expectTypeOf(asset.url).toEqualTypeOf<string>();
    expectTypeOf(asset.tags).toEqualTypeOf<string[]>();
    expectTypeOf(asset.metadata).toEqualTypeOf<AssetMetadata>();
    expectTypeOf(asset.properties).toEqualTypeOf<AssetProperties>();
    expectTypeOf(asset.metadata.seed).toEqualTypeOf<string | number | undefined>();
    expectTypeOf(asset.thumbnail).toEqualTypeOf<{ assetId?: string | undefined; url: string } | undefined>();
    expectTypeOf(job.progress).toEqualTypeOf<number>();
    expectTypeOf(job.metadata).toEqualTypeOf<JobMetadata>();
    expectTypeOf(job.metadata.assetIds).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(job.statusHistory).toEqualTypeOf<{ status: JobStatus; date: string }[]>();
    expectTypeOf(model.inputs).toEqualTypeOf<ModelInput[] | undefined>();
    expectTypeOf(result.job).toEqualTypeOf<Job>();
    expectTypeOf(result.assets).toEqualTypeOf<Asset[]>();
    expectTypeOf(submitted.asset).toEqualTypeOf<Asset | undefined>();
    expectTypeOf(estimate.creativeUnitsCost).toEqualTypeOf<number>();
  });

  test('each exported schema parses to its named type', () => {
    expectTypeOf<z.output<typeof AssetSchema>>().toEqualTypeOf<Asset>();
    expectTypeOf<z.output<typeof JobSchema>>().toEqualTypeOf<Job>();
    expectTypeOf<z.output<typeof ModelSchema>>().toEqualTypeOf<Model>();
    expectTypeOf<z.output<typeof UploadSchema>>().toEqualTypeOf<Upload>();
    expectTypeOf<z.output<typeof GenerationResultSchema>>().toEqualTypeOf<GenerationResult>();
    expectTypeOf<z.output<typeof GenerationSubmitResponseSchema>>().toEqualTypeOf<GenerationSubmitResponse>();
    expectTypeOf<z.output<typeof CostEstimateSchema>>().toEqualTypeOf<CostEstimate>();
    expectTypeOf(AssetSchema.parse).returns.toEqualTypeOf<Asset>();
    expectTypeOf(AssetSchema.shape.url).toEqualTypeOf<z.ZodMiniString<string>>();
  });

  test('the schemas still compose with zod/mini and keep unknown fields', () => {
    const Noted = z.extend(AssetSchema, { note: z.string() });
    const noted = Noted.parse({ ...wireAsset, note: 'hi' });
    expectTypeOf(noted.note).toEqualTypeOf<string>();
    expectTypeOf(noted.metadata).toEqualTypeOf<AssetMetadata>();
    expect(withUnknownFields(noted).futureAssetField).toEqual({ nested: true });
    expect(AssetSchema.safeParse({ ...wireAsset, url: 3 }).error?.issues[0]?.path).toEqual(['url']);
  });

  test('input types are untouched: defaults optional, unknown fields accepted', () => {
    type AssetInput = z.input<typeof AssetSchema>;
    expectTypeOf<AssetInput['tags']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf({ ...wireAsset, anything: 1 }).toExtend<AssetInput>();
    expectTypeOf(wireJob).toExtend<z.input<typeof JobSchema>>();
  });
});

describe('open enums', () => {
  test('a known value and an unknown string both fit, and stay distinguishable from string', () => {
    expectTypeOf<'success'>().toExtend<Job['status']>();
    expectTypeOf<'rendering-on-the-moon'>().toExtend<Job['status']>();
    expectTypeOf<'video'>().toExtend<Asset['kind']>();
    expectTypeOf<'imported'>().toExtend<Upload['status']>();
    // Not widened to `string`, which would lose completion of the known values.
    expectTypeOf<Job['status']>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<Job['status'], 'success' | 'failure'>>().toEqualTypeOf<'success' | 'failure'>();
    // @ts-expect-error: Type '3' is not assignable to type 'JobStatus'.
    const status: JobStatus = 3;
    expect(status).toBe(3);
  });
});

describe('unknown fields at run time', () => {
  test('are kept by the schemas and read through withUnknownFields, at every level', () => {
    expect(withUnknownFields(job).futureJobField).toBe('kept');
    expect(withUnknownFields(job.metadata).futureMetadataField).toBe(7);
    expect(withUnknownFields(asset).futureAssetField).toEqual({ nested: true });
    expect(withUnknownFields(asset.metadata).futureMetadataField).toBe('x');
    expect(withUnknownFields(model.inputs?.[0] ?? {}).futureInputField).toBe(1);
    expect(withUnknownFields(result.assets[0] ?? {}).futureAssetField).toEqual({ nested: true });
    expectTypeOf(withUnknownFields(asset).futureAssetField).toEqualTypeOf<unknown>();
    expectTypeOf(withUnknownFields(asset).url).toEqualTypeOf<string>();
    expect(withUnknownFields(asset)).toBe(asset);
  });

  test('new enum values are accepted', () => {
    const parsed = JobSchema.parse({ ...wireJob, status: 'rendering-on-the-moon' });
    expect(parsed.status).toBe('rendering-on-the-moon');
    expect(AssetSchema.parse({ ...wireAsset, kind: 'hologram' }).kind).toBe('hologram');
  });
});
