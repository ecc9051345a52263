import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../functions/http/json-log.js';
import { lambdaEntry } from '../../functions/http/lambda-entry.js';
import { readIngestConfig } from '../../functions/ingest/config.js';
import { createIngestHandler } from '../../functions/ingest/create-handler.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import { createMemoryTable } from '../support/memory-table.js';
import { functionUrlEvent } from './ingest-app.js';

const INTERNAL = { code: 'internal', message: 'internal error (request id req-1)', requestId: 'req-1' };

describe('the ingest Lambda entry point', () => {
  it('loads without configuration and answers a 500 that names nothing internal', async () => {
    expect(process.env.TABLE_NAME).toBeUndefined();
    const { handler } = await import('../../functions/ingest/handler.js');
    const result = await handler(functionUrlEvent({ body: {} }));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body ?? '')).toEqual({ error: INTERNAL });
  });

  it.each([
    [
      'no TABLE_NAME (no silent default table)',
      {},
      'TABLE_NAME is required: the DynamoDB table name (the CDK stack sets it)',
    ],
    ['a blank TABLE_NAME', { TABLE_NAME: ' ' }, 'TABLE_NAME is required'],
    [
      'a size that is not a whole number',
      { TABLE_NAME: 't', MAX_BODY_BYTES: '1.5' },
      'MAX_BODY_BYTES must be a positive integer, got "1.5"',
    ],
    [
      'a zero retention',
      { TABLE_NAME: 't', RETENTION_DAYS: '0' },
      'RETENTION_DAYS must be a positive integer, got "0"',
    ],
    [
      'a registry interval that is not a whole number of seconds',
      { TABLE_NAME: 't', REGISTRY_INTERVAL_SECONDS: '0.5' },
      'REGISTRY_INTERVAL_SECONDS must be a positive integer, got "0.5"',
    ],
    [
      'principals that are not an object',
      { TABLE_NAME: 't', CLUSTER_PRINCIPALS: '[]' },
      'CLUSTER_PRINCIPALS must be a JSON object',
    ],
  ])('refuses %s', (_case, env, message) => {
    expect(() => readIngestConfig(env)).toThrow(message);
  });

  it('reads TABLE_NAME, limits and principals once, into a frozen object', () => {
    const config = readIngestConfig({ TABLE_NAME: 'podtrail-prod', CLUSTER_PRINCIPALS: '{"a":["local:x"]}' });
    expect(config).toMatchObject({
      tableName: 'podtrail-prod',
      retentionDays: 30,
      maxBodyBytes: 4 * 1024 * 1024,
      registryIntervalMs: 60_000,
    });
    expect(readIngestConfig({ TABLE_NAME: 't', REGISTRY_INTERVAL_SECONDS: '600' }).registryIntervalMs).toBe(
      600_000,
    );
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('builds once; while misconfigured, logs one line per invocation and answers 500', async () => {
    const logs: LogLine[] = [];
    let builds = 0;
    const entry = lambdaEntry(
      'ingest',
      (log) => {
        builds++;
        const config = readIngestConfig({});
        return createIngestHandler({
          store: createStore({ table: createMemoryTable() }),
          config,
          clock: Date.now,
          log,
        });
      },
      (line) => logs.push(line),
    );
    const answers = [
      await entry(functionUrlEvent({ body: {} })),
      await entry(functionUrlEvent({ body: {} })),
    ];
    expect(answers.map((a) => [a.statusCode, JSON.parse(a.body ?? '')])).toEqual([
      [500, { error: INTERNAL }],
      [500, { error: INTERNAL }],
    ]);
    expect(builds).toBe(1);
    const line = {
      level: 'error',
      msg: 'ingest function misconfigured',
      requestId: 'req-1',
      error: 'TABLE_NAME is required: the DynamoDB table name (the CDK stack sets it)',
    };
    expect(logs).toEqual([line, line]);
  });
});
