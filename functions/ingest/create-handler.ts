import { EVENTS_PATH, type IngestResult } from '../domain/wire-format.js';
import { httpEdge } from '../http/edge.js';
import type { FunctionUrlHandler } from '../http/function-url.js';
import type { Log } from '../http/json-log.js';
import { jsonResponse } from '../http/responses.js';
import type { StoreWriter } from '../store/port.js';
import { mayWrite, normalizePrincipal } from './authorize.js';
import type { IngestConfig } from './config.js';
import { decodeBody } from './decode-body.js';
import { forbidden, methodNotAllowed, notFound, unauthorized } from './errors.js';
import { parseBatch } from './parse-batch.js';

/**
 * The ingest as a Function URL handler: route → caller identity → body within limits → batch →
 * cluster authorization → store → 200 with per-event counts. The same function runs in Lambda
 * (handler.ts) and behind `podtrail serve` (local/server.ts). Its log line (functions/http/edge.ts)
 * carries counts, cluster, principal and sizes — never payloads.
 */
export interface IngestDeps {
  readonly store: StoreWriter;
  readonly config: IngestConfig;
  /** Wall clock, ms since the epoch. */
  readonly clock: () => number;
  readonly log: Log;
}

export function createIngestHandler(deps: IngestDeps): FunctionUrlHandler {
  return httpEdge({ name: 'ingest', clock: deps.clock, log: deps.log }, async (event, note) => {
    note({ method: event.requestContext.http.method, path: event.rawPath });
    if (event.rawPath !== EVENTS_PATH) return notFound();
    if (event.requestContext.http.method !== 'POST') return methodNotAllowed();
    const principal = event.requestContext.authorizer?.iam?.userArn;
    if (principal === undefined || principal === '') return unauthorized();
    note({ principal: normalizePrincipal(principal) });
    const body = decodeBody(event, deps.config);
    note({ bytes: body.bytes, decodedBytes: body.decodedBytes });
    const { batch, rejected } = parseBatch(body.value);
    note({ cluster: batch.cluster });
    if (!mayWrite(deps.config.clusterPrincipals, batch.cluster, principal)) return forbidden(batch.cluster);
    const outcome = await deps.store.recordBatch(batch);
    // Events the store refused (they contradict what is recorded) join the malformed ones.
    const refused = [...rejected, ...outcome.rejected].sort((a, b) => a.index - b.index);
    const result: IngestResult = { ...outcome, rejected: refused };
    note({
      events: batch.pods.length + batch.syncs.length + rejected.length,
      accepted: outcome.accepted,
      unchanged: outcome.unchanged,
      stale: outcome.stale,
      rejected: refused.length,
    });
    return jsonResponse(200, result);
  });
}
