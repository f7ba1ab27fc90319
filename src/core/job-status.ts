/**
 * Known job statuses. Kept in `core/` (and re-exported by `resources/jobs.ts`) so the waiting
 * code can use them without importing the jobs resource, which itself imports the waiting code.
 */
export const KNOWN_JOB_STATUSES = [
  'queued',
  'pending',
  'warming-up',
  'in-progress',
  'finalizing',
  'success',
  'failure',
  'canceled',
] as const;

/** Statuses after which a job never changes again. */
export const TERMINAL_JOB_STATUSES = ['success', 'failure', 'canceled'] as const;
