/**
 * The `scenario` command line (bin/scenario.js runs it). A user of the SDK: it imports only the
 * package's public entries, and the library never imports it. Its libraries (commander,
 * cli-progress, yaml, csv-parse) are bundled into dist/cli at build time, so they are neither
 * installed with `scenario-sdk` nor loaded by an app that imports it.
 */
import { CommanderError } from 'commander';
import { EXIT, errorDetails, isUsageError, shownError } from './errors.js';
import { buildProgram } from './program.js';
import type { Runtime } from './session.js';

/** How often (ms) the command checks that the process that started it is still there. */
const PARENT_CHECK_MS = 500;

/** Runs the command line `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const interrupt = new AbortController();
  const runtime: Runtime = { signal: interrupt.signal, argv, exitCode: EXIT.done };
  // The first Ctrl-C stops gracefully (submissions in flight are recorded); a second one exits at once.
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  // A closed terminal or pipe reader (the launcher is gone) stops it gracefully too, not mid-write.
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    interrupt.abort();
  };
  // Launchers such as `npm exec` can be killed without passing the signal on: the command must not
  // run on as an orphan. An orphan is re-parented, so a changed parent id means it is gone.
  const parent = process.ppid;
  const parentCheck = setInterval(() => {
    if (process.ppid !== parent && !interrupt.signal.aborted) interrupt.abort();
  }, PARENT_CHECK_MS).unref();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onOutputError);
  try {
    await buildProgram(runtime).parseAsync([...argv], { from: 'user' });
    return runtime.exitCode;
  } catch (error) {
    return failed(error, argv.includes('--verbose'));
  } finally {
    clearInterval(parentCheck);
    for (const signal of signals) process.off(signal, onSignal);
    for (const stream of [process.stdout, process.stderr]) stream.off('error', onOutputError);
  }
}

/** Prints the error (one line, or one per problem; details with `--verbose`) and gives its exit code. */
function failed(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // `--help` and `--version` end through here too, their output already printed.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.done;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.done : EXIT.usage;
  }
  process.stderr.write(`scenario: ${shownError(error)}\n`);
  if (verbose && !(error instanceof CommanderError)) process.stderr.write(`${errorDetails(error)}\n`);
  return isUsageError(error) ? EXIT.usage : EXIT.failed;
}
