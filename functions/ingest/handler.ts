import type { FunctionUrlEvent, FunctionUrlHandler, FunctionUrlResult } from '../http/function-url.js';
import { createDynamoStore } from '../store/dynamodb-store.js';
import { type IngestConfig, readIngestConfig } from './config.js';
import { createIngestHandler, jsonLines } from './create-handler.js';
import { errorResponse } from './errors.js';

/**
 * Lambda entry point for the ingest Function URL. The environment is read once, at the first
 * invocation, and the DynamoDB store built once from it (region and credentials from the Lambda
 * environment, via the SDK's default chain). A configuration error is logged and answered 500.
 */
let app: FunctionUrlHandler | undefined;
let startupError: Error | undefined;

function start(): FunctionUrlHandler | undefined {
  if (app !== undefined || startupError !== undefined) return app;
  try {
    const config: IngestConfig = readIngestConfig(process.env);
    app = createIngestHandler({
      store: createDynamoStore({ tableName: config.tableName, retentionDays: config.retentionDays }),
      config,
      clock: () => Date.now(),
      log: jsonLines(process.stdout),
    });
  } catch (error) {
    startupError = error instanceof Error ? error : new Error(String(error));
  }
  return app;
}

export const handler: FunctionUrlHandler = async (event: FunctionUrlEvent): Promise<FunctionUrlResult> => {
  const running = start();
  if (running !== undefined) return running(event);
  process.stdout.write(
    `${JSON.stringify({ level: 'error', msg: 'ingest function misconfigured', error: startupError?.message })}\n`,
  );
  return errorResponse(startupError);
};
