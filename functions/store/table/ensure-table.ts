import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../schema/table-definition.js';

/**
 * Creates the podtrail table from TABLE_DEFINITION when it does not exist (local mode, tests) and
 * waits until it is ACTIVE; in AWS the CDK stack creates it from the same definition. TTL is
 * switched on where the endpoint supports it (dynalite does not: reads filter expired items anyway).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<'created' | 'exists'> {
  if ((await tableStatus(client, tableName)) === 'ACTIVE') return 'exists';
  let created = false;
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    created = true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // Emulators create tables at once or within ~0.5 s; 30 s bounds a stuck endpoint.
  for (let waited = 0; (await tableStatus(client, tableName)) !== 'ACTIVE'; waited += 100) {
    if (waited > 30_000) throw new Error(`table ${tableName} did not become ACTIVE within 30 s`);
    await sleep(100);
  }
  if (created) {
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
        }),
      );
    } catch {
      // dynalite has no TTL (UnknownOperationException); expiry is also enforced on every read.
    }
  }
  return created ? 'created' : 'exists';
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function createTableInput(tableName: string) {
  const d = TABLE_DEFINITION;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [d.partitionKey, d.sortKey].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: d.sortKey, KeyType: 'RANGE' as const },
    ],
  };
}
