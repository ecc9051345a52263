import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type PodtrailConfig, readPodtrailConfig } from '../../../infra/config.js';
import { PodtrailStack } from '../../../infra/podtrail-stack.js';
import { fileReader } from './files.js';

export interface SynthOptions {
  /** CDK context, as `-c key=value` would give it (strings) or cdk.json (any JSON). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Files a clustersFile context value may name, by path. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface SynthesizedStack {
  readonly stack: PodtrailStack;
  readonly template: Template;
  readonly config: PodtrailConfig;
  /** The raw template, for walking resources. */
  readonly json: CfnTemplate;
}

export interface CfnResource {
  readonly Type: string;
  /** Every resource this stack declares has properties. */
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string }>;
}

/**
 * The podtrail stack as `cdk synth` builds it, minus the two slow steps unit tests do not need:
 * the built-in CloudFormation validator (4–7 s a synth here) and esbuild bundling (placeholder
 * assets). The CLI synth test keeps both.
 */
export function synthStack(options: SynthOptions = {}): SynthesizedStack {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const config = readPodtrailConfig((key) => app.node.tryGetContext(key), fileReader(options.files ?? {}));
  const stack = new PodtrailStack(app, config.stackName, { config });
  const template = Template.fromStack(stack);
  return { stack, template, config, json: template.toJSON() as CfnTemplate };
}

/** The properties of resource `id`, typed as the caller expects them; throws if there is none. */
export function propertiesOf<T = Record<string, unknown>>(json: CfnTemplate, id: string): T {
  const resource = json.Resources[id];
  if (resource === undefined) throw new Error(`no resource ${id} in the template`);
  return resource.Properties as T;
}

/** Logical ids of every resource of `type`. */
export function resourcesOfType(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
}

export function onlyResource(
  json: CfnTemplate,
  type: string,
  where: (r: CfnResource) => boolean = () => true,
) {
  const matches = resourcesOfType(json, type).filter(([, r]) => where(r));
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  return matches[0] as [string, CfnResource];
}

/** The logical id of the Lambda function whose Description starts with `prefix`. */
export function functionId(json: CfnTemplate, prefix: string): string {
  return onlyResource(json, 'AWS::Lambda::Function', (r) =>
    String(r.Properties.Description).startsWith(prefix),
  )[0];
}

/** The IAM policy statements attached to a role, over every AWS::IAM::Policy that names it. */
export function statementsOfRole(json: CfnTemplate, roleId: string): unknown[] {
  return resourcesOfType(json, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId }),
      ),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
}

/**
 * Evaluates a CloudFormation value as a deployment would, with stand-ins for what only AWS knows:
 * `Ref` → `<id>`; `Fn::GetAtt` of a role's Arn → its ARN in account 123456789012; other
 * attributes → `<id>.<attr>`; `Fn::Join` joins. Pseudo parameters resolve to fixed test values.
 */
export function evaluate(json: CfnTemplate, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = value as Record<string, unknown>;
  if ('Ref' in node) return PSEUDO[node.Ref as string] ?? `<${node.Ref as string}>`;
  if ('Fn::GetAtt' in node) {
    const [id, attr] = node['Fn::GetAtt'] as [string, string];
    const resource = json.Resources[id];
    if (resource?.Type === 'AWS::IAM::Role' && attr === 'Arn') {
      return `arn:aws:iam::123456789012:role/${String(resource.Properties.RoleName ?? id)}`;
    }
    return `<${id}.${attr}>`;
  }
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => evaluate(json, part)).join(separator);
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

const PSEUDO: Record<string, string> = {
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::URLSuffix': 'amazonaws.com',
};
