/**
 * The physical DynamoDB table podtrail uses, in one place: the store creates it from this
 * (local mode, tests) and the CDK stack declares it from this, so the two cannot drift.
 * What each key holds is documented in the store adapter's key-schema comment.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL deletes items some time after it passes; reads filter it too. */
  ttlAttribute: 'expiresAt',
  /** Generic, overloaded GSIs (string keys, projection ALL), populated sparsely. */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export const DEFAULT_TABLE_NAME = 'podtrail';
export const DEFAULT_RETENTION_DAYS = 30;
