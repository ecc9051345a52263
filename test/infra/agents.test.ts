import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  type CfnTemplate,
  evaluate,
  functionId,
  onlyResource,
  propertiesOf,
  resourcesOfType,
  statementsOfRole,
  synthStack,
} from './support/synth-stack.js';

const OIDC_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const CLUSTERS_FILE = JSON.stringify({
  clusters: [
    { name: 'prod-eu-1' },
    { name: 'prod-us-1', trust: { type: 'pod-identity', eksClusterName: 'eks-prod-us-1' } },
    { name: 'onprem', trust: { type: 'irsa', oidcProviderArn: OIDC_ARN } },
    {
      name: 'partner',
      trust: {
        type: 'principal',
        principalArn: 'arn:aws:iam::222233334444:role/podtrail-agent',
        externalId: 'pt-42',
      },
    },
  ],
});

const { json, template } = synthStack({
  context: { clustersFile: 'clusters.json' },
  files: { 'clusters.json': CLUSTERS_FILE },
});
const ingestId = functionId(json, 'podtrail ingest');

function agentRole(t: CfnTemplate, cluster: string): [string, Record<string, unknown>] {
  const [id, role] = onlyResource(
    t,
    'AWS::IAM::Role',
    (r) => r.Properties.RoleName === `Podtrail-agent-${cluster}`,
  );
  return [id, role.Properties ?? {}];
}

function trustOf(cluster: string): unknown {
  return (agentRole(json, cluster)[1].AssumeRolePolicyDocument as { Statement: unknown[] }).Statement;
}

function clusterPrincipals(t: CfnTemplate): unknown {
  const props = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
    t,
    functionId(t, 'podtrail ingest'),
  );
  return JSON.parse(evaluate(t, props.Environment.Variables.CLUSTER_PRINCIPALS));
}

describe('agent role trust', () => {
  it('Pod Identity: pods.eks.amazonaws.com, pinned to the cluster, namespace and service account', () => {
    expect(trustOf('prod-eu-1')).toEqual([
      {
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-name': 'prod-eu-1',
            'aws:RequestTag/kubernetes-namespace': 'podtrail',
            'aws:RequestTag/kubernetes-service-account': 'podtrail-agent',
          },
        },
      },
    ]);
  });

  it('Pod Identity matches the EKS cluster name when it differs from podtrail’s', () => {
    expect(trustOf('prod-us-1')).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: expect.objectContaining({ 'aws:RequestTag/eks-cluster-name': 'eks-prod-us-1' }),
        },
      }),
    ]);
  });

  it('IRSA: web identity from the OIDC provider, for the agent’s service account and STS audience only', () => {
    expect(trustOf('onprem')).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: OIDC_ARN },
        Condition: {
          StringEquals: {
            [`${ISSUER}:sub`]: 'system:serviceaccount:podtrail:podtrail-agent',
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ]);
  });

  it('an external principal, with its external id', () => {
    expect(trustOf('partner')).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222233334444:role/podtrail-agent' },
        Condition: { StringEquals: { 'sts:ExternalId': 'pt-42' } },
      },
    ]);
  });
});

describe('what an agent role may do', () => {
  it.each(['prod-eu-1', 'prod-us-1', 'onprem', 'partner'])(
    '%s: invoke the ingest URL, nothing else',
    (cluster) => {
      const [roleId, role] = agentRole(json, cluster);
      expect(statementsOfRole(json, roleId)).toEqual([
        {
          Action: 'lambda:InvokeFunctionUrl',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [ingestId, 'Arn'] },
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
        },
        {
          Action: 'lambda:InvokeFunction',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [ingestId, 'Arn'] },
          Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': true } },
        },
      ]);
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.Policies).toBeUndefined();
      const managed = resourcesOfType(json, 'AWS::IAM::ManagedPolicy').filter(([, p]) =>
        JSON.stringify(p.Properties.Roles ?? []).includes(roleId),
      );
      expect(managed).toEqual([]);
    },
  );
});

describe('the ingest’s cluster → principal binding', () => {
  it('maps exactly the configured clusters, each to its own agent role ARN', () => {
    expect(clusterPrincipals(json)).toEqual({
      'prod-eu-1': ['arn:aws:iam::123456789012:role/Podtrail-agent-prod-eu-1'],
      'prod-us-1': ['arn:aws:iam::123456789012:role/Podtrail-agent-prod-us-1'],
      onprem: ['arn:aws:iam::123456789012:role/Podtrail-agent-onprem'],
      partner: ['arn:aws:iam::123456789012:role/Podtrail-agent-partner'],
    });
  });

  it('references the roles themselves (GetAtt), so the binding cannot name a role that is not deployed', () => {
    const serialized = JSON.stringify(
      propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(json, ingestId).Environment
        .Variables.CLUSTER_PRINCIPALS,
    );
    for (const cluster of ['prod-eu-1', 'prod-us-1', 'onprem', 'partner']) {
      expect(serialized).toContain(JSON.stringify({ 'Fn::GetAtt': [agentRole(json, cluster)[0], 'Arn'] }));
    }
  });

  it('is empty, with a synth warning, when no cluster is configured', () => {
    const empty = synthStack();
    expect(clusterPrincipals(empty.json)).toEqual({});
    expect(resourcesOfType(empty.json, 'AWS::IAM::Role').filter(([, r]) => r.Properties.RoleName)).toEqual(
      [],
    );
    Annotations.fromStack(empty.stack).hasWarning(
      '/Podtrail/Agents',
      Match.stringLikeRegexp('No clusters configured.*-c clusters='),
    );
  });

  it('follows the stack name, so two stacks in one account get distinct roles', () => {
    const eu = synthStack({ context: { stackName: 'PodtrailEu', clusters: 'prod' } });
    expect(clusterPrincipals(eu.json)).toEqual({
      prod: ['arn:aws:iam::123456789012:role/PodtrailEu-agent-prod'],
    });
  });

  it('refuses, at synth, more clusters than fit in Lambda’s 4 KB environment', () => {
    const many = Array.from({ length: 60 }, (_, i) => `cluster-number-${String(i).padStart(3, '0')}`);
    expect(() => synthStack({ context: { clusters: many.join(',') } })).toThrow(
      /60 clusters need up to \d+ bytes of CLUSTER_PRINCIPALS.*split the clusters over several stacks/,
    );
  });

  it('accepts forty clusters with ordinary names', () => {
    const forty = Array.from({ length: 40 }, (_, i) => `prod-${String(i).padStart(2, '0')}`);
    const { json: big } = synthStack({ context: { clusters: forty.join(',') } });
    expect(Object.keys(clusterPrincipals(big) as object)).toEqual(forty);
  });
});

describe('agent role outputs', () => {
  it('one per cluster, under a stable key, with the role ARN', () => {
    for (const [cluster, key] of [
      ['prod-eu-1', 'AgentRoleArnProdEu1'],
      ['prod-us-1', 'AgentRoleArnProdUs1'],
      ['onprem', 'AgentRoleArnOnprem'],
      ['partner', 'AgentRoleArnPartner'],
    ] as const) {
      template.hasOutput(key, {
        Value: { 'Fn::GetAtt': [agentRole(json, cluster)[0], 'Arn'] },
        Description: `Role the podtrail agent of cluster ${cluster} assumes`,
      });
    }
  });
});
