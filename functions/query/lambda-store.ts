import { createDynamoStore } from '../store/dynamodb-store.js';
import type { StoreReader } from '../store/port.js';
import type { QueryConfig } from './config.js';

/**
 * Builds the DynamoDB-backed StoreReader for the Lambda runtime, once per cold start. The region and
 * credentials come from the Lambda environment through the SDK's default chain.
 */
export function createLambdaStoreReader(config: QueryConfig): StoreReader {
  return createDynamoStore({ tableName: config.tableName, retentionDays: config.retentionDays });
}
