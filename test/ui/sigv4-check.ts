import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Checks a received request's SigV4 signature the way the receiving AWS service does, written here
 * from the published algorithm (AWS Signature Version 4, "create a canonical request") and not with
 * the signer under test: canonical request → string to sign → HMAC chain of the secret key.
 */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target as received: path and query, still encoded. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
}

export interface SigV4Check {
  readonly valid: boolean;
  readonly accessKeyId: string;
  readonly scope: string;
  readonly signedHeaders: readonly string[];
  readonly expected: string;
  readonly given: string;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 unreserved characters stay; everything else is %XX, upper-case. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function checkSigV4(request: ReceivedRequest, secretAccessKey: string): SigV4Check {
  const authorization = String(request.headers.authorization ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (match === null) throw new Error(`not a SigV4 Authorization header: ${authorization.slice(0, 40)}…`);
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', given = ''] = match;
  const signedHeaders = signed.split(';');
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const [path = '', rawQuery = ''] = request.target.split('?', 2);
  const canonicalUri = path
    .split('/')
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join('/');
  // Decoded as the service decodes it: percent-escapes only ('+' is a plus sign, not a space).
  const canonicalQuery = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=', 2);
      return [rfc3986(decodeURIComponent(name)), rfc3986(decodeURIComponent(value))] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? EMPTY_SHA256);
  const canonicalRequest = [
    request.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return {
    valid: expected === given && amzDate.startsWith(date),
    accessKeyId,
    scope,
    signedHeaders,
    expected,
    given,
  };
}
