import { HttpResponse, http } from 'msw';
import { describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { safeParse } from '../../src/core/validate.js';
import { ResponseValidationError, type Scenario } from '../../src/index.js';
import { JobActionResponseSchema } from '../../src/schemas/job.js';
import {
  AssetEnvelopeSchema,
  AssetListResponseSchema,
  DryRunResponseSchema,
  GenerationSubmitResponseSchema,
  JobEnvelopeSchema,
  JobListResponseSchema,
  ModelEnvelopeSchema,
  ModelListResponseSchema,
  TrainingImageEnvelopeSchema,
  TrainingImagePairsResponseSchema,
  TrainResponseSchema,
  UploadEnvelopeSchema,
} from '../../src/schemas.js';
import { PNG } from '../helpers/images.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import { responseSchema, type Sample, samples } from '../helpers/swagger.js';

const server = useMockServer();

/** A public call that reads the answer, for the answers it is practical to serve through msw. */
type Call = (client: Scenario) => Promise<unknown>;

const image = 'asset_in';
const flux = { modelId: 'flux.1-dev', prompt: 'p' };

/** A resource's create and estimate of the same params, as calls. */
interface Submitter<P> {
  create(params: P): Promise<unknown>;
  estimate(params: P): Promise<unknown>;
}
const typed = <P>(path: string, resource: (client: Scenario) => Submitter<P>, params: P) => ({
  path,
  create: (client: Scenario) => resource(client).create(params),
  estimate: (client: Scenario) => resource(client).estimate(params),
});

/** The generations the SDK submits, and params that land on each route. */
const GENERATIONS = [
  typed('txt2img', (c) => c.txt2img, flux),
  typed('txt2img-ip-adapter', (c) => c.txt2img, { ...flux, styleImages: [image] }),
  typed('img2img', (c) => c.img2img, { ...flux, image }),
  typed('img2img-ip-adapter', (c) => c.img2img, { ...flux, image, styleImages: [image] }),
  typed('inpaint', (c) => c.inpaint, { ...flux, image, mask: 'asset_mask' }),
  typed('inpaint-ip-adapter', (c) => c.inpaint, { ...flux, image, mask: 'asset_mask', styleImages: [image] }),
  typed('controlnet', (c) => c.controlnet, { ...flux, image, modality: 'canny' }),
  typed('controlnet-img2img', (c) => c.controlnet, { ...flux, image, controlImage: image, modality: 'canny' }),
  typed('controlnet-ip-adapter', (c) => c.controlnet, { ...flux, image, modality: 'canny', styleImages: [image] }),
  typed('detect', (c) => c.detect, { image, modality: 'canny' }),
  typed('remove-background', (c) => c.removeBackground, { image }),
  typed('upscale', (c) => c.upscale, { image, scalingFactor: 2 }),
  typed(
    'custom/{modelId}',
    (c): Submitter<Record<string, unknown>> => ({
      create: (inputs) => c.custom.create('model_x', inputs),
      estimate: (inputs) => c.custom.estimate('model_x', inputs),
    }),
    { prompt: 'p' },
  ),
];

/** Routes the SDK also submits to, whose answers are read as those above (no public call lands there alone). */
const ALSO_SUBMITTED = ['controlnet-inpaint', 'controlnet-inpaint-ip-adapter'];

interface Read {
  operation: string;
  status: string;
  /** The schema the SDK parses the answer with. */
  schema: z.core.$ZodType;
  /** A public call reading it, where one can be served the answer alone. */
  call?: Call;
}

/** Every answer the SDK reads. */
const READS: Read[] = [
  { operation: 'GET /assets', status: '200', schema: AssetListResponseSchema, call: (c) => c.assets.list() },
  { operation: 'POST /assets', status: '200', schema: AssetEnvelopeSchema, call: (c) => c.assets.upload(PNG) },
  {
    operation: 'POST /assets/get-bulk',
    status: '200',
    schema: AssetListResponseSchema,
    call: (c) => c.assets.getMany(['asset_a']),
  },
  { operation: 'GET /assets/{assetId}', status: '200', schema: AssetEnvelopeSchema, call: (c) => c.assets.get('a') },
  { operation: 'GET /jobs', status: '200', schema: JobListResponseSchema, call: (c) => c.jobs.list() },
  { operation: 'GET /jobs/{jobId}', status: '200', schema: JobEnvelopeSchema, call: (c) => c.jobs.get('job_a') },
  {
    operation: 'POST /jobs/{jobId}/action',
    status: '200',
    schema: JobActionResponseSchema,
    call: (c) => c.jobs.cancel('job_a'),
  },
  { operation: 'GET /models', status: '200', schema: ModelListResponseSchema, call: (c) => c.models.list() },
  { operation: 'GET /models/{modelId}', status: '200', schema: ModelEnvelopeSchema, call: (c) => c.models.get('m') },
  // Training: the steps that read an answer alone (startTraining reads the model first: parsed alone).
  {
    operation: 'POST /models',
    status: '200',
    schema: ModelEnvelopeSchema,
    call: (c) => c.models.create({ name: 'x' }),
  },
  {
    operation: 'PUT /models/{modelId}',
    status: '200',
    schema: ModelEnvelopeSchema,
    call: (c) => c.models.update('m', { name: 'x' }),
  },
  {
    operation: 'POST /models/{modelId}/training-images',
    status: '200',
    schema: TrainingImageEnvelopeSchema,
    call: (c) => c.models.trainingImages.add('m', { images: [PNG] }),
  },
  {
    operation: 'PUT /models/{modelId}/training-images/{trainingImageId}',
    status: '200',
    schema: TrainingImageEnvelopeSchema,
    call: (c) => c.models.trainingImages.replace('m', 'asset_t', PNG),
  },
  {
    operation: 'PUT /models/{modelId}/training-images/pairs',
    status: '200',
    schema: TrainingImagePairsResponseSchema,
    call: (c) =>
      c.models.trainingImages.setPairs('m', [{ sourceId: 'asset_a', targetId: 'asset_b', instruction: 'i' }]),
  },
  { operation: 'PUT /models/{modelId}/train', status: '200', schema: TrainResponseSchema },
  {
    operation: 'POST /models/{modelId}/train/action',
    status: '200',
    schema: ModelEnvelopeSchema,
    call: (c) => c.models.cancelTraining('m'),
  },
  // The multipart upload flow reads these between part uploads: parsed alone.
  { operation: 'POST /uploads', status: '200', schema: UploadEnvelopeSchema },
  { operation: 'GET /uploads/{uploadId}', status: '200', schema: UploadEnvelopeSchema },
  { operation: 'POST /uploads/{uploadId}/action', status: '200', schema: UploadEnvelopeSchema },
  ...GENERATIONS.flatMap(({ path, create, estimate }) => [
    { operation: `POST /generate/${path}`, status: '200', schema: GenerationSubmitResponseSchema, call: create },
    ...(path.startsWith('custom')
      ? []
      : [{ operation: `POST /generate/${path}`, status: '269', schema: DryRunResponseSchema, call: estimate }]),
  ]),
  ...ALSO_SUBMITTED.flatMap((path) => [
    { operation: `POST /generate/${path}`, status: '200', schema: GenerationSubmitResponseSchema },
    { operation: `POST /generate/${path}`, status: '269', schema: DryRunResponseSchema },
  ]),
];

const generated = READS.map((read) => ({ ...read, samples: samples(responseSchema(read.operation, read.status)) }));
const total = generated.reduce((sum, { samples: all }) => sum + all.length, 0);

/** A submission answer without a job id: the SDK cannot follow the job, and says so (tested below). */
const namesNoJob = (read: Read, sample: Sample) =>
  read.schema === GenerationSubmitResponseSchema &&
  typeof (sample.body as { job?: { jobId?: unknown } | null }).job?.jobId !== 'string';

/** Answers by sample id: msw serves each call the sample its client names in `x-sample`. */
const answers = new Map<string, { body: unknown; status: number }>();
const serveAnswers = () =>
  server.use(
    http.all(`${API}/*`, ({ request }) => {
      const answer = answers.get(request.headers.get('x-sample') ?? '') ?? { body: {}, status: 500 };
      // Quoting a generation with image files uploads them first: that answer is a plain asset.
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/assets' && answer.status === 269) {
        return HttpResponse.json({ asset: { id: 'asset_up', url: 'u', mimeType: 'image/png', kind: 'image' } });
      }
      return HttpResponse.json(answer.body as object, { status: answer.status });
    }),
  );

/** Runs `call` against each sample, many at once, each with its own client; resolves to what each call ended with. */
async function callWithEach(runs: { read: Read; sample: Sample }[]): Promise<unknown[]> {
  serveAnswers();
  const outcomes: unknown[] = [];
  for (let start = 0; start < runs.length; start += 64) {
    const batch = runs.slice(start, start + 64).map(({ read, sample }, index) => {
      const id = String(start + index);
      answers.set(id, { body: sample.body, status: Number(read.status) });
      const client = testClient({ maxRetries: 0, defaultHeaders: { 'x-sample': id } });
      return (read.call as Call)(client).catch((error: unknown) => error);
    });
    outcomes.push(...(await Promise.all(batch)));
  }
  return outcomes;
}

describe('spec-valid answers generated from the swagger (spec/)', () => {
  test(`the SDK's schemas read all ${total} of them, but for submissions that name no job`, () => {
    const rejected = generated.flatMap((read) =>
      read.samples
        .filter((sample) => !namesNoJob(read, sample) && !safeParse(read.schema, sample.body).success)
        .map((sample) => `${read.operation} ${read.status} ${sample.name}`),
    );
    expect(rejected).toEqual([]);
    expect(total).toBeGreaterThan(5000);
  });

  test('through the public API, with msw answering: the full, minimal and each null-field answer read', async () => {
    // One public call per schema (the typed generations' answers are alike); nulls are what a wait meets most.
    const schemas = new Set<z.core.$ZodType>();
    const runs = generated
      .filter((read) => read.call && !schemas.has(read.schema) && Boolean(schemas.add(read.schema)))
      .flatMap((read) =>
        read.samples
          .filter((sample) => !namesNoJob(read, sample))
          .filter((sample) => ['full', 'minimal'].includes(sample.name) || sample.name.endsWith(': null'))
          .map((sample) => ({ read, sample })),
      );
    const outcomes = await callWithEach(runs);
    const failures = outcomes.flatMap((outcome, index) =>
      outcome instanceof ResponseValidationError
        ? [`${runs[index]?.read.operation} ${runs[index]?.sample.name}: ${outcome.message}`]
        : [],
    );
    expect(failures).toEqual([]);
    expect(runs.length).toBeGreaterThan(500);
  });

  test('a submission answered without a job id says it was accepted and how to find the job', async () => {
    const runs = generated.flatMap((read) =>
      read.call ? read.samples.filter((sample) => namesNoJob(read, sample)).map((sample) => ({ read, sample })) : [],
    );
    // The swagger does not require `job` in the answer of POST /generate/upscale (and of routes the SDK does not call yet).
    expect(runs.map(({ read, sample }) => `${read.operation} ${sample.name}`)).toEqual([
      'POST /generate/upscale minimal',
      'POST /generate/upscale without job',
      'POST /generate/upscale job: null',
    ]);
    for (const [index, error] of (await callWithEach(runs)).entries()) {
      expect(error).toBeInstanceOf(ResponseValidationError);
      const { message, body } = error as ResponseValidationError;
      expect(message).toContain('the request was accepted, but no job id came back');
      expect(message).toContain('client.jobs.list() (newest first)');
      expect(body).toEqual(runs[index]?.sample.body);
    }
  });
});
