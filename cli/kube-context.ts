import { readFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { UsageError } from './io.js';

/**
 * The kubeconfig context kubectl would use, read the way kubectl reads it: --kubeconfig, else the
 * files in $KUBECONFIG (merged: the first file to set current-context wins, and the first to define a
 * context name), else ~/.kube/config. Only what picks a podtrail cluster and namespace is read.
 */
export interface KubeContext {
  /** The context's name, e.g. `arn:aws:eks:eu-west-1:111122223333:cluster/prod-eu-1` or `kind-dev`. */
  readonly name: string;
  /** The context's `cluster` field (the kubeconfig cluster entry it points at). */
  readonly cluster: string;
  /** The context's namespace, if it sets one. */
  readonly namespace: string | undefined;
  /** How the context was chosen, for messages: `--context X` or `current-context in FILE`. */
  readonly chosenBy: string;
}

export interface KubeContextRequest {
  /** --kubeconfig */
  readonly kubeconfig: string | undefined;
  /** --context */
  readonly context: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

interface ContextEntry {
  readonly cluster: string;
  readonly namespace: string | undefined;
  readonly file: string;
}

/**
 * The context, or undefined when there is no kubeconfig at all (and none was named). A named file
 * that cannot be read, or a named context that no file defines, is a usage error, as in kubectl.
 */
export async function readKubeContext(request: KubeContextRequest): Promise<KubeContext | undefined> {
  const explicit = request.kubeconfig !== undefined;
  const files = explicit ? [resolve(request.cwd, request.kubeconfig!)] : kubeconfigFiles(request.env);
  const contexts = new Map<string, ContextEntry>();
  let current: { name: string; file: string } | undefined;
  let readAny = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // kubectl skips $KUBECONFIG entries that do not exist; a file named by --kubeconfig must.
      if (explicit) throw new UsageError(`--kubeconfig: cannot read "${file}": ${reason(error)}`);
      continue;
    }
    readAny = true;
    const config = await parseKubeconfig(text, file);
    if (current === undefined && config.currentContext !== undefined)
      current = { name: config.currentContext, file };
    for (const [name, entry] of config.contexts) if (!contexts.has(name)) contexts.set(name, entry);
  }
  const wanted = request.context ?? current?.name;
  // No context named and none current: kubectl would have no target either; the caller decides.
  if (wanted === undefined) return undefined;
  const entry = contexts.get(wanted);
  if (entry === undefined) {
    const known = [...contexts.keys()];
    const where = readAny ? files.join(', ') : `no kubeconfig file (looked at ${files.join(', ')})`;
    throw new UsageError(
      `context "${wanted}" is not defined in ${where}${known.length > 0 ? ` (contexts: ${known.join(', ')})` : ''}`,
    );
  }
  return {
    name: wanted,
    cluster: entry.cluster,
    namespace: entry.namespace,
    chosenBy: request.context !== undefined ? `--context ${wanted}` : `current-context in ${current!.file}`,
  };
}

function kubeconfigFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (list.length > 0) return list;
  const home = env.HOME ?? env.USERPROFILE;
  return home === undefined || home === '' ? [] : [join(home, '.kube', 'config')];
}

async function parseKubeconfig(
  text: string,
  file: string,
): Promise<{ currentContext: string | undefined; contexts: Map<string, ContextEntry> }> {
  const root = await parseContextSections(text, file);
  const contexts = new Map<string, ContextEntry>();
  for (const item of Array.isArray(root.contexts) ? root.contexts : []) {
    if (!isRecord(item) || typeof item.name !== 'string') continue;
    const context = isRecord(item.context) ? item.context : {};
    contexts.set(item.name, {
      cluster: typeof context.cluster === 'string' ? context.cluster : '',
      namespace:
        typeof context.namespace === 'string' && context.namespace !== '' ? context.namespace : undefined,
      file,
    });
  }
  const current = root['current-context'];
  return { currentContext: typeof current === 'string' && current !== '' ? current : undefined, contexts };
}

/**
 * The kubeconfig's `current-context` and `contexts`. A kubeconfig is mostly clusters' CA data and
 * users' credentials, and the yaml package parses about 1 MB/s, so for the block-style files
 * kubectl, aws and eksctl write only those two top-level sections are parsed (docs/benchmarks.md:
 * a 100-context file goes from hundreds of ms to a few). JSON goes to JSON.parse; anything the
 * sections cannot be cut from, or that does not parse cut, is parsed whole.
 */
async function parseContextSections(text: string, file: string): Promise<Record<string, unknown>> {
  if (text.trimStart().startsWith('{')) {
    try {
      const doc: unknown = JSON.parse(text);
      return isRecord(doc) ? doc : {};
    } catch {
      // Not JSON after all: YAML's flow style, parsed below.
    }
  }
  // Loaded here, not at the top: only commands that fall back to the kubeconfig pay for it.
  const { parse } = await import('yaml');
  const cut = topLevelSections(text, ['current-context', 'contexts']);
  if (cut !== undefined) {
    try {
      const doc: unknown = parse(cut);
      if (isRecord(doc)) return doc;
    } catch {
      // Parsed whole below, which reports the error where it is.
    }
  }
  try {
    const doc: unknown = parse(text);
    return isRecord(doc) ? doc : {};
  } catch (error) {
    throw new UsageError(`kubeconfig ${file} is not valid YAML: ${reason(error)}`);
  }
}

/**
 * The text of the named top-level block sections (a `key:` line at column 0 and every line up to the
 * next one), or undefined when the file has none (flow style, a document of another shape).
 */
function topLevelSections(text: string, keys: readonly string[]): string | undefined {
  const lines = text.split('\n');
  const kept: string[] = [];
  let keeping = false;
  let found = false;
  for (const line of lines) {
    const key = /^([A-Za-z_][-A-Za-z0-9_]*):(?:\s|$)/.exec(line)?.[1];
    if (key !== undefined) {
      keeping = keys.includes(key);
      found ||= keeping;
    } else if (line.startsWith('---') || line.startsWith('...')) return undefined;
    if (keeping) kept.push(line);
  }
  return found ? kept.join('\n') : undefined;
}

/** `arn:aws:eks:REGION:ACCOUNT:cluster/NAME`, as `aws eks update-kubeconfig` names clusters and contexts. */
const EKS_ARN = /^arn:aws[a-z-]*:eks:[^:]*:[^:]*:cluster\/(.+)$/;
/** `NAME.REGION.eksctl.io` (eksctl's cluster entry), in a context `USER@NAME.REGION.eksctl.io`. */
const EKSCTL = /^(?:[^@]*@)?([^.@]+)\.[^.]+\.eksctl\.io$/;

/**
 * The podtrail cluster name a context stands for. The stack and the agent name an EKS cluster by its
 * EKS name (docs/agent.md: `-c clusters=prod-eu-1`, `--cluster-name prod-eu-1`), so an EKS ARN or an
 * eksctl name, in the context's cluster field or its own name, gives that name; any other context
 * (kind-dev, minikube, an alias) is recorded under its own name, as `podtrail agent --context X
 * --cluster X` does.
 */
export function clusterNameOf(context: Pick<KubeContext, 'name' | 'cluster'>): string {
  for (const candidate of [context.cluster, context.name]) {
    const eks = EKS_ARN.exec(candidate) ?? EKSCTL.exec(candidate);
    if (eks !== null) return eks[1]!;
  }
  return context.name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
