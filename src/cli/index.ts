/**
 * The `scenario` command line (bin/scenario.js runs it). A user of the SDK: it imports only the
 * package's public entries, and the library never imports it. Its libraries (commander,
 * cli-progress, yaml, csv-parse) are bundled into dist/cli at build time, so they are neither
 * installed with `scenario-sdk` nor loaded by an app that imports it.
 */
import { CommanderError } from 'commander';
import { EXIT, errorDetails, isUsageError, oneLine } from './errors.js';
import { buildProgram } from './program.js';
import type { Runtime } from './session.js';

/** Runs the command line `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const interrupt = new AbortController();
  const runtime: Runtime = { signal: interrupt.signal, argv, exitCode: EXIT.done };
  // The first Ctrl-C stops gracefully (submissions in flight are recorded); a second one exits at once.
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await buildProgram(runtime).parseAsync([...argv], { from: 'user' });
    return runtime.exitCode;
  } catch (error) {
    return failed(error, argv.includes('--verbose'));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Prints the error as one line (details with `--verbose`) and gives its exit code. */
function failed(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // `--help` and `--version` end through here too, their output already printed.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.done;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.done : EXIT.usage;
  }
  process.stderr.write(`scenario: ${oneLine(error)}\n`);
  if (verbose && !(error instanceof CommanderError)) process.stderr.write(`${errorDetails(error)}\n`);
  return isUsageError(error) ? EXIT.usage : EXIT.failed;
}
