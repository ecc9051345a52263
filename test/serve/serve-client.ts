import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ServeHandle, type ServeOptions, startServe } from '../../local/serve.js';

/** `podtrail serve` in-process on a temporary data dir, and a small HTTP client for it. */
export function tempDir(prefix = 'podtrail-serve-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function serveIn(dataDir: string, options: Partial<ServeOptions> = {}): Promise<ServeHandle> {
  return startServe({ port: 0, dataDir, quiet: true, env: {}, ...options });
}

export interface Posted {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
}

export async function post(
  url: string,
  token: string | undefined,
  body: unknown,
  options: {
    gzip?: boolean;
    raw?: string | Uint8Array;
    headers?: Record<string, string>;
    path?: string;
  } = {},
): Promise<Posted> {
  const text = options.raw ?? JSON.stringify(body);
  const bytes = typeof text === 'string' ? Buffer.from(text) : Buffer.from(text);
  const response = await fetch(`${url}${options.path ?? '/v1/events'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.gzip === true ? { 'content-encoding': 'gzip' } : {}),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...options.headers,
    },
    body: options.gzip === true ? gzipSync(bytes) : bytes,
  });
  const raw = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    json = { raw };
  }
  return { status: response.status, json, headers: response.headers };
}

export interface RawAnswer {
  /** 0 when the connection closed (or was reset) before a status line arrived. */
  readonly status: number;
  readonly text: string;
  /** The connection was reset rather than closed. */
  readonly reset: boolean;
}

/**
 * Sends `head` (a request line and headers, CRLF-separated, without the blank line) and `body`
 * bytes as they are over a raw loopback socket — fetch would normalise or refuse what the fuzz
 * tests need to send — and reads the answer until the server closes.
 */
export function rawRequest(
  url: string,
  head: string,
  body: Uint8Array = new Uint8Array(),
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let reset = false;
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`${head}\r\nconnection: close\r\n\r\n`);
      if (body.byteLength > 0) socket.write(body);
    });
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {
      reset = true;
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? 0 : Number(status), text, reset });
    });
  });
}
