import { CommanderError } from 'commander';
import { InvalidRequestError } from '../index.js';
import { printable, printableLine } from './printable.js';

/**
 * The command was called wrongly: a bad flag or manifest, a missing file, an output that would be
 * overwritten. Found before anything is sent; exit code 2. `problems` lists every one found, each
 * a line (the message alone when there is one).
 */
export class UsageError extends Error {
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.name = 'UsageError';
    this.problems = problems;
  }
}

/**
 * Problems found while checking a command's input, reported all at once: each check runs, and
 * only then does {@link Problems.throwIfAny} stop the command.
 */
export class Problems {
  /** Each problem once, in the order found (several inputs share their flags' problems). */
  readonly #found = new Set<string>();

  /** Runs `check`; a usage error it throws is noted under `label` (`row 3`), any other error goes on. */
  check<T>(label: string | undefined, check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      this.add(label, error);
      return undefined;
    }
  }

  /** Notes a usage error's problems under `label` (each once); rethrows any other error. */
  add(label: string | undefined, error: unknown): void {
    if (!(error instanceof UsageError)) throw error;
    for (const problem of error.problems) this.#found.add(label ? `${label}: ${problem}` : problem);
  }

  /** Throws one usage error listing every problem noted, if any. */
  throwIfAny(): void {
    const [first, ...more] = this.#found;
    if (first === undefined) return;
    if (more.length === 0) throw new UsageError(first);
    throw new UsageError(`${this.#found.size} problems; nothing was sent:`, [first, ...more]);
  }
}

/** Exit codes: 130 (128 + SIGINT) is what shells and CI report for an interrupted command. */
export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Errors that mean "fix the command line", not "the API or a job failed". */
export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof InvalidRequestError || error instanceof CommanderError;
}

/** An error as the one line the user sees: its message, newlines folded, made safe for a terminal. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return printableLine(message.replace(/^error: /, ''));
}

/** Problems listed under the first line; the rest are counted, so a manifest of bad rows stays readable. */
const SHOWN_PROBLEMS = 20;

/** What the user sees of an error: one line, or for several problems, the first line and one per problem. */
export function shownError(error: unknown): string {
  if (!(error instanceof UsageError) || error.problems.length < 2) return oneLine(error);
  const { problems } = error;
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  ${printableLine(problem)}`);
  const more = problems.length > SHOWN_PROBLEMS ? [`  … and ${problems.length - SHOWN_PROBLEMS} more`] : [];
  return [oneLine(error), ...shown, ...more].join('\n');
}

/** What `--verbose` adds under the one line: the error's own fields, its causes and stack. */
export function errorDetails(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const { name, message: _message, stack, cause: _cause, ...fields } = current as Error & Record<string, unknown>;
    const shown = Object.entries(fields).filter(
      ([key, value]) => value !== undefined && key !== 'body' && key !== 'headers' && key !== 'problems',
    );
    if (depth > 0) lines.push(`caused by ${name}: ${current.message}`);
    for (const [key, value] of shown)
      lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    if (stack) lines.push(...stack.split('\n').slice(1));
    current = current.cause;
  }
  return printable(lines.join('\n'));
}
