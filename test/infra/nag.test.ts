import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthStack } from './support/synth-stack.js';

const EVERY_OPTION = {
  context: {
    clustersFile: 'clusters.json',
    readerRole: 'arn:aws:iam::111122223333:role/sre',
    ingestReservedConcurrency: '50',
    removalPolicy: 'destroy',
    retentionDays: '14',
    logRetentionDays: '7',
  },
  files: {
    'clusters.json': JSON.stringify({
      clusters: [
        { name: 'eks' },
        {
          name: 'irsa',
          trust: {
            type: 'irsa',
            oidcProviderArn:
              'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          },
        },
        { name: 'external', trust: { type: 'principal', principalArn: 'arn:aws:iam::222233334444:root' } },
      ],
    }),
  },
};

/** Every acknowledged finding in the tree: construct path → rule id (namespace dropped) → reason. */
function acknowledgements(root: IConstruct): Record<string, Record<string, string>> {
  const found: Record<string, Record<string, string>> = {};
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'aws:cdk:acknowledged-rules') {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          found[construct.node.path] = { ...found[construct.node.path], [id.replace(/^.*::/, '')]: reason };
        }
      }
    }
  }
  return found;
}

describe('cdk-nag AwsSolutions checks', () => {
  it.each([
    ['the default stack', {}],
    ['a stack using every option', EVERY_OPTION],
  ])('find nothing unacknowledged in %s', (_name, options) => {
    const { stack } = synthStack(options);
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`,
    );
    expect(findings).toEqual([]);
  });

  it('accept exactly one finding, the cursor key’s rotation, with a reason a reviewer can check', () => {
    const { stack } = synthStack(EVERY_OPTION);
    const acknowledged = acknowledgements(stack);
    expect(Object.keys(acknowledged)).toEqual([`${stack.stackName}/CursorKey`]);
    const rules = acknowledged[`${stack.stackName}/CursorKey`] ?? {};
    expect(Object.keys(rules)).toEqual(['AwsSolutions-SMG4']);
    expect(rules['AwsSolutions-SMG4']).toMatch(/pagination cursors.*no data access.*cursorKeyGeneration/s);
  });
});
