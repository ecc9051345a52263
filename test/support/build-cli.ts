import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles the CLI before any test file runs, so the tests that spawn
 * bin/podtrail.js run the JavaScript users get (dist/cli/), built from the code under test — also
 * when a single file runs with `npx vitest run test/…`, which does not go through `npm test`.
 */
export default function buildCli(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
}
