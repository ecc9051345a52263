import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The web UI's browser-facing rules, shared by both servers that serve it (`podtrail serve` and
 * `podtrail ui`): the response headers every answer carries, the Host check against DNS rebinding,
 * the per-run token, and the gate every `/api/…` request passes before anything else happens.
 * docs/ui.md explains the threat model behind each rule.
 */

/** On every response of a UI server. No inline script or style is needed, so none is allowed. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** Hosts a browser names when it reaches us on loopback; kubectl proxy's default --accept-hosts. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * The DNS-rebinding defence: a page on evil.example whose name was re-pointed at 127.0.0.1 reaches
 * us with `Host: evil.example:<port>`. Only the loopback names with our own port pass (the port
 * may be left out only on port 80, as browsers do).
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const given = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => given === `${name}:${port}` || (port === 80 && given === name));
}

/** Whether a listen address keeps a server on this machine (the UI is served only then). */
export function isLoopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127(\.\d{1,3}){3}$/.test(address);
}

/** 256 random bits, URL-safe: the per-run token handed to the page in the URL fragment. */
export function newUiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a presented bearer token with the run's token in constant time (digests of equal length). */
export function uiTokenMatcher(token: string): (authorization: string | undefined) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (authorization) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(expected, createHash('sha256').update(presented).digest());
  };
}

/** A UI server's own refusal, before or instead of the API answering. */
export interface UiRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function misdirected(port: number): UiRefusal {
  return {
    status: 421,
    code: 'misdirected_request',
    message: `this server answers only to http://127.0.0.1:${port}, http://localhost:${port} or http://[::1]:${port}`,
  };
}

/**
 * What every `/api/…` request must pass, in this order: GET only (a CORS preflight is an OPTIONS
 * and gets a bare 405, so no cross-origin request with a token is ever allowed); Sec-Fetch-Site
 * same-origin or absent (other loopback ports are same-site, and their GETs do reach us); the
 * run's token. Undefined: go on.
 */
export function apiGate(request: IncomingMessage, tokenMatches: (auth: string | undefined) => boolean) {
  const method = request.method ?? 'GET';
  if (method !== 'GET') {
    return {
      status: 405,
      code: 'method_not_allowed',
      message: `${method} is not allowed: the API answers GET only`,
      headers: { allow: 'GET' },
    } satisfies UiRefusal;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return {
      status: 403,
      code: 'forbidden',
      message: `cross-origin request refused (Sec-Fetch-Site: ${site}): open the UI from the link its server printed`,
    } satisfies UiRefusal;
  }
  if (!tokenMatches(request.headers.authorization)) {
    return {
      status: 401,
      code: 'unauthorized',
      message:
        'missing or wrong UI token: open the link "podtrail serve" or "podtrail ui" printed (…/#token=…)',
      headers: { 'www-authenticate': 'Bearer' },
    } satisfies UiRefusal;
  }
  return undefined;
}

/** A JSON answer with the security headers; API answers are never cached. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** The functions' error body shape (`{"error": {code, message, requestId}}`), for the UI's own refusals. */
export function sendRefusal(response: ServerResponse, refusal: UiRefusal, requestId: string): void {
  sendJson(
    response,
    refusal.status,
    { error: { code: refusal.code, message: refusal.message, requestId } },
    refusal.headers,
  );
}
