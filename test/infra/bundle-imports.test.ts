import { describe, expect, it } from 'vitest';
import { dynamodbActionsImportedBy } from './support/bundle-imports.js';

describe('reading the DynamoDB actions a bundle can call from its imports', () => {
  it.each([
    [
      'document-client commands map to their item operations',
      'import{BatchGetCommand as a,DeleteCommand as b,DynamoDBDocumentClient as c,QueryCommand as d}from"@aws-sdk/lib-dynamodb";',
      ['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
    ],
    [
      'low-level commands map to their own names',
      'import{DynamoDBClient as e,UpdateTimeToLiveCommand as f}from"@aws-sdk/client-dynamodb";',
      ['dynamodb:UpdateTimeToLive'],
    ],
    [
      'unminified imports count too',
      "import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';",
      ['dynamodb:PutItem', 'dynamodb:TransactWriteItems'],
    ],
    ['other packages do not', 'import{GetObjectCommand as g}from"@aws-sdk/client-s3";', []],
  ])('%s', (_rule, bundle, actions) => {
    expect(dynamodbActionsImportedBy(bundle)).toEqual(actions);
  });
});
