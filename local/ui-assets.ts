import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS, sendRefusal } from './ui-security.js';

/**
 * The web UI's static files (dist/ui, built by `npm run build:ui`) as both UI servers serve them.
 * A file under the directory is served with its content type; any other path without a file
 * extension is a client-side route (`/pod?cluster=…`) and gets index.html; a path that climbs out
 * (`..`, encoded or not), names a hidden file or escapes through a symlink is a 404. Files are read
 * per request: the bundle is small, and a rebuilt one is served at once.
 */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../dist/ui', import.meta.url));

export const NOT_BUILT_MESSAGE = 'the UI is not built: run npm run build:ui';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type AssetHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
) => Promise<void>;

export function createUiAssets(root: string = DEFAULT_UI_DIR): AssetHandler {
  return async (request, response, path) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      return sendRefusal(
        response,
        {
          status: 405,
          code: 'method_not_allowed',
          message: `${method} is not allowed here: the UI's files answer GET`,
          headers: { allow: 'GET, HEAD' },
        },
        '-',
      );
    }
    const segments = pathSegments(path);
    if (segments === undefined) return sendText(response, method, 404, 'not found');
    const realRoot = await realpath(root).catch(() => undefined);
    if (realRoot === undefined) return sendNotBuilt(response, method);
    const named = segments.length === 0 ? undefined : await fileUnder(realRoot, segments);
    if (named !== undefined) return sendFile(response, method, named);
    const last = segments.at(-1) ?? '';
    // A missing asset is a 404, not the app: a broken <script src> must not load HTML.
    if (extname(last) !== '') return sendText(response, method, 404, 'not found');
    const index = await fileUnder(realRoot, ['index.html']);
    return index === undefined ? sendNotBuilt(response, method) : sendFile(response, method, index);
  };
}

/** The path's decoded segments, or undefined when it climbs, names a hidden file or cannot be decoded. */
function pathSegments(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** A regular file under root (after resolving symlinks), or undefined. */
async function fileUnder(root: string, segments: readonly string[]): Promise<string | undefined> {
  try {
    const real = await realpath(join(root, ...segments));
    if (!real.startsWith(`${root}${sep}`)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(response: ServerResponse, method: string, file: string): Promise<void> {
  const body = await readFile(file);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(body.byteLength),
    // Fixed names, no content hashes: always revalidate, so a rebuilt bundle is never mixed with an old one.
    'cache-control': 'no-cache',
  });
  response.end(method === 'HEAD' ? undefined : body);
}

function sendText(response: ServerResponse, method: string, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
  });
  response.end(method === 'HEAD' ? undefined : text);
}

/** No bundle: a page that says so and what to run (no style, no script: the CSP stays strict). */
function sendNotBuilt(response: ServerResponse, method: string): void {
  const page =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>podtrail: UI not built</title></head>\n' +
    `<body><h1>podtrail</h1><p>${NOT_BUILT_MESSAGE.replace('npm run build:ui', '<code>npm run build:ui</code>')}, ` +
    'then reload this page.</p></body></html>\n';
  response.writeHead(503, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(page)),
    'cache-control': 'no-store',
  });
  response.end(method === 'HEAD' ? undefined : page);
}
