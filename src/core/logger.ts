/** Where the SDK writes its log lines; `console` fits. */
export interface Logger {
  /** Request attempts and polling decisions. */
  debug(message: string, ...args: unknown[]): void;
  /** Notable events. */
  info(message: string, ...args: unknown[]): void;
  /** Retries and unknown job statuses. */
  warn(message: string, ...args: unknown[]): void;
  /** Failures. */
  error(message: string, ...args: unknown[]): void;
}

/** Least severe level that is logged; `'off'` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

type Level = Exclude<LogLevel, 'off'>;

/** A logger that drops lines below `level` and passes every line through `redact` first. */
export function createLogger(target: Logger, level: LogLevel, redact: (text: string) => string): Logger {
  const emit =
    (name: Level) =>
    (message: string, ...args: unknown[]) => {
      if (rank[name] < rank[level]) return;
      target[name](redact(`[scenario-sdk] ${message}`), ...args.map((arg) => redact(describe(arg))));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
