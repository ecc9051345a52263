import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';

/**
 * The store endpoint `podtrail serve` uses: dynalite in-process, persisted under the data dir (pure
 * JavaScript on LevelDB, no Java), or any DynamoDB-compatible endpoint given with --store-endpoint.
 */
export interface StoreEndpoint {
  readonly endpoint: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export async function openStoreEndpoint(
  dataDir: string,
  external: string | undefined,
): Promise<StoreEndpoint> {
  if (external !== undefined) return { endpoint: external, embedded: false, close: () => Promise.resolve() };
  const path = join(dataDir, 'store');
  mkdirSync(path, { recursive: true });
  const server: Server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    embedded: true,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
