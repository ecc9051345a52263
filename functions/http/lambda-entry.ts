import type { FunctionUrlEvent, FunctionUrlHandler, FunctionUrlResult } from './function-url.js';

/**
 * A Lambda entry point built on its first invocation, so that importing the module never throws:
 * `build` reads the environment and wires the handler once; every later invocation reuses it. A
 * build error is logged (one JSON line) on every invocation and answered by `misconfigured`.
 */
export function lambdaEntry(
  name: string,
  build: () => FunctionUrlHandler,
  misconfigured: (error: Error, event: FunctionUrlEvent) => FunctionUrlResult,
): FunctionUrlHandler {
  let app: FunctionUrlHandler | undefined;
  let startupError: Error | undefined;
  return async (event) => {
    if (app === undefined && startupError === undefined) {
      try {
        app = build();
      } catch (error) {
        startupError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (app !== undefined) return app(event);
    const error = startupError ?? new Error('not started');
    process.stdout.write(
      `${JSON.stringify({ level: 'error', msg: `${name} function misconfigured`, error: error.message })}\n`,
    );
    return misconfigured(error, event);
  };
}
