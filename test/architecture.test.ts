/**
 * The pure core stays pure (house style point 2, design §2): nothing under functions/domain/ may
 * import the AWS SDK, CDK, the Kubernetes client, `process` or I/O modules, reach outside the
 * domain folder through a relative import, or read the clock, randomness, timers or `process`.
 * Parsed with the TypeScript compiler, so comments and strings never count and dynamic import()
 * and `export … from` do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOMAIN = join(ROOT, 'functions', 'domain');

/** Packages whose presence in the domain means I/O, a cloud SDK or a process dependency. */
const FORBIDDEN_MODULES: readonly RegExp[] = [
  /^@aws-sdk\//,
  /^@smithy\//,
  /^@aws-crypto\//,
  /^@aws-lambda-powertools\//,
  /^aws-cdk-lib(\/|$)/,
  /^constructs$/,
  /^@kubernetes\/client-node(\/|$)/,
  /^(node:)?(process|fs|fs\/promises|net|http|https|http2|tls|dns|dgram|child_process|worker_threads|cluster)$/,
];

/** `object.member` reads that observe the world: the clock, randomness, the process. */
const FORBIDDEN_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  Date: ['now'],
  performance: ['now', 'timeOrigin'],
  Math: ['random'],
  crypto: ['randomUUID', 'getRandomValues'],
  globalThis: ['process', 'Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate'],
};

/** Globals the domain may not touch at all. */
const FORBIDDEN_GLOBALS = new Set(['process', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

/** Every violation in one source file; `file` is its path relative to the repository root. */
function checkDomainSource(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, rule: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    violations.push({ file, line: line + 1, rule });
  };
  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (FORBIDDEN_MODULES.some((pattern) => pattern.test(specifier))) {
      report(node, `imports ${specifier}`);
    } else if (specifier.startsWith('.')) {
      const target = resolve(ROOT, dirname(file), specifier);
      if (relative(DOMAIN, target).startsWith('..'))
        report(node, `imports ${specifier} from outside functions/domain`);
    }
    // Any other package (zod, say) is allowed: the list above is what makes code impure.
  };

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined
    ) {
      if (ts.isStringLiteral(node.moduleSpecifier)) checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) checkSpecifier(node, expression.text);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) {
        const [argument] = node.arguments;
        if (argument !== undefined && ts.isStringLiteralLike(argument)) checkSpecifier(node, argument.text);
        else report(node, `${isRequire ? 'require' : 'import'}() of a computed specifier`);
      }
    } else if (ts.isImportTypeNode(node)) {
      const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      if (literal !== undefined && ts.isStringLiteral(literal)) checkSpecifier(node, literal.text);
    } else if (ts.isNewExpression(node)) {
      if (
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'Date' &&
        (node.arguments?.length ?? 0) === 0
      ) {
        report(node, 'reads the clock with new Date()');
      }
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const members = FORBIDDEN_MEMBERS[node.expression.text];
      if (members?.includes(node.name.text)) report(node, `reads ${node.expression.text}.${node.name.text}`);
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && isValueReference(node)) {
      report(node, `uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

/** True when `id` refers to a binding, not a property name, declaration name or type member. */
function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) &&
    parent.name === id
  ) {
    return false;
  }
  if (ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) return parent.name !== id;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  return !(ts.isBindingElement(parent) && parent.propertyName === id);
}

function domainFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return domainFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('functions/domain is pure', () => {
  const files = domainFiles(DOMAIN);

  it('has files to check (the walk found the domain folder)', () => {
    expect(files.map((f) => relative(ROOT, f))).toContain(join('functions', 'domain', 'pod-status.ts'));
  });

  it('imports no SDK, Kubernetes client, process or I/O module, and reads no clock, randomness or process', () => {
    const violations = files.flatMap((path) =>
      checkDomainSource(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(violations).toEqual([]);
  });
});

describe('the purity checker itself', () => {
  const BAD = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HttpRequest } from '@smithy/protocol-http';
import { Stack } from 'aws-cdk-lib';
import * as k8s from '@kubernetes/client-node';
import { env } from 'node:process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'http';
import net from 'node:net';
export { thing } from '../store/port.js';
import { handler } from '../ingest/handler.js';
type Lazy = typeof import('fs');
const client = await import('@aws-sdk/lib-dynamodb');
const dynamic = await import(moduleName);
const legacy = require('fs');
export function now(): number {
  const a = Date.now();
  const b = new Date();
  const c = new Date;
  const d = performance.now();
  const e = process.env.TABLE;
  const f = Math.random();
  const g = globalThis.process;
  setTimeout(() => {}, 10);
  return a + b.getTime() + c.getTime() + d + f;
}
`;

  it('reports every kind of violation with its line', () => {
    expect(checkDomainSource('functions/domain/bad.ts', BAD).map((v) => `${v.line} ${v.rule}`)).toEqual([
      '2 imports @aws-sdk/client-dynamodb',
      '3 imports @smithy/protocol-http',
      '4 imports aws-cdk-lib',
      '5 imports @kubernetes/client-node',
      '6 imports node:process',
      '7 imports node:fs/promises',
      '8 imports http',
      '9 imports node:net',
      '10 imports ../store/port.js from outside functions/domain',
      '11 imports ../ingest/handler.js from outside functions/domain',
      '12 imports fs',
      '13 imports @aws-sdk/lib-dynamodb',
      '14 import() of a computed specifier',
      '15 imports fs',
      '17 reads Date.now',
      '18 reads the clock with new Date()',
      '19 reads the clock with new Date()',
      '20 reads performance.now',
      '21 uses process',
      '22 reads Math.random',
      '23 reads globalThis.process',
      '24 uses setTimeout',
    ]);
  });

  it('accepts what only looks similar: times passed in, strings, comments, property names, sibling imports', () => {
    const clean = `
import { humanDuration } from './human-duration.js';
import type { JsonObject } from './json-access.js';
// Date.now() and process.env are read by the adapters, never here.
const note = 'new Date() and process.exitCode';
export interface Clock { process: string; now(): number }
export function age(createdAt: number, now: number, pod: { process?: string }): string {
  const at = new Date(createdAt);
  const { process: ignored } = pod;
  const shape = { process: 1, setTimeout: 2 };
  return humanDuration(now - at.getTime()) + note + String(ignored) + shape.process + pod.process;
}
`;
    expect(checkDomainSource('functions/domain/clean.ts', clean)).toEqual([]);
  });
});

/** Every relative import of a source file (static, `export … from`, `import()`, `import type`), resolved. */
function importedPaths(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let specifier: ts.Expression | ts.LiteralTypeNode['literal'] | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      specifier = node.arguments[0];
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      specifier = node.argument.literal;
    if (specifier !== undefined && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.'))
      found.push(resolve(dirname(path), specifier.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Deployable units depend one way (house style point 1). The CLI drives local mode (`podtrail
 * start`, `podtrail serve`), so local mode never imports the CLI; the CLI reaches the functions over
 * HTTP, so it never imports a handler or the store (names and report shapes come from the domain).
 */
describe('deployable units import one way', () => {
  it.each([
    ['local', ['cli']],
    ['cli', ['functions/ingest', 'functions/query', 'functions/store']],
  ])('%s/ imports nothing from %s', (from, forbidden) => {
    const files = domainFiles(join(ROOT, from));
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) =>
      importedPaths(file)
        .filter((target) => forbidden.some((dir) => !relative(join(ROOT, dir), target).startsWith('..')))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`),
    );
    expect(violations).toEqual([]);
  });
});
