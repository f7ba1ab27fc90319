import { basename, join, resolve } from 'node:path';
import { Command } from 'commander';
import {
  APIUserAbortError,
  InvalidRequestError,
  type Model,
  type Scenario,
  type TrainableModelType,
  TrainingCanceledError,
  TrainingFailedError,
  type TrainingImage,
  type TrainingParameters,
} from '../../index.js';
import {
  DEFAULT_TRAINING_TYPE,
  ModelTrainParamsSchema,
  parseInput,
  TRAINABLE_MODEL_TYPES,
  TRAINING_UPLOAD_CONCURRENCY,
} from '../../schemas.js';
import { EXIT, UsageError } from '../errors.js';
import { collect, nameValue } from '../flags.js';
import { pool } from '../pool.js';
import type { Reporter } from '../reporter.js';
import { commandLine, type Runtime, type Session, withSession } from '../session.js';
import { checkImages, type DatasetImage, readDataset, trainingInputs } from '../train-dataset.js';
import { TrainStateFile } from '../train-state.js';

/** The state file of a folder unless `--state` says otherwise: it lives with the images it records. */
const DEFAULT_STATE_FILE = '.scenario-training.json';
/**
 * How long before `creatingSince` a model found by name may have been created and still be this
 * run's: the server's clock and this machine's may differ.
 */
const CLOCK_SKEW_MS = 10 * 60_000;

interface TrainOptions {
  name?: string;
  type?: string;
  preset?: string;
  parameter?: string[];
  state?: string;
  retryFailed?: boolean;
  cancel?: boolean;
  cancelOnAbort?: boolean;
}

/** What a training run is asked to do, checked before any request. */
interface TrainPlan {
  images: DatasetImage[];
  name: string;
  type: TrainableModelType;
  preset: 'default' | 'style' | 'subject' | undefined;
  parameters: TrainingParameters | undefined;
  state: TrainStateFile;
}

/** `scenario train <folder>`: a model trained on a folder of images; a re-run continues the same model. */
export function trainCommand(runtime: Runtime): Command {
  return new Command('train')
    .description('train a model on a folder of images; run it again to resume (one model, each image sent once)')
    .argument('<folder>', 'the images (png, jpg, webp…), 5 to 100; a <name>.txt beside an image is its caption')
    .option('--name <text>', "the model's name (default: the folder's name)")
    .option('--type <type>', `what to train: ${TRAINABLE_MODEL_TYPES.join(', ')} (default ${DEFAULT_TRAINING_TYPE})`)
    .option('--preset <preset>', 'how Scenario captions the images: style or subject')
    .option('-p, --parameter <name=value>', 'a training parameter (repeatable), e.g. nbEpochs=12', collect)
    .option('--state <file>', `record the model and each image here (default: <folder>/${DEFAULT_STATE_FILE})`)
    .option('--retry-failed', 'train again a model whose training failed or was canceled (billed again)')
    .option('--cancel', 'cancel the training the state file records, and stop')
    .option('--cancel-on-abort', 'on Ctrl-C, also cancel the training')
    .action((folder: string, _options: unknown, self: Command) => train(folder, self, runtime));
}

async function train(folder: string, command: Command, runtime: Runtime): Promise<void> {
  const options = command.opts<TrainOptions>();
  const images = await readDataset(folder);
  const name = options.name ?? basename(resolve(folder));
  const parameters = options.parameter?.length
    ? Object.fromEntries(options.parameter.map((text) => nameValue('parameter', text)))
    : undefined;
  // Everything the SDK can check is checked here, before the session sends anything.
  const checked = flagged(folder, () =>
    parseInput(
      ModelTrainParamsSchema,
      { name, type: options.type, images: trainingInputs(images), preset: options.preset, parameters },
      'train',
    ),
  );
  const type = checked.type ?? DEFAULT_TRAINING_TYPE;
  await withSession(command, async (session) => {
    const identity = { api: session.api, projectId: session.client.projectId, name, type };
    const state = await TrainStateFile.open(options.state ?? join(folder, DEFAULT_STATE_FILE), identity);
    try {
      const plan = { images, name, type, preset: checked.preset, parameters: checked.parameters, state };
      if (options.cancel) return await cancel(session, plan);
      await checkImages(session.client, images);
      await new TrainingRun(session, plan, runtime, options).run();
    } finally {
      state.close();
    }
  });
}

/** Runs the SDK's checks; their problems as one usage error naming the flags (`--preset`, `--parameter nbEpochs`) and the folder. */
function flagged<T>(folder: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    const flag = (path: string) => {
      const [field, ...rest] = path.split('.');
      if (field === 'images' || field === 'pairs') return folder;
      return field === 'parameters' ? `--parameter ${rest.join('.')}` : `--${field}`;
    };
    const problems = error.issues.map((issue) =>
      issue.path === 'parameters' ? `--parameter: ${issue.message}` : `${flag(issue.path)}: ${issue.message}`,
    );
    throw new UsageError(problems.join('; '));
  }
}

/** `--cancel`: cancels the recorded model's training. */
async function cancel({ client, reporter }: Session, { state }: TrainPlan): Promise<void> {
  const { modelId } = state.data;
  if (modelId === undefined) throw new UsageError(`${state.path} records no model: nothing to cancel`);
  const model = await client.models.get(modelId);
  if (model.status !== 'training') throw new Error(`model ${modelId} is not training (status ${model.status})`);
  const canceled = await client.models.cancelTraining(modelId);
  reporter.result(
    { modelId, status: canceled.status },
    `canceled  ${modelId}: its training stopped (${canceled.status})`,
  );
}

/** One run of `scenario train`: the model (created, found or resumed), its images, its training and the wait. */
class TrainingRun {
  constructor(
    readonly session: Session,
    readonly plan: TrainPlan,
    readonly runtime: Runtime,
    readonly options: TrainOptions,
  ) {}

  get client(): Scenario {
    return this.session.client;
  }

  get reporter(): Reporter {
    return this.session.reporter;
  }

  async run(): Promise<void> {
    const { state } = this.plan;
    let model = await this.model();
    try {
      if (model.status === 'failed' || model.status === 'training-canceled') {
        if (!this.options.retryFailed) {
          throw new Error(
            `the training of model ${model.id} ${model.status === 'failed' ? 'failed' : 'was canceled'}; --retry-failed trains it again (billed again)`,
          );
        }
      }
      if (model.status !== 'training' && model.status !== 'trained') {
        await this.addImages(model);
        if (this.runtime.signal.aborted) return this.interrupted(model, false);
        const started = await this.client.models.startTraining(model.id, this.plan.parameters, {
          signal: this.runtime.signal,
        });
        state.update({ cost: started.creativeUnitsCost });
        model = started.model;
      }
      model = await this.wait(model);
    } catch (error) {
      if (error instanceof APIUserAbortError) return this.interrupted(model, model.status === 'training');
      if (error instanceof TrainingFailedError || error instanceof TrainingCanceledError) {
        this.reporter.result(
          { modelId: model.id, status: error.model.status, error: error.message },
          `failed  ${model.id}: ${error.message}`,
        );
        this.runtime.exitCode = EXIT.failed;
        return;
      }
      throw error;
    }
    this.done(model);
  }

  /**
   * The run's model: the one the state file records; else, when a run was killed between
   * creating it and recording it, the new model of that name created since; else a new one,
   * recorded the moment it exists.
   */
  async model(): Promise<Model> {
    const { state, name, type } = this.plan;
    const { modelId, creatingSince } = state.data;
    if (modelId !== undefined) return this.client.models.get(modelId);
    const orphan = creatingSince === undefined ? undefined : await this.orphan(Date.parse(creatingSince));
    if (orphan) {
      state.update({ modelId: orphan.id });
      return orphan;
    }
    state.update({ creatingSince: new Date().toISOString() });
    const created = await this.client.models.create({ name, type });
    state.update({ modelId: created.id });
    return created;
  }

  /** A `new` model named and typed as asked, created since `since` (give or take the clocks' skew). */
  async orphan(since: number): Promise<Model | undefined> {
    const { name, type } = this.plan;
    const found: Model[] = [];
    for await (const model of this.client.models.list({ status: 'new' })) {
      const createdAt = Date.parse(model.createdAt ?? '');
      if (model.name === name && model.type === type && createdAt >= since - CLOCK_SKEW_MS) found.push(model);
    }
    return found.sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '')).at(0);
  }

  /**
   * Adds the images the state does not record, 4 at a time, each recorded as it lands. An image
   * a killed run added without recording it is found by its name on the model, not sent again.
   */
  async addImages(model: Model): Promise<void> {
    const { state, images, preset } = this.plan;
    const onModel = new Map((model.trainingImages ?? []).map((image: TrainingImage) => [image.name, image.id]));
    const recorded = new Set(Object.values(state.data.images).map((image) => image.trainingImageId));
    const missing: DatasetImage[] = [];
    for (const image of images) {
      if (state.data.images[image.file]) continue;
      const found = onModel.get(image.file);
      if (found !== undefined && !recorded.has(found)) state.added(image.file, found);
      else missing.push(image);
    }
    if (missing.length === 0) return;
    const bar = this.reporter.job(`uploading to ${model.id}`);
    let added = images.length - missing.length;
    const show = () =>
      bar.progress(
        { status: `${added}/${images.length} images`, progress: added / images.length },
        {
          elapsedMs: 0,
          remainingMs: undefined,
        },
      );
    show();
    try {
      await pool(missing, TRAINING_UPLOAD_CONCURRENCY, this.runtime.signal, async (image) => {
        const [trainingImage] = await this.client.models.trainingImages.add(
          model.id,
          { images: trainingInputs([image]), preset },
          { signal: this.runtime.signal },
        );
        state.added(image.file, (trainingImage as TrainingImage).id);
        added++;
        show();
      });
    } finally {
      bar.stop();
    }
  }

  /** Waits for the training with a bar of its stage and progress. */
  async wait(model: Model): Promise<Model> {
    if (model.status === 'trained') return model;
    const bar = this.reporter.job(`training ${model.id}`);
    bar.submitted(model.id);
    try {
      return await this.client.models.waitForTraining(model, {
        signal: this.runtime.signal,
        cancelOnAbort: this.options.cancelOnAbort === true,
        onProgress: (seen, wait) =>
          bar.progress(
            {
              status: seen.trainingProgress?.stage ?? seen.status ?? 'training',
              progress: seen.trainingProgress?.progress ?? 0,
            },
            wait,
          ),
      });
    } finally {
      bar.stop();
    }
  }

  done(model: Model): void {
    const { state, type, images } = this.plan;
    const cost = state.data.cost;
    const count = model.trainingImagesNumber ?? images.length;
    this.reporter.result(
      { modelId: model.id, name: model.name, type, status: model.status, trainingImages: count, cost: cost ?? null },
      `trained  ${model.id}  ${JSON.stringify(model.name ?? this.plan.name)} (${type}) on ${count} images${cost === undefined ? '' : ` · ${cost} CU`}`,
    );
    this.reporter.summary(`Generate with it: scenario txt2img --model ${model.id} --prompt "…"`);
  }

  /** After Ctrl-C: where the model stands, and the commands that resume or cancel it. */
  interrupted(model: Model, training: boolean): void {
    const { argv } = this.runtime;
    const count = Object.keys(this.plan.state.data.images).length;
    const lines = ['Interrupted.'];
    if (training && this.options.cancelOnAbort)
      lines.push(`Asked the server to cancel the training of model ${model.id}.`);
    else if (training) lines.push(`Model ${model.id} keeps training on the server (billed).`);
    else
      lines.push(
        `Model ${model.id} holds ${count} of its ${this.plan.images.length} images; its training has not started.`,
      );
    if (this.session.options.emulator) lines.push('(It lived in this run’s in-process emulator.)');
    else {
      lines.push('Resume with:', `  ${commandLine(argv)}`);
      if (training && !this.options.cancelOnAbort)
        lines.push('Cancel with:', `  ${commandLine([...argv, '--cancel'])}`);
    }
    this.reporter.stop();
    this.reporter.note(lines.join('\n'));
    this.runtime.exitCode = EXIT.interrupted;
  }
}
