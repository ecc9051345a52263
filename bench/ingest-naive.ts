import type { FunctionUrlHandler } from '../functions/http/function-url.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DECODED_BYTES } from '../functions/ingest/config.js';
import { decodeBody } from '../functions/ingest/decode-body.js';
import type { Item, TableClient } from '../functions/store/table/table-client.js';

/**
 * The baseline of bench/ingest-cost.ts: a naive recorder that stores every event's full object as
 * one item (BatchWriteItem, 25 at a time), as an event log would. Same decoding as the ingest.
 */
export function naiveItems(body: unknown): Item[] {
  const batch = body as {
    cluster: string;
    events: {
      type: string;
      observedAt: string;
      pod?: { metadata?: { uid?: string; resourceVersion?: string } };
      resourceVersion?: string;
    }[];
  };
  return batch.events.map((event, i) => ({
    pk: `E#${batch.cluster}#${event.pod?.metadata?.uid ?? 'sync'}`,
    sk: `${event.observedAt}#${event.pod?.metadata?.resourceVersion ?? event.resourceVersion ?? i}`,
    o: JSON.stringify(event),
  }));
}

export async function recordNaively(table: TableClient, body: unknown): Promise<number> {
  const items = naiveItems(body);
  await table.batchPut(items);
  return items.length;
}

export function naiveHandler(table: TableClient): FunctionUrlHandler {
  const limits = { maxBodyBytes: DEFAULT_MAX_BODY_BYTES, maxDecodedBytes: DEFAULT_MAX_DECODED_BYTES };
  return async (event) => {
    const { value } = decodeBody(event, limits);
    const accepted = await recordNaively(table, value);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accepted }),
    };
  };
}
