import { gzipSync } from 'node:zlib';
import type { FunctionUrlEvent } from '../../functions/http/function-url.js';
import { readIngestConfig } from '../../functions/ingest/config.js';
import { createIngestHandler } from '../../functions/ingest/create-handler.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { TableClient } from '../../functions/store/table/table-client.js';
import { T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';

/** The ingest handler over an in-memory store, with captured log lines, and event builders for it. */
export const AGENT_ROLE = 'arn:aws:iam::111122223333:role/podtrail-agent-prod-eu-1';
export const AGENT_SESSION =
  'arn:aws:sts::111122223333:assumed-role/podtrail-agent-prod-eu-1/eks-prod-eu-1-podtrail';

export function ingestApp(options: { env?: Record<string, string>; table?: TableClient; now?: number } = {}) {
  const table = options.table ?? createMemoryTable();
  const now = options.now ?? T0 + 3_600_000;
  const store = createStore({ table, now: () => now });
  const logs: Record<string, unknown>[] = [];
  const config = readIngestConfig({
    TABLE_NAME: 'podtrail-test',
    CLUSTER_PRINCIPALS: JSON.stringify({
      'prod-eu-1': [AGENT_ROLE],
      staging: ['arn:aws:iam::111122223333:role/podtrail-*'],
    }),
    MAX_BODY_BYTES: '65536',
    MAX_DECODED_BYTES: '262144',
    ...options.env,
  });
  const handler = createIngestHandler({ store, config, clock: () => now, log: (line) => logs.push(line) });
  return {
    store,
    logs,
    async post(body: unknown, init: Partial<RequestInit> = {}) {
      const result = await handler(functionUrlEvent({ body, ...init }));
      return { ...result, json: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
    },
    handler,
  };
}

export interface RequestInit {
  body: unknown;
  /** Send gzip (base64, as a Function URL delivers binary bodies). */
  gzip: boolean;
  principal: string | undefined;
  path: string;
  method: string;
  headers: Record<string, string>;
  /** The body as raw text or bytes instead of JSON. */
  raw: string | Uint8Array;
}

export function functionUrlEvent(init: Partial<RequestInit>): FunctionUrlEvent {
  const raw = init.raw ?? JSON.stringify(init.body);
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw);
  const sent = init.gzip === true ? gzipSync(bytes) : bytes;
  const binary = init.gzip === true || typeof raw !== 'string';
  const principal = 'principal' in init ? init.principal : AGENT_SESSION;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: init.path ?? '/v1/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      ...(init.gzip === true ? { 'content-encoding': 'gzip' } : {}),
      ...init.headers,
    },
    body: binary ? sent.toString('base64') : sent.toString('utf8'),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '444455556666',
      requestId: 'req-1',
      domainName: 'abc.lambda-url.eu-west-1.on.aws',
      http: {
        method: init.method ?? 'POST',
        path: init.path ?? '/v1/events',
        protocol: 'HTTP/1.1',
        sourceIp: '10.0.0.1',
        userAgent: 'podtrail-agent/0.1.0',
      },
      ...(principal === undefined
        ? {}
        : { authorizer: { iam: { userArn: principal, accountId: '111122223333' } } }),
      timeEpoch: T0,
    },
  };
}
