import { describe, expect, it } from 'vitest';
import { readQueryConfig } from '../../functions/query/config.js';
import { getEvent } from '../support/query-builders.js';

describe('the Lambda entry point', () => {
  it('loads without configuration and answers a 500 that names nothing internal', async () => {
    expect(process.env.CURSOR_KEY).toBeUndefined();
    const { handler } = await import('../../functions/query/handler.js');
    const result = await handler(getEvent('/v1/clusters'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'internal', message: 'internal error (request id req-1)', requestId: 'req-1' },
    });
  });

  it.each([
    [{ TABLE_NAME: 't' }, 'CURSOR_KEY is required: a random secret of at least 32 bytes'],
    [{ TABLE_NAME: 't', CURSOR_KEY: 'short' }, 'CURSOR_KEY must be at least 32 bytes long'],
    [
      { CURSOR_KEY: 'k'.repeat(32) },
      'TABLE_NAME is required: the DynamoDB table name (the CDK stack sets it)',
    ],
    [
      { TABLE_NAME: 't', CURSOR_KEY: 'k'.repeat(32), RETENTION_DAYS: '0' },
      'RETENTION_DAYS must be a positive integer, got "0"',
    ],
  ])('refuses configuration %j', (env, message) => {
    expect(() => readQueryConfig(env)).toThrow(message);
  });

  it('reads TABLE_NAME, the keys and the retention once, into a frozen object', () => {
    const config = readQueryConfig({
      TABLE_NAME: 'podtrail-prod',
      CURSOR_KEY: 'k'.repeat(40),
      CURSOR_KEY_PREVIOUS: `${'a'.repeat(32)},${'b'.repeat(32)}`,
      RETENTION_DAYS: '14',
    });
    expect(config).toMatchObject({ tableName: 'podtrail-prod', retentionDays: 14 });
    expect(config.previousCursorKeys).toHaveLength(2);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
