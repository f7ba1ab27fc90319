/**
 * The answers the live API sent, as kept in Scenario's own plug-in (test/fixtures/live/README.md),
 * served by msw to the SDK's public API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidRequestError, type Model, NotFoundError } from '../../src/index.js';
import { modelInputsSchema } from '../../src/schemas.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

const LIVE = join(import.meta.dirname, '..', 'fixtures', 'live', 'blender-plugin');
const read = (path: string) => JSON.parse(readFileSync(join(LIVE, path), 'utf8'));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.startsWith('model_') ? [join(dir, entry.name)] : [],
  );

/** The 25 `GET /models/{id}` records, by file. */
const RECORDS: [file: string, model: Model][] = [
  ...files(join(LIVE, 'models')),
  join(LIVE, 'patina-copper-512', 'model_record.json'),
].map((file) => [relative(LIVE, file), read(relative(LIVE, file)).model]);
const record = (id: string) => RECORDS.find(([, model]) => model.id === id)?.[1] as Model;

/** The recorded dry runs of `POST /generate/custom/{id}?dryRun=true`: body, status, reply. */
const DRY_RUNS: { case: string; target: string; status: number; reply: Record<string, unknown> }[] = read(
  'models/trained/contracts.json',
).dryRuns;

/** Serves `model` at `GET /models/{id}` and quotes every custom run of it; records the POSTed bodies. */
function serveModel(model: Model, quote: Record<string, unknown> = { creativeUnitsCost: 10.75 }) {
  const posted: unknown[] = [];
  server.use(
    http.get(`${API}/models/${model.id}`, () => HttpResponse.json({ model })),
    http.post(`${API}/generate/custom/${model.id}`, async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json(quote, { status: 269 });
    }),
  );
  return posted;
}

/** Quotes `inputs` for `modelId` with validation; the error, if refused. */
async function quote(modelId: string, inputs: Record<string, unknown>) {
  return testClient()
    .custom.estimate(modelId, inputs, { validate: true })
    .then(
      () => undefined,
      (error: unknown) => error as InvalidRequestError,
    );
}

describe('live model records (GET /models/{id})', () => {
  it('25 of them, each read whole by client.models.get, unknown fields kept', async () => {
    expect(RECORDS).toHaveLength(25);
    for (const [file, model] of RECORDS) {
      server.use(http.get(`${API}/models/${model.id}`, () => HttpResponse.json({ model })));
      expect(await testClient().models.get(model.id), file).toEqual(model);
    }
  });

  it("validate: true never refuses a model's own defaults (Patina's five maps, Seedance's -1, Flux's empty LoRA id)", () => {
    for (const [file, model] of RECORDS) {
      const schema = modelInputsSchema(model);
      for (const input of model.inputs ?? []) {
        if (input.default === undefined) continue;
        const issues = schema.safeParse({ [input.name]: input.default }).error?.issues ?? [];
        expect(
          issues.filter((issue) => issue.path[0] === input.name),
          `${file} ${input.name}`,
        ).toEqual([]);
      }
    }
  });

  it('a list page (GET /models) reads, its rows without inputs, trainingProgress: {} kept', async () => {
    const page = read('models_list_page1.json');
    server.use(http.get(`${API}/models`, () => HttpResponse.json(page)));
    const models = await testClient().models.list({ privacy: 'public', pageSize: 5 });
    expect(models.items.map((model) => model.id)).toEqual(page.models.map((model: Model) => model.id));
    expect(models.items.every((model) => model.inputs === undefined)).toBe(true);
    expect(models.nextPaginationToken).toBe(page.nextPaginationToken);
  });
});

describe('conditional requirements of live models, with validate: true', () => {
  it('Seedance 2.0: a last frame without a first one is refused before the POST, with the model’s message', async () => {
    const posted = serveModel(record('model_bytedance-seedance-2-0'));
    const error = await quote('model_bytedance-seedance-2-0', { prompt: 'a fox', lastFrameImage: 'asset_last' });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.issues).toEqual([
      { path: 'image', message: 'A first frame must be provided if a last frame is set.' },
    ]);
    expect(posted).toEqual([]);
    // Does not apply: no last frame, or both frames.
    expect(await quote('model_bytedance-seedance-2-0', { prompt: 'a fox', duration: -1 })).toBeUndefined();
    const both = { prompt: 'a fox', image: 'asset_first', lastFrameImage: 'asset_last' };
    expect(await quote('model_bytedance-seedance-2-0', both)).toBeUndefined();
    expect(posted).toEqual([{ prompt: 'a fox', duration: -1 }, both]);
  });

  it('Seedance 2.0 Mini: a rule naming an input the model does not declare is ignored', async () => {
    const posted = serveModel(record('model_bytedance-seedance-2-0-mini'));
    expect(await quote('model_bytedance-seedance-2-0-mini', { prompt: 'a fox' })).toBeUndefined();
    expect(posted).toHaveLength(1);
  });

  it('Cartwheel: two inputs requiring each other through ifNotDefined ask for one of the two', async () => {
    const posted = serveModel(record('model_cartwheel-text-to-motion'));
    const error = await quote('model_cartwheel-text-to-motion', { prompt: 'waves' });
    expect(error?.issues).toEqual([
      { path: 'characterModel', message: 'Provide a reference image or a 3D model.' },
      { path: 'characterFile', message: 'Provide a reference image or a 3D model.' },
    ]);
    expect(
      await quote('model_cartwheel-text-to-motion', { prompt: 'waves', characterFile: 'asset_c' }),
    ).toBeUndefined();
    expect(
      await quote('model_cartwheel-text-to-motion', { prompt: 'waves', characterModel: 'asset_m' }),
    ).toBeUndefined();
    expect(posted).toHaveLength(2);
  });

  it('GPT Image 2 and Patina: a mask needs the image it masks', async () => {
    serveModel(record('model_openai-gpt-image-2'));
    serveModel(record('model_patina-material'));
    expect((await quote('model_openai-gpt-image-2', { prompt: 'p', mask: 'asset_m' }))?.issues).toEqual([
      { path: 'referenceImages', message: 'A reference image is required when a mask is provided.' },
    ]);
    expect((await quote('model_patina-material', { prompt: 'p', mask: 'asset_m' }))?.issues).toEqual([
      { path: 'image', message: 'An image is required when a mask is provided.' },
    ]);
    const masked = { prompt: 'p', referenceImages: ['asset_r'], mask: 'asset_m' };
    expect(await quote('model_openai-gpt-image-2', masked)).toBeUndefined();
    expect(await quote('model_patina-material', { prompt: 'p' })).toBeUndefined();
  });

  it('Z-Image: a rule on the inference type is left to the server', async () => {
    const posted = serveModel(record('model_z-image'));
    expect(await quote('model_z-image', { prompt: 'p', image: 'asset_i' })).toBeUndefined();
    expect(posted).toEqual([{ prompt: 'p', image: 'asset_i' }]);
  });
});

describe('array limits and values of live models, with validate: true', () => {
  it('maxLength counts the items of string_array and file_array inputs', async () => {
    serveModel(record('model_patina-material'));
    serveModel(record('model_meshy-7-img23d'));
    const maps = ['basecolor', 'normal', 'roughness', 'metalness', 'height'];
    expect(await quote('model_patina-material', { prompt: 'copper', maps })).toBeUndefined();
    expect((await quote('model_patina-material', { prompt: 'copper', maps: [...maps, 'height'] }))?.issues).toEqual([
      { path: 'maps', message: expect.stringMatching(/<=5 items/) },
    ]);
    const images = ['asset_1', 'asset_2', 'asset_3', 'asset_4'];
    expect(await quote('model_meshy-7-img23d', { image: images, poseMode: '' })).toBeUndefined();
    expect((await quote('model_meshy-7-img23d', { image: [...images, 'asset_5'] }))?.issues[0]?.path).toBe('image');
  });

  it('values are checked in the type the model declares: "512" for a string input, not 512', async () => {
    serveModel(record('model_google-gemini-3-1-flash'));
    expect(await quote('model_google-gemini-3-1-flash', { prompt: 'p', resolution: '512' })).toBeUndefined();
    expect((await quote('model_google-gemini-3-1-flash', { prompt: 'p', resolution: 512 }))?.issues[0]?.path).toBe(
      'resolution',
    );
  });
});

describe('live dry-run answers (POST /generate/custom/{id}?dryRun=true)', () => {
  it.each(DRY_RUNS.map((run) => [run.case, run] as const))(
    '%s: read as a quote or as the API error',
    async (_, run) => {
      server.use(
        http.post(`${API}/generate/custom/${run.target}`, () => HttpResponse.json(run.reply, { status: run.status })),
      );
      const outcome = await testClient()
        .custom.estimate(run.target, { prompt: 'a small wooden cabin in a snowy forest' })
        .catch((error: unknown) => error);
      if (run.status === 269) {
        expect(outcome).toEqual({
          creativeUnitsCost: run.reply.creativeUnitsCost,
          creativeUnitsDiscount: run.reply.creativeUnitsDiscount,
          details: run.reply.costDetails,
        });
      } else {
        expect(outcome).toBeInstanceOf(run.status === 404 ? NotFoundError : BadRequestError);
        expect((outcome as Error).message).toContain(String(run.reply.reason).split('\n')[0]);
      }
    },
  );
});
