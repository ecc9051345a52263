#!/usr/bin/env node
// Entry point for `podtrail` and `kubectl-podtrail`: runs the compiled CLI in dist/cli/, built by
// scripts/build-cli.mjs (`npm run build`; `npm ci`, `npm start` and `npm test` run it).
//
// In a clone of the repository (cli/main.ts is here) a missing build, or one older than any source
// file it was built from, is never run: the CLI then runs from the TypeScript sources through tsx
// (correct, but 0.2–0.8 s slower a call) and says so on stderr. An installed package has no sources:
// there a missing build is an error that says how to repair it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The SDK's notice that its 2027 releases will need Node 22 says nothing about this command's
// result; it would only clutter every CLI run. Production runtimes are Node 24 anyway.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/cli/main.js', root);

/** Why the compiled CLI cannot be trusted here, or undefined when it can. */
function staleBuild() {
  if (!existsSync(compiled)) return 'dist/cli/ is not built';
  let build;
  try {
    build = JSON.parse(readFileSync(new URL('dist/cli/sources.json', root), 'utf8'));
  } catch {
    return 'dist/cli/sources.json is unreadable';
  }
  for (const source of build.sources) {
    const stat = statSync(new URL(source, root), { throwIfNoEntry: false });
    if (stat === undefined) return `${source} was deleted since the last build`;
    if (stat.mtimeMs > build.builtAt) return `${source} changed since the last build`;
  }
  return undefined;
}

let main;
if (existsSync(new URL('cli/main.ts', root))) {
  const why = staleBuild();
  if (why === undefined) {
    ({ main } = await import(compiled.href));
  } else {
    process.stderr.write(
      `podtrail: ${why}: running the TypeScript sources (slower; "npm run build" compiles them)\n`,
    );
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import(new URL('cli/main.ts', root).href));
  }
} else if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  process.stderr.write(
    `error: podtrail is not built: ${fileURLToPath(compiled)} is missing. ` +
      `Run "npm run build" in ${fileURLToPath(root)}, or reinstall podtrail.\n`,
  );
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
