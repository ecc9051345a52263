/**
 * The physical DynamoDB table podtrail uses, in one place: the store creates it from this
 * (local mode, tests) and the CDK stack declares it from this, so the two cannot drift.
 * What each key holds is documented in the store adapter's key-schema comment.
 *
 * No secondary index: every access pattern is served by a base-table partition that the ingest
 * writes itself (the key schema says which), so reads can be strongly consistent and every index
 * entry costs exactly its own write.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Epoch seconds, on every item the store writes (short name: attribute names are billed bytes).
   * DynamoDB TTL deletes items some time after it passes; reads filter it too.
   */
  ttlAttribute: 'x',
} as const;

export const DEFAULT_TABLE_NAME = 'podtrail';
export const DEFAULT_RETENTION_DAYS = 30;
