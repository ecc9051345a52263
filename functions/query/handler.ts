import type { FunctionUrlEvent, FunctionUrlHandler, FunctionUrlResult } from '../http/function-url.js';
import { readQueryConfig } from './config.js';
import { createQueryHandler, jsonLogger } from './create-handler.js';
import { errorResponse, QueryError } from './errors.js';
import { createLambdaStoreReader } from './lambda-store.js';

/**
 * Lambda entry point for the query Function URL. The environment is read once, on the first
 * invocation (so that importing this module never throws), and the DynamoDB store is built once
 * from it; every later invocation reuses both. A configuration error is answered with a 500 and
 * logged, and never shown to the caller.
 */
let app: FunctionUrlHandler | undefined;
let startupError: Error | undefined;

function start(): FunctionUrlHandler | undefined {
  if (app !== undefined || startupError !== undefined) return app;
  try {
    const config = readQueryConfig(process.env);
    app = createQueryHandler({
      reader: createLambdaStoreReader(config),
      config,
      clock: () => Date.now(),
      log: jsonLogger(process.stdout),
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
    `${JSON.stringify({ level: 'error', msg: 'query function misconfigured', error: startupError?.message })}\n`,
  );
  return errorResponse(new QueryError('internal', 'the query function is misconfigured'), event);
};
