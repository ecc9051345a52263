import { lambdaEntry } from '../http/lambda-entry.js';
import { createDynamoStore } from '../store/dynamodb-store.js';
import { readIngestConfig } from './config.js';
import { createIngestHandler } from './create-handler.js';

/**
 * Lambda entry point for the ingest Function URL. The environment is read once, at the first
 * invocation, and the DynamoDB store built once from it (region and credentials from the Lambda
 * environment, via the SDK's default chain). A configuration error is logged and answered 500.
 */
export const handler = lambdaEntry('ingest', (log) => {
  const config = readIngestConfig(process.env);
  return createIngestHandler({
    store: createDynamoStore({
      tableName: config.tableName,
      retentionDays: config.retentionDays,
      registryIntervalMs: config.registryIntervalMs,
    }),
    config,
    clock: () => Date.now(),
    log,
  });
});
