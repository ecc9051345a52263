import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/**
 * One request over loopback with exactly the headers given (fetch forbids setting Host and adds
 * Sec-Fetch-Mode of its own; the UI servers' tests need to send what a browser or an attacker would).
 * The path is sent as written: no normalisation of `..`.
 */
export interface RawHttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  json(): Record<string, unknown>;
}

export function rawHttp(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawHttpAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname.replace(/^\[|\]$/g, ''),
        port: Number(port),
        method: options.method ?? 'GET',
        path,
        headers: { connection: 'close', ...options.headers },
        timeout: 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${base}${path} in 20 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Headers whose names start with access-control-: a UI server must never send one. */
export function corsHeaders(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-'));
}
