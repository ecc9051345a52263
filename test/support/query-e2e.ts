import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import type { EventBatch } from '../../functions/domain/wire-format.js';
import { type ServeHandle, startServe } from '../../local/serve.js';

/**
 * The whole pipeline on loopback for end-to-end query tests: `podtrail serve` (startServe: the
 * store, the ingest and query handlers behind the local server) over a DynamoDB emulator, with one
 * bearer token. Events go in over HTTP to /v1/events; the CLI reads over HTTP from the same URL.
 */
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';

export interface Emulator {
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface Pipeline {
  readonly url: string;
  readonly serve: ServeHandle;
  readonly env: Record<string, string>;
  post(batch: EventBatch): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<Emulator> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `now` is the store's and the query handler's clock (expiry, relative windows, staleness). */
export async function startPipeline(emulator: Emulator, options: { now: () => number }): Promise<Pipeline> {
  const dataDir = await mkdtemp(join(tmpdir(), 'podtrail-serve-'));
  // serve signs requests to an external endpoint with the placeholder key "podtrail-local", which
  // DynamoDB Local 3 rejects (access keys must be alphanumeric); with AWS_ACCESS_KEY_ID set it uses
  // the default chain instead, which reads these (this test process's own environment).
  process.env.AWS_ACCESS_KEY_ID = 'podtrailtest';
  process.env.AWS_SECRET_ACCESS_KEY = 'podtrailtest';
  const serve = await startServe({
    dataDir,
    storeEndpoint: emulator.endpoint,
    env: { PODTRAIL_TOKEN: E2E_TOKEN, AWS_ACCESS_KEY_ID: 'podtrailtest' },
    quiet: true,
    clock: options.now,
  });
  return {
    url: serve.url,
    serve,
    env: { PODTRAIL_ENDPOINT: serve.url, PODTRAIL_TOKEN: E2E_TOKEN },
    async post(batch) {
      const response = await fetch(`${serve.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_TOKEN}` },
        body: JSON.stringify(batch),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async close() {
      await serve.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
