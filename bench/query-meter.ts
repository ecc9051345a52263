import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

/**
 * What DynamoDB was asked, counted at the SDK (below the store, so nothing it reports about itself
 * is trusted): requests per operation and items read — Query/Scan `ScannedCount` (items DynamoDB
 * evaluated, which is what is billed), BatchGetItem and GetItem items returned.
 */
export interface SdkMeter {
  requests: number;
  itemsRead: number;
  byOperation: Record<string, number>;
  reset(): void;
}

export function meterClient(client: DynamoDBClient): SdkMeter {
  const meter: SdkMeter = {
    requests: 0,
    itemsRead: 0,
    byOperation: {},
    reset() {
      meter.requests = 0;
      meter.itemsRead = 0;
      meter.byOperation = {};
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      meter.requests++;
      meter.byOperation[operation] = (meter.byOperation[operation] ?? 0) + 1;
      meter.itemsRead += itemsIn(result.output as unknown as Record<string, unknown>);
      return result;
    },
    { step: 'initialize', name: 'podtrailBenchMeter' },
  );
  return meter;
}

function itemsIn(output: Record<string, unknown>): number {
  if (typeof output.ScannedCount === 'number') return output.ScannedCount;
  if (output.Item !== undefined) return 1;
  const responses = output.Responses as Record<string, unknown[]> | undefined;
  if (responses !== undefined) return Object.values(responses).reduce((n, list) => n + list.length, 0);
  return 0;
}

/**
 * The naive baseline: Scan the whole table (1 MB pages, whole items, as a recorder without an access
 * pattern per query would have to) and keep what `keep` matches.
 */
export async function scanAndFilter(
  client: DynamoDBClient,
  tableName: string,
  keep: (pk: string, sk: string) => boolean,
): Promise<{ requests: number; itemsRead: number; matched: number; ms: number }> {
  const started = performance.now();
  let requests = 0;
  let itemsRead = 0;
  let matched = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        ...(start === undefined ? {} : { ExclusiveStartKey: start as never }),
      }),
    );
    requests++;
    itemsRead += out.ScannedCount ?? 0;
    for (const item of out.Items ?? []) {
      if (keep(item.pk?.S ?? '', item.sk?.S ?? '')) matched++;
    }
    start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start !== undefined);
  return { requests, itemsRead, matched, ms: performance.now() - started };
}
