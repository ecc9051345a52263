import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * What pages someone: function errors and throttles, DynamoDB throttling, and events the ingest
 * rejected (an agent or wire-format bug: those events are lost). Every alarm notifies one
 * encrypted, TLS-only SNS topic; subscribe to it after deploying (docs/deploy.md).
 */
export interface AlarmsProps {
  readonly metricNamespace: string;
  readonly ingestFunction: lambda.IFunction;
  readonly ingestLogGroup: logs.ILogGroup;
  readonly queryFunction: lambda.IFunction;
  readonly table: dynamodb.TableV2;
  readonly tableOperations: readonly dynamodb.Operation[];
}

/** Short enough to page on a real incident, long enough that one bad minute is one notification. */
const PERIOD = Duration.minutes(5);

/**
 * The ingest writes one JSON line per request to stdout with a numeric `rejected` field, the count
 * of events it refused in that batch (functions/ingest).
 */
export const REJECTED_EVENTS_FILTER = logs.FilterPattern.numberValue('$.rejected', '>', 0);
export const REJECTED_EVENTS_METRIC = 'RejectedEvents';

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key, so the topic gets a
    // customer-managed key whose policy lets CloudWatch use it.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'podtrail alarm topic encryption',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    const cloudwatchService = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    key.grant(cloudwatchService, 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'podtrail alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // The topic policy CDK writes for enforceSSL replaces SNS's default one; allow this account's
    // alarms explicitly.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudwatchService],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );
    new CfnOutput(Stack.of(this), 'AlarmTopicArn', {
      description: 'SNS topic every podtrail alarm notifies: subscribe to it',
      value: this.topic.topicArn,
    });

    const rejected = new logs.MetricFilter(this, 'RejectedEventsFilter', {
      logGroup: props.ingestLogGroup,
      filterPattern: REJECTED_EVENTS_FILTER,
      metricNamespace: props.metricNamespace,
      metricName: REJECTED_EVENTS_METRIC,
      metricValue: '$.rejected',
      unit: cloudwatch.Unit.COUNT,
    });

    this.alarm('IngestErrors', props.ingestFunction.metricErrors({ period: PERIOD }), {
      description: 'The ingest function failed (unhandled error or timeout); agents retry, check its logs.',
    });
    this.alarm('IngestThrottles', props.ingestFunction.metricThrottles({ period: PERIOD }), {
      description:
        'Ingest invocations were throttled (429 to agents, which back off); raise ingestReservedConcurrency ' +
        'or the account concurrency quota.',
    });
    this.alarm('QueryErrors', props.queryFunction.metricErrors({ period: PERIOD }), {
      description: 'The query function failed (unhandled error or timeout); check its logs.',
    });
    this.alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({
        operations: [...props.tableOperations],
        period: PERIOD,
      }),
      {
        description: 'DynamoDB throttled podtrail requests (on-demand burst above twice the previous peak).',
      },
    );
    this.alarm('RejectedEvents', rejected.metric({ period: PERIOD, statistic: cloudwatch.Stats.SUM }), {
      description:
        'The ingest rejected events as invalid (they are not stored); its log lines say which and why.',
    });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, options: { description: string }): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      alarmDescription: options.description,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No datapoint means no traffic, which is healthy for every metric here.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
