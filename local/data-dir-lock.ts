import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process at a time owns a data directory's embedded store: LevelDB allows a single opener,
 * and a second one only fails later, inside dynalite, as "Database is closed". The owner writes
 * `<data dir>/serve.lock` (created exclusively) with its pid and, once listening, its URL, so that
 * the next `podtrail serve` or `npm start` can say who holds the directory. A lock whose pid is no
 * longer running (a killed process) is taken over.
 */
export const LOCK_FILE = 'serve.lock';

export interface LockHolder {
  readonly pid: number;
  /** The holder's endpoint, once it listens. */
  readonly url?: string;
}

export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`the data directory ${dataDir} is in use by process ${holder.pid}`);
  }
}

export interface DataDirLock {
  /** Records the owner's URL for the next opener's message. */
  announce(url: string): void;
  release(): void;
}

/** Takes the data directory, or throws DataDirBusyError naming the process that holds it. */
export function lockDataDir(
  dataDir: string,
  pid: number = process.pid,
  isRunning: (pid: number) => boolean = processIsRunning,
): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  // Two attempts: the second after removing a lock its dead owner left behind.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify({ pid }), { flag: 'wx', mode: 0o600 });
      return {
        announce: (url) => writeFileSync(path, JSON.stringify({ pid, url })),
        release: () => rmSync(path, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder !== undefined && holder.pid !== pid && isRunning(holder.pid))
        throw new DataDirBusyError(dataDir, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take ${path}: another process keeps creating it`);
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; url?: unknown };
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid)) return undefined;
    return typeof parsed.url === 'string' ? { pid: parsed.pid, url: parsed.url } : { pid: parsed.pid };
  } catch {
    return undefined;
  }
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
