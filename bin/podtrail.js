#!/usr/bin/env node
// Entry point for `podtrail` and `kubectl-podtrail`: runs the TypeScript CLI through tsx, so that
// `npx podtrail …` works on a fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// The SDK's notice that its 2027 releases will need Node 22 says nothing about this command's
// result; it would only clutter every CLI run. Production runtimes are Node 24 anyway.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
