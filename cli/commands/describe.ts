import { stringify } from 'yaml';
import { type Described, describePod, encodeDescribeText } from '../../functions/domain/describe/index.js';
import type { PodSummary } from '../../functions/domain/model.js';
import { parseInstantOrAgo } from '../../functions/domain/time-input.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type CliIo, type Command, UsageError, writeLine } from '../io.js';
import { EndpointError } from '../query-client.js';
import {
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  connect,
  parseCommandLine,
  podTarget,
  text,
} from '../query-options.js';
import { clusterText, podScope, requireCluster } from '../query-scope.js';

const usage = `Print what "kubectl describe pod" printed at any recorded moment, long after the pod is gone.

Usage:
  podtrail describe POD [-n NAMESPACE] [--cluster NAME] [--uid UID] [--at TIME] [-o json|yaml]
  podtrail describe --uid UID [--cluster NAME] [--at TIME]

stdout is exactly kubectl v1.35's text for the pod as it was recorded at TIME: the newest recorded
state at or before it, each event as of its newest version then, ages as of TIME, absolute times
in the local time zone ($TZ) as kubectl prints them. One deliberate difference: podtrail never
records literal env values, which print as "<value not recorded>". What podtrail adds (the moment
described, the other incarnations of the name) goes to stderr.

Options:
  -n, --namespace NS    namespace of the pod (default: the kubeconfig context's namespace, else
                        "default", as kubectl)
      --uid UID         this incarnation (default: the newest one seen by TIME, else the newest)
      --at TIME         the moment: RFC 3339, a duration before now (10m, 2h), or "now" (ages as
                        of now, for a live pod); default the incarnation's end (deleted, vanished,
                        or last seen)
  -o, --output FORMAT   json or yaml: the recorded pod object and events as of TIME

Every flag also takes kubectl's forms -n=shop, --namespace=shop, --at=2h.

${CONNECTION_USAGE}

Examples:
  podtrail describe pod-phase --cluster demo
  podtrail describe web-7d4f9c-x2k8p -n shop --at 2026-11-23T03:12:00Z`;

export const describeCommand: Command = {
  name: 'describe',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      ...CONNECTION_OPTIONS,
      namespace: { type: 'string', short: 'n' },
      uid: { type: 'string' },
      at: { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output') ?? 'text', ['text', 'json', 'yaml']);
    const scope = await podScope(values, io);
    const { name, uid, namespace } = podTarget(values, positionals, scope.defaultNamespace);
    const at = atFlag(text(values, 'at'), io.now());
    const client = connect(values, io);
    const cluster = await requireCluster(scope, client);
    let described: Described;
    try {
      described = await client.get<Described>('/v1/describe', {
        cluster: cluster.name,
        ...(name === undefined ? {} : { namespace, name }),
        uid,
        at,
      });
    } catch (error) {
      // The route's 404 names the pod; say where podtrail looked when the user did not name it.
      if (error instanceof EndpointError && error.status === 404 && cluster.chosenBy !== '--cluster')
        throw new EndpointError(404, error.code, `${error.message} (in ${clusterText(cluster)})`);
      throw error;
    }
    const summary = described.incarnations.find((p) => p.uid === described.uid);
    if (format === 'json' || format === 'yaml') {
      io.stdout.write(format === 'json' ? `${JSON.stringify(described, null, 2)}\n` : stringify(described));
      return 0;
    }
    if (described.pod === undefined) {
      writeLine(
        io.stderr,
        `error: pod ${summary?.namespace}/${summary?.name} (uid ${described.uid}) was first seen at ${toSecond(summary?.firstSeenAt ?? '')}, after ${toSecond(described.at)}`,
      );
      return 1;
    }
    io.stdout.write(
      encodeDescribeText(
        describePod(described.pod, described.events, {
          now: Date.parse(described.at),
          timeZone: localTimeZone(io),
        }),
      ),
    );
    writeLine(io.stderr, describedNote(described, summary));
    return 0;
  },
};

/** `--at`: "now", RFC 3339 or a duration before now, sent as RFC 3339 (undefined: the pod's end). */
function atFlag(value: string | undefined, now: number): string | undefined {
  if (value === undefined) return undefined;
  const ms = value === 'now' ? now : parseInstantOrAgo(value, now);
  if (ms === undefined)
    throw new UsageError(`--at: "${value}" is not a time: expected RFC 3339, a duration like 2h, or "now"`);
  return new Date(ms).toISOString();
}

/** kubectl prints times in its local zone: $TZ (empty means UTC, as in Go), else the system's. */
function localTimeZone(io: CliIo): string {
  const tz = io.env.TZ;
  if (tz === '') return 'UTC';
  if (tz !== undefined) return tz.startsWith(':') ? tz.slice(1) : tz;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function describedNote(described: Described, summary: PodSummary | undefined): string {
  const end =
    summary?.endedAt === undefined
      ? `last seen ${toSecond(summary?.lastSeenAt ?? '')}`
      : `${summary.endedBy ?? 'ended'} ${toSecond(summary.endedAt)}`;
  const lines = [`# podtrail: uid ${described.uid} as recorded at ${toSecond(described.at)} (${end})`];
  for (const other of described.incarnations.filter((p) => p.uid !== described.uid)) {
    const otherEnd =
      other.endedAt === undefined ? 'live' : `${other.endedBy ?? 'ended'} ${toSecond(other.endedAt)}`;
    lines.push(
      `# also recorded: uid ${other.uid}, first seen ${toSecond(other.firstSeenAt)}, ${otherEnd} (--uid ${other.uid})`,
    );
  }
  return lines.join('\n');
}
