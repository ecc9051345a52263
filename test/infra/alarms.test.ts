import { describe, expect, it } from 'vitest';
import {
  functionId,
  onlyResource,
  propertiesOf,
  resourcesOfType,
  synthStack,
} from './support/synth-stack.js';

const { json } = synthStack({ context: { clusters: 'prod-eu-1' } });
const ingestId = functionId(json, 'podtrail ingest');
const queryId = functionId(json, 'podtrail query');
const [tableId] = onlyResource(json, 'AWS::DynamoDB::GlobalTable');
const [topicId, topic] = onlyResource(json, 'AWS::SNS::Topic');
const ingestLogGroup = propertiesOf<{ LoggingConfig: { LogGroup: { Ref: string } } }>(json, ingestId)
  .LoggingConfig.LogGroup.Ref;

function alarm(id: string): Record<string, unknown> {
  const matches = resourcesOfType(json, 'AWS::CloudWatch::Alarm').filter(([logicalId]) =>
    logicalId.startsWith(id),
  );
  expect(matches).toHaveLength(1);
  return (matches[0]?.[1].Properties ?? {}) as Record<string, unknown>;
}

const PAGES_ON_FIRST_DATAPOINT = {
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Threshold: 1,
  EvaluationPeriods: 1,
  TreatMissingData: 'notBreaching',
  AlarmActions: [{ Ref: topicId }],
};

describe('alarms', () => {
  it('are the five that need a person, and each notifies the topic', () => {
    expect(resourcesOfType(json, 'AWS::CloudWatch::Alarm')).toHaveLength(5);
  });

  it.each([
    ['AlarmsIngestErrors', 'Errors', ingestId],
    ['AlarmsIngestThrottles', 'Throttles', ingestId],
    ['AlarmsQueryErrors', 'Errors', queryId],
  ])('%s watches the function’s AWS/Lambda %s, summed over 5 minutes', (id, metric, fnId) => {
    expect(alarm(id)).toMatchObject({
      ...PAGES_ON_FIRST_DATAPOINT,
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
      Statistic: 'Sum',
      Period: 300,
    });
  });

  it('TableThrottles sums ThrottledRequests over every operation the functions are granted', () => {
    const props = alarm('AlarmsTableThrottles');
    expect(props).toMatchObject(PAGES_ON_FIRST_DATAPOINT);
    const metrics = props.Metrics as { MetricStat?: { Metric: Record<string, unknown>; Stat: string } }[];
    const operations = metrics.flatMap((m) => (m.MetricStat === undefined ? [] : [m.MetricStat]));
    for (const stat of operations) {
      expect(stat.Metric).toMatchObject({ Namespace: 'AWS/DynamoDB', MetricName: 'ThrottledRequests' });
      expect(stat.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: tableId } });
      expect(stat.Stat).toBe('Sum');
    }
    const names = operations.map(
      (s) =>
        (s.Metric.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === 'Operation')
          ?.Value,
    );
    const granted = new Set(
      resourcesOfType(json, 'AWS::IAM::Policy')
        .flatMap(
          ([, p]) =>
            (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
        )
        .flatMap((s) => [s.Action].flat())
        .filter((action) => action.startsWith('dynamodb:'))
        .map((action) => action.slice('dynamodb:'.length)),
    );
    expect(new Set(names)).toEqual(granted);
  });

  it('RejectedEvents counts the `rejected` field of the ingest’s JSON log lines', () => {
    const [, filter] = onlyResource(json, 'AWS::Logs::MetricFilter');
    expect(filter.Properties).toEqual({
      LogGroupName: { Ref: ingestLogGroup },
      FilterPattern: '{ $.rejected > 0 }',
      MetricTransformations: [
        {
          MetricNamespace: 'Podtrail/Podtrail',
          MetricName: 'RejectedEvents',
          MetricValue: '$.rejected',
          Unit: 'Count',
        },
      ],
    });
    expect(alarm('AlarmsRejectedEvents')).toMatchObject({
      ...PAGES_ON_FIRST_DATAPOINT,
      Namespace: 'Podtrail/Podtrail',
      MetricName: 'RejectedEvents',
      Statistic: 'Sum',
      Period: 300,
    });
  });

  it('keep stacks apart: the rejected-events metric lives under the stack’s namespace', () => {
    const other = synthStack({ context: { stackName: 'PodtrailUs' } }).json;
    const [, filter] = onlyResource(other, 'AWS::Logs::MetricFilter');
    expect(filter.Properties.MetricTransformations).toEqual([
      expect.objectContaining({ MetricNamespace: 'Podtrail/PodtrailUs' }),
    ]);
  });
});

describe('the alarm topic', () => {
  it('is encrypted with a rotating customer-managed key that CloudWatch may use', () => {
    const [keyId, key] = onlyResource(json, 'AWS::KMS::Key');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect((key.Properties.KeyPolicy as { Statement: unknown[] }).Statement).toContainEqual({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Resource: '*',
    });
  });

  it('refuses publishing without TLS and lets only this account’s alarms publish', () => {
    const [, policy] = onlyResource(json, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
    expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Sid: 'AllowPublishThroughSSLOnly',
        Action: 'sns:Publish',
        Effect: 'Deny',
        Principal: '*',
        Resource: { Ref: topicId },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: expect.any(String),
        Action: 'sns:Publish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Resource: { Ref: topicId },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':alarm:*',
                ],
              ],
            },
          },
        },
      },
    ]);
  });
});
