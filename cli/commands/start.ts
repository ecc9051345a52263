import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { humanDuration } from '../../functions/domain/human-duration.js';
import { parseDurationMs } from '../../functions/domain/time-input.js';
import { DEMO_DURATION_MS } from '../../local/record-demo.js';
import { DEFAULT_LOCAL_PORT } from '../../local/serve.js';
import { runLocalPipeline } from '../../local/start-pipeline.js';
import { ClusterSourceError } from '../../local/start-source.js';
import { parseInstant, parsePort } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { localBusyMessage } from '../local-errors.js';
import { printReport } from '../start-report.js';

const DEFAULT_PORT = DEFAULT_LOCAL_PORT;
/** --once on a real cluster: long enough for the first list's pods to reach the store and a few changes. */
const DEFAULT_SETTLE = '5s';
const MAX_SETTLE_MS = 3_600_000;

const usage = `Run the whole podtrail pipeline on this machine: the embedded store, the ingest and query
endpoint ("podtrail serve") and the agent. It records the current kubeconfig context when that
cluster answers, otherwise (or with --demo) a built-in demo cluster that plays the seed's
busybox:nonexist pod, a crash loop, an OOM kill, init containers, a sidecar, a completed job, an
eviction, a lost node and deletions in about a minute — then prints what was recorded.

The demo's ${humanDuration(DEMO_DURATION_MS)} of cluster life end just before now, so every time it recorded is
in the past. Each run is a new cluster life under a name of its own ("demo", then "demo-2", … in
the same data directory); earlier runs stay queryable under theirs.

With --once, a real cluster is recorded for its first list plus a settle period (--settle, default
${DEFAULT_SETTLE}). Restarts the pods had before recording began (their restartCount) are history too:
the restart audit counts them at the first list's time, all but each container's last as
UNOBSERVED, and a line under it says how many there were.

Usage:
  npm start [-- OPTIONS]
  podtrail start [--demo] [--once] [--port N] [--data-dir DIR] [--cluster NAME]

Options:
      --demo              record the demo cluster even when a kubeconfig context answers
      --once              exit after printing the results (default: keep recording until Ctrl-C)
      --settle DURATION   with --once on a real cluster: how long to record after the first list
                          (default ${DEFAULT_SETTLE}; e.g. 30s, 2m)
      --port N            port for the local endpoint (default ${DEFAULT_PORT}, as for "podtrail serve";
                          0 = any free port)
      --host HOST         address to listen on (default 127.0.0.1)
      --data-dir DIR      where the store, token and agent log live (default .podtrail)
      --cluster NAME      cluster name to record under (default: the context name, or "demo"
                          then "demo-2", … for the demo)
      --kubeconfig PATH   kubeconfig to use (default $KUBECONFIG or ~/.kube/config); when named
                          here (or --context is), a kubeconfig that cannot be used is an error,
                          not a reason to play the demo
      --context NAME      kubeconfig context (default: the current one)
      --speed N           demo clock speed, simulated seconds per second (default 3)
      --demo-start TIME   simulated start of the demo, RFC 3339, at least ${humanDuration(DEMO_DURATION_MS)} ago (default: so
                          that it ends just before now), for reproducible output`;

export const startCommand: Command = {
  name: 'start',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        demo: { type: 'boolean' },
        once: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        cluster: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        speed: { type: 'string' },
        settle: { type: 'string' },
        'demo-start': { type: 'string' },
      },
      allowPositionals: false,
    });
    const port = parsePort(values.port, DEFAULT_PORT);
    const speed = values.speed === undefined ? 3 : Number(values.speed);
    if (!(speed > 0 && speed <= 1_000))
      throw new UsageError(`--speed: "${values.speed}" must be a number in (0, 1000]`);
    const settleMs = parseDurationMs(values.settle ?? DEFAULT_SETTLE);
    if (settleMs === undefined || settleMs > MAX_SETTLE_MS)
      throw new UsageError(`--settle: "${values.settle}" is not a duration of at most 1h (5s, 30s, 2m)`);
    const demoStartMs =
      values['demo-start'] === undefined ? undefined : parseInstant(values['demo-start'], '--demo-start');
    if (demoStartMs !== undefined && demoStartMs + DEMO_DURATION_MS > io.now()) {
      throw new UsageError(
        `--demo-start: ${values['demo-start']} would record the demo's ${humanDuration(DEMO_DURATION_MS)} partly in the future; pick a time at least that long ago, or leave it out`,
      );
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? '.podtrail');
    const unwritable = checkWritable(dataDir);
    if (unwritable !== undefined) {
      writeLine(
        io.stderr,
        `error: the data directory ${dataDir} is not writable (${unwritable}): pass --data-dir DIR`,
      );
      return 1;
    }

    const interrupted = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    try {
      return await runLocalPipeline({
        demo: values.demo === true,
        once: values.once === true,
        host: values.host ?? '127.0.0.1',
        port,
        dataDir,
        cluster: values.cluster,
        kubeconfig: values.kubeconfig,
        context: values.context,
        speed,
        settleMs,
        demoStartMs,
        out: io.stdout,
        env: io.env,
        interrupted,
        report: (recording) =>
          printReport(io.stdout, recording, values.once === true ? { dataDir } : undefined),
      });
    } catch (error) {
      if (error instanceof ClusterSourceError) {
        writeLine(io.stderr, `error: ${error.message}`);
        return error.usage ? 2 : 1;
      }
      const busy = localBusyMessage(error, { host: values.host ?? '127.0.0.1', port });
      if (busy === undefined) throw error;
      writeLine(io.stderr, busy);
      return 1;
    }
  },
};

function checkWritable(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}
