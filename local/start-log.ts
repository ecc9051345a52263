import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type Logger } from '../agent/ops/log.js';

/** The agent's JSON log lines go to a file in the data directory, so the terminal shows only progress. */
export function startDemoLogFile(path: string): {
  logger(now: () => number): Logger;
  close(): Promise<void>;
} {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: 'a' });
  return {
    logger: (now) => createLogger(stream, { now, base: { component: 'podtrail-agent' } }),
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
