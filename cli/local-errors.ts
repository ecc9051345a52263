import { DataDirBusyError } from '../local/data-dir-lock.js';

/**
 * The one-line messages `podtrail serve` and `npm start` print when what they need is taken: the
 * port (EADDRINUSE from listen) or the data directory (another podtrail process holds its embedded
 * store). undefined for any other error.
 */
export function localBusyMessage(error: unknown, where: { host: string; port: number }): string | undefined {
  if (error instanceof DataDirBusyError) {
    const { pid, url } = error.holder;
    const holder = url === undefined ? `process ${pid}` : `process ${pid} (podtrail, serving ${url})`;
    return `error: the data directory ${error.dataDir} is in use by ${holder}: stop it (kill ${pid}), query it through ${url ?? 'its endpoint'}, or pass --data-dir DIR for another store`;
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return `error: port ${where.port} on ${where.host} is already in use: stop whatever listens there, or pass --port N (0 for any free port)`;
  }
  return undefined;
}
