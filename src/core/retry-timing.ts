/**
 * How long the server asked us to wait, in ms: the `Retry-After` header (seconds or an HTTP
 * date), else a body `remainingSeconds` (Scenario's cooldown answers). Undefined when neither is usable.
 */
export function serverRetryDelayMs(headers: Headers, body: unknown, now = Date.now()): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
    // HTTP dates name the weekday and month; Date.parse alone would read '-1' as a year.
    const date = /[a-z]/i.test(header) ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const remaining = (body as { remainingSeconds?: unknown } | undefined)?.remainingSeconds;
  const seconds = typeof remaining === 'string' ? Number(remaining) : remaining;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
