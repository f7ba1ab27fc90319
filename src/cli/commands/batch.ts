import { join, relative } from 'node:path';
import { Command } from 'commander';
import { Problems, UsageError } from '../errors.js';
import { paramsFromRow, rowWords, valueFromText, type Words } from '../flags.js';
import { commandFlags, TYPED_COMMANDS, type TypedCommand, typedCommand } from '../generations.js';
import { type ManifestRow, readManifest } from '../manifest.js';
import { customItem, type Item, type Placement, typedItem } from '../plan.js';
import type { Runtime } from '../session.js';
import { LEGACY_DEFAULT_STATE } from '../state.js';
import { didYouMean } from '../suggest.js';
import { addRunOptions, addStateOptions, runGenerations } from './generate.js';

/** Where a batch records its job ids unless `--state` says otherwise: beside its manifest, named after it. */
const stateFileOf = (manifest: string) => `${manifest}.scenario-state.jsonl`;

/** `scenario batch manifest.(yaml|json|csv)`: many generations, resumable from a state file. */
export function batchCommand(runtime: Runtime): Command {
  const command = new Command('batch')
    .description('run a manifest of generations (YAML, JSON or CSV); a re-run resumes, never submitting a row twice')
    .argument('<manifest>', 'one row per generation: command, the fields of its flags, and optional name, out, id')
    .option('--estimate', 'only quote every row (dry runs) and print the total; nothing is generated');
  addStateOptions(addRunOptions(command, 'run'), stateFileOf('<manifest>'));
  return command.action(async (manifest: string, _options: unknown, self: Command) => {
    const options = self.opts<{ out: string; estimate?: boolean; state?: string }>();
    const { defaults, rows } = await readManifest(manifest);
    const problems = new Problems();
    const reader = new RowReader(defaults, options.out, problems);
    const items = rows.flatMap((row, index) => reader.item(row, index + 1) ?? []);
    await runGenerations(self, items, runtime, {
      mode: options.estimate ? 'estimate' : 'run',
      noun: 'rows',
      summarize: true,
      problems,
      state: options.state ?? stateFileOf(manifest),
      // The old default state file lived in the current folder, shared by every manifest run there.
      legacyStates: options.state === undefined ? [LEGACY_DEFAULT_STATE] : [],
    });
  });
}

const COMMAND_NAMES = [...TYPED_COMMANDS.map((command) => command.name), 'custom'];
/** Fields of every row besides its command's own. */
const ROW_FIELDS = ['command', 'name', 'out', 'id'];
/** A custom row's own fields. */
const CUSTOM_FIELDS = ['model', 'inputs'];

/** The fields a row of `command` takes, by flag name and param name. */
function fieldsOf(command: TypedCommand | 'custom'): string[] {
  if (command === 'custom') return [...ROW_FIELDS, ...CUSTOM_FIELDS];
  const positional = command.positional ? [command.positional] : [];
  return [...ROW_FIELDS, ...positional, ...commandFlags(command).flatMap((flag) => [flag.name, flag.param])];
}

/** Every field some row takes: a field of `defaults` outside it is a typo. */
const ALL_FIELDS = new Set([...TYPED_COMMANDS.flatMap((command) => fieldsOf(command)), ...CUSTOM_FIELDS]);

/**
 * Manifest rows as items, every problem noted rather than thrown, each blamed where it is: a
 * row's own field on the row, a field it took from `defaults` on `defaults` (once).
 */
class RowReader {
  readonly #defaults: ManifestRow;
  readonly #root: string;
  readonly #problems: Problems;

  constructor(defaults: ManifestRow, root: string, problems: Problems) {
    this.#defaults = defaults;
    this.#root = root;
    this.#problems = problems;
    for (const key of Object.keys(defaults)) {
      if (!ALL_FIELDS.has(key))
        this.#noteDefaults(`defaults: unknown field "${key}"${didYouMean(key, [...ALL_FIELDS])}`);
    }
  }

  /**
   * A manifest row as an item, or `undefined` with its problems noted. `command` picks the
   * generation; `name` the output stem; `out` a folder under `--out`; `id` what identifies the
   * generation in the state file (default: its command and params). A custom row takes `model`
   * and `inputs`; any other row takes the fields of its command's flags.
   */
  item(row: ManifestRow, number: number): Item | undefined {
    const label = `row ${number}`;
    const fields = Object.fromEntries(
      // `null` unsets a default; an empty CSV cell is no value.
      Object.entries({ ...this.#defaults, ...row }).filter(
        ([, value]) => value !== undefined && value !== null && value !== '',
      ),
    );
    const spec = this.#command(fields.command, label);
    if (!spec) return undefined;
    const inherited = (key: string) => !(key in row) && key in this.#defaults;
    const known = fieldsOf(spec);
    for (const key of Object.keys(fields).filter((key) => !known.includes(key))) {
      // Left out, so the row's other problems are found too.
      delete fields[key];
      if (!inherited(key)) {
        this.#problems.add(label, new UsageError(`unknown field "${key}"${didYouMean(key, known)}`));
      } else if (ALL_FIELDS.has(key)) {
        const name = spec === 'custom' ? 'custom' : spec.name;
        this.#noteDefaults(
          `defaults.${key} does not apply to ${name} rows: unset it in them (${key}: null), or give them their own manifest`,
        );
      }
    }
    const { command: _command, name, out, id, ...params } = fields;
    const given = (value: unknown, key: string) =>
      value === undefined ? undefined : { path: String(value), word: inherited(key) ? `defaults.${key}` : key };
    const place = (words: Words): Placement => ({
      index: number,
      label,
      root: this.#root,
      folder: given(out, 'out'),
      name: given(name, 'name'),
      id: id === undefined ? undefined : String(id),
      words: (param) => {
        const key = words(param);
        return inherited(key) ? `defaults.${key}` : key;
      },
    });
    const item = this.#check(label, () => {
      if (spec === 'custom')
        return customRowItem(
          params,
          place((param) => `inputs.${param}`),
        );
      const flags = commandFlags(spec);
      return typedItem(spec, paramsFromRow(flags, params), place(rowWords(flags, Object.keys(params))));
    });
    // Named by where its files go under `--out`: `row 3 (tiles/knight)`.
    const shown = item?.stem && relative(this.#root, join(item.outDir, item.stem));
    return item && { ...item, label: shown ? `${label} (${shown})` : label };
  }

  /** The row's command, or `undefined` with the problem noted. */
  #command(name: unknown, label: string): TypedCommand | 'custom' | undefined {
    if (name === 'custom') return 'custom';
    const spec = typeof name === 'string' ? typedCommand(name) : undefined;
    if (spec) return spec;
    const shown = JSON.stringify(name ?? null);
    const hint = typeof name === 'string' ? didYouMean(name, COMMAND_NAMES) : '';
    // With a likely match, the list of 23 commands is noise.
    const expected = hint || `: expected one of ${COMMAND_NAMES.join(', ')}`;
    this.#problems.add(label, new UsageError(`unknown command ${shown}${expected}`));
    return undefined;
  }

  /** Runs `build`; its problems are noted, those of a field from `defaults` once, on `defaults`. */
  #check(label: string, build: () => Item | undefined): Item | undefined {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      for (const problem of error.problems) {
        if (problem.startsWith('defaults.')) this.#noteDefaults(problem);
        else this.#problems.add(label, new UsageError(problem));
      }
      return undefined;
    }
  }

  /** Unlabelled, so {@link Problems} keeps one of each however many rows inherit it. */
  #noteDefaults(problem: string): void {
    this.#problems.add(undefined, new UsageError(problem));
  }
}

function customRowItem(fields: ManifestRow, place: Placement): Item {
  const { model, inputs = {} } = fields;
  if (typeof model !== 'string' || model === '') throw new UsageError('model is required in a custom row');
  const parsed = typeof inputs === 'string' ? valueFromText(inputs) : inputs;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('inputs: expected an object of the model inputs (JSON in a CSV cell)');
  }
  return customItem(model, parsed as Record<string, unknown>, place);
}
