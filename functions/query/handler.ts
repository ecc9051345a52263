import { lambdaEntry } from '../http/lambda-entry.js';
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
export const handler = lambdaEntry(
  'query',
  () => {
    const config = readQueryConfig(process.env);
    return createQueryHandler({
      reader: createLambdaStoreReader(config),
      config,
      clock: () => Date.now(),
      log: jsonLogger(process.stdout),
    });
  },
  (_error, event) => errorResponse(new QueryError('internal', 'the query function is misconfigured'), event),
);
