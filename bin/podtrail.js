#!/usr/bin/env node
// Entry point for `podtrail` and `kubectl-podtrail`: runs the TypeScript CLI through tsx, so that
// `npx podtrail …` works on a fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
