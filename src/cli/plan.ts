import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { InvalidRequestError, type Scenario } from '../index.js';
import { CustomInputsSchema, modelInputsSchema, parseInput } from '../schemas.js';
import { UsageError } from './errors.js';
import { commandFlags, type TypedCommand } from './generations.js';
import { existingOutputs, isLocalPath, stemOf } from './outputs.js';
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
  /** Outputs are `<stem>-<n>.<ext>`; without a stem, `<command>-<jobId>-<n>.<ext>`. */
  stem: string | undefined;
  outDir: string;
  /** Identifies the item in a state file across runs: the row's `id`, else a hash of what it asks for. */
  key: string;
  /** Image arguments read from disk, checked before anything is sent. */
  localImages: string[];
}

/** Where an item sits and where its files go. */
export interface Placement {
  index: number;
  label: string;
  outDir: string;
  /** The output stem, instead of the one derived from the input. */
  name?: string | undefined;
  /** The state key, instead of the hash. */
  id?: string | undefined;
}

/** An input error as the command's usage error, naming `label`; any other error as it is. */
export function usageAt(label: string | undefined, error: unknown): unknown {
  if (!(error instanceof InvalidRequestError || error instanceof UsageError)) return error;
  return new UsageError(label ? `${label}: ${error.message}` : error.message);
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

function keyOf(command: string, params: unknown, stem: string | undefined): string {
  return createHash('sha256')
    .update(canonical([command, params, stem ?? null]))
    .digest('hex')
    .slice(0, 16);
}

/** The local file paths among `params`' values of the image params `names`. */
function localPaths(params: Record<string, unknown>, names: readonly string[]): string[] {
  return names
    .flatMap((name) => [params[name]].flat())
    .filter((value): value is string => typeof value === 'string' && isLocalPath(value));
}

/** A typed generation, its params checked by the SDK's own schema (the same message the SDK would give). */
export function typedItem(command: TypedCommand, params: Record<string, unknown>, place: Placement): Item {
  parseInput(command.schema, params, `${command.field} params`);
  const stem = place.name ?? stemOf(command.positional && params[command.positional], params.prompt);
  const images = commandFlags(command).filter((flag) => flag.kind === 'image' || flag.item === 'image');
  const imageNames = [...(command.positional ? [command.positional] : []), ...images.map((flag) => flag.param)];
  return {
    index: place.index,
    label: place.label,
    command: command.name,
    generation: { field: command.field, params },
    stem,
    outDir: place.outDir,
    key: place.id ?? keyOf(command.name, params, stem),
    localImages: localPaths(params, imageNames),
  };
}

/** A custom-model run; its inputs are checked against the model's contract by {@link checkItems}. */
export function customItem(modelId: string, inputs: Record<string, unknown>, place: Placement): Item {
  parseInput(CustomInputsSchema, inputs, `custom inputs of ${modelId}`);
  const stem = place.name ?? stemOf(inputs.image, inputs.prompt);
  return {
    index: place.index,
    label: place.label,
    command: 'custom',
    generation: { field: 'custom', modelId, inputs },
    stem,
    outDir: place.outDir,
    key: place.id ?? keyOf('custom', { modelId, inputs }, stem),
    // Which inputs are files is known once the model's contract is read.
    localImages: [],
  };
}

/** What {@link checkItems} needs. */
export interface CheckContext {
  client: Scenario;
  state: StateFile | undefined;
  force: boolean;
  /** False for estimates: nothing will be written, so existing files and folders do not matter. */
  writes: boolean;
}

/**
 * Everything that can be checked before the first generation is sent, so a mistake in row 90
 * stops the run before row 1 is billed: no two items write the same files, nothing is
 * overwritten without `--force`, local images are images, custom inputs fit their model (one
 * `GET /models/{id}` per model), output folders exist.
 */
export async function checkItems(items: readonly Item[], context: CheckContext): Promise<void> {
  const keys = new Map<string, Item>();
  const writers = new Map<string, Item>();
  for (const item of items) {
    const same = keys.get(item.key);
    if (same) {
      throw new UsageError(`${same.label} and ${item.label} are the same generation: give each its own id or name`);
    }
    keys.set(item.key, item);
    if (item.stem === undefined) continue;
    const where = `${item.outDir}\0${item.stem}`;
    const other = writers.get(where);
    if (other) {
      throw new UsageError(
        `${other.label} and ${item.label} would both write ${item.stem}-<n> in ${item.outDir}: give each its own name`,
      );
    }
    writers.set(where, item);
    const hasJob = context.state?.get(item.key)?.jobId !== undefined || item.jobId !== undefined;
    const existing = context.force || hasJob || !context.writes ? [] : existingOutputs(item.outDir, item.stem);
    if (existing.length > 0) {
      throw new UsageError(`${item.label}: ${existing[0]} exists; pass --force to overwrite it, or another --out`);
    }
  }
  const contracts = await customFileInputs(items, context.client);
  const checked = new Set<string>();
  for (const item of items) {
    const paths = [...item.localImages, ...(contracts.get(item) ?? [])].filter((path) => !checked.has(path));
    for (const path of paths) {
      checked.add(path);
      try {
        await context.client.assets.inspect(path);
      } catch (error) {
        throw usageAt(item.label, error);
      }
    }
  }
  for (const dir of context.writes ? new Set(items.map((item) => item.outDir)) : []) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create ${dir}: ${(error as Error).message}`);
    }
  }
}

/** Checks custom items' inputs against their model's contract; returns the local files each one reads. */
async function customFileInputs(items: readonly Item[], client: Scenario): Promise<Map<Item, string[]>> {
  const files = new Map<Item, string[]>();
  for (const item of items) {
    const { generation } = item;
    if (generation?.field !== 'custom') continue;
    const model = client.models.cached(generation.modelId) ?? (await client.models.get(generation.modelId));
    try {
      parseInput(modelInputsSchema(model), generation.inputs, `inputs of model ${model.id}`);
    } catch (error) {
      throw usageAt(item.label, error);
    }
    const fileInputs = (model.inputs ?? []).filter((input) => input.type === 'file' || input.type === 'file_array');
    files.set(
      item,
      localPaths(
        generation.inputs,
        fileInputs.map((input) => input.name),
      ),
    );
  }
  return files;
}
