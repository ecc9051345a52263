import { gunzipSync } from 'node:zlib';
import type { FunctionUrlEvent } from '../http/function-url.js';
import { invalidBody, tooLarge, unsupportedMedia } from './errors.js';

/**
 * The request body as JSON, within both size limits: `maxBodyBytes` as sent and `maxDecodedBytes`
 * after gunzip (maxOutputLength stops a gzip bomb before it is inflated). Function URLs pass a body
 * with a binary content encoding as base64; both branches are handled.
 */
export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxDecodedBytes: number;
}

export interface DecodedBody {
  readonly value: unknown;
  readonly bytes: number;
  readonly decodedBytes: number;
}

export function decodeBody(event: FunctionUrlEvent, limits: BodyLimits): DecodedBody {
  const contentType = (event.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (contentType !== 'application/json') throw unsupportedMedia('content-type must be application/json');
  const encoding = (event.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity')
    throw unsupportedMedia('content-encoding must be gzip or absent');
  const raw = event.body ?? '';
  // base64 is 4/3 of the bytes it carries: reject before decoding anything too large.
  if ((event.isBase64Encoded ? (raw.length * 3) / 4 : raw.length) > limits.maxBodyBytes * 1.01 + 4) {
    throw tooLarge('the request body', limits.maxBodyBytes);
  }
  const sent = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (sent.byteLength > limits.maxBodyBytes) throw tooLarge('the request body', limits.maxBodyBytes);
  let text: Buffer = sent;
  if (encoding === 'gzip') {
    try {
      text = gunzipSync(sent, { maxOutputLength: limits.maxDecodedBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge('the decompressed body', limits.maxDecodedBytes);
      }
      throw invalidBody('the body is not valid gzip');
    }
  } else if (sent.byteLength > limits.maxDecodedBytes) {
    throw tooLarge('the decompressed body', limits.maxDecodedBytes);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.toString('utf8'));
  } catch {
    throw invalidBody('the body is not JSON');
  }
  return { value, bytes: sent.byteLength, decodedBytes: text.byteLength };
}
