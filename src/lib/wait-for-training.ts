import type { Clock } from '../core/clock.js';
import {
  APIUserAbortError,
  TrainingCanceledError,
  TrainingError,
  TrainingFailedError,
  TrainingTimeoutError,
} from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { WaitOptions } from '../core/options.js';
import { KNOWN_MODEL_STATUSES, KNOWN_TRAINING_STAGES, type Model } from '../schemas/model.js';
import { type PollSubject, pollUntilDone, redacted } from './poll-until-done.js';

/** How long a training is waited for by default before giving up: 2 hours (trainings take minutes to hours). */
export const DEFAULT_TRAINING_WAIT_TIMEOUT_MS = 7_200_000;
/**
 * Polls of a training are at most this far apart (ms): trainings take tens of minutes, so a
 * finish seen up to 30 s late costs little, and a 30-minute one takes about 60 polls, not 180.
 */
export const MAX_TRAINING_POLL_INTERVAL_MS = 30_000;

/** What {@link waitForTraining} needs from the outside world; injected so tests can fake all of it. */
export interface WaitForTrainingDeps {
  /** `GET /models/{modelId}`, with the transport's own retries. */
  getModel(modelId: string, signal: AbortSignal): Promise<Model>;
  /** `POST /models/{modelId}/train/action` `{ action: 'cancel' }`, for `cancelOnAbort`. */
  cancelTraining(modelId: string, signal: AbortSignal): Promise<Model>;
  /** Default: the real clock. */
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Removes secrets from the models that errors carry. Default: none. */
  redact?: ((text: string) => string) | undefined;
}

/**
 * Statuses after which a training waits no more: it ended (`trained`, `failed`,
 * `training-canceled`), or it was never started (`new`), so waiting would be for ever.
 */
const ENDED: ReadonlySet<string> = new Set(['trained', 'failed', 'training-canceled', 'new']);
/** What a poll can report: the model statuses, and the stages a training goes through. */
const KNOWN: ReadonlySet<string> = new Set([...KNOWN_MODEL_STATUSES, ...KNOWN_TRAINING_STAGES]);

/**
 * Polls a model (`GET /models/{id}`) until its training ends, and resolves with it once `trained`.
 * While it trains, its `trainingProgress` stage and progress drive the poll schedule and
 * `onProgress`, as a job's do.
 *
 * `model` is an id, or a model already seen (such as the answer that started the training).
 * Rejects with `TrainingFailedError` (`failed`), `TrainingCanceledError` (`training-canceled`),
 * `TrainingTimeoutError` (deadline, default {@link DEFAULT_TRAINING_WAIT_TIMEOUT_MS}; polls that
 * fail with what may pass are ridden out until then), `APIUserAbortError` (abort, with
 * `modelId`), `NotFoundError` (no such model), or a `TrainingError` when a poll failed for good,
 * `onProgress` threw, or the model was never set training (`new`). Every error but the `NotFoundError` carries `modelId`.
 */
export async function waitForTraining(
  model: string | Model,
  deps: WaitForTrainingDeps,
  options: WaitOptions<Model> = {},
): Promise<Model> {
  const modelId = typeof model === 'string' ? model : model.id;
  const done = await pollUntilDone(
    trainingSubject(modelId, deps),
    typeof model === 'string' ? undefined : model,
    options,
    {
      clock: deps.clock,
      logger: deps.logger,
      defaultTimeout: DEFAULT_TRAINING_WAIT_TIMEOUT_MS,
      maxPollInterval: MAX_TRAINING_POLL_INTERVAL_MS,
      redact: deps.redact,
    },
  );
  if (done.status === 'failed') throw new TrainingFailedError(redacted(done, deps.redact));
  if (done.status === 'training-canceled') throw new TrainingCanceledError(redacted(done, deps.redact));
  if (done.status === 'new') {
    throw new TrainingError(
      modelId,
      `Model ${modelId} is not training (status new): start it with client.models.startTraining('${modelId}').`,
    );
  }
  return done;
}

/** Status and progress of a model: while it trains, its training's stage stands for the status. */
function observe(model: Model): { status: string; progress: number } {
  const status = model.status ?? 'training';
  if (status === 'trained') return { status, progress: 1 };
  const progress = model.trainingProgress?.progress ?? 0;
  return { status: status === 'training' ? (model.trainingProgress?.stage ?? status) : status, progress };
}

/** A model in training as the poll loop sees it: its polls, its cancel, and errors that carry its id. */
function trainingSubject(modelId: string, deps: WaitForTrainingDeps): PollSubject<Model> {
  return {
    words: {
      label: `model ${modelId}`,
      work: 'The training',
      resume: `client.models.waitForTraining('${modelId}')`,
      inspect: `client.models.get('${modelId}')`,
      cancel: `client.models.cancelTraining('${modelId}')`,
    },
    poll: (signal) => deps.getModel(modelId, signal),
    observe,
    terminal: ENDED,
    known: KNOWN,
    cancel: async (signal) => (await deps.cancelTraining(modelId, signal)).status ?? 'unknown',
    canceledStatus: 'training-canceled',
    failed: (message, cause) => new TrainingError(modelId, message, { cause }),
    timedOut: (waitTimeout, last, failedPolls) => new TrainingTimeoutError(modelId, waitTimeout, last, failedPolls),
    aborted: (message, cause) => new APIUserAbortError(message, { cause, modelId }),
  };
}
