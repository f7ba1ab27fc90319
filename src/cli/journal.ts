import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { replaceFile } from './replace-file.js';

/*
 * A record of changes that costs the same whatever its size: each change is one JSON line
 * appended to the file (a header line first), the last line of a key winning. A kill at any
 * instant leaves every line written before it, and at most one torn last line, which reading
 * ignores (and cuts off before appending). Closing compacts the file to one line per key,
 * written to a temporary file renamed into place.
 */

/** What a journal's lines hold: one value per key; `key` is the line's own field. */
export type JournalValue = Record<string, unknown> & { key?: never };

/** How a journal reads: its header, and each value, checked (throwing a message on a bad one). */
export interface JournalFormat<T extends JournalValue> {
  /** Written as the first line of a new journal. */
  header: Record<string, unknown>;
  /** Checks a value read back; throws when it is not one. */
  parse(value: unknown): T;
}

/** A journal that cannot be read: what is wrong, for the caller's message. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** See the top of this file. */
export class Journal<T extends JournalValue> {
  readonly path: string;
  /** The header the file was written with (for a new journal: the format's). */
  readonly header: Record<string, unknown>;
  readonly #values: Map<string, T>;
  /** Lines in the file after the header; more than the keys once a key changed. */
  #lines: number;
  #fd: number | undefined;
  /** Bytes of whole lines in the file (a torn last line is cut off before the first append); 0 when there is no file. */
  #validBytes: number;
  /** Whether the file ends in a torn line. */
  #torn: boolean;

  private constructor(
    path: string,
    read: { header: Record<string, unknown>; values: Map<string, T>; lines: number; validBytes: number; torn: boolean },
  ) {
    this.path = path;
    this.header = read.header;
    this.#values = read.values;
    this.#lines = read.lines;
    this.#validBytes = read.validBytes;
    this.#torn = read.torn;
  }

  /** Opens the journal at `path` (missing: an empty one, written on the first change). */
  static open<T extends JournalValue>(path: string, format: JournalFormat<T>): Journal<T> {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return Journal.fromText(path, text, format);
  }

  /** A journal from the text of its file, already read. */
  static fromText<T extends JournalValue>(path: string, text: string, format: JournalFormat<T>): Journal<T> {
    // Only whole lines count: what follows the last line break is a write cut short.
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    const lines = whole.split('\n').slice(0, -1);
    const [first, ...rest] = lines;
    if (first === undefined) {
      return new Journal(path, { header: format.header, values: new Map(), lines: 0, validBytes: 0, torn: false });
    }
    const header = parseLine(first, 1);
    const values = new Map<string, T>();
    for (const [index, line] of rest.entries()) {
      const { key, ...value } = parseLine(line, index + 2);
      if (typeof key !== 'string') throw new JournalError(`line ${index + 2} has no key`);
      try {
        values.set(key, format.parse(value));
      } catch (error) {
        throw new JournalError(`line ${index + 2}: ${(error as Error).message}`);
      }
    }
    const validBytes = Buffer.byteLength(whole);
    return new Journal(path, { header, values, lines: rest.length, validBytes, torn: whole.length < text.length });
  }

  get(key: string): T | undefined {
    return this.#values.get(key);
  }

  /**
   * Records `value` for `key`: one line appended, before this returns. `durable` also flushes it
   * to the disk (fsync), for what must survive a power cut, not only a killed process.
   */
  set(key: string, value: T, durable = false): void {
    const fd = this.#open();
    writeSync(fd, `${JSON.stringify({ key, ...value })}\n`);
    if (durable) fsyncSync(fd);
    this.#values.set(key, value);
    this.#lines++;
  }

  /** Rewrites the file with one line per key (when some line is superseded, or torn) and closes it. */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (this.#lines > this.#values.size || this.#torn) this.#compact();
  }

  #open(): number {
    if (this.#fd !== undefined) return this.#fd;
    const fd = openSync(this.path, 'a');
    try {
      ftruncateSync(fd, this.#validBytes);
      this.#torn = false;
      if (this.#validBytes === 0) {
        writeSync(fd, `${JSON.stringify(this.header)}\n`);
        fsyncSync(fd);
      }
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.#fd = fd;
    return fd;
  }

  #compact(): void {
    const lines = [this.header, ...[...this.#values].map(([key, value]) => ({ key, ...value }))];
    replaceFile(this.path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''), { flush: true });
    this.#lines = this.#values.size;
    this.#torn = false;
  }
}

function parseLine(line: string, number: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new JournalError(`line ${number} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JournalError(`line ${number} is not an object`);
  }
  return value as Record<string, unknown>;
}
