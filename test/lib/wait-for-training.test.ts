import { describe, expect, it, vi } from 'vitest';
import {
  type APIError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  TrainingCanceledError,
  TrainingError,
  TrainingFailedError,
  TrainingTimeoutError,
} from '../../src/core/errors.js';
import {
  DEFAULT_TRAINING_WAIT_TIMEOUT_MS,
  type WaitForTrainingDeps,
  waitForTraining,
} from '../../src/lib/wait-for-training.js';
import type { Model } from '../../src/schemas/model.js';
import { VirtualClock } from '../../src/testing/virtual-clock.js';
import { captureLogger } from '../helpers/msw.js';
import { rejectionOf as rejection } from '../helpers/timers.js';

const simClock = () => new VirtualClock({ start: 0, autoAdvance: true });

const model = (status: string, stage?: string, progress?: number): Model => ({
  id: 'model_abc',
  type: 'flux.1-lora',
  status,
  ...(stage === undefined ? {} : { trainingProgress: { stage, progress, updatedAt: 0 } }),
});

/** An API error of `ErrorClass` answering `request` (`GET /models/model_abc` unless said). */
function apiError(ErrorClass: typeof APIError, status: number, reason: string, request = 'GET /models/model_abc') {
  const [method = 'GET', path = ''] = request.split(' ');
  return new ErrorClass({ status, reason, body: {}, headers: {}, method, path });
}

/** A server whose model goes through `states`, one per poll, then stays at the last; records when it was polled. */
function scripted(states: Model[], clock = simClock()) {
  const polledAt: number[] = [];
  const deps = {
    clock,
    getModel: vi.fn(async (_id: string, _signal: AbortSignal) => {
      polledAt.push(clock.now());
      return states[Math.min(polledAt.length - 1, states.length - 1)] as Model;
    }),
    cancelTraining: vi.fn(async (_id: string, _signal: AbortSignal) => model('training-canceled')),
  } satisfies WaitForTrainingDeps;
  return { deps, clock, polledAt };
}

describe('waitForTraining', () => {
  it('polls through the stages until trained, reporting each change with the model', async () => {
    const { deps } = scripted([
      model('training', 'pending', 0),
      model('training', 'queued-for-train', 0.05),
      model('training', 'running-train', 0.5),
      model('training', 'running-train', 0.9),
      model('trained'),
    ]);
    const seen: string[] = [];
    const trained = await waitForTraining('model_abc', deps, {
      onProgress: (state, wait) => seen.push(`${state.trainingProgress?.stage ?? state.status}@${wait.elapsedMs}`),
    });
    expect(trained.status).toBe('trained');
    expect(seen.map((entry) => entry.split('@')[0])).toEqual([
      'pending',
      'queued-for-train',
      'running-train',
      'running-train',
      'trained',
    ]);
    expect(deps.getModel).toHaveBeenCalledTimes(5);
  });

  it('starts from a model already seen, which saves the first poll', async () => {
    const { deps } = scripted([model('trained')]);
    await expect(waitForTraining(model('training', 'pending', 0), deps)).resolves.toMatchObject({ status: 'trained' });
    expect(deps.getModel).toHaveBeenCalledTimes(1);
  });

  it('aims its polls from the training progress, as the job waiter does: a 20-minute training in few polls', async () => {
    const clock = simClock();
    const minutes = 20;
    const end = minutes * 60_000;
    const getModel = vi.fn(async () => {
      const progress = Math.min(1, clock.now() / end);
      return progress >= 1 ? model('trained') : model('training', 'running-train', progress);
    });
    await waitForTraining('model_abc', { clock, getModel, cancelTraining: vi.fn() });
    // At most 30 s apart, and aimed at the predicted end: about 40 polls, seen soon after the end.
    expect(getModel.mock.calls.length).toBeLessThanOrEqual(minutes * 2 + 10);
    expect(clock.now() - end).toBeLessThan(2000);
  });

  it('a failed training rejects with TrainingFailedError naming the model and how to train it again', async () => {
    const { deps } = scripted([model('training', 'running-train', 0.3), model('failed')]);
    const error = await rejection(waitForTraining('model_abc', deps));
    expect(error).toBeInstanceOf(TrainingFailedError);
    expect(error).toMatchObject({ modelId: 'model_abc', model: { status: 'failed' } });
    expect(error.message).toContain("client.models.startTraining('model_abc')");
  });

  it('a canceled training rejects with TrainingCanceledError', async () => {
    const { deps } = scripted([model('training-canceled')]);
    expect(await rejection(waitForTraining('model_abc', deps))).toBeInstanceOf(TrainingCanceledError);
  });

  it('a model that was never started is an error at once, not a wait for ever', async () => {
    const { deps } = scripted([model('new')]);
    const error = await rejection(waitForTraining('model_abc', deps));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toContain("client.models.startTraining('model_abc')");
  });

  it('gives up at waitTimeout with TrainingTimeoutError carrying the last model; the training keeps running', async () => {
    const { deps, clock } = scripted([model('training', 'running-train', 0.4)]);
    const error = await rejection(waitForTraining('model_abc', deps, { waitTimeout: 60_000 }));
    expect(error).toBeInstanceOf(TrainingTimeoutError);
    expect(error).toMatchObject({ modelId: 'model_abc', lastModel: { trainingProgress: { progress: 0.4 } } });
    expect(error.message).toMatch(/still training after 1 min \(stage running-train, progress 40%\)/);
    expect(error.message).toContain("client.models.waitForTraining('model_abc')");
    expect(clock.now()).toBe(60_000);
    expect(deps.cancelTraining).not.toHaveBeenCalled();
  });

  it('waits 2 hours by default', async () => {
    const { deps, clock } = scripted([model('training', 'running-train', 0.1)]);
    const error = await rejection(waitForTraining('model_abc', deps));
    expect(error).toBeInstanceOf(TrainingTimeoutError);
    expect(clock.now()).toBe(DEFAULT_TRAINING_WAIT_TIMEOUT_MS);
  });

  it('an abort names the model, says the training keeps running and how to resume or cancel it', async () => {
    const { deps, clock } = scripted([model('training', 'running-train', 0.2)]);
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(waitForTraining('model_abc', deps, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ modelId: 'model_abc' });
    expect(Object.hasOwn(error, 'jobId')).toBe(false);
    expect(error.message).toMatch(/model_abc.*keeps running.*billed/);
    expect(error.message).toContain("client.models.waitForTraining('model_abc')");
    expect(error.message).toContain("client.models.cancelTraining('model_abc')");
    expect(deps.cancelTraining).not.toHaveBeenCalled();
  });

  it('with cancelOnAbort, cancels the training and says so', async () => {
    const { deps, clock } = scripted([model('training', 'running-train', 0.2)]);
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(
      waitForTraining('model_abc', deps, { signal: controller.signal, cancelOnAbort: true }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.message).toContain('The training was canceled.');
    expect(deps.cancelTraining).toHaveBeenCalledWith('model_abc', expect.any(AbortSignal));
  });

  it('with cancelOnAbort, a refused cancel is logged and said: the training keeps running', async () => {
    const { deps, clock } = scripted([model('training', 'running-train', 0.2)]);
    deps.cancelTraining.mockRejectedValue(
      apiError(BadRequestError, 400, 'Model is not training', 'POST /models/model_abc/train/action'),
    );
    const { logger, lines } = captureLogger();
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(
      waitForTraining('model_abc', { ...deps, logger }, { signal: controller.signal, cancelOnAbort: true }),
    );
    expect(error.message).toMatch(/not canceled \(the API refused with 400: Model is not training\)/);
    expect(error.message).toContain("client.models.waitForTraining('model_abc')");
    expect(lines.filter((line) => line.startsWith('warn:'))).toEqual([
      expect.stringMatching(/model model_abc was not canceled.*billed/),
    ]);
  });

  it('a poll answered 403 stops the wait at once with a TrainingError naming the model, the answer as cause', async () => {
    const gone = apiError(PermissionDeniedError, 403, 'not yours');
    const { deps } = scripted([model('training', 'pending', 0)]);
    deps.getModel.mockResolvedValueOnce(model('training', 'pending', 0)).mockRejectedValueOnce(gone);
    const error = await rejection(waitForTraining('model_abc', deps));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ modelId: 'model_abc' });
    expect(error.cause).toBe(gone);
    expect(error.message).toContain("client.models.waitForTraining('model_abc')");
  });

  it('polls failing with 503 are ridden out; a deadline meanwhile is a TrainingTimeoutError saying so', async () => {
    const outage = apiError(InternalServerError, 503, 'down');
    const { deps, clock } = scripted([model('training', 'running-train', 0.3)]);
    deps.getModel.mockResolvedValueOnce(model('training', 'running-train', 0.3)).mockRejectedValue(outage);
    const error = await rejection(waitForTraining('model_abc', deps, { waitTimeout: 120_000 }));
    expect(error).toBeInstanceOf(TrainingTimeoutError);
    expect(error.message).toMatch(
      /^Model model_abc not seen to finish training within 2 min \(stage running-train, progress 30%\): the last \d+ polls failed/,
    );
    expect(error.cause).toBe(outage);
    expect(clock.now()).toBe(120_000);
  });

  it('a model the first poll does not find is a NotFoundError', async () => {
    const { deps } = scripted([]);
    deps.getModel.mockRejectedValue(apiError(NotFoundError, 404, 'nope'));
    expect(await rejection(waitForTraining('model_abc', deps))).toBeInstanceOf(NotFoundError);
  });

  it('onProgress throwing stops the wait with a TrainingError; the training keeps running', async () => {
    const { deps } = scripted([model('training', 'pending', 0)]);
    const error = await rejection(
      waitForTraining('model_abc', deps, {
        onProgress: () => {
          throw new Error('bar broke');
        },
      }),
    );
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toMatch(/onProgress threw.*model_abc.*bar broke.*keeps running/);
  });
});
