import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../functions/store/schema/table-definition.js';
import type { PodtrailConfig } from './config.js';

/**
 * The podtrail table, declared from TABLE_DEFINITION (the same object the store creates local
 * tables from), so key names and the TTL attribute cannot drift from the code that uses them.
 * The store needs no secondary index; `legacyIndexes` only exists to take the unused GSIs of
 * stacks deployed before December 2026 away one per deployment (docs/deploy.md, "Upgrading").
 */

/**
 * Access the functions need, action by action (no wildcards), matching the operations the store's
 * TableClient (functions/store/table/table-client.ts) performs: conditional PutItem/DeleteItem, unconditional
 * puts through BatchWriteItem, GetItem/BatchGetItem and Query. No UpdateItem, Scan, transactions or
 * PartiQL — the store never issues them (they are not in both emulators), so nobody may.
 */
export type TableAccess = 'ingest' | 'query';
const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  ingest: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  query: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
};

/** Every DynamoDB operation some function performs, for the throttling alarm. */
export function tableOperations(): readonly dynamodb.Operation[] {
  const actions = new Set([...TABLE_ACTIONS.ingest, ...TABLE_ACTIONS.query]);
  return [...actions].map((action) => action.replace('dynamodb:', '') as dynamodb.Operation);
}

export class PodtrailTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, config: PodtrailConfig['table']) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: dynamodb.AttributeType.STRING },
      ...(config.ttl ? { timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute } : {}),
      // The GSIs older stacks declared and never wrote: CloudFormation deletes one GSI per update,
      // so an upgraded stack keeps the first `legacyIndexes` until the operator steps them down.
      globalSecondaryIndexes: Array.from({ length: config.legacyIndexes }, (_, i) =>
        legacyIndex(`gsi${i + 1}`),
      ),
      // On-demand: nothing to size, and no charge for capacity while idle (only storage).
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: config.pitrRecoveryDays,
      },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Grants `access` to `grantee` and returns the TABLE_NAME value to hand it: callers set the
   * variable in the same statement as the grant, so neither exists without the other.
   */
  grantAccess(grantee: iam.IGrantable, access: TableAccess): string {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [...TABLE_ACTIONS[access]],
      resourceArns: [this.table.tableArn],
    });
    return this.tableName;
  }
}

/** Exactly as older stacks declared them, so keeping one is no change to CloudFormation. */
function legacyIndex(indexName: string): dynamodb.GlobalSecondaryIndexPropsV2 {
  return {
    indexName,
    partitionKey: { name: `${indexName}pk`, type: dynamodb.AttributeType.STRING },
    sortKey: { name: `${indexName}sk`, type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType.ALL,
  };
}
