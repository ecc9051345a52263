import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { type ApiStatus, ApiStatusError, TransportError } from '../errors.js';
import { AGENT_VERSION } from '../version.js';

/**
 * GET requests to the API server over node:http(s), credentials and TLS from the KubeConfig
 * (`applyToHTTPSOptions`, applied per request so rotated tokens are picked up), each with its own
 * inactivity timer; NDJSON line splitting; metav1.Status bodies turned into ApiStatusError.
 */

export interface OpenResponse {
  readonly message: IncomingMessage;
  /** Re-arms the inactivity timer (call on every chunk). */
  readonly touch: () => void;
  /** Tears the request down and clears timers (idempotent). */
  readonly done: () => void;
  /** Why we tore the request down ourselves (inactivity, abort), if we did. */
  readonly failure: () => TransportError | undefined;
}

export async function openRequest(
  kc: KubeConfig,
  target: URL,
  signal: AbortSignal,
  inactivityMs: number,
): Promise<OpenResponse> {
  const options: https.RequestOptions = {
    method: 'GET',
    headers: { accept: 'application/json', 'user-agent': `podtrail-agent/${AGENT_VERSION}` },
  };
  await kc.applyToHTTPSOptions(options);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<OpenResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let failure: TransportError | undefined;
    const req = transport.request(target, options);
    const fail = (error: TransportError) => {
      failure ??= error;
      req.destroy(error);
    };
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => fail(new TransportError('inactivity', `no data from the API server for ${inactivityMs} ms`)),
        inactivityMs,
      );
    };
    const onAbort = () => fail(new TransportError('network', 'request aborted'));
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      req.destroy();
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      done();
      reject(
        error instanceof TransportError
          ? error
          : new TransportError('network', error.message, { cause: error }),
      );
    });
    req.on('response', (message) => {
      touch();
      resolve({ message, touch, done, failure: () => failure });
    });
    touch();
    req.end();
  });
}

export function readAll(res: OpenResponse): Promise<string> {
  const { message, touch } = res;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => {
      touch();
      chunks.push(chunk);
    });
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', (error) => reject(res.failure() ?? asTransport(error)));
    message.on('aborted', () => reject(res.failure() ?? new TransportError('network', 'response aborted')));
  });
}

/** Splits NDJSON, one handler call per complete line; a trailing partial line at EOF is an error. */
export function streamLines(res: OpenResponse, onLine: (line: string) => 'continue' | 'stop'): Promise<void> {
  const { message, touch } = res;
  return new Promise<void>((resolve, reject) => {
    let partial = '';
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      message.removeAllListeners('data');
      if (error === undefined) resolve();
      else
        reject(
          error instanceof TransportError && error.failure === 'malformed' ? error : (res.failure() ?? error),
        );
    };
    message.setEncoding('utf8');
    message.on('data', (chunk: string) => {
      touch();
      let text = partial + chunk;
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        const line = text.slice(0, newline).trim();
        text = text.slice(newline + 1);
        if (line !== '') {
          try {
            if (onLine(line) === 'stop') return finish();
          } catch (error) {
            return finish(asTransport(error));
          }
        }
        newline = text.indexOf('\n');
      }
      partial = text;
    });
    message.on('end', () =>
      finish(
        partial.trim() === '' ? undefined : new TransportError('malformed', 'watch stream ended mid-line'),
      ),
    );
    message.on('error', (error) => finish(asTransport(error)));
    message.on('aborted', () => finish(new TransportError('network', 'watch stream aborted')));
    message.on('close', () =>
      finish(message.complete ? undefined : new TransportError('network', 'watch stream cut')),
    );
  });
}

function asTransport(error: unknown): Error {
  if (error instanceof TransportError || error instanceof ApiStatusError) return error;
  const e = error as Error;
  return new TransportError('network', e.message, { cause: e });
}

export function statusError(message: IncomingMessage, body: string): ApiStatusError {
  const code = message.statusCode ?? 0;
  let status: ApiStatus = { code, reason: message.statusMessage ?? '', message: '' };
  try {
    const parsed = JSON.parse(body) as Partial<{
      reason: string;
      message: string;
      code: number;
      details: { retryAfterSeconds?: number };
    }>;
    status = {
      code,
      reason: typeof parsed.reason === 'string' ? parsed.reason : status.reason,
      message: typeof parsed.message === 'string' ? parsed.message : '',
      ...(typeof parsed.details?.retryAfterSeconds === 'number'
        ? { retryAfterSeconds: parsed.details.retryAfterSeconds }
        : {}),
    };
  } catch {
    // Not a Status body (a proxy's HTML page, say): the HTTP status alone decides.
  }
  return new ApiStatusError(status, retryAfterMs(message.headers['retry-after'], status.retryAfterSeconds));
}

/** Retry-After as delay-seconds or an HTTP date; falls back to the Status' retryAfterSeconds. */
export function retryAfterMs(
  header: string | undefined,
  statusSeconds: number | undefined,
  now = Date.now(),
): number | undefined {
  if (header !== undefined && header !== '') {
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return statusSeconds === undefined ? undefined : statusSeconds * 1000;
}
