import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { versionTime } from '../../functions/domain/pod-event.js';
import { type TimelinePage, timelineMerger } from '../../functions/domain/timeline-pages.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type CliIo, type Command, writeLine } from '../io.js';
import type { QueryClient } from '../query-client.js';
import { emptyHint } from '../query-hints.js';
import {
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  connect,
  flag,
  limitFlag,
  optionalWindowFlags,
  parseCommandLine,
  podTarget,
  text,
  WINDOW_OPTIONS,
} from '../query-options.js';
import { clusterText, podScope, requireCluster } from '../query-scope.js';
import { renderHtmlTimeline } from '../render-html-timeline.js';
import { describeHint, type IncarnationView, renderTimeline } from '../render-timeline.js';

const usage = `Replay a pod's life as "kubectl get pod -w" showed it, long after the pod is gone.

Usage:
  podtrail timeline POD [-n NAMESPACE] [--cluster NAME] [--uid UID] [--since T] [--until T]
                    [--events] [-o table|wide|json|yaml]
  podtrail timeline --uid UID [--cluster NAME]
  podtrail timeline POD --html FILE

Each row is one recorded change, with the time it was observed; AGE and the RESTARTS "(X ago)"
suffix are as of that row's time. Every incarnation (uid) of the name is shown, oldest first; when
there are several, each is under a "# uid …" line (a single one prints kubectl's table alone: -o
wide names its uid, on stderr, and -o json|yaml carry it). Rows for deletions, pods that vanished
while unwatched, and gaps in what the agent saw say so after AGE.

Options:
  -n, --namespace NS    namespace of the pod (default: the kubeconfig context's namespace, else
                        "default", as kubectl)
      --uid UID         only this incarnation
      --since TIME      only rows observed at or after TIME: RFC 3339 or a duration before now (2h);
                        default the pod's whole recorded life
      --until TIME      only rows observed before TIME (same forms); default now
  -o, --output FORMAT   table (default), wide (adds IP, NODE and CHANGE: containers, conditions,
                        reason, exit code, message), json or yaml
      --events          interleave the pod's Kubernetes Events under the rows they follow, as
                        "kubectl get events -w" beside "kubectl get pod -w" showed them: every
                        recorded version, TYPE REASON FROM MESSAGE, "(x12)" for repeats
      --html FILE       also write a self-contained HTML swim-lane chart of the pod's life
      --no-headers      omit the header and incarnation lines
      --limit N         read at most N entries (default 10000)

Every flag also takes kubectl's forms -o=wide, --output=wide, -owide, -n=shop.

${CONNECTION_USAGE}

Examples:
  podtrail timeline pod-phase --cluster prod-eu-1 --events
  podtrail timeline web-7d4f9c-x2k8p -n shop -o wide --html web.html`;

const MAX_ENTRIES = { min: 1, max: 100_000, default: 10_000 } as const;

export const timelineCommand: Command = {
  name: 'timeline',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      ...CONNECTION_OPTIONS,
      ...WINDOW_OPTIONS,
      namespace: { type: 'string', short: 'n' },
      uid: { type: 'string' },
      html: { type: 'string' },
      events: { type: 'boolean' },
      limit: { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output'));
    const scope = await podScope(values, io);
    const { name, uid, namespace } = podTarget(values, positionals, scope.defaultNamespace);
    const limit = limitFlag(values, MAX_ENTRIES);
    const range = optionalWindowFlags(values, io.now());
    const client = connect(values, io);
    const choice = await requireCluster(scope, client);
    const cluster = choice.name;

    const recorded = await readTimeline(client, { cluster, namespace, name, uid }, limit);
    const what =
      name === undefined ? `uid ${uid}` : `pod ${namespace}/${name}${uid === undefined ? '' : ` uid ${uid}`}`;
    if (recorded.incarnations.length === 0) {
      writeLine(io.stderr, `No timeline recorded for ${what} in ${clusterText(choice)}.`);
      writeLine(io.stderr, await emptyHint(client, cluster, ['namespace']));
      return 0;
    }
    const result = { ...recorded, incarnations: inRange(recorded.incarnations, range) };
    if (result.incarnations.length === 0) {
      writeLine(
        io.stderr,
        `No row of ${what} in ${clusterText(choice)} was recorded ${rangeText(range)}; its ${recorded.incarnations.length === 1 ? 'life' : 'lives'}: ${recorded.incarnations.map((i) => `${toSecond(i.pod.firstSeenAt)} – ${toSecond(i.pod.endedAt ?? i.pod.lastSeenAt)}`).join(', ')}.`,
      );
      return 0;
    }
    if (text(values, 'html') !== undefined) {
      const file = resolve(io.cwd, text(values, 'html')!);
      await writeFile(file, renderHtmlTimeline({ cluster, incarnations: result.incarnations }));
      writeLine(io.stderr, `wrote ${file}`);
    }
    printTimeline(
      io,
      format,
      { noHeaders: flag(values, 'no-headers'), events: flag(values, 'events') },
      {
        cluster,
        ...result,
      },
    );
    if (format === 'wide' && !flag(values, 'no-headers'))
      for (const inc of result.incarnations) writeLine(io.stderr, describeHint(inc.pod, cluster));
    if (result.truncated) {
      writeLine(io.stderr, `showing the first ${limit} entries; more are recorded (raise --limit)`);
    }
    return 0;
  },
};

function printTimeline(
  io: CliIo,
  format: string,
  options: { noHeaders: boolean; events: boolean },
  result: { cluster: string; namespace: string; name: string; incarnations: IncarnationView[] },
): void {
  if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'yaml') io.stdout.write(stringify(result));
  else io.stdout.write(renderTimeline(result.incarnations, { wide: format === 'wide', ...options }));
}

/**
 * The rows (and event versions) observed in [since, until); incarnations with no row in it are
 * left out, as `kubectl get -w` started at `since` would never have shown them.
 */
function inRange(
  incarnations: readonly IncarnationView[],
  range: { since: number | undefined; until: number | undefined },
): IncarnationView[] {
  if (range.since === undefined && range.until === undefined) return [...incarnations];
  const inside = (time: string) => {
    const ms = Date.parse(time);
    return (
      (range.since === undefined || ms >= range.since) && (range.until === undefined || ms < range.until)
    );
  };
  return incarnations.flatMap((inc) => {
    const entries = inc.entries.filter((e) => inside(e.observedAt));
    if (entries.length === 0) return [];
    const events = (inc.events ?? [])
      .map((e) => ({ ...e, versions: e.versions.filter((v) => inside(versionTime(v))) }))
      .filter((e) => e.versions.length > 0);
    return [{ pod: inc.pod, entries, events }];
  });
}

function rangeText(range: { since: number | undefined; until: number | undefined }): string {
  const at = (ms: number) => toSecond(new Date(ms).toISOString());
  if (range.since !== undefined && range.until !== undefined)
    return `from ${at(range.since)} to ${at(range.until)}`;
  return range.since !== undefined ? `since ${at(range.since)}` : `before ${at(range.until!)}`;
}

/** Reads every page, merging an incarnation split across pages back together (same uid). */
async function readTimeline(
  client: QueryClient,
  q: { cluster: string; namespace: string; name: string | undefined; uid: string | undefined },
  limit: number,
): Promise<{ namespace: string; name: string; incarnations: IncarnationView[]; truncated: boolean }> {
  const merged = timelineMerger();
  let cursor: string | undefined;
  let read = 0;
  let namespace = q.namespace;
  let name = q.name ?? '';
  // Each page carries at least one entry, so `limit` pages bound the loop.
  for (let pages = 0; pages <= limit; pages++) {
    const page = await client.get<TimelinePage>('/v1/timeline', {
      cluster: q.cluster,
      ...(q.name === undefined ? {} : { namespace: q.namespace, name: q.name }),
      uid: q.uid,
      limit: Math.min(5000, limit - read),
      cursor,
    });
    namespace = page.namespace;
    name = page.name;
    read += merged.add(page);
    cursor = page.next;
    if (cursor === undefined)
      return { namespace, name, incarnations: merged.incarnations(), truncated: false };
    if (read >= limit) break;
  }
  return { namespace, name, incarnations: merged.incarnations(), truncated: true };
}
