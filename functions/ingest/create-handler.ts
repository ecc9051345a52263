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
import { parseEnvelope, parseEvents } from './parse-batch.js';

/**
 * The ingest as a Function URL handler: route → caller identity → body within limits → envelope →
 * cluster authorization → events → store → 200 with per-event counts. The same function runs in Lambda
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
    const envelope = parseEnvelope(body.value);
    note({ cluster: envelope.cluster, events: envelope.events.length });
    // Authorize before reducing: the envelope's cluster is all the check needs, so a caller that may
    // not write it costs no per-event validation or status derivation.
    if (!mayWrite(deps.config.clusterPrincipals, envelope.cluster, principal))
      return forbidden(envelope.cluster);
    const { batch, rejected } = parseEvents(envelope);
    const outcome = await deps.store.recordBatch(batch);
    // Events the store refused (they contradict what is recorded) join the malformed ones.
    const refused = [...rejected, ...outcome.rejected].sort((a, b) => a.index - b.index);
    const result: IngestResult = { ...outcome, rejected: refused };
    note({
      accepted: outcome.accepted,
      unchanged: outcome.unchanged,
      stale: outcome.stale,
      rejected: refused.length,
    });
    return jsonResponse(200, result);
  });
}
