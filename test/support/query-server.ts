import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionUrlHandler } from '../../functions/http/function-url.js';

/**
 * A loopback HTTP server that turns requests into Function URL events for one handler, checking a
 * bearer token first: just enough of `podtrail serve` for CLI tests that need exact control of the
 * store behind the query handler (the end-to-end tests use the real `podtrail serve`).
 */
export async function serveHandler(
  handler: FunctionUrlHandler,
  token: string,
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  let n = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"unauthorized","message":"missing or wrong bearer token"}}');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    handler({
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      isBase64Encoded: false,
      requestContext: {
        accountId: 'local',
        requestId: `local-${++n}`,
        domainName: '127.0.0.1',
        http: {
          method: req.method ?? 'GET',
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: '',
        },
        timeEpoch: Date.now(),
      },
    }).then(
      (result) => {
        res.writeHead(result.statusCode, result.headers ?? {});
        res.end(result.body ?? '');
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
