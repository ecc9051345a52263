import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORWARDER_BACKOFF, REFLECTOR_BACKOFF } from '../../agent/backoff.js';
import { readAgentConfig } from '../../agent/config.js';
import { ConfigError } from '../../agent/errors.js';
import { loadKubeConfig } from '../../agent/kube/kube-config.js';

const valid = { cluster: 'prod-eu-1', ingestUrl: 'https://ingest.example.com' };
const env = { PODTRAIL_TOKEN: 't0ken' };

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('agent configuration', () => {
  it('has the documented defaults', () => {
    const config = readAgentConfig(valid, env);
    expect(config).toMatchObject({
      cluster: 'prod-eu-1',
      auth: { kind: 'bearer', token: 't0ken' },
      inCluster: false,
      http: { host: '127.0.0.1', port: 8080 },
      list: { pageSize: 500 },
      watch: { minTimeoutSeconds: 300, maxTimeoutSeconds: 600, inactivityTimeoutMs: 90_000 },
      backoff: { initialMs: 800, maxMs: 30_000, resetAfterMs: 120_000 },
      forward: { maxBatchBytes: 1_048_576, batchDelayMs: 250, flushDeadlineMs: 20_000 },
      events: { ttlMs: 3_600_000 },
      log: { level: 'info', summaryIntervalMs: 60_000 },
    });
    expect(Object.isFrozen(config.forward)).toBe(true);
  });

  it('deploys the back-off policies backoff.ts documents and tests', () => {
    const config = readAgentConfig(valid, env);
    expect(config.backoff).toEqual(REFLECTOR_BACKOFF);
    expect(config.forward.backoff).toEqual(FORWARDER_BACKOFF);
  });

  it('lets PODTRAIL_BACKOFF set the first and the longest wait of both back-offs', () => {
    const config = readAgentConfig(valid, { ...env, PODTRAIL_BACKOFF: '20ms-200ms' });
    const expected = { initialMs: 20, maxMs: 200 };
    expect(config.backoff).toEqual({ ...REFLECTOR_BACKOFF, ...expected });
    expect(config.forward.backoff).toEqual({ ...FORWARDER_BACKOFF, ...expected });
  });

  it('reads everything from the environment, flags winning', () => {
    const config = readAgentConfig(
      { cluster: 'from-flag' },
      {
        PODTRAIL_CLUSTER: 'from-env',
        PODTRAIL_INGEST_URL: 'https://x.example.com',
        PODTRAIL_TOKEN: 't',
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        PODTRAIL_PORT: 'off',
        POD_NAME: 'podtrail-agent-5d9c7',
      },
    );
    expect(config).toMatchObject({
      cluster: 'from-flag',
      inCluster: true,
      http: null,
      agentId: 'podtrail-agent-5d9c7',
    });
  });

  it('signs with SigV4 for Lambda Function URLs, without a token', () => {
    const config = readAgentConfig(
      { cluster: 'c', ingestUrl: 'https://abcdef123.lambda-url.eu-west-1.on.aws' },
      {},
    );
    expect(config.auth).toEqual({ kind: 'sigv4', region: 'eu-west-1' });
  });

  it("takes the API server's event TTL from PODTRAIL_EVENT_TTL (OpenShift keeps events 3 h)", () => {
    expect(readAgentConfig(valid, { ...env, PODTRAIL_EVENT_TTL: '3h' }).events.ttlMs).toBe(3 * 3_600_000);
  });

  it('listens on all interfaces in a cluster so kubelet probes reach it', () => {
    expect(readAgentConfig(valid, { ...env, KUBERNETES_SERVICE_HOST: '10.0.0.1' }).http?.host).toBe(
      '0.0.0.0',
    );
  });

  it.each([
    ['no cluster', {}, {}, /--cluster \(or PODTRAIL_CLUSTER\) is required/],
    ['an invalid cluster name', { cluster: 'Prod_EU' }, {}, /lowercase letters, digits and "-"/],
    ['no ingest URL', { cluster: 'c' }, {}, /--ingest-url \(or PODTRAIL_INGEST_URL\) is required/],
    ['an ingest URL that is not one', { cluster: 'c', ingestUrl: 'not a url' }, {}, /is not a URL/],
    [
      'plain HTTP to a remote host',
      { cluster: 'c', ingestUrl: 'http://ingest.example.com' },
      env,
      /plain HTTP would expose the token/,
    ],
    [
      'no token for a non-Function-URL ingest',
      { cluster: 'c', ingestUrl: 'https://ingest.example.com' },
      {},
      /PODTRAIL_TOKEN is required/,
    ],
    ['a bad port', valid, { ...env, PODTRAIL_PORT: '99999' }, /--port "99999"/],
    ['a bad duration', valid, { ...env, PODTRAIL_FLUSH_DEADLINE: 'soon' }, /PODTRAIL_FLUSH_DEADLINE "soon"/],
    ['a batch delay above one second', valid, { ...env, PODTRAIL_BATCH_DELAY: '2s' }, /at most 1s/],
    ['an inverted watch timeout range', valid, { ...env, PODTRAIL_WATCH_TIMEOUT: '600s-300s' }, /MIN-MAX/],
    [
      'an event TTL that is not a duration',
      valid,
      { ...env, PODTRAIL_EVENT_TTL: 'an hour' },
      /PODTRAIL_EVENT_TTL/,
    ],
    [
      'an unknown log level',
      valid,
      { ...env, PODTRAIL_LOG_LEVEL: 'verbose' },
      /--log-level "verbose": use one of debug, info, warn, error/,
    ],
    [
      'a summary interval that is not one',
      valid,
      { ...env, PODTRAIL_LOG_SUMMARY: 'often' },
      /PODTRAIL_LOG_SUMMARY "often"/,
    ],
    [
      'a queue smaller than four batches',
      valid,
      { ...env, PODTRAIL_QUEUE_MAX_BYTES: '2Mi' },
      /at least 4 × PODTRAIL_BATCH_MAX_BYTES/,
    ],
  ])('rejects %s with a message that says what to do', (_case, flags, environment, message) => {
    expect(issuesOf(() => readAgentConfig(flags, environment)).join('\n')).toMatch(message);
  });

  it('takes the log level from --log-level over PODTRAIL_LOG_LEVEL, and turns the summary off with "off"', () => {
    const config = readAgentConfig(
      { ...valid, logLevel: 'warn' },
      { ...env, PODTRAIL_LOG_LEVEL: 'debug', PODTRAIL_LOG_SUMMARY: 'off' },
    );
    expect(config.log).toEqual({ level: 'warn', summaryIntervalMs: null });
    expect(readAgentConfig(valid, { ...env, PODTRAIL_LOG_LEVEL: 'debug' }).log.level).toBe('debug');
  });

  it("names the deploy manifest's unedited placeholders as such, not as a missing token", () => {
    // The literals agent/deploy/kustomization.yaml ships, read from the file itself.
    const literals = Object.fromEntries(
      [
        ...readFileSync('agent/deploy/kustomization.yaml', 'utf8').matchAll(
          /^\s*- (cluster|ingest-url)=(\S+)/gm,
        ),
      ].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(literals).sort()).toEqual(['cluster', 'ingest-url']);
    const issues = issuesOf(() =>
      readAgentConfig({ cluster: literals.cluster, ingestUrl: literals['ingest-url'] }, {}),
    );
    expect(issues).toEqual([
      `--cluster "change-me" is the placeholder of agent/deploy/kustomization.yaml: set cluster= to this cluster's name as given to the podtrail stack (-c clusters=…)`,
      `--ingest-url "${literals['ingest-url']}" is the placeholder of agent/deploy/kustomization.yaml: set ingest-url= to the IngestUrl output of the podtrail stack (https://<id>.lambda-url.<region>.on.aws/)`,
    ]);
  });

  it('looks for a kubeconfig where kubectl does: $KUBECONFIG, else ~/.kube/config', () => {
    expect(readAgentConfig(valid, { ...env, HOME: '/home/me' }).defaultKubeconfigs).toEqual([
      '/home/me/.kube/config',
    ]);
    expect(
      readAgentConfig(valid, { ...env, HOME: '/home/me', KUBECONFIG: '/a:/b' }).defaultKubeconfigs,
    ).toEqual(['/a', '/b']);
  });

  it('says there is no kubeconfig, outside a pod with none to find, instead of trying localhost:8080', () => {
    const home = mkdtempSync(join(tmpdir(), 'podtrail-home-'));
    const config = readAgentConfig(valid, { ...env, HOME: home });
    expect(issuesOf(() => loadKubeConfig(config))).toEqual([
      `no kubeconfig: not running in a pod (KUBERNETES_SERVICE_HOST is unset) and no file at ${home}/.kube/config; pass --kubeconfig PATH (or set KUBECONFIG), or run the agent in the cluster (docs/deploy.md)`,
    ]);
  });

  it('reports every problem at once', () => {
    expect(issuesOf(() => readAgentConfig({}, { PODTRAIL_PORT: 'x' }))).toHaveLength(3);
  });

  it('names a missing kubeconfig file or context clearly', () => {
    expect(
      issuesOf(() =>
        loadKubeConfig({ inCluster: false, kubeconfigPath: '/nonexistent/kubeconfig', context: undefined }),
      ),
    ).toEqual(['--kubeconfig /nonexistent/kubeconfig: no such file']);
  });
});
