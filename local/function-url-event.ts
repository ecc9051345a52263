import type { IncomingMessage } from 'node:http';
import type { FunctionUrlEvent } from '../functions/http/function-url.js';

/**
 * A node:http request as the Lambda Function URL event the handlers expect (payload format 2.0):
 * lower-case headers, repeated ones joined with ",", a gzip body as base64 with isBase64Encoded,
 * `authorizer.iam.userArn` set to the principal the server authenticated, and the request id the
 * server chose (so its own refusals and the handler's log name one id).
 */
/**
 * A request target as sent (origin-form, `/path?query`), split without resolving it as a URL, so
 * it can never throw. A target a URL parser would read as a host (`//[`, `//a:99999/v1/events`),
 * absolute-form, `*`, or bytes a path may not hold is undefined: the server answers 400.
 */
export function parseRequestTarget(raw: string | undefined): { path: string; query: string } | undefined {
  const target = raw ?? '/';
  // `//…` reads as an authority to a URL parser (`new URL('//a:99999/x', base)` throws): refused.
  if (!target.startsWith('/') || target.startsWith('//') || !/^[\x21-\x7e]*$/.test(target)) return undefined;
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  return question === -1
    ? { path: withoutFragment, query: '' }
    : { path: withoutFragment.slice(0, question), query: withoutFragment.slice(question + 1) };
}

export function toFunctionUrlEvent(
  request: IncomingMessage,
  body: Buffer,
  context: {
    readonly principal: string;
    readonly requestId: string;
    readonly now: number;
    /** The path and query to hand on instead of the request's own (the UI's /api/v1/… → /v1/…). */
    readonly target?: { readonly path: string; readonly query: string };
  },
): FunctionUrlEvent {
  const { principal, requestId, now } = context;
  const target = context.target ?? parseRequestTarget(request.url) ?? { path: '/', query: '' };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'authorization') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const binary = (headers['content-encoding'] ?? '').toLowerCase().includes('gzip');
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(target.query))
    query[key] = key in query ? `${query[key]},${value}` : value;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: target.path,
    rawQueryString: target.query,
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
        path: target.path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      authorizer: { iam: { userArn: principal, accountId: 'local', callerId: principal } },
      timeEpoch: now,
    },
  };
}
