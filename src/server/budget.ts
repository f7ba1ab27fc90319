import { APIError } from '../index.js';
import { Refusal } from './answers.js';
import type { ProxyStore } from './store.js';

/** Credits one user may spend per window (fixed windows counted from the Unix epoch). */
export interface Budget {
  /** Creative units per user per window. */
  credits: number;
  /** The window's length in ms: `86_400_000` for a day (UTC). */
  windowMs: number;
}

/** Requests one user may send per window (fixed windows counted from the Unix epoch). */
export interface RateLimit {
  /** Requests per user per window, every route counted. */
  requests: number;
  /** The window's length in ms. */
  windowMs: number;
}

/** What a billed call needs to be charged: where the counters live and what time it is. */
export interface Ledger {
  store: ProxyStore;
  now: () => number;
}

/** The fixed window `now` falls in: its number and when the next one starts. */
function windowAt(now: number, windowMs: number): { index: number; endsAt: number } {
  const index = Math.floor(now / windowMs);
  return { index, endsAt: (index + 1) * windowMs };
}

/** Counts a request against the user's rate limit; over it, a 429 that says when to come back. */
export async function countRequest(ledger: Ledger, userId: string, limit: RateLimit): Promise<void> {
  const now = ledger.now();
  const { index, endsAt } = windowAt(now, limit.windowMs);
  const key = `requests:${encodeURIComponent(userId)}:${index}`;
  const { added } = await ledger.store.add(key, 1, endsAt - now, limit.requests);
  if (added) return;
  const seconds = Math.max(1, Math.ceil((endsAt - now) / 1000));
  throw new Refusal(
    429,
    `too many requests: ${limit.requests} per ${limit.windowMs / 1000} s; retry in ${seconds} s`,
    { limit: limit.requests, resetsAt: new Date(endsAt).toISOString() },
    { 'retry-after': String(seconds) },
  );
}

/**
 * Runs a billed call within the user's budget. `quote` (a dry run: nothing billed) says what it
 * will cost; that much is reserved first, atomically, so two concurrent calls cannot both pass
 * a budget that fits one, and a call that does not fit is refused (402) before `submit` is
 * called. Once submitted, the reservation is settled to what Scenario billed
 * (`creativeUnitsCost` of the answer), given back when Scenario refused the call (a 4xx: nothing
 * ran), and kept when the outcome is unknown (a 5xx or no answer: the job may run and be billed).
 */
export async function withinBudget(
  ledger: Ledger,
  userId: string,
  budget: Budget,
  quote: () => Promise<unknown>,
  submit: () => Promise<unknown>,
): Promise<unknown> {
  const cost = creditsOf(await quote());
  if (cost === undefined) throw new Refusal(502, 'Scenario quoted no cost for this call, so it was not sent');
  const now = ledger.now();
  const { index, endsAt } = windowAt(now, budget.windowMs);
  const key = `credits:${encodeURIComponent(userId)}:${index}`;
  const ttlMs = endsAt - now;
  const reserved = await ledger.store.add(key, cost, ttlMs, budget.credits);
  if (!reserved.added) {
    const left = Math.max(0, budget.credits - reserved.total);
    const resetsAt = new Date(endsAt).toISOString();
    throw new Refusal(
      402,
      `over budget: this call costs ${cost} credits and ${left} of ${budget.credits} are left until ${resetsAt}`,
      { cost, left, budget: budget.credits, resetsAt },
    );
  }
  let answer: unknown;
  try {
    answer = await submit();
  } catch (error) {
    if (error instanceof APIError && error.status < 500) await ledger.store.add(key, -cost, ttlMs);
    throw error;
  }
  const billed = creditsOf(answer) ?? cost;
  if (billed !== cost) await ledger.store.add(key, billed - cost, ttlMs);
  return answer;
}

/** `creativeUnitsCost` of a quote or a submission, when it is a number. */
function creditsOf(answer: unknown): number | undefined {
  const cost = (answer as { creativeUnitsCost?: unknown } | undefined)?.creativeUnitsCost;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}
