import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDynamoStore, createStore } from '../../functions/store/dynamodb-store.js';
import type { Store } from '../../functions/store/port.js';
import { createDynamoTable } from '../../functions/store/table/dynamodb-table.js';
import { ensureTable } from '../../functions/store/table/ensure-table.js';
import type { Item, TableClient, TableMeter } from '../../functions/store/table/table-client.js';
import { startDynalite } from './dynalite.js';
import { type Emulator, startDynamoDbLocal } from './dynamodb-local.js';
import { createMemoryTable } from './memory-table.js';

/**
 * The store implementations every contract and property suite runs against: the in-memory table
 * (fast, for many property runs), dynalite and DynamoDB Local (the real wire protocol). Each test
 * gets a fresh table on a shared emulator.
 */
export type Backend = 'memory' | 'dynalite' | 'dynamodb-local';

export interface Backends {
  /** A fresh, empty table and a store over it. */
  fresh(now: () => number, retentionDays?: number): Promise<Fresh>;
  stop(): Promise<void>;
}

export interface Fresh {
  readonly store: Store;
  /** The same table, for tests that wrap it (fault injection) or build more stores on it. */
  readonly table: TableClient;
  readonly meter: TableMeter;
  /** Every item (a test-only Scan), sorted by key. */
  dump(): Promise<Item[]>;
}

let tableCounter = 0;

export async function openBackend(backend: Backend): Promise<Backends> {
  if (backend === 'memory') {
    return {
      async fresh(now, retentionDays) {
        const table = createMemoryTable();
        const store = createStore({ table, now, ...(retentionDays === undefined ? {} : { retentionDays }) });
        return { store, table, meter: table.meter, dump: () => Promise.resolve(table.dump()) };
      },
      stop: () => Promise.resolve(),
    };
  }
  const emulator: Emulator = backend === 'dynalite' ? await startDynalite() : await startDynamoDbLocal();
  const client = emulator.client();
  return {
    async fresh(now, retentionDays) {
      const tableName = `podtrail-test-${process.pid}-${++tableCounter}`;
      await ensureTable(client, tableName);
      const table = createDynamoTable({ client, tableName });
      const store = createDynamoStore({
        client,
        tableName,
        now,
        ...(retentionDays === undefined ? {} : { retentionDays }),
      });
      const dump = async () => {
        const items: Item[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const out = await client.send(
            new ScanCommand({
              TableName: tableName,
              ...(start === undefined ? {} : { ExclusiveStartKey: start as never }),
            }),
          );
          for (const raw of out.Items ?? []) items.push(unmarshall(raw) as Item);
          start = out.LastEvaluatedKey;
        } while (start !== undefined);
        return items.sort((a, b) =>
          `${String(a.pk)} ${String(a.sk)}` < `${String(b.pk)} ${String(b.sk)}` ? -1 : 1,
        );
      };
      return { store, table, meter: store.meter, dump };
    },
    async stop() {
      client.destroy();
      await emulator.stop();
    },
  };
}
