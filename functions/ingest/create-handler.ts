import { EVENTS_PATH, type IngestResult } from '../domain/wire-format.js';
import type { FunctionUrlEvent, FunctionUrlHandler } from '../http/function-url.js';
import type { StoreWriter } from '../store/port.js';
import { mayWrite, normalizePrincipal } from './authorize.js';
import type { IngestConfig } from './config.js';
import { decodeBody } from './decode-body.js';
import { errorResponse, forbidden, json, methodNotAllowed, notFound, unauthorized } from './errors.js';
import { parseBatch } from './parse-batch.js';

/**
 * The ingest as a Function URL handler: route → caller identity → body within limits → batch →
 * cluster authorization → store → 200 with per-event counts. The same function runs in Lambda
 * (handler.ts) and behind `podtrail serve` (local/server.ts). One JSON log line per request:
 * counts, cluster, sizes and duration — never payloads.
 */
export interface IngestDeps {
  readonly store: StoreWriter;
  readonly config: IngestConfig;
  /** Wall clock, ms since the epoch. */
  readonly clock: () => number;
  readonly log: (line: Record<string, unknown>) => void;
}

export function createIngestHandler(deps: IngestDeps): FunctionUrlHandler {
  return async (event: FunctionUrlEvent) => {
    const started = deps.clock();
    const line: Record<string, unknown> = {
      level: 'info',
      msg: 'ingest',
      requestId: event.requestContext.requestId,
      method: event.requestContext.http.method,
      path: event.rawPath,
    };
    try {
      if (event.rawPath !== EVENTS_PATH) throw notFound();
      if (event.requestContext.http.method !== 'POST') throw methodNotAllowed();
      const principal = event.requestContext.authorizer?.iam?.userArn;
      if (principal === undefined || principal === '') throw unauthorized();
      line.principal = normalizePrincipal(principal);
      const body = decodeBody(event, deps.config);
      line.bytes = body.bytes;
      line.decodedBytes = body.decodedBytes;
      const { batch, rejected } = parseBatch(body.value);
      line.cluster = batch.cluster;
      if (!mayWrite(deps.config.clusterPrincipals, batch.cluster, principal)) throw forbidden(batch.cluster);
      const outcome = await deps.store.recordBatch(batch);
      // Events the store refused (they contradict what is recorded) join the malformed ones.
      const refused = [...rejected, ...outcome.rejected].sort((a, b) => a.index - b.index);
      const result: IngestResult = { ...outcome, rejected: refused };
      Object.assign(line, {
        status: 200,
        events: batch.pods.length + batch.syncs.length + rejected.length,
        accepted: outcome.accepted,
        unchanged: outcome.unchanged,
        stale: outcome.stale,
        rejected: refused.length,
      });
      return json(200, result);
    } catch (error) {
      const response = errorResponse(error);
      line.status = response.statusCode;
      line.level = response.statusCode >= 500 ? 'error' : 'warn';
      line.error = error instanceof Error ? error.name : 'unknown';
      return response;
    } finally {
      line.durationMs = deps.clock() - started;
      deps.log(line);
    }
  };
}

/** One JSON object per line on a stream (stdout in Lambda). */
export function jsonLines(stream: {
  write(chunk: string): unknown;
}): (line: Record<string, unknown>) => void {
  return (line) => {
    stream.write(`${JSON.stringify(line)}\n`);
  };
}
