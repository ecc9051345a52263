/**
 * The few DynamoDB operations the store uses, as a narrow port: the DynamoDB adapter
 * (dynamodb-table.ts) speaks them to DynamoDB, DynamoDB Local or dynalite; memory-table.ts keeps
 * them in a Map for fast property tests. Exactly what both emulators support: conditional single
 * writes, BatchWriteItem, Query, GetItem/BatchGetItem — no transactions, no PartiQL, no Scan.
 */

export type AttributeValue = string | number | boolean | Uint8Array | readonly string[];
export type Item = { readonly [attribute: string]: AttributeValue | undefined };

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * A write condition: passes when the item is absent (if `ifAbsent`), or when it exists and
 * `item[attr] op value`. This covers everything the store needs: create-only, compare-and-swap on a
 * version or content hash, and "only if not newer than mine".
 */
export interface Condition {
  readonly ifAbsent: boolean;
  readonly attr?: string;
  readonly op?: '=' | '<=' | '<' | '>';
  readonly value?: string | number;
}

export type WriteOutcome = 'written' | 'condition-failed';

export interface QueryRequest {
  readonly pk: string;
  /** Sort key range, both inclusive; omitted ends are open. */
  readonly from?: string;
  readonly to?: string;
  readonly forward: boolean;
  readonly limit?: number;
  /** Exclusive start (from a previous page's `last`). */
  readonly after?: string;
  readonly consistent: boolean;
}

export interface QueryPage {
  readonly items: readonly Item[];
  /** The sort key of the last item evaluated, when more may follow. */
  readonly last?: string;
}

export interface TableClient {
  get(key: ItemKey, consistent: boolean): Promise<Item | undefined>;
  batchGet(keys: readonly ItemKey[], consistent: boolean): Promise<Item[]>;
  put(item: Item, condition?: Condition): Promise<WriteOutcome>;
  delete(key: ItemKey, condition?: Condition): Promise<WriteOutcome>;
  /** Unconditional puts in batches of 25, retrying UnprocessedItems. */
  batchPut(items: readonly Item[]): Promise<void>;
  query(request: QueryRequest): Promise<QueryPage>;
}

/**
 * Every item of one Query, following `last` from page to page. `stats`, when given, counts the
 * requests made and the items read.
 */
export async function queryAll(
  table: TableClient,
  request: Omit<QueryRequest, 'after' | 'limit'>,
  stats?: { requests: number; itemsRead: number },
): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | undefined;
  do {
    const page = await table.query({ ...request, ...(after === undefined ? {} : { after }) });
    if (stats !== undefined) {
      stats.requests++;
      stats.itemsRead += page.items.length;
    }
    items.push(...page.items);
    after = page.last;
  } while (after !== undefined);
  return items;
}

/** Consumed capacity and request counts, reported by whatever table implementation runs. */
export interface TableMeter {
  requests: number;
  readUnits: number;
  writeUnits: number;
}

export function newMeter(): TableMeter {
  return { requests: 0, readUnits: 0, writeUnits: 0 };
}

/** The table could not be reached or refused the request: retryable by the caller (HTTP 503). */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
}

/**
 * Too many writers raced on one item (a pod head, a SYNC report, the cluster list) for the bounded
 * number of attempts: nothing is wrong, the batch is retried later (HTTP 503 like the table being
 * unavailable). Each write is idempotent, so what was written before is simply written again.
 */
export class StoreConflictError extends StoreUnavailableError {
  override readonly name = 'StoreConflictError';
}

export function keyOf(item: Item): ItemKey {
  return { pk: String(item.pk), sk: String(item.sk) };
}
