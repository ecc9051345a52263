import { parseArgs } from 'node:util';
import {
  POD_COLUMNS,
  POD_WIDE_COLUMNS,
  type PodRow,
  podRowCells,
  printPod,
} from '../../functions/domain/pod-row.js';
import { parseInstant, parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { parsePods } from '../pod-input.js';
import { InputError, readSource } from '../read-input.js';
import { formatTable } from '../table.js';

const usage = `Print kubectl's pod table for saved pods (JSON, YAML, lists, NDJSON, multi-document YAML).

Usage:
  podtrail status -f FILE [-f FILE…] [-o table|wide|json|yaml] [--now RFC3339] [--no-headers] [-A]
  kubectl get pods -o json | podtrail status -f -

Options:
  -f, --filename FILE   file to read; "-" (or no -f with piped input) reads standard input
  -o, --output FORMAT   table (default), wide, json or yaml
      --now TIME        evaluate AGE and RESTARTS "(X ago)" at this RFC 3339 time instead of now
      --no-headers      omit the header row
  -A, --all-namespaces  add a NAMESPACE column, as kubectl get -A does

Exit codes: 0 all documents printed, 1 some input was unreadable or not a Pod (the valid pods are
still printed), 2 usage error.`;

export const statusCommand: Command = {
  name: 'status',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        filename: { type: 'string', short: 'f', multiple: true },
        output: { type: 'string', short: 'o' },
        now: { type: 'string' },
        'no-headers': { type: 'boolean' },
        'all-namespaces': { type: 'boolean', short: 'A' },
      },
      allowPositionals: false,
    });
    const format = parseOutputFormat(values.output);
    const now = values.now === undefined ? io.now() : parseInstant(values.now, '--now');
    const sources = values.filename ?? [];
    if (sources.length === 0) {
      if ((io.stdin as { isTTY?: boolean }).isTTY) {
        throw new UsageError('give the pods to print with -f FILE, or pipe them in with -f -');
      }
      sources.push('-');
    }

    const rows: PodRow[] = [];
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
      for (const pod of parsed.pods) rows.push(printPod(pod, now));
      errors.push(...parsed.errors);
    }

    io.stdout.write(
      await render(rows, format, {
        noHeaders: values['no-headers'] === true,
        namespaces: values['all-namespaces'] === true,
      }),
    );
    for (const message of errors) writeLine(io.stderr, `error: ${message}`);
    if (rows.length === 0 && errors.length === 0) writeLine(io.stderr, 'No resources found.');
    return errors.length > 0 ? 1 : 0;
  },
};

async function render(
  rows: readonly PodRow[],
  format: string,
  options: { noHeaders: boolean; namespaces: boolean },
): Promise<string> {
  if (format === 'json' || format === 'yaml') {
    const objects = rows.map((row) => ({ ...row }));
    // The yaml package loads only for -o yaml: every other call starts ~25 ms sooner.
    return format === 'json'
      ? `${JSON.stringify(objects, null, 2)}\n`
      : (await import('yaml')).stringify(objects);
  }
  if (rows.length === 0) return '';
  const wide = format === 'wide';
  const header: string[] = [...(wide ? POD_WIDE_COLUMNS : POD_COLUMNS)];
  const body = rows.map((row) => podRowCells(row, wide));
  if (options.namespaces) {
    header.unshift('NAMESPACE');
    body.forEach((cells, i) => {
      cells.unshift(rows[i]?.namespace ?? '');
    });
  }
  return formatTable(options.noHeaders ? body : [header, ...body]);
}
