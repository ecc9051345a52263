import { arr, int, optObj, str } from '../json-access.js';
import { formatStringSlice } from './go-text.js';

/**
 * DescribeProbe (describe.go): the probe action, then its timing attributes. httpGet prints a Go
 * net/url URL{Scheme, Host, Path}.String(), with the host and path escaped as Go escapes them.
 */
export function describeProbe(probe: unknown): string {
  const attrs =
    `delay=${int(probe, 'initialDelaySeconds')}s timeout=${int(probe, 'timeoutSeconds')}s ` +
    `period=${int(probe, 'periodSeconds')}s #success=${int(probe, 'successThreshold')} ` +
    `#failure=${int(probe, 'failureThreshold')}`;
  const exec = optObj(probe, 'exec');
  if (exec !== undefined) return `exec ${formatStringSlice(strings(arr(exec, 'command')))} ${attrs}`;
  const httpGet = optObj(probe, 'httpGet');
  if (httpGet !== undefined) {
    const port = intOrString(httpGet.port);
    const host = str(httpGet, 'host');
    const hostPort = port.length > 0 ? joinHostPort(host, port) : host;
    return `http-get ${formatUrl(str(httpGet, 'scheme').toLowerCase(), hostPort, str(httpGet, 'path'))} ${attrs}`;
  }
  const tcpSocket = optObj(probe, 'tcpSocket');
  if (tcpSocket !== undefined) {
    return `tcp-socket ${str(tcpSocket, 'host')}:${intOrString(tcpSocket.port)} ${attrs}`;
  }
  const grpc = optObj(probe, 'grpc');
  if (grpc !== undefined) return `grpc <pod>:${int(grpc, 'port')} ${str(grpc, 'service')} ${attrs}`;
  return `unknown ${attrs}`;
}

export function strings(values: readonly unknown[]): string[] {
  return values.map((v) => (typeof v === 'string' ? v : ''));
}

/** intstr.IntOrString.String(): the number, the string, or "0" when unset. */
function intOrString(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '0';
}

/** net.JoinHostPort: IPv6 (any host with a colon) goes in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL{Scheme, Host, Path}.String(). */
function formatUrl(scheme: string, host: string, path: string): string {
  let out = '';
  if (scheme !== '') out += `${scheme}:`;
  if (scheme !== '' || host !== '') {
    if (host !== '' || path !== '') out += '//';
    out += escapeUrl(host, 'host');
  }
  const escapedPath = path === '*' ? '*' : escapeUrl(path, 'path');
  if (escapedPath !== '' && escapedPath[0] !== '/' && host !== '') out += '/';
  if (out === '' && (escapedPath.split('/')[0] ?? '').includes(':')) out += './';
  return out + escapedPath;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const HOST_ALLOWED = '!$&\'()*+,;=:[]<>"';
const PATH_ALLOWED = '$&+,/:;=@';

/** net/url escape in encodeHost / encodePath mode, byte by byte over UTF-8. */
function escapeUrl(text: string, mode: 'host' | 'path'): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80 && (UNRESERVED.test(ch) || (mode === 'host' ? HOST_ALLOWED : PATH_ALLOWED).includes(ch))) {
      out += ch;
      continue;
    }
    for (const byte of new TextEncoder().encode(ch))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
