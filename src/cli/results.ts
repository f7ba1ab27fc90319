import { EXIT } from './errors.js';
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
  const { item, status, jobId, cost, files, error } = outcome;
  if (status === 'estimated') {
    reporter.result(outcomeJson(outcome), `estimate  ${item.label}: ${cost} CU`);
  } else if (status === 'done') {
    const when = outcome.earlier ? ' (done by an earlier run)' : '';
    const what = files.join(', ') || 'no outputs';
    const text = outcome.output ? outputLines(outcome.output) : [];
    reporter.result(
      outcomeJson(outcome),
      [`done    ${item.label}${when} → ${what} (${jobId}${credits(cost)})`, ...text].join('\n'),
    );
  } else if (status === 'failed') {
    reporter.result(outcomeJson(outcome), `failed  ${item.label}: ${error}`);
  } else if (status === 'interrupted') {
    // People get the interrupt report instead, listing every job that runs on.
    reporter.result(outcomeJson(outcome));
  }
}

/** A text result for people: each string on its own indented line, a vector by its length. */
function outputLines(output: Record<string, unknown>): string[] {
  return Object.entries(output).flatMap(([key, value]) => {
    const items = Array.isArray(value) ? value : [value];
    if (items.every((item) => typeof item === 'string')) return items.map((item) => `  ${key}: ${item}`);
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

/** After Ctrl-C: the jobs that run on (billed), and how to pick them up again. */
export function printInterrupted(
  reporter: Reporter,
  outcomes: readonly Outcome[],
  resume: (running: readonly Outcome[]) => string[],
  cancelOnAbort: boolean,
): void {
  const running = outcomes.filter((outcome) => outcome.status === 'interrupted' && outcome.jobId);
  const lines = ['Interrupted.'];
  if (running.length > 0) {
    lines.push(
      cancelOnAbort
        ? `Asked the server to cancel ${running.length} job(s); most generation jobs cannot be canceled and keep running (billed):`
        : `${running.length} job(s) keep running on the server (billed):`,
      ...running.map((outcome) => `  ${outcome.jobId}  ${outcome.item.label}`),
    );
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
