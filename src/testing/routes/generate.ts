import { type Context, Hono } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { EmulatorHttpError, jsonResponse } from '../errors.js';
import { controlnet } from '../generators/controlnet.js';
import { custom } from '../generators/custom.js';
import { detect } from '../generators/detect.js';
import type { Generator } from '../generators/generator.js';
import { img2img } from '../generators/img2img.js';
import { removeBackground } from '../generators/remove-background.js';
import { upscale } from '../generators/upscale.js';
import { ImageResolver } from '../image-inputs.js';
import { createJob, expectedEnd, isRunning, jobView } from '../job-lifecycle.js';
import { MAX_GENERATE_BODY_BYTES, queryFlag, readJson } from '../request.js';
import { countFault, routeOf } from '../traffic.js';

/** HTTP status of a `?dryRun=true` quote: non-standard, but what the real API sends. */
const DRY_RUN_STATUS = 269;

const TYPED: Record<string, Generator> = {
  img2img,
  controlnet: controlnet('controlnet'),
  'controlnet-img2img': controlnet('controlnet-img2img'),
  detect,
  'remove-background': removeBackground,
  upscale,
};

/** `POST /generate/{type}` and `POST /generate/custom/{modelId}`: validate, quote (dry run) or start a job. */
export function generateRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const [name, generator] of Object.entries(TYPED)) {
    app.post(`/generate/${name}`, async (c) => submit(context, c, generator));
  }
  app.post('/generate/custom/:modelId', async (c) => submit(context, c, custom(c.req.param('modelId'))));
  return app;
}

async function submit(context: EmulatorContext, c: Context<AppEnv>, generator: Generator): Promise<Response> {
  const { store, options } = context;
  const owner = c.get('owner');
  const images = new ImageResolver(context, owner);
  const body = await readJson(c, MAX_GENERATE_BODY_BYTES);
  const plan = await generator(body, { context, images, seed: (given) => given ?? store.rng.seeds.int(2_147_483_647) });
  // The real API reads dryRun from the query only; in the body it is ignored and the job runs.
  if (queryFlag(c, 'dryRun')) {
    const costDetails = { jobType: plan.jobType };
    return jsonResponse(
      { creativeUnitsCost: plan.cost, creativeUnitsDiscount: 0, costDetails, job: {} },
      DRY_RUN_STATUS,
    );
  }
  enforceParallelLimit(context, owner);
  images.commit();
  const fails = options.faults.jobFails({ method: c.req.method, route: routeOf(c) }, store.rng.faults);
  if (fails) countFault(store, 'jobFailure');
  const job = createJob(context, plan, owner, fails);
  return c.json({ job: jobView(context, job), creativeUnitsCost: plan.cost, creativeUnitsDiscount: 0 });
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
