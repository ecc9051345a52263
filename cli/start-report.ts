import { Writable } from 'node:stream';
import type { Recording } from '../local/start-session.js';
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

function demoSections(recording: Recording): Section[] {
  const { examplePod } = recording;
  const window = ['--since', recording.since, '--until', recording.until];
  return [
    {
      title: `Timeline of ${examplePod.namespace}/${examplePod.name} (the seed's busybox:nonexist pod), as "kubectl get po -w" showed it`,
      command: timelineCommand,
      argv: [examplePod.name, '-n', examplePod.namespace],
    },
    {
      title: `Events of ${examplePod.namespace}/${examplePod.name}, as "kubectl get events" showed them (the API server forgets them after an hour)`,
      command: eventsCommand,
      argv: [examplePod.name, '-n', examplePod.namespace, '-o', 'wide'],
    },
    { title: 'Restart audit', command: restartsCommand, argv: window },
    { title: 'Startup latency', command: startupCommand, argv: ['-A', ...window] },
    {
      title: `${examplePod.namespace}/${examplePod.name} as "kubectl describe pod" showed it when last seen`,
      command: describeCommand,
      argv: [examplePod.name, '-n', examplePod.namespace],
    },
  ];
}

function clusterSections(recording: Recording): Section[] {
  return [
    { title: 'Pods recorded so far', command: podsCommand, argv: ['-A', '--since', recording.since] },
    { title: 'Restart audit', command: restartsCommand, argv: ['--since', recording.since] },
  ];
}

function nextSteps(recording: Recording, reopen: { dataDir: string } | undefined): string {
  const { examplePod: example, cluster, since, token } = recording;
  const endpoint = reopen === undefined ? recording.endpoint : 'http://127.0.0.1:7879';
  const serve =
    reopen === undefined
      ? ''
      : `  npx podtrail serve --data-dir ${reopen.dataDir} --port 7879 &   # reopens what was recorded; prints its UI: link\n`;
  const ui =
    reopen === undefined && recording.uiUrl !== undefined
      ? `Look at it in the browser (the web UI; this link works while this run lasts):\n  ${recording.uiUrl}\n\n`
      : '';
  return `${ui}How to query further:
${serve}  export PODTRAIL_ENDPOINT=${endpoint}
  export PODTRAIL_TOKEN=${token}
  npx podtrail timeline ${example.name} -n ${example.namespace} --cluster ${cluster} -o wide
  npx podtrail timeline ${example.name} -n ${example.namespace} --cluster ${cluster} --events
  npx podtrail events -A --cluster ${cluster} --since ${since} --type Warning
  npx podtrail describe ${example.name} -n ${example.namespace} --cluster ${cluster}      # --at TIME: any moment
  npx podtrail timeline ${example.name} -n ${example.namespace} --cluster ${cluster} --html ${example.name}.html
  npx podtrail pods -A --cluster ${cluster} --since ${since}
  npx podtrail restarts --since ${since} -o csv
  npx podtrail startup -A --cluster ${cluster} --since ${since}
  npx podtrail clusters`;
}
