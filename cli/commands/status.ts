import { parseArgs } from 'node:util';
import { formatPodRow, POD_COLUMNS, POD_WIDE_COLUMNS, podRowCells } from '../../functions/domain/pod-row.js';
import { derivePodStatus, type PodStatusFacts } from '../../functions/domain/pod-status.js';
import { kubectlArgs, parseInstant, parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { matchesLabels } from '../label-selector.js';
import { parsePods } from '../pod-input.js';
import { labelsOf, selectorFlag } from '../pod-labels.js';
import { InputError, readSource } from '../read-input.js';
import { fieldAt, parseFieldPath, sortByField } from '../sort-by.js';
import { formatTable } from '../table.js';

const usage = `Print kubectl's pod table for saved pods (JSON, YAML, lists, NDJSON, multi-document YAML).

Usage:
  podtrail status -f FILE [-f FILE…] [-o table|wide|name|json|yaml] [-l SELECTOR]
                  [--sort-by FIELD] [--now RFC3339] [--no-headers] [-A]
  kubectl get pods -o json | podtrail status -f -

Options:
  -f, --filename FILE   file to read; "-" (or no -f with piped input) reads standard input
  -o, --output FORMAT   table (default), wide, name (pod/NAME, as kubectl -o name), json or yaml:
                        one object per pod with the cells and their numbers (restarts as a count,
                        lastRestartAt, readyContainers/totalContainers, createdAt)
  -l, --selector SEL    only pods whose metadata.labels match, as kubectl -l: a=b, a==b, a!=b,
                        a in (x,y), a notin (x,y), a, !a, a>1, a<9; comma-separated, all must hold
      --sort-by FIELD   sort by a field of the pod objects, as kubectl --sort-by:
                        .metadata.name, .metadata.creationTimestamp, .status.startTime,
                        .status.containerStatuses[0].restartCount, {.spec.nodeName}, …
      --now TIME        evaluate AGE and RESTARTS "(X ago)" at this RFC 3339 time instead of now
      --no-headers      omit the header row
  -A, --all-namespaces  add a NAMESPACE column, as kubectl get -A does

Every flag also takes kubectl's forms -o=wide, --output=wide and -owide.

Exit codes: 0 all documents printed, 1 some input was unreadable or not a Pod (the valid pods are
still printed), 2 usage error.`;

const OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o' },
  selector: { type: 'string', short: 'l' },
  'sort-by': { type: 'string' },
  now: { type: 'string' },
  'no-headers': { type: 'boolean' },
  'all-namespaces': { type: 'boolean', short: 'A' },
} as const;

interface Printed {
  readonly pod: unknown;
  readonly facts: PodStatusFacts;
}

export const statusCommand: Command = {
  name: 'status',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: kubectlArgs(argv, OPTIONS),
      options: OPTIONS,
      allowPositionals: false,
    });
    const format = parseOutputFormat(values.output, ['table', 'wide', 'name', 'json', 'yaml']);
    const now = values.now === undefined ? io.now() : parseInstant(values.now, '--now');
    const selector = selectorFlag(values.selector);
    const sortBy = values['sort-by'] === undefined ? undefined : parseFieldPath(values['sort-by']);
    const sources = values.filename ?? [];
    if (sources.length === 0) {
      if ((io.stdin as { isTTY?: boolean }).isTTY) {
        throw new UsageError('give the pods to print with -f FILE, or pipe them in with -f -');
      }
      sources.push('-');
    }

    let pods: Printed[] = [];
    const errors: string[] = [];
    for (const source of sources) {
      let text: string;
      try {
        text = await readSource(source, io.stdin, io.cwd);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.push(error.message);
        continue;
      }
      const parsed = parsePods(text, source === '-' ? '<stdin>' : source);
      for (const pod of parsed.pods) {
        if (selector === undefined || matchesLabels(selector, labelsOf(pod)))
          pods.push({ pod, facts: derivePodStatus(pod) });
      }
      errors.push(...parsed.errors);
    }
    if (sortBy !== undefined) pods = sortByField(pods, sortBy, (p) => fieldAt(p.pod, sortBy));

    io.stdout.write(
      await render(pods, format, now, {
        noHeaders: values['no-headers'] === true,
        namespaces: values['all-namespaces'] === true,
      }),
    );
    for (const message of errors) writeLine(io.stderr, `error: ${message}`);
    if (pods.length === 0 && errors.length === 0) writeLine(io.stderr, 'No resources found.');
    return errors.length > 0 ? 1 : 0;
  },
};

async function render(
  pods: readonly Printed[],
  format: string,
  now: number,
  options: { noHeaders: boolean; namespaces: boolean },
): Promise<string> {
  if (format === 'name') return pods.map((p) => `pod/${p.facts.name}\n`).join('');
  if (format === 'json' || format === 'yaml') {
    const objects = pods.map((p) => podObject(p.facts, now));
    // The yaml package loads only for -o yaml: every other call starts ~25 ms sooner.
    return format === 'json'
      ? `${JSON.stringify(objects, null, 2)}\n`
      : (await import('yaml')).stringify(objects);
  }
  if (pods.length === 0) return '';
  const wide = format === 'wide';
  const header: string[] = [...(wide ? POD_WIDE_COLUMNS : POD_COLUMNS)];
  const body = pods.map((p) => podRowCells(formatPodRow(p.facts, now), wide));
  if (options.namespaces) {
    header.unshift('NAMESPACE');
    body.forEach((cells, i) => {
      cells.unshift(pods[i]?.facts.namespace ?? '');
    });
  }
  return formatTable(options.noHeaders ? body : [header, ...body]);
}

/**
 * One pod for -o json|yaml: the cells kubectl prints, and the numbers behind them so scripts need
 * not parse "12 (4m5s ago)": restarts is the count, lastRestartAt the time of the newest restart
 * printPod used (null when none is known), createdAt the creation time (null when unset).
 */
function podObject(facts: PodStatusFacts, now: number) {
  const row = formatPodRow(facts, now);
  return {
    name: row.name,
    namespace: row.namespace,
    uid: facts.uid,
    ready: row.ready,
    readyContainers: facts.readyContainers,
    totalContainers: facts.totalContainers,
    status: row.status,
    restarts: facts.restarts,
    lastRestartAt: isoOrNull(facts.lastRestartAt),
    restartsText: row.restarts,
    age: row.age,
    createdAt: isoOrNull(facts.createdAt),
    ip: row.ip,
    node: row.node,
    nominatedNode: row.nominatedNode,
    readinessGates: row.readinessGates,
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}
