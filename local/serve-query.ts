import { randomBytes } from 'node:crypto';
import type { FunctionUrlHandler } from '../functions/http/function-url.js';
import { queryConfig } from '../functions/query/config.js';
import { createQueryHandler, type QueryLog } from '../functions/query/create-handler.js';
import type { StoreReader } from '../functions/store/port.js';

/**
 * Where `podtrail serve` gets its query handler: the query function's factory over the local store
 * (functions/query), exactly as Lambda runs it. Cursors are signed with a random key per serve
 * process (256 bits): a cursor outlives neither the process nor a restart, which paging never needs.
 */
export function localQueryHandler(
  reader: StoreReader,
  _dataDir: string,
  context: { clock?: () => number; log?: QueryLog; retentionDays?: number } = {},
): FunctionUrlHandler | undefined {
  return createQueryHandler({
    reader,
    config: queryConfig({
      cursorKey: randomBytes(32),
      ...(context.retentionDays === undefined ? {} : { retentionDays: context.retentionDays }),
    }),
    clock: context.clock ?? (() => Date.now()),
    log: context.log ?? (() => {}),
  });
}
