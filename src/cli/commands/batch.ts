import { join } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { paramsFromRow, valueFromText } from '../flags.js';
import { commandFlags, TYPED_COMMANDS, typedCommand } from '../generations.js';
import { type ManifestRow, readManifest } from '../manifest.js';
import { customItem, type Item, type Placement, typedItem, usageAt } from '../plan.js';
import type { Runtime } from '../session.js';
import { addRunOptions, addStateOptions, runGenerations } from './generate.js';

/** Where a batch records its job ids unless `--state` says otherwise. */
const DEFAULT_STATE_FILE = '.scenario-state.json';

/** `scenario batch manifest.(yaml|json|csv)`: many generations, resumable from a state file. */
export function batchCommand(runtime: Runtime): Command {
  const command = new Command('batch')
    .description('run a manifest of generations (YAML, JSON or CSV); a re-run resumes, never submitting a row twice')
    .argument('<manifest>', 'one row per generation: command, the fields of its flags, and optional name, out, id')
    .option('--estimate', 'only quote every row (dry runs) and print the total; nothing is generated');
  addStateOptions(addRunOptions(command, 'run'), DEFAULT_STATE_FILE);
  return command.action(async (manifest: string, _options: unknown, self: Command) => {
    const options = self.opts<{ out: string; estimate?: boolean }>();
    const items = (await readManifest(manifest)).map((row, index) => rowItem(row, index + 1, options.out));
    await runGenerations(self, items, runtime, {
      mode: options.estimate ? 'estimate' : 'run',
      noun: 'rows',
      summarize: true,
    });
  });
}

const COMMAND_NAMES = [...TYPED_COMMANDS.map((command) => command.name), 'custom'];

/**
 * A manifest row as an item. `command` picks the generation; `name` the output stem; `out` a
 * folder under `--out`; `id` the state key (default: a hash of the row). A custom row takes
 * `model` and `inputs`; any other row takes the fields of its command's flags.
 */
function rowItem(row: ManifestRow, number: number, out: string): Item {
  const label = `row ${number}`;
  const { command, name, out: folder, id, ...fields } = row;
  const place: Placement = {
    index: number,
    label,
    outDir: folder === undefined ? out : join(out, String(folder)),
    name: name === undefined ? undefined : String(name),
    id: id === undefined ? undefined : String(id),
  };
  try {
    const item = command === 'custom' ? customRowItem(fields, place) : typedRowItem(command, fields, place);
    return { ...item, label: item.stem ? `${label} (${item.stem})` : label };
  } catch (error) {
    throw usageAt(label, error);
  }
}

function typedRowItem(name: unknown, fields: ManifestRow, place: Placement): Item {
  const spec = typeof name === 'string' ? typedCommand(name) : undefined;
  if (!spec)
    throw new UsageError(`command ${JSON.stringify(name ?? null)}: expected one of ${COMMAND_NAMES.join(', ')}`);
  return typedItem(spec, paramsFromRow(commandFlags(spec), fields), place);
}

function customRowItem(fields: ManifestRow, place: Placement): Item {
  const { model, inputs = {}, ...rest } = fields;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new UsageError(`a custom row takes model and inputs, not ${extra.join(', ')}`);
  if (typeof model !== 'string' || model === '') throw new UsageError('a custom row needs a model');
  const parsed = typeof inputs === 'string' ? valueFromText(inputs) : inputs;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('inputs: expected an object of the model inputs (JSON in a CSV cell)');
  }
  return customItem(model, parsed as Record<string, unknown>, place);
}
