/**
 * Structured logs: one JSON object per line, one line per lifecycle change (started, listed,
 * watch ended, relisting, batch failed…). Never pod payloads, tokens or response bodies.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  sink: { write(line: string): unknown },
  options: { readonly now?: () => number; readonly level?: LogLevel; readonly base?: LogFields } = {},
): Logger {
  const now = options.now ?? Date.now;
  const min = RANK[options.level ?? 'info'];
  const emit = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    sink.write(
      `${JSON.stringify({ time: new Date(now()).toISOString(), level, msg, ...options.base, ...fields })}\n`,
    );
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Collects log lines in memory (tests and local mode, which prints its own summary). */
export function memoryLogger(
  now: () => number = Date.now,
): Logger & { readonly lines: { atMs: number; level: LogLevel; msg: string; fields: LogFields }[] } {
  const lines: { atMs: number; level: LogLevel; msg: string; fields: LogFields }[] = [];
  const emit =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      lines.push({ atMs: now(), level, msg, fields });
    };
  return { lines, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that adds `fields` to every line (e.g. each reflector's `resource`). */
export function withFields(log: Logger, fields: LogFields): Logger {
  const emit =
    (level: LogLevel) =>
    (msg: string, more?: LogFields): void => {
      log[level](msg, { ...fields, ...more });
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
