import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../functions/store/table-definition.js';
import type { PodtrailConfig } from './config.js';

/**
 * The podtrail table, declared from TABLE_DEFINITION (the same object the store creates local
 * tables from), so key names, indexes and the TTL attribute cannot drift from the code that uses
 * them. A GSI added there appears here, and in the IAM statements below, with no change to infra/.
 */

/** The shape infra/ relies on; TABLE_DEFINITION must stay assignable to it. */
interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Omitted: ALL, the store's default for its generic overloaded indexes. */
  readonly projection?: 'ALL' | 'KEYS_ONLY' | readonly string[];
}
interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly ttlAttribute: string;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
}
const DEFINITION: TableDefinition = TABLE_DEFINITION;

/**
 * Access the functions need, action by action (no wildcards), matching the operations the store's
 * TableClient (functions/store/table-client.ts) performs: conditional PutItem/DeleteItem, unconditional
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
/** GSIs can only be queried; writes reach them through the table. Ingest reads live pods for SYNC. */
const INDEX_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  ingest: ['dynamodb:Query'],
  query: ['dynamodb:Query'],
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
      partitionKey: { name: DEFINITION.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: DEFINITION.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: DEFINITION.ttlAttribute,
      globalSecondaryIndexes: DEFINITION.globalSecondaryIndexes.map(indexProps),
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

  /** One ARN per GSI, named: `<table-arn>/index/<name>`. */
  indexArns(): string[] {
    return DEFINITION.globalSecondaryIndexes.map((gsi) => `${this.table.tableArn}/index/${gsi.indexName}`);
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
    const indexArns = this.indexArns();
    if (indexArns.length > 0) {
      iam.Grant.addToPrincipal({ grantee, actions: [...INDEX_ACTIONS[access]], resourceArns: indexArns });
    }
    return this.tableName;
  }
}

function indexProps(gsi: IndexDefinition): dynamodb.GlobalSecondaryIndexPropsV2 {
  const base = {
    indexName: gsi.indexName,
    partitionKey: { name: gsi.partitionKey, type: dynamodb.AttributeType.STRING },
    ...(gsi.sortKey === undefined
      ? {}
      : { sortKey: { name: gsi.sortKey, type: dynamodb.AttributeType.STRING } }),
  };
  const projection = gsi.projection ?? 'ALL';
  if (projection === 'ALL') return { ...base, projectionType: dynamodb.ProjectionType.ALL };
  if (projection === 'KEYS_ONLY') return { ...base, projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  return { ...base, projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...projection] };
}
