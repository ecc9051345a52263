import type { FunctionUrlResult } from '../../functions/http/function-url.js';
import { queryConfig } from '../../functions/query/config.js';
import { createQueryHandler } from '../../functions/query/create-handler.js';
import type { StoreReader } from '../../functions/store/port.js';
import { getEvent, T0 } from '../support/query-builders.js';

export const CURSOR_KEY = new TextEncoder().encode('test-cursor-key-0123456789abcdef-0123');

/** The query handler over a given reader, with a fixed clock and captured log lines. */
export function queryApp(reader: StoreReader, options: { now?: number; key?: Uint8Array } = {}) {
  const logs: Record<string, unknown>[] = [];
  const handler = createQueryHandler({
    reader,
    config: queryConfig({ cursorKey: options.key ?? CURSOR_KEY, tableName: 'podtrail-test' }),
    clock: () => options.now ?? T0 + 3_600_000,
    log: (line) => logs.push({ ...line }),
  });
  return {
    logs,
    handler,
    async get(path: string, query: string | Record<string, string> = '', method = 'GET') {
      const result = await handler(getEvent(path, query, method));
      return { ...result, json: parse(result) };
    },
  };
}

function parse(result: FunctionUrlResult): Record<string, unknown> {
  return JSON.parse(result.body ?? 'null') as Record<string, unknown>;
}
