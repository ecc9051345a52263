import { lambdaEntry } from '../http/lambda-entry.js';
import { createDynamoStore } from '../store/dynamodb-store.js';
import { readQueryConfig } from './config.js';
import { createQueryHandler } from './create-handler.js';

/**
 * Lambda entry point for the query Function URL. The environment is read once, at the first
 * invocation, and the DynamoDB store built once from it (region and credentials from the Lambda
 * environment, via the SDK's default chain). A configuration error is logged and answered 500.
 */
export const handler = lambdaEntry('query', (log) => {
  const config = readQueryConfig(process.env);
  return createQueryHandler({
    reader: createDynamoStore({ tableName: config.tableName, retentionDays: config.retentionDays }),
    config,
    clock: () => Date.now(),
    log,
  });
});
