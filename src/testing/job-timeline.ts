/**
 * Where a running job is, computed from the clock rather than driven by timers, so a virtual
 * clock can jump a "2-minute job" to any point. `progress` rises linearly over the whole
 * duration (a 120 s job reads 0.5 at 60 s), which lets a poller predict the finish.
 * Status thresholds, as fractions of the duration:
 */
const PHASES = [
  { status: 'queued', from: 0 },
  { status: 'warming-up', from: 0.02 },
  { status: 'in-progress', from: 0.08 },
  { status: 'finalizing', from: 0.95 },
] as const;

export interface TimelineInput {
  createdAt: number;
  durationMs: number;
  /** When an injected fault (or a render error) makes the job fail. */
  failAt?: number | undefined;
  canceledAt?: number | undefined;
}

export interface Timeline {
  status: string;
  progress: number;
  history: { status: string; at: number }[];
  /** When the job reached its terminal status; `undefined` while running. */
  endedAt?: number;
}

export function jobTimeline(job: TimelineInput, now: number): Timeline {
  // On a tie, failure and cancel win over success (the stable sort keeps this order).
  const ends = [
    ...(job.failAt === undefined ? [] : [{ status: 'failure', at: job.failAt }]),
    ...(job.canceledAt === undefined ? [] : [{ status: 'canceled', at: job.canceledAt }]),
    { status: 'success', at: job.createdAt + job.durationMs },
  ].sort((a, b) => a.at - b.at);
  const end = ends[0]?.at !== undefined && ends[0].at <= now ? ends[0] : undefined;
  const until = end?.at ?? now;
  const history = PHASES.map((phase): Timeline['history'][number] => ({
    status: phase.status,
    at: job.createdAt + phase.from * job.durationMs,
  }))
    .filter((entry, index) => index === 0 || entry.at < until)
    .concat(end ? [end] : []);
  const elapsed = job.durationMs > 0 ? (until - job.createdAt) / job.durationMs : 1;
  const progress = end?.status === 'success' ? 1 : Math.min(1, Math.max(0, elapsed));
  const status = history[history.length - 1]?.status ?? 'queued';
  return end ? { status, progress, history, endedAt: end.at } : { status, progress, history };
}
