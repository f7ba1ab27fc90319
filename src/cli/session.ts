import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { createReporter, type Reporter } from './reporter.js';
import { type Connection, connect } from './sdk.js';

/** What every command shares from the process: the interrupt signal, the exit code, the arguments. */
export interface Runtime {
  /** Aborted by Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  /** The command line's arguments, for the resume command. */
  argv: readonly string[];
  exitCode: number;
}

/** The options of the `scenario` command itself, accepted before or after the subcommand. */
export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
  projectId?: string;
  baseUrl?: string;
  emulator?: boolean;
  progress?: boolean;
}

/** A command's connection and output. */
export interface Session extends Connection {
  reporter: Reporter;
  options: GlobalOptions & Record<string, unknown>;
}

/** Adds the global options to the program. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--json', 'print one JSON object per result, for other tools')
    .option('--verbose', 'log requests, and print error details')
    .option('--project-id <id>', 'project to work in (default: env SCENARIO_PROJECT_ID)')
    .option('--base-url <url>', 'API root (default: env SCENARIO_BASE_URL, else the Scenario API)')
    .option('--emulator', 'run against an in-process emulator: offline, no credits (needs hono, msw, sharp)')
    .option('--no-progress', 'no progress bars, even on a terminal');
}

/** Connects with the command's options (after its arguments were checked) and sets up its output. */
export async function openSession(command: Command): Promise<Session> {
  const options = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
  const animate = options.progress !== false && process.stdout.isTTY === true && process.stderr.isTTY === true;
  const reporter = await createReporter({ json: options.json === true, animate });
  // SDK log lines go above the bars, never through them.
  const log = (message: string) => reporter.note(message);
  const connection = await connect({
    emulator: options.emulator === true,
    baseUrl: options.baseUrl,
    projectId: options.projectId,
    logger: { debug: log, info: log, warn: log, error: log },
    logLevel: options.verbose ? 'debug' : 'warn',
  }).catch((error: unknown) => {
    reporter.stop();
    throw error;
  });
  return { ...connection, reporter, options };
}

/** A positive integer option (`--concurrency`, `--limit`). */
export function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return number;
}

/** The command line again, quoted for a POSIX shell, to resume a run. */
export function commandLine(argv: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  return ['scenario', ...argv].map(quote).join(' ');
}

/** Runs `work` with a session, and always puts the terminal back (cursor, bars) afterwards. */
export async function withSession(command: Command, work: (session: Session) => Promise<void>): Promise<void> {
  const session = await openSession(command);
  try {
    await work(session);
  } finally {
    session.reporter.stop();
  }
}
