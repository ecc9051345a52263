import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resourcesOfType, synthStack } from './support/synth-stack.js';

/**
 * The names the docs tell people to copy — stack outputs (`Podtrail.IngestUrl`,
 * `AgentRoleArnProdEu1`…) and agent role names (`Podtrail-agent-prod-eu-1`) — are the ones the
 * synthesized stack really has (issue 16: a sample role `podtrail-agent-…` the stack never creates).
 */

const SOURCES = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync('agent/deploy')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `agent/deploy/${f}`),
];
const text = SOURCES.map((file) => readFileSync(file, 'utf8')).join('\n');

/** Every cluster the docs' examples name an agent role or output for. */
const CLUSTERS = ['prod-eu-1', 'staging', 'prod-us-1', 'onprem-1', 'partner-gke'];
const { json } = synthStack({
  context: { clusters: CLUSTERS.join(','), readerRole: 'account' },
});
const outputs = new Set(Object.keys(json.Outputs ?? {}));
const roleNames = new Set(
  resourcesOfType(json, 'AWS::IAM::Role').map(([, role]) => String(role.Properties.RoleName)),
);

const OUTPUT_NAMES =
  /\b(AgentRoleArn[A-Z][A-Za-z0-9]*|IngestUrl|QueryUrl|ReaderPolicyArn|ReaderRoleArn|TableName|AlarmTopicArn)\b/g;

describe('names in the docs and manifests', () => {
  it('every stack output they name is one the stack has', () => {
    const named = new Set([
      ...[...text.matchAll(/\bPodtrail\.(\w+)/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(OUTPUT_NAMES)].map((m) => m[1] ?? ''),
    ]);
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((name) => !outputs.has(name))).toEqual([]);
  });

  it('every agent role they name is one the stack creates (role names are case-sensitive)', () => {
    const named = new Set([
      ...[...text.matchAll(/role\/([\w+=,.@-]*-agent-[\w+=,.@-]+)/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/\b(Podtrail-agent-[a-z0-9-]*[a-z0-9])/g)].map((m) => m[1] ?? ''),
    ]);
    expect([...named]).toContain('Podtrail-agent-prod-eu-1');
    expect([...named].filter((name) => !roleNames.has(name))).toEqual([]);
  });
});
