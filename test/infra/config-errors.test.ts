import { describe, expect, it } from 'vitest';
import { readPodtrailConfig } from '../../infra/config.js';
import { InfraConfigError } from '../../infra/infra-config-error.js';
import { fileReader } from './support/files.js';

function read(context: Record<string, unknown>, files: Record<string, string> = {}) {
  return readPodtrailConfig((key) => context[key], fileReader(files));
}

describe('refusing unusable options, with a message that says what to write instead', () => {
  const cases: [
    rule: string,
    context: Record<string, unknown>,
    files: Record<string, string>,
    message: RegExp,
  ][] = [
    [
      'a cluster name must be a DNS label',
      { clusters: 'Prod_EU' },
      {},
      /"Prod_EU" is not a valid cluster name/,
    ],
    ['a cluster name is at most 63 characters', { clusters: 'a'.repeat(64) }, {}, /not a valid cluster name/],
    ['a cluster is listed once', { clusters: 'a,b,a' }, {}, /cluster "a" is listed twice/],
    [
      'clusters and clustersFile exclude each other',
      { clusters: 'a', clustersFile: 'f' },
      { f: '{}' },
      /not both/,
    ],
    [
      'the clusters file must exist',
      { clustersFile: 'missing.json' },
      {},
      /cannot read missing.json: ENOENT/,
    ],
    ['the clusters file must be JSON', { clustersFile: 'f' }, { f: '{clusters:' }, /f is not valid JSON/],
    [
      'a clusters file names its clusters validly',
      { clustersFile: 'f' },
      { f: '{"clusters":[{"name":"ok"},{"name":"NOT OK"}]}' },
      /\$\.clusters\[1\]\.name: must be a DNS label/,
    ],
    [
      'a clusters file has no unknown keys',
      { clustersFile: 'f' },
      { f: '{"clusters":[{"name":"a","role":"x"}]}' },
      /\$\.clusters\[0\]: Unrecognized key: "role"/,
    ],
    [
      'a trust type is one of pod-identity, irsa, principal',
      { clustersFile: 'f' },
      { f: '{"clusters":[{"name":"a","trust":{"type":"kube2iam"}}]}' },
      /\$\.clusters\[0\]\.trust\.type/,
    ],
    [
      'IRSA needs an OIDC provider ARN',
      { clustersFile: 'f' },
      { f: '{"clusters":[{"name":"a","trust":{"type":"irsa","oidcProviderArn":"oidc.eks.amazonaws.com"}}]}' },
      /oidcProviderArn: must be arn:aws:iam::<account>:oidc-provider\/<issuer>/,
    ],
    [
      'an external principal is an IAM ARN',
      { clustersFile: 'f' },
      { f: '{"clusters":[{"name":"a","trust":{"type":"principal","principalArn":"*"}}]}' },
      /principalArn: must be an IAM role, user or account-root ARN/,
    ],
    [
      'a destroyable table cannot be deletion-protected',
      { removalPolicy: 'destroy', deletionProtection: 'true' },
      {},
      /cdk destroy" would fail/,
    ],
    [
      'removalPolicy is retain or destroy',
      { removalPolicy: 'snapshot' },
      {},
      /must be one of retain, destroy/,
    ],
    ['deletionProtection is a boolean', { deletionProtection: 'yes' }, {}, /must be true or false/],
    [
      'log retention is a CloudWatch period',
      { logRetentionDays: '31' },
      {},
      /accepts only 1, 3, 5, .* \(got 31\)/,
    ],
    ['retention is at least a day', { retentionDays: '0' }, {}, /retentionDays must be an integer from 1/],
    [
      'PITR keeps at most 35 days',
      { pitrRecoveryDays: '36' },
      {},
      /pitrRecoveryDays must be an integer from 1 to 35/,
    ],
    [
      'only the three GSIs of older stacks can be kept while upgrading',
      { legacyIndexes: '4' },
      {},
      /legacyIndexes must be an integer from 0 to 3/,
    ],
    ['TTL is on or off', { ttl: 'maybe' }, {}, /ttl must be true or false/],
    [
      'reserved concurrency is a number',
      { ingestReservedConcurrency: 'ten' },
      {},
      /ingestReservedConcurrency/,
    ],
    ['readerRole is none, account or ARNs', { readerRole: 'everyone' }, {}, /"everyone" is not an IAM role/],
    [
      'a stack name starts with a letter',
      { stackName: '1podtrail' },
      {},
      /stackName: "1podtrail" must start/,
    ],
    [
      'the agent namespace is a Kubernetes name',
      { agentNamespace: 'Ops_NS' },
      {},
      /"Ops_NS" is not a Kubernetes/,
    ],
  ];

  it.each(cases)('%s', (_rule, context, files, message) => {
    const attempt = () => read(context, files);
    expect(attempt).toThrow(InfraConfigError);
    expect(attempt).toThrow(message);
  });
});
