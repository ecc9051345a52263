/**
 * The DynamoDB API actions a bundled handler can call, read from its import statements: @aws-sdk/*
 * stays external in the Lambda bundles, so every command class the code uses appears as an import
 * specifier, e.g. `import{GetCommand as a,PutCommand as b}from"@aws-sdk/lib-dynamodb"`.
 */
const SDK_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["'](@aws-sdk\/(?:lib-dynamodb|client-dynamodb))["']/g;

/** lib-dynamodb's document commands are named after the item operations they wrap. */
const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
  ExecuteStatementCommand: 'ExecuteStatement',
  BatchExecuteStatementCommand: 'BatchExecuteStatement',
  ExecuteTransactionCommand: 'ExecuteTransaction',
};

export const WRITE_ACTIONS = new Set([
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
]);

export function dynamodbActionsImportedBy(bundle: string): string[] {
  const actions = new Set<string>();
  for (const [, specifiers = '', from] of bundle.matchAll(SDK_IMPORT)) {
    for (const specifier of specifiers.split(',')) {
      const name = specifier.trim().split(/\s+as\s+/)[0] ?? '';
      if (!name.endsWith('Command')) continue;
      const operation =
        from === '@aws-sdk/lib-dynamodb' ? DOCUMENT_COMMANDS[name] : name.slice(0, -'Command'.length);
      if (operation !== undefined) actions.add(`dynamodb:${operation}`);
    }
  }
  return [...actions].sort();
}
