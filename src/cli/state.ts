import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { UsageError } from './errors.js';

/**
 * What a state file remembers of one item (a manifest row, or an input on the command line).
 * `submitting`: the request was sent and its answer never recorded, so a job may exist.
 * `running`: the job exists. `done`: its files are written. `failed`: see `error`.
 */
const ItemStateSchema = z.object({
  /** The item's row or position when last run, for people reading the file. */
  row: z.number(),
  label: z.string(),
  status: z.enum(['submitting', 'running', 'done', 'failed']),
  jobId: z.optional(z.string()),
  cost: z.optional(z.number()),
  files: z.optional(z.array(z.string())),
  error: z.optional(z.string()),
});
export type ItemState = z.output<typeof ItemStateSchema>;

const StateDataSchema = z.looseObject({
  version: z.literal(1),
  /** The API the jobs live on: resuming them anywhere else would find nothing. */
  api: z.string(),
  projectId: z.optional(z.string()),
  items: z.record(z.string(), ItemStateSchema),
});
type StateData = z.output<typeof StateDataSchema>;

/** Where the jobs live: a state file is valid for one API and project only. */
export interface StateIdentity {
  api: string;
  projectId?: string | undefined;
}

/**
 * A run's memory across crashes: each item's job id, recorded the moment it exists, so a re-run
 * resumes waits and downloads and never submits an item twice. Every change rewrites the file
 * synchronously to a temporary file renamed into place: a kill at any instant leaves the previous
 * or the new state, never half of one, and no event-loop turn passes between learning a job id
 * and recording it.
 */
export class StateFile {
  readonly path: string;
  readonly #data: StateData;

  private constructor(path: string, data: StateData) {
    this.path = path;
    this.#data = data;
  }

  /** Reads the state file, or starts an empty one (written on the first change). */
  static open(path: string, identity: StateIdentity): StateFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
      return new StateFile(path, { version: 1, ...identity, items: {} });
    }
    const unusable = (why: string) =>
      new UsageError(`${path} ${why}; pass another --state, or delete it to start over (its jobs would run again)`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw unusable('is not valid JSON');
    }
    const parsed = z.safeParse(StateDataSchema, json);
    if (!parsed.success) throw unusable('is not a scenario state file');
    const data = parsed.data;
    const where = (state: StateIdentity) => `${state.api}${state.projectId ? ` (project ${state.projectId})` : ''}`;
    if (data.api !== identity.api || data.projectId !== identity.projectId) {
      throw unusable(`holds jobs of ${where(data)}, not ${where(identity)}`);
    }
    return new StateFile(path, data);
  }

  get(key: string): ItemState | undefined {
    return this.#data.items[key];
  }

  /** Records an item's state and writes the file before returning. */
  set(key: string, state: ItemState): void {
    this.#data.items[key] = state;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.#data, null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}
