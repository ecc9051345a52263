import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '../../functions/store/schema/table-definition.js';
import { onlyResource, resourcesOfType, synthStack } from './support/synth-stack.js';

const TABLE = 'AWS::DynamoDB::GlobalTable';

describe('the table, declared from TABLE_DEFINITION', () => {
  const { template, json } = synthStack();

  it('is one TableV2 (a GlobalTable resource) billed on demand', () => {
    template.resourceCountIs(TABLE, 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.hasResourceProperties(TABLE, { BillingMode: 'PAY_PER_REQUEST' });
  });

  it('has the store’s partition and sort keys, as strings', () => {
    template.hasResourceProperties(TABLE, {
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE_DEFINITION.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_DEFINITION.sortKey, AttributeType: 'S' },
      ]),
    });
  });

  it('declares no secondary index: the store queries none', () => {
    const [, table] = onlyResource(json, TABLE);
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.AttributeDefinitions).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_DEFINITION.sortKey, AttributeType: 'S' },
    ]);
  });

  it('expires items by the attribute every stored item carries (x, epoch seconds)', () => {
    // The store contract test (test/store/retention-ttl.test.ts) checks the items carry it.
    expect(TABLE_DEFINITION.ttlAttribute).toBe('x');
    template.hasResourceProperties(TABLE, {
      TimeToLiveSpecification: { AttributeName: 'x', Enabled: true },
    });
  });

  it('upgrading an older stack: -c ttl=false drops TTL, -c legacyIndexes=N keeps its first N GSIs as they were', () => {
    const { json: step } = synthStack({ context: { ttl: 'false', legacyIndexes: '2' } });
    const [, table] = onlyResource(step, TABLE);
    expect(table.Properties.TimeToLiveSpecification).toBeUndefined();
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      ['gsi1', 'gsi2'].map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}pk`, KeyType: 'HASH' },
          { AttributeName: `${name}sk`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('expires items by the store’s TTL attribute', () => {
    template.hasResourceProperties(TABLE, {
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    });
  });

  it('keeps 35 days of point-in-time recovery and is deletion-protected', () => {
    template.hasResourceProperties(TABLE, {
      Replicas: [
        Match.objectLike({
          Region: { Ref: 'AWS::Region' },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('is retained, with its log groups, when the stack is deleted', () => {
    template.hasResource(TABLE, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const logGroups = resourcesOfType(json, 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(2);
    for (const [, group] of logGroups) expect(group.DeletionPolicy).toBe('Retain');
  });
});

describe('table options', () => {
  it('removalPolicy=destroy deletes the table and log groups and drops deletion protection', () => {
    const { template, json } = synthStack({ context: { removalPolicy: 'destroy' } });
    template.hasResource(TABLE, { DeletionPolicy: 'Delete' });
    template.hasResourceProperties(TABLE, {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
    });
    for (const [, group] of resourcesOfType(json, 'AWS::Logs::LogGroup'))
      expect(group.DeletionPolicy).toBe('Delete');
  });

  it('pitrRecoveryDays and deletionProtection=false reach the replica', () => {
    const { template } = synthStack({ context: { pitrRecoveryDays: '7', deletionProtection: 'false' } });
    template.hasResource(TABLE, { DeletionPolicy: 'Retain' });
    template.hasResourceProperties(TABLE, {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
          DeletionProtectionEnabled: false,
        }),
      ],
    });
  });
});
