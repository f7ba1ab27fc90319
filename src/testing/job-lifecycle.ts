import type * as z from 'zod/mini';
import type { Job, JobSchema } from '../schemas/job.js';
import { AUTHOR_ID, type EmulatorContext, isoDate } from './context.js';
import { jobTimeline } from './job-timeline.js';
import type { JobPlan, JobRecord, JobState } from './store.js';
import { settleUploads, uploadJobState } from './upload-lifecycle.js';

/** Job types the real API lets you cancel ("only inference jobs"); custom, flux and tool jobs answer 400. */
export const CANCELABLE_JOB_TYPES: ReadonlySet<string> = new Set(['inference']);
/** Job types that are not generations, so do not count against the parallel-job limit (trainings have their own). */
const UNLIMITED_JOB_TYPES: ReadonlySet<string> = new Set(['upload', 'assets-download', 'model-training']);

const INJECTED_FAILURE = {
  error: 'Inference failed: the GPU worker stopped responding (emulated fault)',
  hint: 'Retry the job. If it keeps failing, lower numSamples or the output size.',
};

/**
 * Records a job and starts rendering its outputs; they become assets once the job's time is up.
 * A job planned to fail fails before that time, so its outputs are never rendered.
 */
export function createJob(context: EmulatorContext, plan: JobPlan, ownerId: string, fails: boolean): JobRecord {
  const { store, options } = context;
  const createdAt = options.clock.now();
  // A plan with a non-asset output answered at once: its job is done when created. Job types
  // without their own duration (none today, newer ones tomorrow) take the custom models'.
  const durationMs = plan.output
    ? 0
    : ((options.jobDurations as Record<string, number>)[plan.jobType] ?? options.jobDurations.custom);
  const outputs = fails ? undefined : plan.render();
  outputs?.catch(() => undefined); // Observed when the job settles; no unhandled rejection meanwhile.
  const job: JobRecord = {
    id: store.id('job'),
    jobType: plan.jobType,
    ownerId,
    authorId: AUTHOR_ID,
    createdAt,
    durationMs,
    input: plan.input,
    cost: plan.cost,
    outputs,
    plan,
    ...(fails ? { failure: { at: createdAt + durationMs / 2, ...INJECTED_FAILURE } } : {}),
    ...(plan.output && !fails ? { assetIds: [] } : {}),
  };
  store.jobs.set(job.id, job);
  store.counters.jobsCreated++;
  return job;
}

/** True while the job is a generation that counts against the parallel-job limit. */
export function isRunning(context: EmulatorContext, job: JobRecord): boolean {
  return (
    !UNLIMITED_JOB_TYPES.has(job.jobType) &&
    jobTimeline(timelineInput(job), context.options.clock.now()).endedAt === undefined
  );
}

/** When a running job will end (for `Retry-After`). */
export const expectedEnd = (job: JobRecord) => Math.min(job.createdAt + job.durationMs, job.failure?.at ?? Infinity);

/**
 * Settles what is due: job outputs, then uploads. Called before every API request and every
 * `emulator.state` read, so they see what the clock says is done.
 */
export async function settle(context: EmulatorContext): Promise<void> {
  await settleJobs(context);
  settleUploads(context);
}

/**
 * Turns the outputs of jobs whose time is up into assets. Called before every API request, so
 * the first read after the finish (however far a virtual clock jumped) sees them.
 */
export async function settleJobs(context: EmulatorContext): Promise<void> {
  const now = context.options.clock.now();
  const due = [...context.store.jobs.values()].filter(
    (job) => job.plan && !job.assetIds && jobTimeline(timelineInput(job), now).status === 'success',
  );
  await Promise.all(due.map((job) => (job.settling ??= materialise(context, job))));
}

async function materialise(context: EmulatorContext, job: JobRecord): Promise<void> {
  const { store } = context;
  const plan = job.plan as JobPlan;
  const finishedAt = job.createdAt + job.durationMs;
  try {
    const images = (await job.outputs) ?? [];
    job.assetIds = images.map((image, outputIndex) => {
      const asset = store.addAsset({
        id: store.id('asset'),
        ownerId: job.ownerId,
        authorId: job.authorId,
        bytes: image.bytes,
        mimeType: image.mimeType,
        kind: 'image',
        width: image.width,
        height: image.height,
        type: image.type ?? plan.outputType,
        metadata: {
          ...plan.outputMetadata,
          ...outputSeed(plan, outputIndex),
          parentJobId: job.id,
          width: image.width,
          height: image.height,
        },
        createdAt: finishedAt,
        hidden: plan.hideResults,
        privacy: 'private',
        collectionIds: [],
        outputIndex,
      });
      return asset.id;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    job.failure = {
      at: finishedAt,
      error: `The emulator could not render this job: ${reason}`,
      hint: 'Check the input image.',
    };
  }
}

/** The `i`-th output of a job is rendered from `seed + i`, so each output asset records its own seed. */
const outputSeed = (plan: JobPlan, outputIndex: number) =>
  typeof plan.outputMetadata.seed === 'number' ? { seed: plan.outputMetadata.seed + outputIndex } : {};

/** The job as `GET /jobs/{id}` answers; until it has outputs, `metadata.assetIds` is `null`, as the live API sends it. */
export function jobView(context: EmulatorContext, job: JobRecord): z.input<typeof JobSchema> {
  const now = context.options.clock.now();
  const state = job.uploadId ? uploadJobState(context, job) : timelineState(job, now);
  const history = state.history.map((entry) => ({ status: entry.status, date: isoDate(entry.at) }));
  return {
    jobId: job.id,
    jobType: job.jobType,
    status: state.status,
    progress: state.progress,
    statusHistory: history,
    metadata: { input: job.input, assetIds: null, ...state.metadata },
    createdAt: isoDate(job.createdAt),
    updatedAt: history[history.length - 1]?.date ?? isoDate(job.createdAt),
    authorId: job.authorId,
    ownerId: job.ownerId,
    billing: { cuCost: job.cost, cuDiscount: 0 },
  };
}

/** Status, progress, history and status-specific metadata of a job. */
function timelineState(job: JobRecord, now: number): JobState {
  const input = timelineInput(job);
  let timeline = jobTimeline(input, now);
  // Outputs become assets when a request settles the job. One that succeeded after its request
  // was settled (a just-submitted 0 ms job, a finish between settle and answer) still reads as
  // the instant before its end: the real API says success only once the outputs exist.
  if (timeline.status === 'success' && job.assetIds === undefined) {
    timeline = jobTimeline(input, job.createdAt + job.durationMs - 1);
  }
  const metadata: Job['metadata'] =
    timeline.status === 'success'
      ? { assetIds: job.assetIds ?? [], ...(job.plan?.output ? { output: job.plan.output } : {}) }
      : timeline.status === 'failure' && job.failure
        ? { error: job.failure.error, hint: job.failure.hint }
        : {};
  return { ...timeline, metadata };
}

const timelineInput = (job: JobRecord) => ({
  createdAt: job.createdAt,
  durationMs: job.durationMs,
  failAt: job.failure?.at,
  canceledAt: job.canceledAt,
});

/** Current status of a job. */
export const jobStatus = (context: EmulatorContext, job: JobRecord) =>
  job.uploadId
    ? uploadJobState(context, job).status
    : jobTimeline(timelineInput(job), context.options.clock.now()).status;
