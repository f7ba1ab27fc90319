import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from './errors.js';

/*
 * One process at a time works on a batch: a lock file beside its state file. Taking it is atomic
 * (the lock is written whole to a temporary file, then hard-linked into place, which fails if a
 * lock exists), so two runs started together cannot both get it.
 *
 * Whether the process that holds a lock still runs:
 * - on this machine, since its last boot: its pid is alive (signal 0; a stopped process, Ctrl-Z,
 *   counts as alive: it would go on submitting once continued);
 * - on this machine, but before a reboot (another boot id): dead;
 * - on another machine (a shared folder): alive while it refreshes the lock's modification time
 *   ({@link HEARTBEAT_MS}); dead once it has not for {@link STALE_MS}.
 * A dead holder's lock is taken over; the takeover itself goes through a second, short-lived
 * lock file, so two runs finding the same dead lock cannot both take it.
 */

/** How often the holder refreshes its lock's modification time. */
const HEARTBEAT_MS = 10_000;
/** A lock of another machine not refreshed for this long has lost its holder. */
const STALE_MS = 60_000;
/** A takeover lock older than this was left by a process that died inside its few system calls. */
const ABANDONED_TAKEOVER_MS = 5_000;
/** Attempts at taking a lock while others take it over at the same moment. */
const ATTEMPTS = 50;

/** Who holds a lock, as written in its file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Tells a reboot apart: the kernel's boot id, else the boot time in seconds. */
  boot: string;
  /** ISO time the lock was taken. */
  since: string;
  /** This holding's own id: a lock taken over by another run no longer has it. */
  token: string;
}

/** This machine's boot: Linux's boot id, else the boot time to the minute (uptime drifts by a few ms). */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `boot-${Math.round((Date.now() / 1000 - uptime()) / 60)}`;
  }
}

/** The holder a lock file names; `undefined` when it names none. Throws when it cannot be read. */
function holderIn(path: string): LockHolder | undefined {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
  const valid = typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string';
  return valid ? (parsed as LockHolder) : undefined;
}

function readHolder(path: string): { holder: LockHolder | undefined; ageMs: number } | undefined {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    return { holder: holderIn(path), ageMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable or not a lock: nobody can be shown as its holder.
    return { holder: undefined, ageMs: Number.POSITIVE_INFINITY };
  }
}

function isAlive(holder: LockHolder, ageMs: number, self: LockHolder): boolean {
  if (holder.host !== self.host) return ageMs < STALE_MS;
  if (holder.boot !== self.boot) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How the error names a live holder: its pid, and its machine when it is another one. */
function holderText(holder: LockHolder, self: LockHolder): string {
  const where = holder.host === self.host ? '' : ` on ${holder.host}`;
  return `pid ${holder.pid}${where}, since ${holder.since}`;
}

/** Links `source` to `target`; false when `target` exists. */
function linked(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** A lock this process holds; see the top of this file. */
export class FileLock {
  readonly path: string;
  readonly #self: LockHolder;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #release = () => this.release();

  private constructor(path: string, self: LockHolder) {
    this.path = path;
    this.#self = self;
    this.#heartbeat = setInterval(() => {
      const now = new Date();
      try {
        if (this.held) utimesSync(path, now, now);
      } catch {
        // Removed by hand: `held` says so to the next submission.
      }
    }, HEARTBEAT_MS).unref();
    // A plain exit (a second Ctrl-C) skips `finally` blocks, but not this.
    process.once('exit', this.#release);
  }

  /**
   * Takes the lock at `path` for `what` (named in the error), taking over one whose holder is
   * dead. Throws a `UsageError` naming the live holder's pid otherwise.
   */
  static async acquire(path: string, what: string): Promise<FileLock> {
    const self: LockHolder = {
      pid: process.pid,
      host: hostname(),
      boot: bootId(),
      since: new Date().toISOString(),
      token: randomUUID(),
    };
    const draft = `${path}.${self.token}`;
    try {
      writeFileSync(draft, `${JSON.stringify(self)}\n`);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new UsageError(
        `${what}: cannot write its lock ${path} (${code ?? message}); pass --state to keep it elsewhere`,
      );
    }
    try {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (linked(draft, path)) return new FileLock(path, self);
        const found = readHolder(path);
        if (!found) continue; // released in the meantime
        if (found.holder && isAlive(found.holder, found.ageMs, self)) {
          throw new UsageError(
            `${what} is in use by another run (${holderText(found.holder, self)}): wait for it to end or stop it; nothing was sent. (Its lock: ${path})`,
          );
        }
        if (takeOver(path, draft, found.holder?.token)) return new FileLock(path, self);
        await sleep(5 + attempt * 5);
      }
      throw new UsageError(`${what}: could not take its lock ${path}, which other runs keep taking over; try again`);
    } finally {
      unlinkSync(draft);
    }
  }

  /** {@link acquire}, then `open` with the lock; the lock is given up again when `open` throws. */
  static async holding<T>(path: string, what: string, open: (lock: FileLock) => T): Promise<T> {
    const lock = await FileLock.acquire(path, what);
    try {
      return open(lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Whether this process still holds the lock: false once another run took it over (it judged this one dead). */
  get held(): boolean {
    try {
      return holderIn(this.path)?.token === this.#self.token;
    } catch {
      return false;
    }
  }

  /** Gives the lock up (when still held); safe to call more than once. */
  release(): void {
    clearInterval(this.#heartbeat);
    process.off('exit', this.#release);
    if (!this.held) return;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to give up.
    }
  }
}

/**
 * Replaces the dead lock `token` at `path` with `draft`, under the takeover lock: re-read there,
 * the lock is replaced (an atomic rename) only if it is still the dead one. False when another
 * run is taking it over, or took it.
 */
function takeOver(path: string, draft: string, token: string | undefined): boolean {
  const guard = `${path}.takeover`;
  if (!linked(draft, guard)) {
    const stale = readHolder(guard);
    if (stale && stale.ageMs > ABANDONED_TAKEOVER_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    const current = readHolder(path);
    // Gone (released: linking it is the way in) or no longer the dead one.
    if (!current || current.holder?.token !== token) return false;
    const replacement = `${draft}.new`;
    linkSync(draft, replacement);
    renameSync(replacement, path);
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}
