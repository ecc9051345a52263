/**
 * The pure core stays pure (house style point 2, design §2): nothing under functions/domain/ may
 * import the AWS SDK, CDK, the Kubernetes client, `process` or I/O modules, reach outside the
 * domain folder through a relative import, or read the clock, randomness, timers or `process`.
 * Parsed with the TypeScript compiler, so comments and strings never count and dynamic import()
 * and `export … from` do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * Where a pure module's relative imports may lead: folders (relative to the root) it may import
 * from, and modules it may import types from only (a port's types describe; its values do I/O).
 */
interface ImportRules {
  readonly name: string;
  readonly allowed: readonly string[];
  readonly typesOnly: readonly string[];
}

const DOMAIN_RULES: ImportRules = { name: 'functions/domain', allowed: ['functions/domain'], typesOnly: [] };

/** Every violation in one source file; `file` is its path relative to the repository root. */
function checkDomainSource(file: string, text: string, rules: ImportRules = DOMAIN_RULES): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, rule: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    violations.push({ file, line: line + 1, rule });
  };
  const checkSpecifier = (node: ts.Node, specifier: string, typeOnly = false) => {
    if (FORBIDDEN_MODULES.some((pattern) => pattern.test(specifier))) {
      report(node, `imports ${specifier}`);
    } else if (specifier.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts');
      const inside = (folder: string) => target === folder || target.startsWith(`${folder}/`);
      if (typeOnly && rules.typesOnly.includes(target)) return;
      if (rules.typesOnly.includes(target)) report(node, `imports values from ${specifier} (types only)`);
      else if (!rules.allowed.some(inside)) report(node, `imports ${specifier} from outside ${rules.name}`);
    }
    // Any other package (zod, say) is allowed: the list above is what makes code impure.
  };

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined
    ) {
      if (ts.isStringLiteral(node.moduleSpecifier))
        checkSpecifier(node, node.moduleSpecifier.text, isTypeOnlyImport(node));
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
      if (literal !== undefined && ts.isStringLiteral(literal)) checkSpecifier(node, literal.text, true);
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

/** `import type …`, `export type … from`, or an import whose every name is `type`. */
function isTypeOnlyImport(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
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
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
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

/**
 * The store's layers (docs/architecture.md): schema → items → pod → write, readers beside writers.
 * The pure layers (schema, items, pod) do no I/O and read no clock: they take `now` and the table
 * reaches them as types only.
 */
const STORE = 'functions/store';
const PURE_STORE_RULES: ImportRules = {
  name: 'the store’s pure layers (functions/domain, store/schema, store/items, store/pod)',
  allowed: ['functions/domain', `${STORE}/schema`, `${STORE}/items`, `${STORE}/pod`],
  typesOnly: [`${STORE}/table/table-client.ts`, `${STORE}/port.ts`],
};

describe('the store’s pure layers (schema, items, pod) are pure', () => {
  const files = ['schema', 'items', 'pod'].flatMap((layer) => domainFiles(join(ROOT, STORE, layer)));

  it('has files to check', () => {
    expect(files.map((f) => relative(ROOT, f))).toContain(join(STORE, 'schema', 'keys.ts'));
  });

  it('import no table-client value and no I/O, and read no clock or randomness', () => {
    const violations = files.flatMap((path) =>
      checkDomainSource(relative(ROOT, path), readFileSync(path, 'utf8'), PURE_STORE_RULES),
    );
    expect(violations).toEqual([]);
  });

  it('the checker tells a type import from a value import of the table client', () => {
    const text = `
import type { Item } from '../table/table-client.js';
import { type TableClient, type Condition } from '../table/table-client.js';
import { queryAll } from '../table/table-client.js';
import { applyToPod } from '../write/pod-writer.js';
`;
    expect(
      checkDomainSource(`${STORE}/items/x.ts`, text, PURE_STORE_RULES).map((v) => `${v.line} ${v.rule}`),
    ).toEqual([
      '4 imports values from ../table/table-client.js (types only)',
      `5 imports ../write/pod-writer.js from outside ${PURE_STORE_RULES.name}`,
    ]);
  });
});

/** Every relative import of every TypeScript module of the product, as edges of a graph. */
const PRODUCT_FOLDERS = ['functions', 'agent', 'cli', 'local', 'infra', 'simulator', 'bench', 'ui'];

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = PRODUCT_FOLDERS.flatMap((folder) => domainFiles(join(ROOT, folder))).filter((f) =>
    /\.(ts|tsx)$/.test(f),
  );
  for (const path of files) {
    const file = relative(ROOT, path);
    const source = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const edges: string[] = [];
    const add = (specifier: string) => {
      if (!specifier.startsWith('.')) return;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts');
      edges.push(existsSync(join(ROOT, target)) ? target : `${target}x`);
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument !== undefined && ts.isStringLiteralLike(argument)) add(argument.text);
      } else if (ts.isImportTypeNode(node)) {
        const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
        if (literal !== undefined && ts.isStringLiteral(literal)) add(literal.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, edges);
  }
  return graph;
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

describe('imports go one way', () => {
  const graph = importGraph();

  it('the graph covers the product (the walk found the store and the CLI)', () => {
    expect(graph.has(`${STORE}/write/pod-writer.ts`)).toBe(true);
    expect(graph.has('cli/main.ts')).toBe(true);
  });

  it('no import cycle anywhere, type imports and import() included', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the cycle finder finds a cycle through a type import and a self-import', () => {
    const sample = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(cyclesOf(sample)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  /** Store layers a layer may not import: write → pod → items → schema; read → items, schema, pod. */
  const FORBIDDEN_LAYERS: Readonly<Record<string, readonly string[]>> = {
    schema: ['items', 'pod', 'write', 'read'],
    items: ['pod', 'write', 'read'],
    pod: ['write', 'read'],
    read: ['write'],
    table: ['items', 'pod', 'write', 'read'],
  };

  it.each(Object.entries(FORBIDDEN_LAYERS))('store/%s imports none of %j', (layer, forbidden) => {
    const wrong: string[] = [];
    for (const [file, edges] of graph) {
      if (!file.startsWith(`${STORE}/${layer}/`)) continue;
      for (const target of edges)
        if (forbidden.some((f) => target.startsWith(`${STORE}/${f}/`))) wrong.push(`${file} → ${target}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the key schema is spelled in one module', () => {
  /** Key parts: a partition prefix such as `P#` or `X#`, the page mark `#R#`, the head mark `#H`. */
  const KEY_PART = /^[PLSXEUCYK]#|#R#|#H$/;

  it('no string in the store but schema/keys.ts holds a key prefix', () => {
    const files = domainFiles(join(ROOT, STORE)).filter((f) => !f.endsWith(join('schema', 'keys.ts')));
    const found: string[] = [];
    for (const path of files) {
      const file = relative(ROOT, path);
      const source = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        const text =
          ts.isStringLiteralLike(node) ||
          ts.isTemplateHead(node) ||
          ts.isTemplateMiddle(node) ||
          ts.isTemplateTail(node)
            ? node.text
            : undefined;
        if (text !== undefined && KEY_PART.test(text)) found.push(`${file}: '${text}'`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});

/**
 * Deployable units depend one way (house style point 1). The CLI drives local mode (`podtrail
 * start`, `podtrail serve`), so local mode never imports the CLI; the CLI reaches the functions over
 * HTTP, so it never imports a handler or the store (names and report shapes come from the domain).
 */
describe('deployable units import one way', () => {
  const graph = importGraph();
  it.each([
    ['local', ['cli']],
    ['cli', ['functions/ingest', 'functions/query', 'functions/store']],
    // The web UI runs in the browser: the domain and the CLI's pure printers, never a server's code.
    [
      'ui',
      [
        'functions/ingest',
        'functions/query',
        'functions/store',
        'functions/http',
        'local',
        'agent',
        'simulator',
      ],
    ],
  ])('%s/ imports nothing from %s', (from, forbidden) => {
    const files = [...graph.keys()].filter((file) => file.startsWith(`${from}/`));
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => forbidden.some((dir) => target.startsWith(`${dir}/`)))
        .map((target) => `${file} imports ${target}`),
    );
    expect(violations).toEqual([]);
  });
});
