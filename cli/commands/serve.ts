import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jsonLines } from '../../functions/http/json-log.js';
import { DEFAULT_LOCAL_PORT, startServe } from '../../local/serve.js';
import { parsePort } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { localBusyMessage } from '../local-errors.js';

const DEFAULT_PORT = DEFAULT_LOCAL_PORT;

const usage = `Run the ingest (and query) handlers locally, on an embedded store that needs no Java.

Usage:
  podtrail serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--data-dir .podtrail] [--store-endpoint URL] [--table podtrail]

Options:
      --host HOST            address to listen on (default 127.0.0.1)
      --port N               port to listen on; 0 picks any free port (default ${DEFAULT_PORT}, the
                             port "npm start" serves on too)
      --data-dir DIR         where the embedded store, the token and tokens.json live (default .podtrail)
      --store-endpoint URL   use this DynamoDB-compatible endpoint instead of the embedded store
      --table NAME           table name (default podtrail; created when missing)

Prints the URL, the bearer token and the web UI's link, then serves until SIGINT or SIGTERM. The token is PODTRAIL_TOKEN
when set, else generated once and kept in DIR/token (mode 0600). DIR/tokens.json may add tokens
limited to some clusters: {"tokens": [{"name": "agent-prod", "token": "…", "clusters": ["prod-eu-1"]}]}.

One process at a time uses a data directory's embedded store: DIR/serve.lock names it (pid and URL),
and another "podtrail serve" or "npm start" on DIR says so and exits 1.

Agents post batches to URL/v1/events with "Authorization: Bearer TOKEN".

The web UI is at URL/ when serve listens on loopback (127.0.0.1, the default): open the printed
"UI: http://127.0.0.1:PORT/#token=…" link. Its token is new on every run and only reads (GET
URL/api/v1/…); it never ingests. See docs/ui.md.`;

export const serveCommand: Command = {
  name: 'serve',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'store-endpoint': { type: 'string' },
        table: { type: 'string' },
      },
      allowPositionals: false,
    });
    const port = parsePort(values.port, DEFAULT_PORT);
    const endpoint = values['store-endpoint'];
    if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) {
      throw new UsageError(`--store-endpoint: "${endpoint}" is not an http(s) URL`);
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? '.podtrail');
    const host = values.host ?? '127.0.0.1';
    let handle: Awaited<ReturnType<typeof startServe>>;
    try {
      handle = await startServe({
        host,
        port,
        dataDir,
        ...(endpoint === undefined ? {} : { storeEndpoint: endpoint }),
        ...(values.table === undefined ? {} : { table: values.table }),
        env: io.env,
        log: jsonLines(io.stderr),
      });
    } catch (error) {
      const busy = localBusyMessage(error, { host, port });
      if (busy === undefined) throw error;
      writeLine(io.stderr, busy);
      return 1;
    }
    // Listen for the stop signals before printing the banner: whoever waits for it may stop us at once.
    const stopRequested = new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    writeLine(io.stdout, `podtrail serve listening on ${handle.url}`);
    writeLine(io.stdout, `token: ${handle.token}`);
    writeLine(io.stdout, `store: ${endpoint ?? `embedded, in ${dataDir}/store`}`);
    writeLine(
      io.stdout,
      handle.uiUrl === undefined
        ? `UI: off (serve listens on ${host}, the UI only on loopback: run serve with --host 127.0.0.1${
            host === '0.0.0.0' || host === '::'
              ? `, or on this machine PODTRAIL_TOKEN=… podtrail ui --endpoint http://127.0.0.1:${new URL(handle.url).port}`
              : ''
          })`
        : `UI: ${handle.uiUrl}`,
    );
    await stopRequested;
    await handle.close();
    writeLine(io.stdout, 'podtrail serve stopped');
    return 0;
  },
};
