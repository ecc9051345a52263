import type { FunctionUrlHandler } from './function-url.js';
import { jsonLines, type Log } from './json-log.js';
import { errorResponse, HttpError } from './responses.js';

/**
 * A Lambda entry point built on its first invocation, so that importing the module never throws:
 * `build` reads the environment and wires the handler once, logging through `log`; every later
 * invocation reuses it. A build error (a ConfigError, say) is logged on every invocation and
 * answered with a 500 that names nothing internal.
 */
export function lambdaEntry(
  name: string,
  build: (log: Log) => FunctionUrlHandler,
  log: Log = jsonLines(process.stdout),
): FunctionUrlHandler {
  let app: FunctionUrlHandler | undefined;
  let startupError: Error | undefined;
  return async (event) => {
    if (app === undefined && startupError === undefined) {
      try {
        app = build(log);
      } catch (error) {
        startupError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (app !== undefined) return app(event);
    const error = startupError ?? new Error('not started');
    const requestId = event.requestContext.requestId;
    log({ level: 'error', msg: `${name} function misconfigured`, requestId, error: error.message });
    return errorResponse(
      new HttpError('internal', `${name} function misconfigured`, { cause: error }),
      requestId,
    );
  };
}
