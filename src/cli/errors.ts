import { CommanderError } from 'commander';
import { InvalidRequestError } from '../index.js';

/**
 * The command was called wrongly: a bad flag or manifest, a missing file, an output that would be
 * overwritten. Found before anything is sent; exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes: 130 (128 + SIGINT) is what shells and CI report for an interrupted command. */
export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Errors that mean "fix the command line", not "the API or a job failed". */
export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof InvalidRequestError || error instanceof CommanderError;
}

/** An error as the one line the user sees: its message, newlines folded. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** What `--verbose` adds under the one line: the error's own fields, its causes and stack. */
export function errorDetails(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const { name, message: _message, stack, cause: _cause, ...fields } = current as Error & Record<string, unknown>;
    const shown = Object.entries(fields).filter(
      ([key, value]) => value !== undefined && key !== 'body' && key !== 'headers',
    );
    if (depth > 0) lines.push(`caused by ${name}: ${current.message}`);
    for (const [key, value] of shown)
      lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    if (stack) lines.push(...stack.split('\n').slice(1));
    current = current.cause;
  }
  return lines.join('\n');
}
