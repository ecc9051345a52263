import { parseArgs } from 'node:util';
import { jsonLines } from '../../functions/http/json-log.js';
import { endpointAuth, startUiProxy } from '../../local/ui-proxy.js';
import { parsePort } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { endpointUrl } from '../query-options.js';

const DEFAULT_PORT = 7879;

const usage = `Open the web UI on a deployed podtrail stack (or a "podtrail serve"), from this machine.

Usage:
  podtrail ui [--endpoint URL] [--port ${DEFAULT_PORT}]

Options:
      --endpoint URL   the query endpoint (default $PODTRAIL_ENDPOINT): the stack's QueryUrl output
                       (https://<id>.lambda-url.<region>.on.aws), or http://127.0.0.1:<port> of a
                       "podtrail serve" (then PODTRAIL_TOKEN is its token)
      --port N         port on 127.0.0.1 to serve the UI on (default ${DEFAULT_PORT}; 0 = any free port)

Like "kubectl proxy": a small server on 127.0.0.1 serves the UI and forwards the page's queries,
GET only and only the query API's routes, to that one endpoint, signing each with SigV4 from the
AWS default credential chain (AWS_PROFILE, SSO, environment keys) — the browser never holds AWS
credentials. It prints a link with a token made for this run:

  UI: http://127.0.0.1:${DEFAULT_PORT}/#token=…

Open that link; the page keeps the token and drops it from the address bar. Links you share from
the UI carry no token. Stop with Ctrl-C. One JSON line per query goes to stderr (route, status, ms).
See docs/ui.md for the security model.`;

export const uiCommand: Command = {
  name: 'ui',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { endpoint: { type: 'string' }, port: { type: 'string' } },
      allowPositionals: false,
    });
    const port = parsePort(values.port, DEFAULT_PORT);
    const endpoint = endpointUrl(values.endpoint ?? io.env.PODTRAIL_ENDPOINT);
    const auth = endpointAuth(endpoint, io.env.PODTRAIL_TOKEN);
    if (typeof auth === 'string') throw new UsageError(`--endpoint: ${auth}`);

    let proxy: Awaited<ReturnType<typeof startUiProxy>>;
    try {
      proxy = await startUiProxy({
        endpoint,
        auth,
        port,
        profile: io.env.AWS_PROFILE,
        log: jsonLines(io.stderr),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        writeLine(
          io.stderr,
          `error: port ${port} on 127.0.0.1 is already in use (another "podtrail ui"?): stop it, or pass --port N`,
        );
        return 1;
      }
      throw error;
    }
    writeLine(
      io.stdout,
      `podtrail ui: ${endpoint.origin} (${auth.kind === 'sigv4' ? `SigV4, ${auth.region}` : 'bearer token'})`,
    );
    writeLine(io.stdout, `UI: ${proxy.uiUrl}`);
    // Said now rather than on the first click; the server keeps running, so a login fixes it live.
    if (auth.kind === 'sigv4') {
      void proxy.checkCredentials().then((problem) => {
        if (problem !== undefined) writeLine(io.stderr, `warning: ${problem}`);
      });
    }
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await proxy.close();
    writeLine(io.stdout, 'podtrail ui stopped');
    return 0;
  },
};
