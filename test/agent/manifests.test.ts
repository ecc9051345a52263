import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseDuration } from '../../agent/config.js';

/** The Kubernetes manifests and the image, checked for the properties that matter. */

const DEPLOY = 'agent/deploy';
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, navigated freely by the assertions below.
type Doc = Record<string, any>;

const files = readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml'));
const docs: Doc[] = files.flatMap((f) =>
  parseAllDocuments(readFileSync(`${DEPLOY}/${f}`, 'utf8')).map((d) => d.toJS() as Doc),
);
const kind = (k: string) => docs.filter((d) => d.kind === k);
const one = (k: string): Doc => {
  const found = kind(k);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const deployment = () => one('Deployment');
const container = () => deployment().spec.template.spec.containers[0];
const env = (name: string) => container().env.find((e: Doc) => e.name === name);

describe('RBAC', () => {
  it('grants exactly get, list and watch on pods and core events, and nothing else', () => {
    expect(one('ClusterRole').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(kind('Role')).toEqual([]);
  });

  it('binds the role cluster-wide to the agent service account the Deployment runs as', () => {
    const binding = one('ClusterRoleBinding');
    const account = one('ServiceAccount');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: one('ClusterRole').metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace },
    ]);
    expect(deployment().spec.template.spec.serviceAccountName).toBe(account.metadata.name);
  });
});

describe('the Deployment', () => {
  it('runs one agent, replaced by Recreate', () => {
    expect(deployment().spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
  });

  it('is locked down: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
    const pod = deployment().spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container().securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('probes /healthz for start-up and liveness and /readyz for readiness, on the port the agent listens on', () => {
    const c = container();
    expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    const port = c.ports.find((p: Doc) => p.name === 'http');
    expect(String(port.containerPort)).toBe(env('PODTRAIL_PORT').value);
  });

  it('has requests and a memory limit, and a V8 heap cap below that limit', () => {
    const { requests, limits } = container().resources;
    expect(requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    const limitMi = Number.parseInt(limits.memory, 10);
    const heapMi = Number(/--max-old-space-size=(\d+)/.exec(env('NODE_OPTIONS').value)?.[1]);
    expect(heapMi).toBeLessThan(limitMi);
  });

  it('gives the agent longer to shut down than its flush deadline', () => {
    const deadlineMs = parseDuration(env('PODTRAIL_FLUSH_DEADLINE').value) ?? Number.POSITIVE_INFINITY;
    expect(deployment().spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(deadlineMs);
  });

  it('reads cluster and ingest URL from the generated ConfigMap, and the token only from an optional Secret', () => {
    expect(env('PODTRAIL_CLUSTER').valueFrom.configMapKeyRef).toEqual({
      name: 'podtrail-agent',
      key: 'cluster',
    });
    expect(env('PODTRAIL_INGEST_URL').valueFrom.configMapKeyRef).toEqual({
      name: 'podtrail-agent',
      key: 'ingest-url',
    });
    expect(env('PODTRAIL_TOKEN').valueFrom.secretKeyRef).toMatchObject({
      name: 'podtrail-agent',
      optional: true,
    });
  });
});

describe('kustomize', () => {
  const kustomization = one('Kustomization');

  it('lists every manifest in the folder', () => {
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml').sort(),
    );
  });

  it('generates the ConfigMap the Deployment reads', () => {
    const generated = kustomization.configMapGenerator.find((g: Doc) => g.name === 'podtrail-agent');
    expect(generated.literals.map((l: string) => l.split('=')[0]).sort()).toEqual(['cluster', 'ingest-url']);
  });

  it('names a placeholder image no registry can serve (a reserved .invalid domain), for the overlay to replace', () => {
    // No image is published: a plain name would be pulled from Docker Hub, where anyone may own it.
    expect(container().image).toMatch(/^change-me\.invalid\/podtrail-agent:/);
    expect(kustomization.images).toBeUndefined();
  });
});

describe('the image', () => {
  const dockerfile = readFileSync('agent/Dockerfile', 'utf8');
  const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l));

  it('is multi-stage, on Node.js 24, and runs the bundle as a numeric non-root user', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.at(-1)).toMatch(/^FROM node:24-slim$/);
    const user = instructions.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
    expect(instructions.at(-1)).toBe('ENTRYPOINT ["node", "/app/podtrail-agent.mjs"]');
  });

  it('bundles exactly as `npm run bundle:agent` does', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    const run = instructions.find((l) => l.startsWith('RUN npx esbuild '));
    expect(run?.slice('RUN npx '.length)).toBe(scripts['bundle:agent']);
  });
});
