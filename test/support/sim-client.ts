import http from 'node:http';
import type { Simulator } from '../../simulator/index.js';
import { runningPods as populate } from '../../simulator/index.js';
import type { SimPod } from '../../simulator/pod-types.js';

/** A bare HTTP client for the simulator's wire format (what the API server sends, byte for byte). */

export interface SimResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export function simGet(sim: Simulator, path: string, token = 'sim-token'): Promise<SimResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export interface WatchLine {
  readonly type: string;
  readonly object: {
    kind?: string;
    metadata?: {
      name?: string;
      uid?: string;
      resourceVersion?: string;
      annotations?: Record<string, string>;
    };
    code?: number;
    reason?: string;
    message?: string;
  };
}

/**
 * Reads a watch stream until the server ends it, `maxLines` lines arrived, or `timeoutMs` passed
 * (then the client hangs up). `ended` tells whether the server closed the stream itself.
 */
export function simWatch(
  sim: Simulator,
  query: string,
  options: {
    maxLines?: number;
    timeoutMs?: number;
    onOpen?: () => void;
    namespace?: string;
    resource?: 'pods' | 'events';
  } = {},
): Promise<{ lines: WatchLine[]; ended: 'server' | 'client' | 'reset'; raw: string }> {
  const resource = options.resource ?? 'pods';
  const path =
    options.namespace === undefined
      ? `/api/v1/${resource}`
      : `/api/v1/namespaces/${options.namespace}/${resource}`;
  return new Promise((resolve, reject) => {
    let raw = '';
    const lines: WatchLine[] = [];
    let settled = false;
    const finish = (ended: 'server' | 'client' | 'reset') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ lines, ended, raw });
    };
    const req = http.get(
      `${sim.url}${path}?watch=true&${query}`,
      { headers: { authorization: 'Bearer sim-token' } },
      (res) => {
        options.onOpen?.();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          raw += chunk;
          const complete = raw.split('\n');
          lines.length = 0;
          for (const line of complete.slice(0, -1)) {
            try {
              lines.push(JSON.parse(line) as WatchLine);
            } catch {
              lines.push({ type: 'GARBAGE', object: {} });
            }
          }
          if (options.maxLines !== undefined && lines.length >= options.maxLines) {
            finish('client');
            req.destroy();
          }
        });
        res.on('end', () => finish('server'));
        res.on('error', () => finish('reset'));
        res.on('aborted', () => finish('reset'));
      },
    );
    req.on('error', (error) =>
      settled ? undefined : lines.length > 0 || raw !== '' ? finish('reset') : reject(error),
    );
    const timer = setTimeout(() => {
      finish('client');
      req.destroy();
    }, options.timeoutMs ?? 3_000);
  });
}

/** `count` realistic running pods, all in one namespace unless told otherwise (see simulator/scenarios/populate.ts). */
export function runningPods(
  count: number,
  options: { seed?: number; namespace?: string; at?: string } = {},
): SimPod[] {
  return populate(count, { namespace: 'prod', ...options });
}
