import { EXIT } from './errors.js';
import { printableLine } from './printable.js';
import type { Reporter } from './reporter.js';
import type { Outcome, OutcomeStatus } from './runner.js';
import { table } from './table.js';

/** An outcome as other tools read it (`--json`): one object per finished item. */
function outcomeJson(outcome: Outcome): Record<string, unknown> {
  const { item, status, jobId, cost, files, error, earlier } = outcome;
  return {
    index: item.index,
    label: item.label,
    command: item.command,
    status,
    jobId: jobId ?? null,
    cost: cost ?? null,
    files,
    ...(outcome.output === undefined ? {} : { output: outcome.output }),
    ...(error === undefined ? {} : { error }),
    ...(earlier ? { earlier: true } : {}),
  };
}

const credits = (cost: number | undefined) => (cost === undefined ? '' : `, ${cost} CU`);

/** Prints an item's outcome as it finishes: a line for people, or a JSON object with `--json`. */
export function printOutcome(reporter: Reporter, outcome: Outcome): void {
  const { status, jobId, cost, files, error } = outcome;
  // One line each: a label or a reason with a line break in it could pass for another result.
  const label = printableLine(outcome.item.label);
  if (status === 'estimated') {
    reporter.result(outcomeJson(outcome), `estimate  ${label}: ${cost} CU`);
  } else if (status === 'done') {
    const when = outcome.earlier ? ' (done by an earlier run)' : '';
    const what = printableLine(files.join(', ') || 'no outputs');
    const text = outcome.output ? outputLines(outcome.output) : [];
    reporter.result(
      outcomeJson(outcome),
      [`done    ${label}${when} → ${what} (${printableLine(jobId ?? '')}${credits(cost)})`, ...text].join('\n'),
    );
  } else if (status === 'failed') {
    reporter.result(outcomeJson(outcome), `failed  ${label}: ${printableLine(error ?? '')}`);
  } else if (status === 'interrupted') {
    // People get the interrupt report instead, listing every job that runs on.
    reporter.result(outcomeJson(outcome));
  }
}

/** A text result for people: each string on its own indented line, a vector by its length. */
function outputLines(output: Record<string, unknown>): string[] {
  return Object.entries(output).flatMap(([key, value]) => {
    const items = Array.isArray(value) ? value : [value];
    if (items.every((item) => typeof item === 'string')) return items.map((item) => `  ${key}: ${printableLine(item)}`);
    if (items.every((item) => typeof item === 'number')) return [`  ${key}: ${items.length} numbers`];
    return [];
  });
}

const ORDER: readonly OutcomeStatus[] = ['done', 'estimated', 'failed', 'interrupted', 'not-started'];

/** The table at the end of a run of several items: how many ended how, and the credits billed. */
export function printSummary(reporter: Reporter, outcomes: readonly Outcome[], noun: string): void {
  const rows = ORDER.map((status) => {
    const matching = outcomes.filter((outcome) => outcome.status === status);
    const billed = matching.reduce((sum, outcome) => sum + (outcome.cost ?? 0), 0);
    return [status, matching.length, billed] as const;
  }).filter(([, count]) => count > 0);
  const total = rows.reduce((sum, [, , billed]) => sum + billed, 0);
  reporter.summary(`\n${table([['', noun, 'credits'], ...rows, ['total', outcomes.length, total]])}`);
}

/** Why a run ended early: Ctrl-C (with `--cancel-on-abort` or not), or a stop with its reason (a full disk). */
export type EarlyEnd = { interrupted: true; cancelOnAbort: boolean } | { interrupted: false; reason: string };

/** After Ctrl-C or a stop: the jobs that run on or wait to be downloaded (billed), and how to pick them up again. */
export function printInterrupted(
  reporter: Reporter,
  outcomes: readonly Outcome[],
  end: EarlyEnd,
  resume: (running: readonly Outcome[]) => string[],
): void {
  const running = outcomes.filter((outcome) => outcome.status === 'interrupted' && outcome.jobId);
  const lines = [end.interrupted ? 'Interrupted.' : `Stopped: ${end.reason}.`];
  if (running.length > 0) {
    const count = `${running.length} job(s)`;
    if (!end.interrupted) lines.push(`${count} ran or run on the server (billed), their outputs not downloaded yet:`);
    else if (end.cancelOnAbort) {
      lines.push(
        `Asked the server to cancel ${count}; most generation jobs cannot be canceled and keep running (billed):`,
      );
    } else lines.push(`${count} keep running on the server (billed):`);
    lines.push(...running.map(({ jobId, item }) => `  ${printableLine(jobId ?? '')}  ${printableLine(item.label)}`));
  }
  const commands = resume(running);
  if (commands.length > 0) lines.push('Resume with:', ...commands.map((command) => `  ${command}`));
  reporter.note(lines.join('\n'));
}

/** 0 when every item is done (or quoted), 130 after an interrupt, else 1. */
export function exitCodeOf(outcomes: readonly Outcome[], interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  const succeeded = (status: OutcomeStatus) => status === 'done' || status === 'estimated';
  return outcomes.every((outcome) => succeeded(outcome.status)) ? EXIT.done : EXIT.failed;
}
