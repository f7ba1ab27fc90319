import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { InvalidRequestError, NotFoundError, type Scenario } from '../index.js';
import { CustomInputsSchema, modelInputsSchema, parseInput } from '../schemas.js';
import { Problems, UsageError } from './errors.js';
import { inUserWords, type Words } from './flags.js';
import { commandFlags, type TypedCommand } from './generations.js';
import { existingOutputs, isLocalPath, stemOf } from './outputs.js';
import { checkPathText, checkRealPathInside, checkStemLength, checkWritableFolder, pathInside } from './paths.js';
import type { Generation } from './sdk.js';
import type { StateFile } from './state.js';

/** One generation to run (or one existing job to finish), with where its files go. */
export interface Item {
  /** 1-based: the manifest row, or the position among the command's inputs. */
  index: number;
  /** Names the item in bars, results and errors: `sketch.png`, `row 3 (knight)`. */
  label: string;
  /** `img2img`, `custom`, …; names the files of an item without a stem. */
  command: string;
  /** What to submit; absent for a job that exists already (`jobs wait`). */
  generation?: Generation;
  jobId?: string;
  /** Outputs are `<stem>-<n>.<ext>` (a file name, no folder); without a stem, `<command>-<jobId>-<n>.<ext>`. */
  stem: string | undefined;
  /** The outputs' folder, as the user gave it: `--out`, joined with a row's `out` and the folders of its `name`. */
  outDir: string;
  /** What the item asks for: the row's `id`, else its command and params. With its outputs, it keys the item in a state file. */
  identity: unknown;
  /** The item's key in a state file of version 1 (what it asked for, with its `name`), to carry its record over. */
  legacyKey: string;
  /** Image arguments read from disk, checked before anything is sent, each with the flag or field that gave it. */
  localImages: { word: string; path: string }[];
  /** How the item's params are named to the user. */
  words: Words;
}

/** An item with its key in a state file: what it produces (its folder and stem) and what it asks for. */
export interface KeyedItem extends Item {
  key: string;
}

/** A path the user gave, and the flag or manifest field it came from. */
export interface GivenPath {
  path: string;
  word: string;
}

/** Where an item sits and where its files go. */
export interface Placement {
  index: number;
  label: string;
  /** The output folder (`--out`): nothing is written outside it. */
  root: string;
  /** A folder under `root` for this item (a manifest row's `out`). */
  folder?: GivenPath | undefined;
  /** The output stem, instead of the one derived from the input; may start with folders (`tiles/knight`). */
  name?: GivenPath | undefined;
  /** What identifies the item's generation in a state file, instead of its command and params. */
  id?: string | undefined;
  words: Words;
}

/** An input error as the command's usage error, naming `label`; any other error as it is. */
export function usageAt(label: string | undefined, error: unknown): unknown {
  if (!(error instanceof InvalidRequestError || error instanceof UsageError)) return error;
  const problems = error instanceof UsageError ? error.problems : [error.message];
  const labelled = label ? problems.map((problem) => `${label}: ${problem}`) : problems;
  return new UsageError(labelled.join('; '), labelled);
}

/** A stable JSON text: object keys sorted, so the same row always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const hash = (value: unknown, length: number) =>
  createHash('sha256').update(canonical(value)).digest('hex').slice(0, length);

/**
 * The folder and stem of an item's outputs. A `name` or `out` the user gave must stay inside
 * `--out`, on the resolved path and through symbolic links; the stem is the name's last part.
 */
export function placeOutputs(
  place: Placement,
  derivedStem: string | undefined,
): { outDir: string; stem: string | undefined } {
  checkPathText(place.root, '--out');
  let outDir = place.root;
  if (place.folder) {
    pathInside(place.root, place.folder.path, place.folder.word);
    outDir = join(place.root, place.folder.path);
    checkRealPathInside(place.root, outDir, place.folder.word);
  }
  if (!place.name) return { outDir, stem: derivedStem };
  const { path, word } = place.name;
  pathInside(outDir, path, word);
  const stem = basename(normalize(path));
  if (path.endsWith('/') || path.endsWith(sep) || stem === '.' || stem === '..' || stem === '') {
    throw new UsageError(`${word} ${JSON.stringify(path)} names a folder: give a file stem, such as knight`);
  }
  checkStemLength(stem, word);
  outDir = dirname(join(outDir, path));
  checkRealPathInside(place.root, outDir, word);
  return { outDir, stem };
}

/** The local file paths among `params`' values of the image params `names`, each with its word. */
function localPaths(params: Record<string, unknown>, names: readonly string[], words: Words): Item['localImages'] {
  return names.flatMap((name) =>
    [params[name]]
      .flat()
      .filter((value): value is string => typeof value === 'string' && isLocalPath(value))
      .map((path) => ({ word: words(name), path })),
  );
}

/**
 * Checks an item's input with `check` and places its outputs, every problem of both noted
 * (in the user's words) before any is thrown.
 */
function checkedOutputs(
  place: Placement,
  derivedStem: string | undefined,
  check: () => void,
): ReturnType<typeof placeOutputs> {
  const problems = new Problems();
  problems.check(undefined, () => {
    try {
      check();
    } catch (error) {
      throw inUserWords(error, place.words);
    }
  });
  const outputs = problems.check(undefined, () => placeOutputs(place, derivedStem));
  problems.throwIfAny();
  return outputs as NonNullable<typeof outputs>;
}

/** A typed generation, its params checked by the SDK's own schema. */
export function typedItem(command: TypedCommand, params: Record<string, unknown>, place: Placement): Item {
  const derived = stemOf(command.positional && params[command.positional], params.prompt);
  const { outDir, stem } = checkedOutputs(place, derived, () =>
    parseInput(command.schema, params, `${command.field} params`),
  );
  const images = commandFlags(command).filter((flag) => flag.kind === 'image' || flag.item === 'image');
  const imageNames = [...(command.positional ? [command.positional] : []), ...images.map((flag) => flag.param)];
  return {
    index: place.index,
    label: place.label,
    command: command.name,
    generation: { field: command.field, params },
    stem,
    outDir,
    identity: place.id === undefined ? [command.name, params] : { id: place.id },
    legacyKey: place.id ?? hash([command.name, params, place.name?.path ?? derived ?? null], 16),
    localImages: localPaths(params, imageNames, place.words),
    words: place.words,
  };
}

/** A custom-model run; its inputs are checked against the model's contract by {@link checkItems}. */
export function customItem(modelId: string, inputs: Record<string, unknown>, place: Placement): Item {
  const derived = stemOf(inputs.image, inputs.prompt);
  const { outDir, stem } = checkedOutputs(place, derived, () =>
    parseInput(CustomInputsSchema, inputs, `custom inputs of ${modelId}`),
  );
  const custom = { modelId, inputs };
  return {
    index: place.index,
    label: place.label,
    command: 'custom',
    generation: { field: 'custom', ...custom },
    stem,
    outDir,
    identity: place.id === undefined ? ['custom', custom] : { id: place.id },
    legacyKey: place.id ?? hash(['custom', custom, place.name?.path ?? derived ?? null], 16),
    // Which inputs are files is known once the model's contract is read.
    localImages: [],
    words: place.words,
  };
}

/**
 * The items with their keys in a state file kept in `folder`: a hash of where their outputs go
 * (relative to that folder, so a moved project keeps its keys) and what they ask for.
 */
export function keyItems(items: readonly Item[], folder: string): KeyedItem[] {
  return items.map((item) => {
    const where = relative(folder, resolve(item.outDir)).split(sep).join('/');
    return { ...item, key: hash([where, item.stem ?? null, item.identity], 20) };
  });
}

/** What {@link checkItems} needs. */
export interface CheckContext {
  client: Scenario;
  state: StateFile | undefined;
  force: boolean;
  /** False for estimates: nothing will be written, so existing files and folders do not matter. */
  writes: boolean;
  /** Problems found so far (while reading the items): reported with these checks' own. */
  problems: Problems;
}

/** Where an item's files go, as compared with another's: resolved, and case-folded (some file systems ignore case). */
function writeTarget(item: Item): string {
  return `${resolve(item.outDir)}${sep}${item.stem}`.normalize('NFC').toLowerCase();
}

/**
 * Everything that can be checked before the first generation is sent, so a mistake in row 90
 * stops the run before row 1 is billed, every problem reported at once: no two items write the
 * same files, nothing is overwritten without `--force`, local images are images, custom inputs
 * fit their model (one `GET /models/{id}` per model), output folders can be written. Then the
 * output folders are created.
 */
export async function checkItems(items: readonly KeyedItem[], context: CheckContext): Promise<void> {
  const { problems } = context;
  const keys = new Map<string, KeyedItem>();
  const writers = new Map<string, KeyedItem>();
  for (const item of items) {
    const same = keys.get(item.key);
    if (same) {
      problems.add(
        undefined,
        new UsageError(`${same.label} and ${item.label} are the same generation: give each its own id or name`),
      );
      continue;
    }
    keys.set(item.key, item);
    if (item.stem === undefined) continue;
    const other = writers.get(writeTarget(item));
    if (other) {
      const files = join(item.outDir, `${item.stem}-<n>`);
      problems.add(
        undefined,
        new UsageError(`${other.label} and ${item.label} would both write ${files}: give each its own name`),
      );
      continue;
    }
    writers.set(writeTarget(item), item);
    const hasJob = context.state?.get(item.key)?.jobId !== undefined || item.jobId !== undefined;
    const existing = context.force || hasJob || !context.writes ? [] : existingOutputs(item.outDir, item.stem);
    if (existing.length > 0) {
      problems.add(item.label, new UsageError(`${existing[0]} exists; pass --force to overwrite it, or another --out`));
    }
  }
  await checkImages(items, context);
  if (context.writes) checkFolders(items, problems);
  problems.throwIfAny();
  for (const dir of context.writes ? new Set(items.map((item) => item.outDir)) : []) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create ${dir}: ${(error as Error).message}`);
    }
  }
}

/** Local images are read and sniffed, custom inputs checked against their model's contract. */
async function checkImages(items: readonly KeyedItem[], context: CheckContext): Promise<void> {
  const contracts = await customFileInputs(items, context);
  const checked = new Set<string>();
  for (const item of items) {
    const images = [...item.localImages, ...(contracts.get(item) ?? [])].filter(({ path }) => !checked.has(path));
    for (const { word, path } of images) {
      checked.add(path);
      try {
        await context.client.assets.inspect(path);
      } catch (error) {
        if (!(error instanceof InvalidRequestError)) throw error;
        const problems = error.issues.map((issue) => `${word}: ${issue.message}`);
        context.problems.add(item.label, new UsageError(problems.join('; '), problems));
      }
    }
  }
}

/** Checks custom items' inputs against their model's contract; returns the local files each one reads. */
async function customFileInputs(
  items: readonly KeyedItem[],
  context: CheckContext,
): Promise<Map<Item, Item['localImages']>> {
  const files = new Map<Item, Item['localImages']>();
  for (const item of items) {
    const { generation } = item;
    if (generation?.field !== 'custom') continue;
    let model: Awaited<ReturnType<Scenario['models']['get']>>;
    try {
      model = context.client.models.cached(generation.modelId) ?? (await context.client.models.get(generation.modelId));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      context.problems.add(
        item.label,
        new UsageError(`no model ${JSON.stringify(generation.modelId)} in this project`),
      );
      continue;
    }
    context.problems.check(item.label, () => {
      try {
        parseInput(modelInputsSchema(model), generation.inputs, `inputs of model ${model.id}`);
      } catch (error) {
        const known = (model.inputs ?? []).map((input) => input.name);
        throw inUserWords(error, item.words, known);
      }
    });
    const fileInputs = (model.inputs ?? []).filter((input) => input.type === 'file' || input.type === 'file_array');
    files.set(
      item,
      localPaths(
        generation.inputs,
        fileInputs.map((input) => input.name),
        item.words,
      ),
    );
  }
  return files;
}

/**
 * Each output folder can be written: an existing one takes a file, a missing one can be made
 * (its nearest existing folder takes a file). Nothing is created here.
 */
function checkFolders(items: readonly Item[], problems: Problems): void {
  for (const dir of new Set(items.map((item) => item.outDir))) {
    let existing = resolve(dir);
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    problems.check(undefined, () => checkWritableFolder(existing, dir));
  }
}
