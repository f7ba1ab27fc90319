import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { Problems, UsageError } from '../errors.js';
import { addFlags, collect, flagWords, nameValue, paramsFromOptions, type Words } from '../flags.js';
import { commandFlags, TYPED_COMMANDS, type TypedCommand } from '../generations.js';
import { slug } from '../outputs.js';
import { checkItems, customItem, type Item, keyItems, type Placement, typedItem } from '../plan.js';
import { type EarlyEnd, exitCodeOf, printInterrupted, printOutcome, printSummary } from '../results.js';
import { estimateItems, type Outcome, type RunContext, runItems } from '../runner.js';
import { commandLine, openSession, positiveInteger, type Runtime, type Session } from '../session.js';
import { StateFile } from '../state.js';

/** `run` submits and writes files; `estimate` only quotes (dry runs). */
export type Mode = 'run' | 'estimate';

/** The options of a command that runs generations, as commander parsed them. */
interface GenerationOptions {
  out?: string;
  name?: string;
  force?: boolean;
  concurrency?: string;
  state?: string;
  retryFailed?: boolean;
  cancelOnAbort?: boolean;
  emulator?: boolean;
  projectId?: string;
  baseUrl?: string;
}

/** Jobs at once unless `--concurrency` says otherwise: the API's usual parallel-job limit. */
const DEFAULT_CONCURRENCY = 5;

/** The options of a command that runs (or quotes) items: `--concurrency`, and unless it only quotes, where and how files are written. */
export function addRunOptions(command: Command, mode: Mode): Command {
  command.option('--concurrency <n>', 'jobs at once', String(DEFAULT_CONCURRENCY));
  if (mode === 'estimate') return command;
  return command
    .option('-o, --out <dir>', 'folder for the output files', '.')
    .option('--force', 'overwrite existing output files')
    .option('--cancel-on-abort', 'on Ctrl-C, also ask the server to cancel the running jobs');
}

/** `--state` and `--retry-failed`, for commands that submit generations; `defaultFile` is shown in the help. */
export function addStateOptions(command: Command, defaultFile?: string): Command {
  const fallback = defaultFile ? ` (default: ${defaultFile})` : '';
  return command
    .option('--state <file>', `record each job id here, so a re-run resumes instead of submitting again${fallback}`)
    .option('--retry-failed', 'with --state: submit again items whose job failed or whose submission was cut off');
}

/** `scenario <generation> [images...]` (or `scenario estimate <generation> …`), built from the resource's row. */
function typedGenerationCommand(spec: TypedCommand, mode: Mode, runtime: Runtime): Command {
  const flags = commandFlags(spec);
  const command = new Command(spec.name).description(mode === 'run' ? spec.summary : `quote ${spec.name} (dry run)`);
  if (spec.positional) {
    command.argument(`<${spec.positional}...>`, 'input images: file paths, URLs or asset ids; one generation each');
  }
  addFlags(command, flags);
  addGenerationOptions(command, mode);
  return command.action(async (...args: unknown[]) => {
    const self = args.at(-1) as Command;
    const options = self.opts<GenerationOptions>();
    const params = paramsFromOptions(flags, self.opts());
    const inputs = spec.positional ? (args[0] as string[]) : [undefined];
    const problems = new Problems();
    const items = inputs.flatMap((input, index) => {
      const withInput = spec.positional && input !== undefined ? { ...params, [spec.positional]: input } : params;
      const label = input ?? (slug(String(params.prompt ?? '')) || spec.name);
      // The flags' problems are the same for every input: noted once, not labelled with one.
      const words: Words = (param) => (param === spec.positional ? JSON.stringify(input) : flagWords(flags)(param));
      const place = placement(index, label, options, inputs.length, words);
      return problems.check(undefined, () => typedItem(spec, withInput, place)) ?? [];
    });
    await runGenerations(self, items, runtime, { mode, noun: 'inputs', problems, state: options.state });
  });
}

/** `scenario custom <model> --input name=value …`: any model through `/generate/custom/{modelId}`. */
function customCommand(mode: Mode, runtime: Runtime): Command {
  const command = new Command('custom')
    .description(
      mode === 'run'
        ? 'run any model with its own inputs (see `scenario models get <model>`)'
        : 'quote a custom model run',
    )
    .argument('<model>', 'model id, e.g. model_upscale-v3')
    .option(
      '-i, --input <name=value>',
      'a model input (repeatable); numbers, true/false and JSON are typed, the rest is text',
      collect,
    );
  addGenerationOptions(command, mode);
  return command.action(async (modelId: string, _options: unknown, self: Command) => {
    const options = self.opts<GenerationOptions & { input?: string[] }>();
    const inputs = Object.fromEntries((options.input ?? []).map((text) => nameValue('input', text)));
    const place = placement(0, modelId, options, 1, (name) => `--input ${name}`);
    await runGenerations(self, [customItem(modelId, inputs, place)], runtime, {
      mode,
      noun: 'inputs',
      state: options.state,
    });
  });
}

function addGenerationOptions(command: Command, mode: Mode): void {
  addRunOptions(command, mode);
  if (mode === 'estimate') return;
  addStateOptions(command);
  command.option('--name <stem>', 'name the outputs <stem>-<n>.png (one input only)');
}

function placement(index: number, label: string, options: GenerationOptions, count: number, words: Words): Placement {
  if (options.name !== undefined && count > 1) {
    throw new UsageError('--name names the outputs of one input; with several, each is named after its input');
  }
  const name = options.name === undefined ? undefined : { path: options.name, word: '--name' };
  return { index: index + 1, label, root: options.out ?? '.', name, words };
}

/** How {@link runGenerations} runs its items. */
interface RunHow {
  mode: Mode;
  /** What the summary counts: `rows`, `inputs`, `jobs`. */
  noun: string;
  /** Print the summary even for one item (a batch always ends with one). */
  summarize?: boolean;
  /** Problems found while reading the items, reported with those of the checks. */
  problems?: Problems;
  /** The state file; none: nothing is remembered across runs. */
  state?: string | undefined;
  /** State files of an earlier version to carry rows over from. */
  legacyStates?: readonly string[];
}

/**
 * Runs (or quotes) checked items and reports them: everything is checked before the first
 * request, every problem reported at once; then one line (or JSON object) per finished item, a
 * summary for several, and after Ctrl-C (or a stop: a full disk) the jobs that run on and how to
 * resume them.
 */
export async function runGenerations(command: Command, items: Item[], runtime: Runtime, how: RunHow): Promise<void> {
  const { mode, noun } = how;
  const problems = how.problems ?? new Problems();
  const session = await openSession(command).catch((error: unknown) => {
    problems.add(undefined, error);
    problems.throwIfAny();
    throw error;
  });
  const { client, reporter } = session;
  const stopping = () => reporter.note('Stopping: no new job starts; Ctrl-C again to quit at once.');
  runtime.signal.addEventListener('abort', stopping);
  const options = session.options as GenerationOptions & typeof session.options;
  // An estimate writes nothing, so it neither needs nor touches a state file.
  const statePath = mode === 'estimate' ? undefined : how.state;
  const keyed = keyItems(items, statePath === undefined ? process.cwd() : dirname(resolve(statePath)));
  let state: StateFile | undefined;
  try {
    if (statePath !== undefined) {
      const identity = { api: session.api, projectId: client.projectId };
      const legacy = { legacySources: how.legacyStates, legacyItems: keyed, note: reporter.note };
      state = await StateFile.open(statePath, identity, legacy).catch((error: unknown) => {
        problems.add(undefined, error);
        problems.throwIfAny();
        throw error;
      });
    }
    const concurrency =
      problems.check(undefined, () => positiveInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY)) ??
      DEFAULT_CONCURRENCY;
    await checkItems(keyed, { client, state, force: options.force === true, writes: mode === 'run', problems });
    const context: RunContext = {
      client,
      reporter,
      state,
      signal: runtime.signal,
      halt: new AbortController(),
      cancelOnAbort: options.cancelOnAbort === true,
      retryFailed: options.retryFailed === true,
      onOutcome: (outcome: Outcome) => printOutcome(reporter, outcome),
    };
    const outcomes =
      mode === 'estimate'
        ? await estimateItems(keyed, concurrency, context)
        : await runItems(keyed, concurrency, context);
    reporter.stop();
    if (items.length > 1 || how.summarize) printSummary(reporter, outcomes, noun);
    const { halt } = context;
    if (runtime.signal.aborted || halt.signal.aborted) {
      const end: EarlyEnd = runtime.signal.aborted
        ? { interrupted: true, cancelOnAbort: context.cancelOnAbort }
        : { interrupted: false, reason: String(halt.signal.reason) };
      printInterrupted(reporter, outcomes, end, (running) => resumeCommands(running, session, runtime, statePath));
    }
    runtime.exitCode = exitCodeOf(outcomes, runtime.signal.aborted);
  } finally {
    runtime.signal.removeEventListener('abort', stopping);
    state?.close();
    reporter.stop();
  }
}

/** How to pick an interrupted run up again: the same command with its state file, else a `jobs wait` per job. */
function resumeCommands(
  running: readonly Outcome[],
  session: Session,
  runtime: Runtime,
  statePath: string | undefined,
): string[] {
  const options = session.options as GenerationOptions;
  if (options.emulator) return [];
  if (statePath !== undefined) return [commandLine(runtime.argv)];
  const connection = [
    ...(options.projectId ? ['--project-id', options.projectId] : []),
    ...(options.baseUrl ? ['--base-url', options.baseUrl] : []),
  ];
  return running.map(({ jobId, item }) =>
    commandLine([
      'jobs',
      'wait',
      jobId ?? '',
      '--out',
      item.outDir,
      ...(item.stem ? ['--name', item.stem] : []),
      ...connection,
    ]),
  );
}

/** Every generation command, in `run` or `estimate` form. */
export function generationCommands(mode: Mode, runtime: Runtime): Command[] {
  return [...TYPED_COMMANDS.map((spec) => typedGenerationCommand(spec, mode, runtime)), customCommand(mode, runtime)];
}
