import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { type Emulator, emulatorClient } from './dynamodb-local.js';

/** dynalite in-process and in memory on a free port: starts in milliseconds. */
export async function startDynalite(): Promise<Emulator> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    client: () => emulatorClient(endpoint),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
