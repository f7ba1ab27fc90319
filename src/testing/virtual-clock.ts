import { abortError } from '../core/abort.js';
import type { Clock } from '../core/clock.js';

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual time at creation, in ms since the epoch. Default `Date.parse('2026-01-01T00:00:00Z')`, so timestamps are reproducible. */
  start?: number;
  /**
   * When true, pending sleeps do not wait for {@link VirtualClock.advance}: once no new sleep
   * has been started for two event-loop turns (so in-process work such as an emulator fetch has
   * settled), time jumps to the earliest sleeper and wakes it. A 2-minute poll loop then
   * finishes in milliseconds. Work that waits on real I/O for longer should use `advance()`.
   * Default `false`.
   */
  autoAdvance?: boolean;
}

interface Sleeper {
  at: number;
  seq: number;
  wake: () => void;
}

/** A {@link Clock} whose time moves only when told to (or, in auto mode, when everyone sleeps). */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];
  #autoScheduled = false;
  /** See {@link VirtualClockOptions.autoAdvance}. */
  readonly autoAdvance: boolean;

  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.start ?? Date.parse('2026-01-01T00:00:00Z');
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  /** Number of sleeps waiting for time to pass. */
  get pending(): number {
    return this.#sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const onAbort = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(abortError(signal as AbortSignal));
      };
      const sleeper: Sleeper = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
      if (this.autoAdvance) this.#scheduleAuto();
    });
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.#now + ms);
  }

  /**
   * Moves time to `time`, waking due sleepers one at a time in time order. Between wake-ups the
   * woken code gets a macrotask to run, so a loop that sleeps again inside the window is woken too.
   */
  async advanceTo(time: number): Promise<void> {
    for (let next = this.#takeDue(time); next; next = this.#takeDue(time)) {
      this.#now = Math.max(this.#now, next.at);
      next.wake();
      await macrotask();
    }
    this.#now = Math.max(this.#now, time);
  }

  #takeDue(time: number): Sleeper | undefined {
    const due = this.#sleepers.filter((s) => s.at <= time).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (due) this.#sleepers = this.#sleepers.filter((s) => s !== due);
    return due;
  }

  #scheduleAuto(): void {
    if (this.#autoScheduled) return;
    this.#autoScheduled = true;
    const started = this.#seq;
    void macrotask()
      .then(macrotask)
      .then(() => {
        this.#autoScheduled = false;
        // Someone started sleeping meanwhile: the system is still busy, look again later.
        if (this.#seq !== started) return this.#scheduleAuto();
        const earliest = Math.min(...this.#sleepers.map((s) => s.at));
        if (Number.isFinite(earliest)) return this.advanceTo(earliest);
      });
  }
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
