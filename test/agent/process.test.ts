import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { type IngestSink, startIngestSink } from '../support/ingest-sink.js';
import { FAST_AGENT_ENV, touchPod } from '../support/sim-agent.js';
import { runningPods } from '../support/sim-client.js';
import { spawnAgent, writeKubeconfig } from '../support/sim-process.js';

const CLI = [process.execPath, 'bin/podtrail.js', 'agent'];
let sim: Simulator | undefined;
let sink: IngestSink | undefined;

let bundle = '';
/** A HOME with no .kube/config in it. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'podtrail-home-'));
beforeAll(async () => {
  bundle = join(mkdtempSync(join(tmpdir(), 'podtrail-bundle-')), 'podtrail-agent.mjs');
  // The same flags as `npm run bundle:agent` and agent/Dockerfile.
  await build({
    entryPoints: ['agent/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: bundle,
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
});

afterEach(async () => {
  await sim?.close();
  await sink?.close();
  sim = sink = undefined;
});

/** The agent's command line, recording `name` from `kubeconfig` into `sink`, probes on any free port. */
function agentArgs(
  command: readonly string[],
  name: string,
  sink: IngestSink,
  kubeconfig: string,
  ...extra: string[]
): string[] {
  return [
    ...command,
    '--cluster',
    name,
    '--ingest-url',
    sink.url,
    '--kubeconfig',
    kubeconfig,
    '--port',
    '0',
    ...extra,
  ];
}

async function cluster(pods: number) {
  sim = await startSimulator({ token: 'sim-token', bookmarkIntervalMs: 500 });
  sim.store.seed(runningPods(pods));
  sink = await startIngestSink();
  return { sim, sink, kubeconfig: writeKubeconfig(sim) };
}

describe('podtrail agent, as a process', () => {
  it('refuses to start without its settings: exit 2 and every problem named', async () => {
    const agent = spawnAgent(CLI, {});
    expect(await agent.exited()).toBe(2);
    expect(agent.stderr()).toContain('--cluster (or PODTRAIL_CLUSTER) is required');
    expect(agent.stderr()).toContain('--ingest-url (or PODTRAIL_INGEST_URL) is required');
    expect(agent.stderr()).toContain('Run "podtrail agent --help" for usage.');
  });

  it('on SIGTERM in the middle of a batch, stops watching, flushes everything and exits 0', async () => {
    const { sim, sink, kubeconfig } = await cluster(5);
    const agent = spawnAgent(agentArgs(CLI, 'sigterm-test', sink, kubeconfig), {
      ...FAST_AGENT_ENV,
      PODTRAIL_TOKEN: sink.token,
      PODTRAIL_FLUSH_DEADLINE: '10s',
    });
    await agent.waitForLog('listed');
    await sink.waitFor(() => sink.syncs().length === 1, 10_000, 'the SYNC');
    sink.setDelay(600);
    const uids = sim.store.uids();
    for (let i = 0; i < 20; i++) touchPod(sim, uids[i % uids.length]!, `before shutdown ${i}`);
    await sink.waitFor(() => sink.inFlight() === 1, 5_000, 'a batch in flight');
    agent.child.kill('SIGTERM');
    expect(await agent.exited()).toBe(0);
    const lastRv = String(sim.store.resourceVersion());
    expect(
      sink
        .podEvents()
        .some(
          (e) =>
            (e.event.pod as { metadata: { resourceVersion: string } }).metadata.resourceVersion === lastRv,
        ),
    ).toBe(true);
    expect(agent.logs.find((l) => l.msg === 'agent stopped')).toMatchObject({ unsent: 0 });
    expect(agent.logs.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
  });
});

describe('podtrail agent --log-level', () => {
  it('warn: forwards as usual but logs no info lines (no "agent started", no summary)', async () => {
    const { sink, kubeconfig } = await cluster(3);
    const agent = spawnAgent(agentArgs(CLI, 'quiet', sink, kubeconfig), {
      ...FAST_AGENT_ENV,
      PODTRAIL_TOKEN: sink.token,
      PODTRAIL_LOG_LEVEL: 'debug',
      PODTRAIL_LOG_SUMMARY: '100ms',
    });
    await sink.waitFor(() => sink.syncs().length === 1, 10_000, 'the SYNC');
    agent.child.kill('SIGTERM');
    expect(await agent.exited()).toBe(0);
    // PODTRAIL_LOG_LEVEL=debug logged at every level; the flag wins in the second run.
    expect(agent.logs.some((l) => l.msg === 'agent started' && l.level === 'info')).toBe(true);
    expect(agent.logs.some((l) => l.msg === 'summary')).toBe(true);
    const quiet = spawnAgent(agentArgs(CLI, 'quiet', sink, kubeconfig, '--log-level', 'warn'), {
      ...FAST_AGENT_ENV,
      PODTRAIL_TOKEN: sink.token,
      PODTRAIL_LOG_LEVEL: 'debug',
      PODTRAIL_LOG_SUMMARY: '100ms',
    });
    await sink.waitFor(() => sink.syncs().length === 2, 10_000, 'the second SYNC');
    await new Promise((resolve) => setTimeout(resolve, 300));
    quiet.child.kill('SIGTERM');
    expect(await quiet.exited()).toBe(0);
    expect(quiet.logs.filter((l) => l.level === 'info' || l.level === 'debug')).toEqual([]);
  });
});

describe('the bundled agent (what the container runs)', () => {
  it.each([
    [
      'no token for a plain ingest',
      ['--cluster', 'c', '--ingest-url', 'https://ingest.example.com'],
      {},
      'PODTRAIL_TOKEN is required',
    ],
    [
      'a kubeconfig that does not exist',
      ['--cluster', 'c', '--ingest-url', 'http://127.0.0.1:9', '--kubeconfig', '/nope/config'],
      { PODTRAIL_TOKEN: 't' },
      '--kubeconfig /nope/config: no such file',
    ],
    [
      "the deploy manifest's unedited placeholders",
      ['--cluster', 'change-me', '--ingest-url', 'https://change-me.lambda-url.eu-west-1.on.aws'],
      {},
      '--ingest-url "https://change-me.lambda-url.eu-west-1.on.aws" is the placeholder of agent/deploy/kustomization.yaml: set ingest-url= to the IngestUrl output',
    ],
    [
      'no kubeconfig anywhere, outside a pod',
      ['--cluster', 'c', '--ingest-url', 'http://127.0.0.1:9'],
      { PODTRAIL_TOKEN: 't', HOME: EMPTY_HOME },
      `no kubeconfig: not running in a pod (KUBERNETES_SERVICE_HOST is unset) and no file at ${EMPTY_HOME}/.kube/config`,
    ],
    [
      'an unknown log level',
      ['--cluster', 'c', '--ingest-url', 'http://127.0.0.1:9', '--log-level', 'verbose'],
      { PODTRAIL_TOKEN: 't' },
      '--log-level "verbose": use one of debug, info, warn, error',
    ],
    [
      'an unknown context',
      ['--cluster', 'c', '--ingest-url', 'http://127.0.0.1:9', '--context', 'nope'],
      { PODTRAIL_TOKEN: 't', KUBECONFIG: 'KUBECONFIG' },
      '--context nope: no such context in the kubeconfig (known: podtrail-simulator)',
    ],
  ])('refuses to start with %s: exit 2', async (_case, args, env: Record<string, string>, message) => {
    const kubeconfig = env.KUBECONFIG === undefined ? {} : { KUBECONFIG: writeKubeconfigFile() };
    const agent = spawnAgent([process.execPath, bundle, ...args], { ...env, ...kubeconfig });
    expect(await agent.exited()).toBe(2);
    expect(agent.stderr()).toContain(message);
  });

  it('refuses an unknown flag: exit 2 and the flag named', async () => {
    const agent = spawnAgent([process.execPath, bundle, '--clustre', 'c'], {});
    expect(await agent.exited()).toBe(2);
    expect(agent.stderr()).toContain("Unknown option '--clustre'");
  });

  it('runs on its own: lists, forwards, serves probes, and exits 0 on SIGTERM', async () => {
    const { sink, kubeconfig } = await cluster(3);
    const agent = spawnAgent(agentArgs([process.execPath, bundle], 'bundled', sink, kubeconfig), {
      ...FAST_AGENT_ENV,
      PODTRAIL_TOKEN: sink.token,
    });
    const started = await agent.waitForLog('agent started');
    await sink.waitFor(() => sink.syncs().length === 1, 10_000, 'the SYNC');
    expect(sink.podEvents()).toHaveLength(3);
    const health = String(started.health);
    expect((await fetch(`${health}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${health}/metrics`)).text()).toContain('podtrail_agent_syncs_sent_total 1');
    agent.child.kill('SIGTERM');
    expect(await agent.exited()).toBe(0);
  });
});

function writeKubeconfigFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podtrail-kubeconfig-')), 'config');
  writeFileSync(
    path,
    'apiVersion: v1\nkind: Config\nclusters: [{name: podtrail-simulator, cluster: {server: "http://127.0.0.1:9", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: podtrail-simulator, context: {cluster: podtrail-simulator, user: u}}]\ncurrent-context: podtrail-simulator\n',
  );
  return path;
}
