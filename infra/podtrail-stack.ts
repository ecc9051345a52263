import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AgentRoles } from './agent-roles.js';
import { Alarms } from './alarms.js';
import type { PodtrailConfig } from './config.js';
import { HandlerFunction } from './handler-function.js';
import { Readers } from './readers.js';
import { PodtrailTable, tableOperations } from './table.js';

/**
 * Everything podtrail runs on in AWS (docs/deploy.md): the table, the ingest and query functions
 * behind IAM-authenticated Function URLs, one role per cluster's agent, a reader policy, alarms.
 * Environment-agnostic (no account/region, no lookups), so `cdk synth` works offline.
 */
export interface PodtrailStackProps extends StackProps {
  readonly config: PodtrailConfig;
}

export class PodtrailStack extends Stack {
  constructor(scope: Construct, id: string, props: PodtrailStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRemovalPolicy =
      config.table.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const table = new PodtrailTable(this, 'Store', config.table);

    // Agents send ≤ 1 MiB of JSON per batch (PODTRAIL_BATCH_MAX_BYTES); the ingest accepts up to
    // 32 MiB decoded (functions/ingest/config.ts), held in memory while its pods are diffed: 512 MB
    // leaves room and buys proportional CPU for gunzip and JSON.parse. 25 s is below the agent's 30 s
    // request timeout, so a stuck invocation ends (502, retried safely) before the agent gives up on
    // it and sends the batch again while the first attempt still writes.
    const ingest = new HandlerFunction(this, 'Ingest', {
      handlerDir: 'ingest',
      description: 'podtrail ingest: agents POST pod watch events (wire format v1)',
      memorySizeMb: 512,
      timeout: Duration.seconds(25),
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy,
      ...(config.ingestReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: config.ingestReservedConcurrency }),
    });
    ingest.fn.addEnvironment('TABLE_NAME', table.grantAccess(ingest.fn, 'ingest'));
    ingest.fn.addEnvironment('RETENTION_DAYS', String(config.retentionDays));
    ingest.fn.addEnvironment('REGISTRY_INTERVAL_SECONDS', String(config.registryIntervalSeconds));

    // Queries read a few pages (≤ 1 MB each) and format them; 30 s bounds a CLI user's wait.
    const query = new HandlerFunction(this, 'Query', {
      handlerDir: 'query',
      description: 'podtrail query: timelines, pods, restart audits, startup latency',
      memorySizeMb: 512,
      timeout: Duration.seconds(30),
      logRetentionDays: config.logRetentionDays,
      logRemovalPolicy,
    });
    query.fn.addEnvironment('TABLE_NAME', table.grantAccess(query.fn, 'query'));
    query.fn.addEnvironment('RETENTION_DAYS', String(config.retentionDays));
    query.fn.addEnvironment('CURSOR_KEY', cursorKey(this, config.cursorKeyGeneration));

    new AgentRoles(this, 'Agents', {
      clusters: config.clusters,
      stackName: config.stackName,
      ingestFunction: ingest.fn,
      ingestUrl: ingest.url,
    });
    new Readers(this, 'Readers', { queryFunction: query.fn, readerRole: config.readerRole });
    new Alarms(this, 'Alarms', {
      metricNamespace: `Podtrail/${config.stackName}`,
      ingestFunction: ingest.fn,
      ingestLogGroup: ingest.logGroup,
      queryFunction: query.fn,
      table: table.table,
      tableOperations: tableOperations(),
    });

    new CfnOutput(this, 'IngestUrl', {
      description: 'Agents POST <IngestUrl>v1/events here (SigV4, service lambda)',
      value: ingest.url.url,
    });
    new CfnOutput(this, 'QueryUrl', {
      description: 'podtrail --endpoint / PODTRAIL_ENDPOINT (SigV4, service lambda)',
      value: query.url.url,
    });
    new CfnOutput(this, 'TableName', { description: 'The podtrail DynamoDB table', value: table.tableName });
  }
}

/**
 * CURSOR_KEY signs the query API's pagination cursors (HMAC), so clients cannot forge store
 * positions. Secrets Manager generates it at deploy time; CloudFormation resolves the dynamic
 * reference into the function's environment, so the function needs no Secrets Manager access and
 * no key exists in the template or the repository. CloudFormation re-resolves the reference only
 * when the function changes, so rotation replaces the secret: each generation is a new resource.
 */
function cursorKey(scope: Construct, generation: number): string {
  const secret = new secretsmanager.Secret(scope, generation === 1 ? 'CursorKey' : `CursorKey${generation}`, {
    description: 'podtrail query cursor HMAC key (CURSOR_KEY)',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The cursor key only makes pagination cursors tamper-evident; it grants no data access (readers are ' +
      'authorised by IAM on the query URL), so automatic rotation would only break open cursors. The value ' +
      'is resolved into the function environment at deploy time; rotate with -c cursorKeyGeneration=N ' +
      '(docs/deploy.md).',
  });
  return secret.secretValue.unsafeUnwrap();
}
