import { describe, expect, it } from 'vitest';
import { readPodtrailConfig } from '../../infra/config.js';
import { fileReader } from './support/files.js';

const OIDC_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';

function read(context: Record<string, unknown>, files: Record<string, string> = {}) {
  return readPodtrailConfig((key) => context[key], fileReader(files));
}

describe('deployment options from CDK context', () => {
  it('defaults to a retained, protected table and no clusters', () => {
    expect(read({})).toEqual({
      stackName: 'Podtrail',
      clusters: [],
      retentionDays: 30,
      registryIntervalSeconds: 60,
      table: {
        removalPolicy: 'retain',
        deletionProtection: true,
        pitrRecoveryDays: 35,
        ttl: true,
        legacyIndexes: 0,
      },
      logRetentionDays: 30,
      cursorKeyGeneration: 1,
      readerRole: { type: 'none' },
    });
  });

  it('gives every cluster of -c clusters EKS Pod Identity trust pinned to the agent manifests', () => {
    expect(read({ clusters: 'prod-eu-1, staging' }).clusters).toEqual([
      {
        name: 'prod-eu-1',
        trust: {
          type: 'pod-identity',
          eksClusterName: 'prod-eu-1',
          namespace: 'podtrail',
          serviceAccount: 'podtrail-agent',
        },
      },
      {
        name: 'staging',
        trust: {
          type: 'pod-identity',
          eksClusterName: 'staging',
          namespace: 'podtrail',
          serviceAccount: 'podtrail-agent',
        },
      },
    ]);
  });

  it('accepts a JSON array of names from cdk.json', () => {
    expect(read({ clusters: ['a', 'b'] }).clusters.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('applies agentNamespace and agentServiceAccount to every cluster without its own', () => {
    const config = read({ clusters: 'a', agentNamespace: 'observability', agentServiceAccount: 'trail' });
    expect(config.clusters[0]?.trust).toMatchObject({ namespace: 'observability', serviceAccount: 'trail' });
  });

  it('reads per-cluster trust from a clusters file', () => {
    const file = JSON.stringify({
      clusters: [
        { name: 'prod-eu-1' },
        {
          name: 'prod-us-1',
          trust: { type: 'pod-identity', eksClusterName: 'eks-prod-us', namespace: 'ops' },
        },
        { name: 'onprem', trust: { type: 'irsa', oidcProviderArn: OIDC_ARN, serviceAccount: 'agent' } },
        {
          name: 'partner',
          trust: {
            type: 'principal',
            principalArn: 'arn:aws:iam::222233334444:role/podtrail',
            externalId: 'x-123',
          },
        },
      ],
    });
    expect(read({ clustersFile: 'clusters.json' }, { 'clusters.json': file }).clusters).toEqual([
      {
        name: 'prod-eu-1',
        trust: {
          type: 'pod-identity',
          eksClusterName: 'prod-eu-1',
          namespace: 'podtrail',
          serviceAccount: 'podtrail-agent',
        },
      },
      {
        name: 'prod-us-1',
        trust: {
          type: 'pod-identity',
          eksClusterName: 'eks-prod-us',
          namespace: 'ops',
          serviceAccount: 'podtrail-agent',
        },
      },
      {
        name: 'onprem',
        trust: {
          type: 'irsa',
          oidcProviderArn: OIDC_ARN,
          issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E',
          namespace: 'podtrail',
          serviceAccount: 'agent',
        },
      },
      {
        name: 'partner',
        trust: {
          type: 'principal',
          principalArn: 'arn:aws:iam::222233334444:role/podtrail',
          externalId: 'x-123',
        },
      },
    ]);
  });

  it('reads every scalar option, from -c strings and from cdk.json numbers and booleans alike', () => {
    const fromCli = read({
      stackName: 'PodtrailEu',
      retentionDays: '90',
      registryIntervalSeconds: '600',
      removalPolicy: 'destroy',
      pitrRecoveryDays: '7',
      ttl: 'false',
      legacyIndexes: '2',
      logRetentionDays: '14',
      ingestReservedConcurrency: '20',
      cursorKeyGeneration: '3',
      readerRole: 'account',
    });
    const fromJson = read({
      stackName: 'PodtrailEu',
      retentionDays: 90,
      registryIntervalSeconds: 600,
      removalPolicy: 'destroy',
      deletionProtection: false,
      pitrRecoveryDays: 7,
      ttl: false,
      legacyIndexes: 2,
      logRetentionDays: 14,
      ingestReservedConcurrency: 20,
      cursorKeyGeneration: 3,
      readerRole: 'account',
    });
    const expected = {
      stackName: 'PodtrailEu',
      clusters: [],
      retentionDays: 90,
      registryIntervalSeconds: 600,
      table: {
        removalPolicy: 'destroy',
        deletionProtection: false,
        pitrRecoveryDays: 7,
        ttl: false,
        legacyIndexes: 2,
      },
      logRetentionDays: 14,
      ingestReservedConcurrency: 20,
      cursorKeyGeneration: 3,
      readerRole: { type: 'account' },
    };
    expect(fromCli).toEqual(expected);
    expect(fromJson).toEqual(expected);
  });

  it('lets a retained table drop deletion protection', () => {
    expect(read({ deletionProtection: 'false' }).table).toEqual({
      removalPolicy: 'retain',
      deletionProtection: false,
      pitrRecoveryDays: 35,
      ttl: true,
      legacyIndexes: 0,
    });
  });

  it('trusts listed principals with the reader role', () => {
    expect(
      read({ readerRole: 'arn:aws:iam::111122223333:role/sre,arn:aws:iam::111122223333:root' }).readerRole,
    ).toEqual({
      type: 'principals',
      principalArns: ['arn:aws:iam::111122223333:role/sre', 'arn:aws:iam::111122223333:root'],
    });
  });

  it('returns a frozen object', () => {
    const config = read({ clusters: 'a' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.clusters)).toBe(true);
    expect(Object.isFrozen(config.clusters[0]?.trust)).toBe(true);
  });
});
