import type * as CliProgress from 'cli-progress';
import type { Job, WaitProgress } from '../index.js';
import { jsonLine, printable, printableLine } from './printable.js';

/** The bar of one item: submitting, then its job's (or training's) status and progress. */
export interface JobBar {
  submitted(jobId: string): void;
  /** The job (or a training's stage and progress) as the wait reported it, with the finish it predicts. */
  progress(job: Pick<Job, 'status' | 'progress'>, wait: WaitProgress): void;
  stop(): void;
}

/** The bar of one upload or download, in bytes. */
export interface TransferBar {
  update(done: number, total: number | undefined): void;
  stop(): void;
}

/** Where a command's output goes: results on stdout, notes for people on stderr, bars on a terminal. */
export interface Reporter {
  job(label: string): JobBar;
  transfer(label: string): TransferBar;
  /** One result: its JSON object on one line with `--json`, else `text` (when given) for people. */
  result(value: unknown, text?: string): void;
  /** Text for people on stdout (tables, details); left out with `--json`. */
  text(text: string): void;
  /** A message on stderr: warnings, interrupts, log lines. */
  note(text: string): void;
  /** The summary of a run: on stdout, or on stderr when stdout carries JSON. */
  summary(text: string): void;
  stop(): void;
}

const LABEL_WIDTH = 28;

/** `label` made printable, cut or padded to the label column, so bars line up. */
function column(label: string): string {
  const shown = printableLine(label);
  return shown.length > LABEL_WIDTH ? `…${shown.slice(-(LABEL_WIDTH - 1))}` : shown.padEnd(LABEL_WIDTH);
}

/** Below 100 % until the job says it is done. */
const MAX_ESTIMATE = 0.99;
/** How often bars of running jobs move between polls (ms). */
const TICK_MS = 250;

/** The latest progress a wait reported, and when (clock ms). */
export interface ProgressReport {
  at: number;
  /** 0 to 1. */
  progress: number;
  /** The wait's predicted time to the finish, as of `at`; `undefined` while it has none. */
  remainingMs: number | undefined;
}

/**
 * The progress to show now: polls are seconds apart (they aim at the predicted finish), so the
 * bar moves on towards the finish the wait predicts, never past 99 % and never backwards.
 */
export function shownProgress(report: ProgressReport | undefined, shown: number, now: number): number {
  if (!report) return shown;
  const { at, progress, remainingMs } = report;
  const elapsed = Math.max(0, now - at);
  const ahead = remainingMs ? (1 - progress) * Math.min(1, elapsed / remainingMs) : 0;
  return Math.max(shown, Math.min(progress + ahead, progress >= 1 ? 1 : MAX_ESTIMATE));
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Animated bars only on a terminal, and not with `--json`: a log file or a pipe gets whole lines
 * and nothing else. Results go to stdout; bars, notes and errors to stderr. Every text is made
 * printable first: much of it comes from the server or a manifest (reasons, ids, names).
 */
export async function createReporter(options: { json: boolean; animate: boolean }): Promise<Reporter> {
  const { json } = options;
  const print = (stream: NodeJS.WriteStream, text: string) => stream.write(`${printable(text)}\n`);
  if (!options.animate || json) {
    return {
      job: () => ({ submitted() {}, progress() {}, stop() {} }),
      transfer: () => ({ update() {}, stop() {} }),
      result(value, text) {
        if (json) process.stdout.write(`${jsonLine(value)}\n`);
        else if (text !== undefined) print(process.stdout, text);
      },
      text(text) {
        if (!json) print(process.stdout, text);
      },
      note: (text) => print(process.stderr, text),
      summary: (text) => print(json ? process.stderr : process.stdout, text),
      stop() {},
    };
  }
  // Loaded only on a terminal: a pipeline never pays for it.
  const { default: cliProgress } = await import('cli-progress');
  const bars = new cliProgress.MultiBar(
    {
      format: ' {label} {bar} {percentage}% {detail}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      // Interrupts are handled by the command, which stops the bars before printing its report.
      gracefulExit: false,
      stream: process.stderr,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  /** Above the bars while they run; the multibar only prints its log while active. */
  const above = (stream: NodeJS.WriteStream, text: string) =>
    bars.isActive ? bars.log(`${printable(text)}\n`) : print(stream, text);
  const moving = new Set<() => void>();
  const ticker = setInterval(() => {
    for (const move of moving) move();
  }, TICK_MS);
  ticker.unref();
  const finish = (bar: CliProgress.SingleBar) => {
    bar.stop();
    bars.remove(bar);
  };
  return {
    job(label) {
      const bar = bars.create(100, 0, { label: column(label), detail: 'submitting' });
      let report: ProgressReport | undefined;
      let jobId = '';
      let shown = 0;
      const move = () => {
        shown = shownProgress(report, shown, Date.now());
        bar.update(Math.floor(shown * 100));
      };
      moving.add(move);
      return {
        submitted(id) {
          jobId = printableLine(id);
          bar.update(0, { detail: jobId });
        },
        progress(job, { remainingMs }) {
          report = { at: Date.now(), progress: job.progress, remainingMs };
          bar.update({ detail: printableLine(`${job.status} ${jobId}`) });
          move();
        },
        stop() {
          moving.delete(move);
          finish(bar);
        },
      };
    },
    transfer(label) {
      const bar = bars.create(1, 0, { label: column(label), detail: '' });
      return {
        update(done, total) {
          if (total !== undefined) bar.setTotal(total);
          bar.update(done, {
            detail: total === undefined ? kilobytes(done) : `${kilobytes(done)} / ${kilobytes(total)}`,
          });
        },
        stop: () => finish(bar),
      };
    },
    result(_value, text) {
      if (text !== undefined) above(process.stdout, text);
    },
    text: (text) => above(process.stdout, text),
    note: (text) => above(process.stderr, text),
    summary: (text) => above(process.stdout, text),
    stop() {
      clearInterval(ticker);
      if (!bars.isActive) return;
      bars.update(); // flushes lines logged since the last redraw
      bars.stop();
    },
  };
}
