import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import * as z from 'zod/mini';
import { UsageError } from './errors.js';
import { Journal, JournalError } from './journal.js';
import { FileLock } from './lock.js';
import { apiText, type StateIdentity, sameApi } from './state-identity.js';

/**
 * What a state file remembers of one item (a manifest row, or an input on the command line).
 * `submitting`: the request may have reached the server and its answer was never recorded, so a
 * job may exist. `running`: the job exists. `done`: its files are written. `failed`: see `error`;
 * with a `jobId` the job failed, without one no job was created (a re-run submits it).
 */
const ItemStateSchema = z.object({
  /** The item's row or position when last run, for people reading the file. */
  row: z.number(),
  label: z.string(),
  status: z.enum(['submitting', 'running', 'done', 'failed']),
  jobId: z.optional(z.string()),
  cost: z.optional(z.number()),
  /** The written files, relative to the state file's folder. */
  files: z.optional(z.array(z.string())),
  error: z.optional(z.string()),
});
export type ItemState = z.output<typeof ItemStateSchema>;

/** The first line of a state file: its format, and where its jobs live. */
const HEADER = { format: 'scenario-state', version: 2 } as const;
const HeaderSchema = z.looseObject({
  format: z.literal(HEADER.format),
  version: z.literal(HEADER.version),
  /** The API the jobs live on: resuming them anywhere else would find nothing. */
  api: z.string(),
  projectId: z.optional(z.string()),
});

/**
 * A state file of version 1: one JSON document rewritten whole on every change, by default
 * `.scenario-state.json` in the current folder, shared by every manifest run there, its items
 * keyed by what they asked for but not where their files went, and `files` relative to the
 * folder it was run from.
 */
const LegacyStateSchema = z.looseObject({
  version: z.literal(1),
  api: z.string(),
  projectId: z.optional(z.string()),
  items: z.record(z.string(), ItemStateSchema),
});
type LegacyState = z.output<typeof LegacyStateSchema>;

/** Where the old default state file lived: the current folder. */
export const LEGACY_DEFAULT_STATE = '.scenario-state.json';

/** An item as a version-1 state file may know it, so its record can be carried over. */
export interface LegacyItem {
  /** Its key in the new state file. */
  key: string;
  /** Its key in a version-1 file. */
  legacyKey: string;
  /** Where its files go: a done record is carried over only when its files are there. */
  outDir: string;
  /** The start of its files' names, `<stem>-`; absent when they are named after the job. */
  stem: string | undefined;
}

/** How a state file is opened. */
export interface StateOptions {
  /** Version-1 files to carry rows over from, besides `path` itself when it is one. */
  legacySources?: readonly string[];
  /** The items that may be found in them. */
  legacyItems?: readonly LegacyItem[];
  /** Tells the user what was carried over. */
  note?: (text: string) => void;
}

/**
 * A run's memory across crashes: each item's job id, recorded the moment it exists, so a re-run
 * resumes waits and downloads and never submits an item twice. A {@link Journal}: a change is
 * one line appended before the next step (flushed to the disk for `submitting` and `running`,
 * which guard against billing twice), so a kill at any instant leaves a readable file and no
 * event-loop turn passes between learning a job id and recording it. Held by one process at a
 * time through a {@link FileLock} beside it (`<path>.lock`).
 */
export class StateFile {
  readonly path: string;
  /** The folder keys and files are relative to: the state file's. */
  readonly folder: string;
  readonly #journal: Journal<ItemState>;
  readonly #lock: FileLock;

  private constructor(journal: Journal<ItemState>, lock: FileLock) {
    this.path = journal.path;
    this.folder = dirname(resolve(journal.path));
    this.#journal = journal;
    this.#lock = lock;
  }

  /**
   * Takes the state file's lock (refused while another live run holds it), then reads the file,
   * or starts an empty one (written on the first change). Rows it does not know are carried over
   * from version-1 files (`options.legacySources`, and `path` itself when it is one: it is then
   * moved aside to `<path>.v1`, never written).
   */
  static async open(path: string, identity: StateIdentity, options: StateOptions = {}): Promise<StateFile> {
    return FileLock.holding(`${path}.lock`, path, (lock) => {
      const state = new StateFile(readJournal(path, identity), lock);
      state.#carryOver(identity, options);
      return state;
    });
  }

  get(key: string): ItemState | undefined {
    return this.#journal.get(key);
  }

  /**
   * Records an item's state before returning. Refused once another run took the state file over
   * (it judged this one dead): nothing more may be submitted then.
   */
  set(key: string, state: ItemState): void {
    if (state.status === 'submitting' && !this.#lock.held) {
      throw new UsageError(`${this.path} was taken over by another run: this one stops submitting`);
    }
    this.#journal.set(key, state, state.status === 'submitting' || state.status === 'running');
  }

  /** A file path as recorded: relative to the state file's folder. */
  recorded(file: string): string {
    return relative(this.folder, resolve(file));
  }

  /** A recorded file path as the current folder sees it. */
  resolved(file: string): string {
    return relative(process.cwd(), resolve(this.folder, file)) || '.';
  }

  /** Compacts the file and gives the lock up. */
  close(): void {
    try {
      this.#journal.close();
    } finally {
      this.#lock.release();
    }
  }

  #carryOver(identity: StateIdentity, options: StateOptions): void {
    const items = (options.legacyItems ?? []).filter((item) => this.#journal.get(item.key) === undefined);
    const sources = [`${this.path}.v1`, ...(options.legacySources ?? [])];
    for (const source of items.length > 0 ? sources : []) {
      const legacy = readLegacy(source);
      if (!legacy) continue;
      if (!sameApi(legacy, identity)) {
        options.note?.(
          `Not carrying rows over from ${source}: it holds jobs of ${apiText(legacy)}, not ${apiText(identity)}.`,
        );
        continue;
      }
      let carried = 0;
      for (const item of items) {
        const record = legacy.items[item.legacyKey];
        if (!record || this.#journal.get(item.key) !== undefined) continue;
        const files = (record.files ?? []).map((file) => resolve(file));
        if (record.status === 'done' && !files.every((file) => belongsTo(file, item))) continue;
        const moved = { ...record, ...(record.files ? { files: files.map((file) => this.recorded(file)) } : {}) };
        this.#journal.set(item.key, moved, true);
        carried++;
      }
      if (carried > 0) {
        options.note?.(`Carried ${carried} row(s) over from ${source}, a state file of an earlier version.`);
      }
    }
  }
}

/** Whether a file of a version-1 record is one the item writes: in its folder, named after its stem. */
function belongsTo(file: string, item: LegacyItem): boolean {
  return (
    dirname(file) === resolve(item.outDir) && (item.stem === undefined || basename(file).startsWith(`${item.stem}-`))
  );
}

function unusable(path: string, why: string): UsageError {
  return new UsageError(`${path} ${why}; pass another --state, or delete it to start over (its jobs would run again)`);
}

/** The journal at `path`; a version-1 document there is moved aside to `<path>.v1` first. */
function readJournal(path: string, identity: StateIdentity): Journal<ItemState> {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw unusable(path, `cannot be read (${(error as Error).message})`);
  }
  const legacy = readLegacyText(text);
  if (legacy) {
    // Pointed at another API by mistake, a run would submit every row again there.
    if (!sameApi(legacy, identity)) {
      throw unusable(path, `holds jobs of ${apiText(legacy)}, not ${apiText(identity)}`);
    }
    if (existsSync(`${path}.v1`)) throw unusable(path, `is a state file of an earlier version, and ${path}.v1 exists`);
    renameSync(path, `${path}.v1`);
    text = '';
  }
  const format = {
    header: { ...HEADER, ...identity },
    parse: (value: unknown) => {
      const parsed = z.safeParse(ItemStateSchema, value);
      if (!parsed.success) throw new Error('not an item state');
      return parsed.data;
    },
  };
  let journal: Journal<ItemState>;
  try {
    journal = Journal.fromText(path, text, format);
  } catch (error) {
    if (error instanceof JournalError) throw unusable(path, `is not a scenario state file (${error.message})`);
    throw error;
  }
  const header = z.safeParse(HeaderSchema, journal.header);
  if (!header.success) throw unusable(path, 'is not a scenario state file');
  if (!sameApi(header.data, identity)) {
    throw unusable(path, `holds jobs of ${apiText(header.data)}, not ${apiText(identity)}`);
  }
  return journal;
}

function readLegacy(path: string): LegacyState | undefined {
  try {
    return readLegacyText(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function readLegacyText(text: string): LegacyState | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = z.safeParse(LegacyStateSchema, JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
