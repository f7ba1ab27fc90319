import { type Context, Hono } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { badRequest, EmulatorHttpError } from '../errors.js';
import { custom } from '../generators/custom.js';
import { detect } from '../generators/detect.js';
import { generativeFill } from '../generators/generative-fill.js';
import type { Generator } from '../generators/generator.js';
import { caption, describeStyle, embed, prompt, translate } from '../generators/language.js';
import { patch } from '../generators/patch.js';
import { pixelate } from '../generators/pixelate.js';
import { promptEditing } from '../generators/prompt-editing.js';
import { reframe } from '../generators/reframe.js';
import { removeBackground } from '../generators/remove-background.js';
import { restyle } from '../generators/restyle.js';
import { segment } from '../generators/segment.js';
import { skybox, skyboxUpscale } from '../generators/skybox.js';
import { texture } from '../generators/texture.js';
import { TYPED_GENERATION_ROUTES, type TypedGenerationRoute, typedGeneration } from '../generators/typed-generation.js';
import { upscale } from '../generators/upscale.js';
import { vectorize } from '../generators/vectorize.js';
import { ImageResolver } from '../image-inputs.js';
import { createJob, expectedEnd, isRunning, jobView } from '../job-lifecycle.js';
import { dryRunQuote, ignoreFields, isDryRun, MAX_GENERATE_BODY_BYTES, readBody, readJson } from '../request.js';
import { type AnswerExtras, inference, inputAsset } from '../submission-answer.js';
import { drawJobFailure } from '../traffic.js';

/** Typed routes: the body is checked against the route's swagger contract before the generator reads it. */
const TYPED: Record<string, Generator> = {
  ...Object.fromEntries(
    Object.keys(TYPED_GENERATION_ROUTES).map((route) => [route, typedGeneration(route as TypedGenerationRoute)]),
  ),
  detect,
  'remove-background': removeBackground,
  upscale,
  texture,
  'skybox-base-360': skybox,
  'skybox-upscale-360': skyboxUpscale,
  pixelate,
  vectorize,
  reframe,
  restyle,
  segment,
  'generative-fill': generativeFill,
  'prompt-editing': promptEditing,
  patch,
  caption,
  'describe-style': describeStyle,
  prompt,
  translate,
  embed,
};

/** What each route's answer carries besides the job, as its swagger answer requires. */
const EXTRAS: Record<string, AnswerExtras> = {
  ...Object.fromEntries(Object.keys(TYPED_GENERATION_ROUTES).map((route) => [route, inference])),
  detect: inputAsset,
  'remove-background': inputAsset,
};

/** The `/generate/{name}` routes checked against their swagger contract (custom models aside). */
export const TYPED_GENERATE_ROUTES = Object.keys(TYPED);

/** `POST /generate/{type}` and `POST /generate/custom/{modelId}`: validate, quote (dry run) or start a job. */
export function generateRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const [name, generator] of Object.entries(TYPED)) {
    app.post(`/generate/${name}`, async (c) =>
      submit(context, c, generator, await readBody(context, c, MAX_GENERATE_BODY_BYTES), EXTRAS[name]),
    );
  }
  // A custom model's contract is its `inputs[]`, which the generator checks.
  app.post('/generate/custom/:modelId', async (c) => {
    const body = await readJson(c, MAX_GENERATE_BODY_BYTES);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest('Request body must be a JSON object');
    }
    return submit(context, c, custom(c.req.param('modelId')), body as Record<string, unknown>);
  });
  return app;
}

async function submit(
  context: EmulatorContext,
  c: Context<AppEnv>,
  generator: Generator,
  body: Record<string, unknown>,
  extras?: AnswerExtras,
): Promise<Response> {
  const { store } = context;
  const owner = c.get('owner');
  const images = new ImageResolver(context, owner);
  const plan = await generator(body, {
    context,
    images,
    seed: (given) => (given === undefined ? store.rng.seeds.int(2_147_483_647) : Number(given)),
    ignore: (fields) => ignoreFields(context, c, fields),
  });
  // The real API reads dryRun from the query only; in the body it is an unknown field and the job runs.
  if (isDryRun(c)) {
    // Cost items as the live API itemises them (`{ "custom-generation": 9, "quality-gate": 1.75 }`).
    return dryRunQuote(plan.cost, { [`${plan.jobType}-generation`]: plan.cost });
  }
  enforceParallelLimit(context, owner);
  images.commit();
  const fails = drawJobFailure(context, c);
  const job = createJob(context, plan, owner, fails);
  const answer = { job: jobView(context, job), creativeUnitsCost: plan.cost, creativeUnitsDiscount: 0 };
  // Routes with a non-asset output (captions, an embedding) answer with it at once, unless the job failed.
  const output = fails ? {} : plan.output;
  return c.json({ ...answer, ...extras?.(context, plan), ...output });
}

/** 429 with `details.actionLimit` and `Retry-After` (until the first running job ends) when the project is at its limit. */
function enforceParallelLimit(context: EmulatorContext, owner: string): void {
  const limit = context.options.parallelJobs;
  const running = [...context.store.jobs.values()].filter((job) => job.ownerId === owner && isRunning(context, job));
  if (running.length < limit) return;
  const wait = Math.min(...running.map(expectedEnd)) - context.options.clock.now();
  throw new EmulatorHttpError(
    429,
    `You have reached the maximum number of parallel inferences (${limit}). Wait for a running job to finish.`,
    { details: { actionName: 'parallel-inferences', actionLimit: limit } },
    { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
  );
}
