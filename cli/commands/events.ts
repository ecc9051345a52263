import { stringify } from 'yaml';
import type { PodSummary } from '../../functions/domain/model.js';
import { DNS_SUBDOMAIN, EVENT_REASON, EVENT_TYPE, UID } from '../../functions/domain/names.js';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { EVENT_COLUMNS, EVENT_WIDE_COLUMNS, eventRow } from '../event-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import type { QueryClient, QueryParameters } from '../query-client.js';
import { emptyHint } from '../query-hints.js';
import {
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  connect,
  flag,
  limitFlag,
  NAMESPACE_OPTIONS,
  namespaceFlag,
  parseCommandLine,
  text,
  WINDOW_OPTIONS,
  WINDOW_USAGE,
  windowFlags,
} from '../query-options.js';
import { clusterText, podScope, requireCluster } from '../query-scope.js';
import { fieldAt, parseFieldPath, sortByField } from '../sort-by.js';
import { formatTable } from '../table.js';

const usage = `List recorded pod events as "kubectl get events" shows them, for pods long gone too.

Usage:
  podtrail events [POD] [-n NAMESPACE | -A] [--cluster NAME] [--since 2h] [--until T]
                  [--reason REASON] [--type Normal|Warning] [--sort-by FIELD]
                  [-o wide|name|json|yaml]

Lists the Kubernetes Events of pods recorded in a time window (of one pod with POD), each as of its
newest version in the window, oldest last sighting first. LAST SEEN and FIRST SEEN are ages as of
now, as kubectl prints them; -o json and yaml carry every recorded version with its times.

Options:
  -n, --namespace NS    only this namespace (default: the kubeconfig context's namespace, else
                        "default", as kubectl)
  -A, --all-namespaces  every namespace (adds a NAMESPACE column)
      --uid UID         with POD: only this incarnation
      --reason REASON   only events with this reason (BackOff, FailedScheduling, Unhealthy, …)
      --type TYPE       only Normal or only Warning events
${WINDOW_USAGE} (with POD: 30d)
  -o, --output FORMAT   table (default), wide (adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME),
                        name (event/NAME), json or yaml
      --sort-by FIELD   sort by a field of the events (as of their newest version), as kubectl
                        --sort-by: .lastTimestamp, .metadata.creationTimestamp, .count, .reason, …
      --no-headers      omit the header row
      --limit N         read the events of at most N pods (default 2000)

Every flag also takes kubectl's forms -o=wide, --output=wide, -owide, -n=shop.

${CONNECTION_USAGE}

Examples:
  podtrail events -A --type Warning --since 1h
  podtrail events pod-phase --cluster demo`;

const LIMIT = { min: 1, max: 100_000, default: 2000 } as const;
/** With POD, the window reaches back over the whole default retention. */
const POD_WINDOW = '30d';

interface Listed {
  readonly pod: PodSummary;
  readonly event: RecordedEvent;
}

export const eventsCommand: Command = {
  name: 'events',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      ...CONNECTION_OPTIONS,
      ...NAMESPACE_OPTIONS,
      ...WINDOW_OPTIONS,
      reason: { type: 'string' },
      type: { type: 'string' },
      uid: { type: 'string' },
      limit: { type: 'string' },
      'sort-by': { type: 'string' },
    });
    if (positionals.length > 1)
      throw new UsageError(`expected at most one POD name, got ${positionals.length}`);
    const name = positionals[0];
    if (name !== undefined && !DNS_SUBDOMAIN.test(name)) throw new UsageError(`"${name}" is not a pod name`);
    const uid = text(values, 'uid');
    if (uid !== undefined && (name === undefined || !UID.test(uid)))
      throw new UsageError(
        name === undefined ? '--uid needs a POD name' : `--uid: "${uid}" is not a pod uid`,
      );
    const reason = text(values, 'reason');
    if (reason !== undefined && !EVENT_REASON.test(reason))
      throw new UsageError(`--reason: "${reason}" is not an event reason`);
    const type = text(values, 'type');
    if (type !== undefined && !EVENT_TYPE.test(type))
      throw new UsageError(`--type: "${type}" is not Normal or Warning`);
    const format = parseOutputFormat(text(values, 'output'), ['table', 'wide', 'name', 'json', 'yaml']);
    const sortText = text(values, 'sort-by');
    const sortBy = sortText === undefined ? undefined : parseFieldPath(sortText);
    const window = windowFlags(
      name === undefined || text(values, 'since') !== undefined ? values : { ...values, since: POD_WINDOW },
      io.now(),
    );
    const scope = await podScope(values, io);
    const namespace = namespaceFlag(values, scope.defaultNamespace);
    if (name !== undefined && namespace === undefined)
      throw new UsageError('a POD name needs -n NAMESPACE, not -A');
    const limit = limitFlag(values, LIMIT);
    const client = connect(values, io);
    const choice = await requireCluster(scope, client);
    const cluster = choice.name;
    let events = await readEvents(client, { cluster, namespace, name, uid, reason, type, ...window }, limit);
    if (events.length === 0) {
      const what =
        name === undefined
          ? `namespace ${namespace === undefined ? '(any)' : `"${namespace}"`}`
          : `pod ${namespace}/${name}`;
      writeLine(
        io.stderr,
        `No events recorded for ${what} in ${clusterText(choice)} from ${toSecond(window.since)} to ${toSecond(window.until)}.`,
      );
      writeLine(io.stderr, await emptyHint(client, cluster, ['namespace', 'window']));
      return 0;
    }
    if (sortBy !== undefined)
      events = sortByField(events, sortBy, ({ event }) => fieldAt(event.versions.at(-1)?.event, sortBy));
    if (format === 'name') {
      io.stdout.write(
        events.map(({ event }) => `event/${event.versions.at(-1)?.event.metadata.name ?? ''}\n`).join(''),
      );
      return 0;
    }
    if (format === 'json' || format === 'yaml') {
      const value = { cluster, window, events };
      io.stdout.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value));
      return 0;
    }
    const wide = format === 'wide';
    const now = io.now();
    const header = [
      ...(namespace === undefined ? ['NAMESPACE'] : []),
      ...(wide ? EVENT_WIDE_COLUMNS : EVENT_COLUMNS),
    ];
    const rows = events.flatMap(({ event }) => {
      const newest = event.versions.at(-1)?.event;
      if (newest === undefined) return [];
      return [
        [...(namespace === undefined ? [newest.metadata.namespace] : []), ...eventRow(newest, now, wide)],
      ];
    });
    io.stdout.write(formatTable(flag(values, 'no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};

/** Every page of /v1/pod-events; `pods` bounds the pods whose events are read (1,000 a page). */
async function readEvents(client: QueryClient, params: QueryParameters, pods: number): Promise<Listed[]> {
  const events: Listed[] = [];
  let cursor: string | undefined;
  for (let left = pods; left > 0; ) {
    const limit = Math.min(1000, left);
    const page = await client.get<{ events?: Listed[]; next?: string }>('/v1/pod-events', {
      ...params,
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    events.push(...(page.events ?? []));
    cursor = page.next;
    if (cursor === undefined) break;
    left -= limit;
  }
  return events;
}
