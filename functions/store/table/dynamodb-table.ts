import {
  ConditionalCheckFailedException,
  type ConsumedCapacity,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Condition,
  type Item,
  type ItemKey,
  newMeter,
  type QueryRequest,
  StoreUnavailableError,
  type TableClient,
  type TableMeter,
} from './table-client.js';

/**
 * TableClient over DynamoDB (and DynamoDB Local, dynalite). Every call asks for consumed capacity
 * and adds it to `meter`; SDK failures other than a failed condition become StoreUnavailableError
 * (the ingest answers 503 and the agent retries the batch). Batch calls retry their unprocessed
 * remainder with capped exponential backoff.
 */
export interface DynamoTableOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DynamoTable extends TableClient {
  readonly meter: TableMeter;
}

const BATCH_GET_MAX = 100;
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const BATCH_WRITE_MAX = 25;
/** Unprocessed batch items are retried this many times (~6 s in total) before giving up. */
const BATCH_RETRIES = 8;

export function createDynamoTable(options: DynamoTableOptions): DynamoTable {
  const doc = DynamoDBDocumentClient.from(options.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const TableName = options.tableName;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const meter = newMeter();
  const count = (capacity: ConsumedCapacity | readonly ConsumedCapacity[] | undefined, write: boolean) => {
    meter.requests++;
    for (const c of capacity === undefined ? [] : Array.isArray(capacity) ? capacity : [capacity]) {
      const units = (c as ConsumedCapacity).CapacityUnits ?? 0;
      if (write) meter.writeUnits += units;
      else meter.readUnits += units;
    }
  };
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw error;
      const e = error as { name?: string; message?: string; $fault?: string };
      // A request DynamoDB rejects as malformed is a bug, not an outage: no point retrying it.
      if (e.$fault === 'client' && !THROTTLING.has(e.name ?? '')) {
        throw new Error(`DynamoDB rejected a request: ${e.name}: ${e.message}`, { cause: error });
      }
      throw new StoreUnavailableError(`DynamoDB request failed: ${e.name}: ${e.message}`, { cause: error });
    }
  };
  const conditional = async (run: () => Promise<unknown>) => {
    try {
      await call(run);
      return 'written' as const;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'condition-failed' as const;
      throw error;
    }
  };

  return {
    meter,
    async get(key, consistent) {
      const out = await call(() =>
        doc.send(
          new GetCommand({
            TableName,
            Key: key,
            ConsistentRead: consistent,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
      count(out.ConsumedCapacity, false);
      return out.Item as Item | undefined;
    },
    async batchGet(keys, consistent) {
      const items: Item[] = [];
      for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
        let pending: Record<string, unknown>[] = keys
          .slice(i, i + BATCH_GET_MAX)
          .map((k) => ({ pk: k.pk, sk: k.sk }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > BATCH_RETRIES)
            throw new StoreUnavailableError('BatchGetItem kept returning unprocessed keys');
          if (attempt > 0) await sleep(backoff(attempt));
          const out = await call(() =>
            doc.send(
              new BatchGetCommand({
                RequestItems: { [TableName]: { Keys: pending, ConsistentRead: consistent } },
                ReturnConsumedCapacity: 'TOTAL',
              }),
            ),
          );
          count(out.ConsumedCapacity, false);
          items.push(...((out.Responses?.[TableName] ?? []) as Item[]));
          pending = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
      return items;
    },
    put(item, condition) {
      return conditional(async () => {
        const out = await doc.send(
          new PutCommand({
            TableName,
            Item: item as Record<string, unknown>,
            ReturnConsumedCapacity: 'TOTAL',
            ...expression(condition),
          }),
        );
        count(out.ConsumedCapacity, true);
      });
    },
    delete(key: ItemKey, condition?: Condition) {
      return conditional(async () => {
        const out = await doc.send(
          new DeleteCommand({
            TableName,
            Key: { pk: key.pk, sk: key.sk },
            ReturnConsumedCapacity: 'TOTAL',
            ...expression(condition),
          }),
        );
        count(out.ConsumedCapacity, true);
      });
    },
    async batchPut(items) {
      for (let i = 0; i < items.length; i += BATCH_WRITE_MAX) {
        let pending: unknown[] = items
          .slice(i, i + BATCH_WRITE_MAX)
          .map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > BATCH_RETRIES)
            throw new StoreUnavailableError('BatchWriteItem kept returning unprocessed items');
          if (attempt > 0) await sleep(backoff(attempt));
          const out = await call(() =>
            doc.send(
              new BatchWriteCommand({
                RequestItems: { [TableName]: pending as never },
                ReturnConsumedCapacity: 'TOTAL',
              }),
            ),
          );
          count(out.ConsumedCapacity, true);
          pending = out.UnprocessedItems?.[TableName] ?? [];
        }
      }
    },
    async query(request: QueryRequest) {
      const out = await call(() =>
        doc.send(new QueryCommand({ TableName, ...queryInput(request), ReturnConsumedCapacity: 'TOTAL' })),
      );
      count(out.ConsumedCapacity, false);
      const last = out.LastEvaluatedKey?.sk;
      const items = (out.Items ?? []) as Item[];
      return typeof last === 'string' ? { items, last } : { items };
    },
  };
}

function backoff(attempt: number): number {
  return Math.min(1000, 25 * 2 ** attempt);
}

function expression(condition: Condition | undefined) {
  if (condition === undefined) return {};
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (condition.ifAbsent) parts.push('attribute_not_exists(pk)');
  if (condition.attr !== undefined && condition.op !== undefined) {
    names['#a'] = condition.attr;
    values[':v'] = condition.value;
    parts.push(`#a ${condition.op} :v`);
  }
  return {
    ConditionExpression: parts.join(' OR '),
    ...(Object.keys(names).length === 0
      ? {}
      : { ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
  };
}

function queryInput(request: QueryRequest) {
  const values: Record<string, unknown> = { ':pk': request.pk };
  let range = '';
  // DynamoDB rejects empty key values in conditions: an empty lower bound is no bound.
  const from = request.from === '' ? undefined : request.from;
  if (from !== undefined && request.to !== undefined) {
    range = ' AND sk BETWEEN :from AND :to';
    values[':from'] = from;
    values[':to'] = request.to;
  } else if (from !== undefined) {
    range = ' AND sk >= :from';
    values[':from'] = from;
  } else if (request.to !== undefined) {
    range = ' AND sk <= :to';
    values[':to'] = request.to;
  }
  return {
    KeyConditionExpression: `pk = :pk${range}`,
    ExpressionAttributeValues: values,
    ScanIndexForward: request.forward,
    ConsistentRead: request.consistent,
    ...(request.limit === undefined ? {} : { Limit: request.limit }),
    ...(request.after === undefined ? {} : { ExclusiveStartKey: { pk: request.pk, sk: request.after } }),
  };
}
