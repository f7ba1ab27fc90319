import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { UsageError } from './errors.js';
import { FileLock } from './lock.js';
import { replaceFile } from './replace-file.js';
import { apiText, type StateIdentity, sameApi } from './state-identity.js';

const TrainStateSchema = z.looseObject({
  version: z.literal(1),
  /** The API the model lives on: resuming anywhere else would find nothing. */
  api: z.string(),
  projectId: z.optional(z.string()),
  name: z.string(),
  type: z.string(),
  /** Set just before `POST /models`: a run killed before recording the model looks for it by name and time. */
  creatingSince: z.optional(z.string()),
  /** The model, recorded the moment it exists. */
  modelId: z.optional(z.string()),
  /** Each image file added, by its name in the folder, with its training image id. */
  images: z.record(z.string(), z.object({ trainingImageId: z.string() })),
  /** What the training cost, once started. */
  cost: z.optional(z.number()),
});
/** What a training's state file remembers. */
export type TrainState = z.output<typeof TrainStateSchema>;

/** What a state file must match: where the model lives, and what was asked for. */
export interface TrainIdentity extends StateIdentity {
  name: string;
  type: string;
}

/**
 * A training's memory across crashes, for one folder: the model's id, recorded the moment it
 * exists (and the time its creation began, before), and each training image's id as it is
 * added. A re-run continues the same model and adds only the files it does not hold. Every
 * change rewrites the file synchronously to a temporary file renamed into place, so a kill
 * leaves the previous or the new state, never half of one. Held by one process at a time through
 * a {@link FileLock} beside it (`<path>.lock`): two runs on one folder would create two models.
 */
export class TrainStateFile {
  readonly path: string;
  readonly #data: TrainState;
  readonly #lock: FileLock;

  private constructor(path: string, data: TrainState, lock: FileLock) {
    this.path = path;
    this.#data = data;
    this.#lock = lock;
  }

  /**
   * Takes the state file's lock (refused while another live run holds it), then reads the file,
   * or starts one (written on the first change); refuses one of another API, project, name or type.
   */
  static async open(path: string, identity: TrainIdentity): Promise<TrainStateFile> {
    return FileLock.holding(`${path}.lock`, path, (lock) => new TrainStateFile(path, readState(path, identity), lock));
  }

  get data(): Readonly<TrainState> {
    return this.#data;
  }

  /** Changes the state and writes the file before returning; refused once another run took the file over. */
  update(change: Partial<TrainState>): void {
    if (!this.#lock.held) throw new UsageError(`${this.path} was taken over by another run: this one stops`);
    Object.assign(this.#data, change);
    replaceFile(this.path, `${JSON.stringify(this.#data, null, 2)}\n`);
  }

  /** Records one added image and writes the file before returning. */
  added(file: string, trainingImageId: string): void {
    this.update({ images: { ...this.#data.images, [file]: { trainingImageId } } });
  }

  /** Gives the file up for the next run. */
  close(): void {
    this.#lock.release();
  }
}

/** The state at `path`, or a new one when there is no file; refuses one of another API, project, name or type. */
function readState(path: string, identity: TrainIdentity): TrainState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
    }
    return { version: 1, ...identity, images: {} };
  }
  const unusable = (why: string) =>
    new UsageError(`${path} ${why}; pass another --state, or delete it to train a new model`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unusable('is not valid JSON');
  }
  const parsed = z.safeParse(TrainStateSchema, json);
  if (!parsed.success) throw unusable('is not a scenario training state file');
  const data = parsed.data;
  if (!sameApi(data, identity)) {
    throw unusable(`holds a model of ${apiText(data)}, not ${apiText(identity)}`);
  }
  if (data.name !== identity.name || data.type !== identity.type) {
    const model = data.modelId ?? 'a model';
    throw unusable(
      `trains ${model} named ${JSON.stringify(data.name)} (${data.type}), not ${JSON.stringify(identity.name)} (${identity.type})`,
    );
  }
  return data;
}
