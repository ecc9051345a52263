import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FunctionUrlHandler } from '../functions/http/function-url.js';
import { jsonLines, type Log } from '../functions/http/json-log.js';
import { readIngestConfig } from '../functions/ingest/config.js';
import { createIngestHandler } from '../functions/ingest/create-handler.js';
import { createDynamoStore, type DynamoStore } from '../functions/store/dynamodb-store.js';
import type { StoreReader } from '../functions/store/port.js';
import { DEFAULT_TABLE_NAME } from '../functions/store/schema/table-definition.js';
import { ensureTable } from '../functions/store/table/ensure-table.js';
import { openStoreEndpoint } from './embedded-store.js';
import { type LocalQueryContext, localQueryHandler } from './serve-query.js';
import { loadTokens } from './serve-tokens.js';
import { createLocalServer } from './server.js';
import { createUiAssets } from './ui-assets.js';
import { isLoopbackAddress, newUiToken } from './ui-security.js';

/**
 * `podtrail serve` as a function, for the CLI and for local mode (`npm start`) in-process: the
 * store (embedded dynalite under the data dir, or --store-endpoint), its table, the ingest and
 * query handlers behind the local server, and the web UI when it listens on loopback. `close()`
 * stops everything in reverse order.
 */
export interface ServeOptions {
  readonly host?: string;
  /** 0 (default): any free port. */
  readonly port?: number;
  /** Default: `.podtrail` under the current directory. */
  readonly dataDir?: string;
  readonly storeEndpoint?: string;
  readonly table?: string;
  /** PODTRAIL_TOKEN, RETENTION_DAYS, MAX_BODY_BYTES, MAX_DECODED_BYTES, AWS_REGION. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Suppress the per-request log lines. */
  readonly quiet?: boolean;
  /** Default: JSON lines on stderr. */
  readonly log?: Log;
  /** Replace the query handler (default: localQueryHandler, the query function's own factory). */
  readonly query?: QueryFactory;
  readonly clock?: () => number;
  /** The built web UI to serve at `/` (default: dist/ui of this package). */
  readonly uiDir?: string;
}

export type QueryFactory = (
  reader: StoreReader,
  context: LocalQueryContext,
) => FunctionUrlHandler | undefined;

export interface ServeHandle {
  readonly url: string;
  readonly token: string;
  /**
   * The web UI's link, its per-run read-only token in the fragment: `http://127.0.0.1:<port>/#token=…`.
   * Undefined when serve listens beyond loopback (the UI is served on loopback only) or has no query handler.
   */
  readonly uiUrl: string | undefined;
  readonly dataDir: string;
  readonly store: DynamoStore;
  close(): Promise<void>;
}

export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const env = options.env ?? {};
  const dataDir = resolve(options.dataDir ?? '.podtrail');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tokens = loadTokens(dataDir, env.PODTRAIL_TOKEN);
  const tableName = options.table ?? DEFAULT_TABLE_NAME;
  const config = readIngestConfig({
    TABLE_NAME: tableName,
    CLUSTER_PRINCIPALS: JSON.stringify(tokens.clusterPrincipals),
    RETENTION_DAYS: env.RETENTION_DAYS,
    MAX_BODY_BYTES: env.MAX_BODY_BYTES,
    MAX_DECODED_BYTES: env.MAX_DECODED_BYTES,
  });
  const clock = options.clock ?? (() => Date.now());
  const log: Log = options.quiet === true ? () => {} : (options.log ?? jsonLines(process.stderr));
  const endpoint = await openStoreEndpoint(dataDir, options.storeEndpoint);
  try {
    const store = createDynamoStore({
      tableName,
      retentionDays: config.retentionDays,
      now: clock,
      clientConfig: {
        endpoint: endpoint.endpoint,
        region: env.AWS_REGION ?? 'us-east-1',
        // The embedded store ignores credentials; an external endpoint gets the default chain.
        ...(endpoint.embedded || env.AWS_ACCESS_KEY_ID === undefined
          ? { credentials: { accessKeyId: 'podtraillocal', secretAccessKey: 'podtraillocal' } }
          : {}),
        maxAttempts: 3,
      },
    });
    await ensureTable(store.client, store.tableName);
    const ingest = createIngestHandler({ store, config, clock, log });
    const query = (options.query ?? localQueryHandler)(store, {
      tableName,
      retentionDays: config.retentionDays,
      clock,
      log,
    });
    const host = options.host ?? '127.0.0.1';
    const ui =
      query !== undefined && isLoopbackAddress(host)
        ? { token: newUiToken(), assets: createUiAssets(options.uiDir) }
        : undefined;
    const server = await createLocalServer({
      ingest,
      ...(query === undefined ? {} : { query }),
      ...(ui === undefined ? {} : { ui }),
      tokens,
      host,
      port: options.port ?? 0,
      maxBodyBytes: config.maxBodyBytes,
      clock,
      log,
    });
    log({
      level: 'info',
      msg: 'serve started',
      url: server.url,
      dataDir,
      store: endpoint.embedded ? 'embedded' : endpoint.endpoint,
    });
    return {
      url: server.url,
      token: tokens.primary.token,
      uiUrl: ui === undefined ? undefined : `${server.url}/#token=${ui.token}`,
      dataDir,
      store,
      async close() {
        await server.close();
        store.client.destroy();
        await endpoint.close();
        log({ level: 'info', msg: 'serve stopped' });
      },
    };
  } catch (error) {
    await endpoint.close();
    throw error;
  }
}
