import { describe, expect, it } from 'vitest';
import {
  evaluate,
  functionId,
  onlyResource,
  propertiesOf,
  resourcesOfType,
  statementsOfRole,
  synthStack,
} from './support/synth-stack.js';

const { template, json } = synthStack({ context: { clusters: 'prod-eu-1' } });
const ingestId = functionId(json, 'podtrail ingest');
const queryId = functionId(json, 'podtrail query');
const [tableId] = onlyResource(json, 'AWS::DynamoDB::GlobalTable');
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
function fn(id: string) {
  return propertiesOf<
    Record<string, unknown> & {
      Environment: { Variables: Record<string, unknown> };
      Role: { 'Fn::GetAtt': [string, string] };
      LoggingConfig: { LogGroup: { Ref: string } };
    }
  >(json, id);
}
const roleOf = (id: string) => fn(id).Role['Fn::GetAtt'][0];

describe('Function URLs', () => {
  it('are exactly two, one per function, both AWS_IAM-authenticated and buffered', () => {
    const urls = resourcesOfType(json, 'AWS::Lambda::Url').map(([, url]) => url.Properties);
    expect(urls).toEqual(
      expect.arrayContaining([
        {
          AuthType: 'AWS_IAM',
          InvokeMode: 'BUFFERED',
          TargetFunctionArn: { 'Fn::GetAtt': [ingestId, 'Arn'] },
        },
        {
          AuthType: 'AWS_IAM',
          InvokeMode: 'BUFFERED',
          TargetFunctionArn: { 'Fn::GetAtt': [queryId, 'Arn'] },
        },
      ]),
    );
    expect(urls).toHaveLength(2);
  });

  it('have no resource-based permission, so nobody outside the granted roles can invoke them', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });
});

describe('the two functions', () => {
  it.each([
    ['ingest', ingestId, 512, 25],
    ['query', queryId, 512, 30],
  ])('%s runs Node.js 24 on arm64 with its memory and timeout', (_name, id, memory, timeout) => {
    expect(fn(id)).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: memory,
      Timeout: timeout,
    });
  });

  it.each([
    ['ingest', ingestId],
    ['query', queryId],
  ])('%s logs to its own log group, kept 30 days, and may write only there', (_name, id) => {
    const logGroupId = fn(id).LoggingConfig.LogGroup.Ref;
    expect(propertiesOf(json, logGroupId)).toEqual({ RetentionInDays: 30 });
    expect(statementsOfRole(json, roleOf(id))).toContainEqual({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
    });
  });

  it.each([
    ['ingest', ingestId],
    ['query', queryId],
  ])('%s has a role of its own: trusted by Lambda only, no managed policies', (_name, id) => {
    expect(propertiesOf(json, roleOf(id))).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      },
      Description: expect.stringMatching(/^podtrail (ingest|query) function$/),
    });
  });

  it('reserve no ingest concurrency unless asked, and exactly what is asked', () => {
    expect(fn(ingestId).ReservedConcurrentExecutions).toBeUndefined();
    const reserved = synthStack({ context: { ingestReservedConcurrency: '25' } }).json;
    const props = propertiesOf(reserved, functionId(reserved, 'podtrail ingest'));
    expect(props?.ReservedConcurrentExecutions).toBe(25);
    expect(propertiesOf(reserved, functionId(reserved, 'podtrail query')).ReservedConcurrentExecutions).toBe(
      undefined,
    );
  });

  it('take logRetentionDays for both log groups', () => {
    const { json: short } = synthStack({ context: { logRetentionDays: '14' } });
    const groups = resourcesOfType(short, 'AWS::Logs::LogGroup').map(([, g]) => g.Properties);
    expect(groups).toEqual([{ RetentionInDays: 14 }, { RetentionInDays: 14 }]);
  });
});

describe('the ingest function', () => {
  it('gets TABLE_NAME, RETENTION_DAYS, REGISTRY_INTERVAL_SECONDS and CLUSTER_PRINCIPALS, nothing else but source maps', () => {
    const variables = fn(ingestId).Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'CLUSTER_PRINCIPALS',
      'NODE_OPTIONS',
      'REGISTRY_INTERVAL_SECONDS',
      'RETENTION_DAYS',
      'TABLE_NAME',
    ]);
    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      RETENTION_DAYS: '30',
      REGISTRY_INTERVAL_SECONDS: '60',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may read and write the table, action by action', () => {
    const table = statementsOfRole(json, roleOf(ingestId)).filter((s) =>
      JSON.stringify(s).includes('dynamodb:'),
    );
    expect(table).toEqual([
      {
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
        ],
        Effect: 'Allow',
        Resource: tableArn,
      },
    ]);
  });

  it('has no permission beyond its log group and the table', () => {
    expect(statementsOfRole(json, roleOf(ingestId))).toHaveLength(2);
  });

  it('takes registryIntervalSeconds as REGISTRY_INTERVAL_SECONDS', () => {
    const { json: coarse } = synthStack({ context: { registryIntervalSeconds: '600' } });
    expect(propertiesOf(coarse, functionId(coarse, 'podtrail ingest'))?.Environment).toMatchObject({
      Variables: { REGISTRY_INTERVAL_SECONDS: '600' },
    });
  });

  it('takes retentionDays as RETENTION_DAYS, as the query function does', () => {
    const { json: long } = synthStack({ context: { retentionDays: '90' } });
    for (const prefix of ['podtrail ingest', 'podtrail query']) {
      const props = propertiesOf(long, functionId(long, prefix));
      expect(props?.Environment).toMatchObject({ Variables: { RETENTION_DAYS: '90' } });
    }
  });
});

describe('the query function', () => {
  it('gets TABLE_NAME, RETENTION_DAYS and CURSOR_KEY resolved from a generated secret at deploy time', () => {
    const variables = fn(queryId).Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'CURSOR_KEY',
      'NODE_OPTIONS',
      'RETENTION_DAYS',
      'TABLE_NAME',
    ]);
    expect(variables).toMatchObject({ TABLE_NAME: { Ref: tableId }, RETENTION_DAYS: '30' });
    const [secretId, secret] = onlyResource(json, 'AWS::SecretsManager::Secret');
    expect(evaluate(json, variables.CURSOR_KEY)).toBe(
      `{{resolve:secretsmanager:<${secretId}>:SecretString:::}}`,
    );
    // 64 alphanumerics ≈ 381 bits, well over the 32 bytes functions/query/config.ts requires.
    expect(secret.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
  });

  it('may only read: Get/BatchGet/Query on the table, nothing on indexes (there are none)', () => {
    const table = statementsOfRole(json, roleOf(queryId)).filter((s) =>
      JSON.stringify(s).includes('dynamodb:'),
    );
    expect(table).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        Effect: 'Allow',
        Resource: tableArn,
      },
    ]);
  });

  it('gets a new key, from a new secret, when cursorKeyGeneration is bumped', () => {
    const rotated = synthStack({ context: { cursorKeyGeneration: '2' } }).json;
    const [secretId] = onlyResource(rotated, 'AWS::SecretsManager::Secret');
    expect(secretId).not.toBe(onlyResource(json, 'AWS::SecretsManager::Secret')[0]);
    const variables = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
      rotated,
      functionId(rotated, 'podtrail query'),
    ).Environment.Variables;
    expect(evaluate(rotated, variables.CURSOR_KEY)).toBe(
      `{{resolve:secretsmanager:<${secretId}>:SecretString:::}}`,
    );
  });

  it('needs no Secrets Manager access, since CloudFormation resolves the key', () => {
    expect(statementsOfRole(json, roleOf(queryId))).toHaveLength(2);
    expect(JSON.stringify(statementsOfRole(json, roleOf(queryId)))).not.toContain('secretsmanager');
  });
});

describe('every identity policy in the stack', () => {
  it('names its actions and resources: no wildcard action, no Resource "*"', () => {
    const documents = [
      ...resourcesOfType(json, 'AWS::IAM::Policy'),
      ...resourcesOfType(json, 'AWS::IAM::ManagedPolicy'),
    ].map(
      ([, policy]) =>
        policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] },
    );
    expect(documents.length).toBeGreaterThan(0);
    for (const statement of documents.flatMap((d) => d.Statement)) {
      expect([statement.Action].flat().filter((action) => String(action).includes('*'))).toEqual([]);
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });
});
