import type * as CliProgress from 'cli-progress';
import type { Job } from '../schemas/job.js';

/** The bar of one item: submitting, then its job's status and progress. */
export interface JobBar {
  submitted(jobId: string): void;
  progress(job: Job): void;
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

/** `label` cut or padded to the label column, so bars line up. */
function column(label: string): string {
  return label.length > LABEL_WIDTH ? `…${label.slice(-(LABEL_WIDTH - 1))}` : label.padEnd(LABEL_WIDTH);
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Animated bars only on a terminal, and not with `--json`: a log file or a pipe gets whole lines
 * and nothing else. Results go to stdout; bars, notes and errors to stderr.
 */
export async function createReporter(options: { json: boolean; animate: boolean }): Promise<Reporter> {
  const { json } = options;
  const print = (stream: NodeJS.WriteStream, text: string) => stream.write(`${text}\n`);
  if (!options.animate || json) {
    return {
      job: () => ({ submitted() {}, progress() {}, stop() {} }),
      transfer: () => ({ update() {}, stop() {} }),
      result(value, text) {
        if (json) print(process.stdout, JSON.stringify(value));
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
    bars.isActive ? bars.log(`${text}\n`) : print(stream, text);
  const finish = (bar: CliProgress.SingleBar) => {
    bar.stop();
    bars.remove(bar);
  };
  return {
    job(label) {
      const bar = bars.create(100, 0, { label: column(label), detail: 'submitting' });
      let jobId = '';
      return {
        submitted(id) {
          jobId = id;
          bar.update(0, { detail: id });
        },
        progress(job) {
          bar.update(Math.round(job.progress * 100), { detail: `${job.status} ${jobId}` });
        },
        stop: () => finish(bar),
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
      if (!bars.isActive) return;
      bars.update(); // flushes lines logged since the last redraw
      bars.stop();
    },
  };
}
