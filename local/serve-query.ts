import { randomBytes } from 'node:crypto';
import type { FunctionUrlHandler } from '../functions/http/function-url.js';
import type { Log } from '../functions/http/json-log.js';
import { queryConfig } from '../functions/query/config.js';
import { createQueryHandler } from '../functions/query/create-handler.js';
import type { StoreReader } from '../functions/store/port.js';

/** What `podtrail serve` hands its query handler besides the store. */
export interface LocalQueryContext {
  readonly tableName: string;
  readonly retentionDays: number;
  readonly clock: () => number;
  readonly log: Log;
}

/**
 * Where `podtrail serve` gets its query handler: the query function's factory over the local store
 * (functions/query), exactly as Lambda runs it. Cursors are signed with a random key per serve
 * process (256 bits): a cursor outlives neither the process nor a restart, which paging never needs.
 */
export function localQueryHandler(reader: StoreReader, context: LocalQueryContext): FunctionUrlHandler {
  return createQueryHandler({
    reader,
    config: queryConfig({
      cursorKey: randomBytes(32),
      tableName: context.tableName,
      retentionDays: context.retentionDays,
    }),
    clock: context.clock,
    log: context.log,
  });
}
