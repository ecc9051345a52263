import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readAgentConfig } from '../../agent/config.js';
import { ConfigError } from '../../agent/errors.js';
import { ensureKubectl } from '../support/kubectl-binary.js';

/**
 * The install path of docs/deploy.md §4, as written: its overlay and its IRSA and OIDC patches,
 * rendered by the real kubectl's kustomize over agent/deploy, must give the agent the documented
 * values, image and credentials, and the agent must accept them; the base alone must be refused
 * with a message that names the placeholders (issue 16).
 */

const DEPLOY_MD = readFileSync('docs/deploy.md', 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: rendered YAML, navigated freely by the assertions below.
type Doc = Record<string, any>;

const overlay = /cat > overlays\/prod-eu-1\/kustomization\.yaml <<'EOF'\n([\s\S]*?)\nEOF/.exec(
  DEPLOY_MD,
)?.[1];
const yamlBlocks = [...DEPLOY_MD.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const patchFor = (kind: string) =>
  yamlBlocks.find((b) => b.startsWith('patches:') && b.includes(`kind: ${kind}`));
const pushedImage = /docker push (\S+)/.exec(DEPLOY_MD)?.[1];

/** `kubectl kustomize` of an overlay at overlays/prod-eu-1 over a copy of agent/deploy. */
function render(kustomization: string): Doc[] {
  const root = mkdtempSync(join(tmpdir(), 'podtrail-overlay-'));
  cpSync('agent/deploy', join(root, 'agent', 'deploy'), { recursive: true });
  mkdirSync(join(root, 'overlays', 'prod-eu-1'), { recursive: true });
  writeFileSync(join(root, 'overlays', 'prod-eu-1', 'kustomization.yaml'), kustomization);
  const out = execFileSync(ensureKubectl(), ['kustomize', join(root, 'overlays', 'prod-eu-1')], {
    encoding: 'utf8',
  });
  return parseAllDocuments(out).map((d) => d.toJS() as Doc);
}

const one = (docs: Doc[], kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Doc;
};
const agentContainer = (docs: Doc[]) => one(docs, 'Deployment').spec.template.spec.containers[0];

/** The agent's configuration from the rendered ConfigMap, as the Deployment's env hands it over. */
function agentConfigOf(docs: Doc[]) {
  const configMap = one(docs, 'ConfigMap');
  const env: Record<string, string> = {};
  for (const e of agentContainer(docs).env as Doc[]) {
    const ref = e.valueFrom?.configMapKeyRef;
    if (ref !== undefined) {
      expect(ref.name).toBe(configMap.metadata.name);
      env[e.name] = configMap.data[ref.key];
    } else if (typeof e.value === 'string') env[e.name] = e.value;
  }
  return readAgentConfig({}, env);
}

describe('docs/deploy.md §4, rendered with kubectl kustomize', () => {
  it('has an overlay, an IRSA patch, an OIDC patch and a pushed image to check', () => {
    expect(overlay).toContain('../../agent/deploy');
    expect(patchFor('ServiceAccount')).toBeDefined();
    expect(patchFor('Deployment')).toBeDefined();
    expect(pushedImage).toMatch(/\/podtrail-agent:/);
  });

  it('the overlay: the cluster name, the ingest URL and the pushed image, all in namespace podtrail', () => {
    const docs = render(overlay ?? '');
    const config = agentConfigOf(docs);
    expect(config.cluster).toBe('prod-eu-1');
    expect(config.auth).toEqual({ kind: 'sigv4', region: 'eu-west-1' });
    expect(agentContainer(docs).image).toBe(pushedImage);
    const namespaced = docs.filter(
      (d) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(d.kind),
    );
    expect(namespaced.map((d) => [d.kind, d.metadata.namespace])).toEqual(
      namespaced.map((d) => [d.kind, 'podtrail']),
    );
  });

  it('EKS with IRSA: the ServiceAccount carries the agent role', () => {
    const docs = render(`${overlay}\n${patchFor('ServiceAccount')}`);
    expect(one(docs, 'ServiceAccount').metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/Podtrail-agent-prod-eu-1',
    });
  });

  it('other clusters with an OIDC issuer: a projected sts.amazonaws.com token where AWS_WEB_IDENTITY_TOKEN_FILE says', () => {
    const docs = render(`${overlay}\n${patchFor('Deployment')}`);
    const pod = one(docs, 'Deployment').spec.template.spec;
    const container = agentContainer(docs);
    const env = Object.fromEntries((container.env as Doc[]).map((e) => [e.name, e.value]));
    const volume = (pod.volumes as Doc[]).find((v) => v.projected !== undefined);
    const source = volume?.projected.sources[0].serviceAccountToken;
    const mount = (container.volumeMounts as Doc[]).find((m) => m.name === volume?.name);
    expect(source.audience).toBe('sts.amazonaws.com');
    expect(env.AWS_WEB_IDENTITY_TOKEN_FILE).toBe(`${mount?.mountPath}/${source.path}`);
    expect(env.AWS_ROLE_ARN).toMatch(/^arn:aws:iam::\d{12}:role\/Podtrail-agent-/);
    // The rest of the Deployment is untouched: the base's own volume and mount are still there.
    expect((pod.volumes as Doc[]).map((v) => v.name)).toContain('tmp');
  });

  it('the base alone is refused by the agent, naming the placeholders to set', () => {
    const docs = render(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../agent/deploy\n',
    );
    let issues: readonly string[] = [];
    try {
      agentConfigOf(docs);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues = error.issues;
    }
    expect(issues).toHaveLength(2);
    expect(
      issues.every((issue) => issue.includes('is the placeholder of agent/deploy/kustomization.yaml')),
    ).toBe(true);
    expect(agentContainer(docs).image).toMatch(/^change-me\.invalid\//);
  });
});

describe('the docs apply and delete the manifests as a kustomization', () => {
  it.each(['README.md', 'docs/deploy.md', 'docs/agent.md'])(
    '%s never uses kubectl -f on agent/deploy',
    (file) => {
      expect(readFileSync(file, 'utf8')).not.toMatch(/kubectl (apply|delete) -f [^\n]*agent\/deploy/);
    },
  );
});
