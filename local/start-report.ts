import { Writable } from 'node:stream';
import type { CliIo } from '../cli/io.js';
import { main } from '../cli/main.js';

/**
 * What `npm start` prints once something was recorded: the same views the CLI gives, produced by
 * the CLI itself against the local endpoint, so what the newcomer sees is what they can type next.
 */
export interface ReportTarget {
  readonly endpoint: string;
  readonly token: string;
  readonly cluster: string;
  /** RFC 3339 start of the recording, for the report windows. */
  readonly since: string;
  readonly until: string;
}

export async function runCli(
  argv: readonly string[],
  target: ReportTarget,
  now: () => number,
): Promise<string> {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const io: CliIo = {
    stdout: sink,
    stderr: sink,
    stdin: process.stdin,
    env: {
      PODTRAIL_ENDPOINT: target.endpoint,
      PODTRAIL_TOKEN: target.token,
      PODTRAIL_CLUSTER: target.cluster,
    },
    now,
    cwd: process.cwd(),
  };
  await main(argv, io);
  return out;
}

export interface Section {
  readonly title: string;
  readonly argv: readonly string[];
}

export function demoSections(target: ReportTarget, seedPod: { namespace: string; name: string }): Section[] {
  const window = ['--since', target.since, '--until', target.until];
  return [
    {
      title: `Timeline of ${seedPod.namespace}/${seedPod.name} (the seed's busybox:nonexist pod), as "kubectl get po -w" showed it`,
      argv: ['timeline', seedPod.name, '-n', seedPod.namespace],
    },
    { title: 'Restart audit', argv: ['restarts', ...window] },
    { title: 'Startup latency', argv: ['startup', '-A', ...window] },
  ];
}

export function clusterSections(target: ReportTarget): Section[] {
  return [
    { title: 'Pods recorded so far', argv: ['pods', '-A', '--since', target.since] },
    { title: 'Restart audit', argv: ['restarts', '--since', target.since] },
  ];
}

export function nextSteps(
  target: ReportTarget,
  example: { namespace: string; name: string },
  reopen: { dataDir: string } | undefined,
): string {
  const endpoint = reopen === undefined ? target.endpoint : 'http://127.0.0.1:7879';
  const serve =
    reopen === undefined
      ? ''
      : `  npx podtrail serve --data-dir ${reopen.dataDir} --port 7879 &   # reopens what was recorded\n`;
  return `How to query further:
${serve}  export PODTRAIL_ENDPOINT=${endpoint}
  export PODTRAIL_TOKEN=${target.token}
  npx podtrail timeline ${example.name} -n ${example.namespace} --cluster ${target.cluster} -o wide
  npx podtrail timeline ${example.name} -n ${example.namespace} --cluster ${target.cluster} --html ${example.name}.html
  npx podtrail pods -A --cluster ${target.cluster} --since ${target.since}
  npx podtrail restarts --since ${target.since} -o csv
  npx podtrail startup -A --cluster ${target.cluster} --since ${target.since}
  npx podtrail clusters`;
}
