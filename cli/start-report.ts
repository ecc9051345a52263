import { Writable } from 'node:stream';
import { DEFAULT_LOCAL_PORT } from '../local/serve.js';
import type { ClusterCensus, ExamplePod, Recording } from '../local/start-session.js';
import { describeCommand } from './commands/describe.js';
import { eventsCommand } from './commands/events.js';
import { podsCommand } from './commands/pods.js';
import { restartsCommand } from './commands/restarts.js';
import { startupCommand } from './commands/startup.js';
import { timelineCommand } from './commands/timeline.js';
import { type CliIo, type Command, writeLine } from './io.js';
import { runCommand } from './run-command.js';

/**
 * What `npm start` prints once something was recorded: the same views the CLI gives, produced by
 * the CLI's own commands against the local endpoint, so what the newcomer sees is what they can
 * type next.
 */
interface Section {
  readonly title: string;
  readonly command: Command;
  readonly argv: readonly string[];
  /** Printed under the command's output. */
  readonly footer?: string;
}

export async function printReport(
  out: Writable,
  recording: Recording,
  reopen: { dataDir: string } | undefined,
): Promise<void> {
  const sections = recording.source === 'demo' ? demoSections(recording) : clusterSections(recording);
  for (const section of sections) {
    writeLine(out, `\n== ${section.title}`);
    writeLine(out, (await runSection(section, recording)).trimEnd());
    if (section.footer !== undefined) writeLine(out, section.footer);
  }
  writeLine(out);
  writeLine(out, nextSteps(recording, reopen));
}

/** One section's command, run in-process with its output captured. */
async function runSection(section: Section, recording: Recording): Promise<string> {
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
      PODTRAIL_ENDPOINT: recording.endpoint,
      PODTRAIL_TOKEN: recording.token,
      PODTRAIL_CLUSTER: recording.cluster,
    },
    now: recording.now,
    cwd: process.cwd(),
  };
  await runCommand(section.command, [...section.argv, '--cluster', recording.cluster], io);
  return out;
}

/** The pod's name, namespace and (for the demo, whose reruns reuse names) its incarnation. */
function podArgs(pod: ExamplePod): string[] {
  return [pod.name, '-n', pod.namespace, ...(pod.uid === undefined ? [] : ['--uid', pod.uid])];
}

function demoSections(recording: Recording): Section[] {
  const seed = recording.examplePod ?? { namespace: 'default', name: 'pod-phase' };
  const window = ['--since', recording.since, '--until', recording.until];
  return [
    {
      title: `Timeline of ${seed.namespace}/${seed.name} (the seed's busybox:nonexist pod), as "kubectl get po -w" showed it`,
      command: timelineCommand,
      argv: podArgs(seed),
    },
    {
      title: `Events of ${seed.namespace}/${seed.name}, as "kubectl get events" showed them (the API server forgets them after an hour)`,
      command: eventsCommand,
      argv: [...podArgs(seed), '-o', 'wide'],
    },
    { title: 'Restart audit', command: restartsCommand, argv: window },
    { title: 'Startup latency', command: startupCommand, argv: ['-A', ...window] },
    {
      title: `${seed.namespace}/${seed.name} as "kubectl describe pod" showed it when last seen`,
      command: describeCommand,
      argv: podArgs(seed),
    },
  ];
}

function clusterSections(recording: Recording): Section[] {
  const window = ['--since', recording.since, '--until', recording.until];
  const census = recording.census;
  return [
    { title: 'Pods recorded', command: podsCommand, argv: ['-A', ...window] },
    {
      title: 'Restart audit',
      command: restartsCommand,
      argv: window,
      ...(census === undefined ? {} : { footer: `\n${restartsBefore(census)}` }),
    },
  ];
}

/** How the history a real cluster already had is shown: the ledger records it at the first sighting. */
function restartsBefore(census: ClusterCensus): string {
  if (census.restarts === 0) return 'No pod had restarted before recording began (every restartCount was 0).';
  const pods = census.podsWithRestarts === 1 ? '1 pod' : `${census.podsWithRestarts} pods`;
  const restarts = census.restarts === 1 ? '1 restart' : `${census.restarts} restarts`;
  return `${restarts} happened before recording began, in ${pods} (counted from the pods' restartCount at the first list): the audit counts them at the first list's time, all but each container's last as UNOBSERVED (only the last termination is known); the RESTARTS column above shows them too.`;
}

function nextSteps(recording: Recording, reopen: { dataDir: string } | undefined): string {
  const { examplePod: example, cluster, since, token } = recording;
  const endpoint = reopen === undefined ? recording.endpoint : `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`;
  const serve =
    reopen === undefined
      ? ''
      : `  npx podtrail serve --data-dir ${reopen.dataDir} &   # reopens what was recorded; prints its UI: link\n`;
  const ui =
    reopen === undefined && recording.uiUrl !== undefined
      ? `Look at it in the browser (the web UI; this link works while this run lasts):\n  ${recording.uiUrl}\n\n`
      : '';
  const lines = [
    `${ui}How to query further:`,
    `${serve}  export PODTRAIL_ENDPOINT=${endpoint}`,
    `  export PODTRAIL_TOKEN=${token}`,
  ];
  if (example !== undefined) {
    const pod = `${podArgs(example).join(' ')} --cluster ${cluster}`;
    lines.push(`  npx podtrail timeline ${pod} -o wide`, `  npx podtrail timeline ${pod} --events`);
  }
  lines.push(`  npx podtrail events -A --cluster ${cluster} --since ${since} --type Warning`);
  if (example !== undefined) {
    const pod = `${podArgs(example).join(' ')} --cluster ${cluster}`;
    lines.push(
      `  npx podtrail describe ${pod}      # --at TIME: any moment`,
      `  npx podtrail timeline ${pod} --html ${example.name}.html`,
    );
  }
  lines.push(
    `  npx podtrail pods -A --cluster ${cluster} --since ${since}`,
    `  npx podtrail restarts --cluster ${cluster} --since ${since} -o csv`,
    `  npx podtrail startup -A --cluster ${cluster} --since ${since}`,
    '  npx podtrail clusters',
  );
  return lines.join('\n');
}
