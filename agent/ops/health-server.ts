import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * /healthz (liveness: the API was reached recently), /readyz (the first full list is done and
 * the agent is not shutting down), /metrics (Prometheus text). Nothing else, GET only.
 */

export interface Probe {
  readonly ok: boolean;
  readonly detail: string;
}

export interface HealthSource {
  healthz(): Probe;
  readyz(): Probe;
  metrics(): string;
}

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startHealthServer(
  address: { host: string; port: number },
  source: HealthSource,
): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        .end(source.metrics());
      return;
    }
    const probe =
      path === '/healthz' || path === '/livez'
        ? source.healthz()
        : path === '/readyz'
          ? source.readyz()
          : undefined;
    if (probe === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res
      .writeHead(probe.ok ? 200 : 503, { 'content-type': 'text/plain' })
      .end(`${probe.ok ? 'ok' : 'failing'}: ${probe.detail}\n`);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host === '0.0.0.0' ? '127.0.0.1' : address.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
