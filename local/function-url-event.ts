import type { IncomingMessage } from 'node:http';
import type { FunctionUrlEvent } from '../functions/http/function-url.js';

/**
 * A node:http request as the Lambda Function URL event the handlers expect (payload format 2.0):
 * lower-case headers, repeated ones joined with ",", a gzip body as base64 with isBase64Encoded,
 * `authorizer.iam.userArn` set to the principal the server authenticated, and the request id the
 * server chose (so its own refusals and the handler's log name one id).
 */
export function toFunctionUrlEvent(
  request: IncomingMessage,
  body: Buffer,
  context: { readonly principal: string; readonly requestId: string; readonly now: number },
): FunctionUrlEvent {
  const { principal, requestId, now } = context;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'authorization') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const binary = (headers['content-encoding'] ?? '').toLowerCase().includes('gzip');
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    ...(body.byteLength === 0 ? {} : { body: binary ? body.toString('base64') : body.toString('utf8') }),
    isBase64Encoded: binary && body.byteLength > 0,
    requestContext: {
      accountId: 'local',
      requestId,
      domainName: headers.host ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      authorizer: { iam: { userArn: principal, accountId: 'local', callerId: principal } },
      timeEpoch: now,
    },
  };
}
