import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamodbActionsImportedBy, WRITE_ACTIONS } from './support/bundle-imports.js';
import { offlineEnv, runProcess } from './support/run-process.js';
import { type CfnTemplate, evaluate, functionId, statementsOfRole } from './support/synth-stack.js';

/**
 * The one test that synthesizes like an operator: the real CLI from cdk.json, esbuild bundling,
 * cdk-nag and CloudFormation validation on, nothing from AWS. The output goes under cdk.out/ in
 * the repository so that the bundles resolve the external @aws-sdk/* packages from its
 * node_modules, as they resolve from the Lambda runtime in AWS.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(REPO, 'cdk.out', `test-synth-${process.pid}-${randomUUID().slice(0, 8)}`);
const SYNTH_TIMEOUT_MS = 150_000;

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

interface BundledFunction {
  readonly bundle: string;
  /** The function's environment as deployed, with stand-ins for what only AWS knows. */
  readonly environment: Record<string, string>;
  /** DynamoDB actions its role is granted. */
  readonly granted: readonly string[];
}

function bundledFunction(t: CfnTemplate, description: string): BundledFunction {
  const resource = t.Resources[functionId(t, description)] as unknown as {
    Metadata: Record<string, string>;
    Properties: {
      Environment: { Variables: Record<string, unknown> };
      Role: { 'Fn::GetAtt': [string, string] };
    };
  };
  const granted = statementsOfRole(t, resource.Properties.Role['Fn::GetAtt'][0])
    .flatMap((statement) => [(statement as { Action: string | string[] }).Action].flat())
    .filter((action) => action.startsWith('dynamodb:'));
  return {
    bundle: join(OUT, resource.Metadata['aws:asset:path'] as string, 'index.mjs'),
    environment: Object.fromEntries(
      Object.entries(resource.Properties.Environment.Variables).map(([key, value]) => [
        key,
        evaluate(t, value),
      ]),
    ),
    granted,
  };
}

describe('npx cdk synth, offline', () => {
  let template: CfnTemplate | undefined;
  const synthesized = (): CfnTemplate => {
    expect(template, 'the synth test above must pass first').toBeDefined();
    return template as CfnTemplate;
  };

  it(
    'exits 0 with two clusters, every check on',
    async () => {
      const result = await runProcess(
        'npx',
        ['cdk', 'synth', '-q', '--no-notices', '-c', 'clusters=prod-eu-1,staging', '-o', OUT],
        { cwd: REPO, env: offlineEnv(), timeoutMs: SYNTH_TIMEOUT_MS },
      );
      expect(result.stderr).not.toMatch(/AwsSolutions-|Synthesis finished with errors/);
      expect(result.code, result.stderr).toBe(0);
      template = JSON.parse(readFileSync(join(OUT, 'Podtrail.template.json'), 'utf8')) as CfnTemplate;
      expect(Object.keys(template.Outputs ?? {})).toEqual(
        expect.arrayContaining(['AgentRoleArnProdEu1', 'AgentRoleArnStaging', 'IngestUrl', 'QueryUrl']),
      );
    },
    SYNTH_TIMEOUT_MS + 10_000,
  );

  it.each([
    ['ingest', 'podtrail ingest'],
    ['query', 'podtrail query'],
  ])(
    'bundles the %s handler as an ESM file that loads with its deployed environment and exports handler',
    async (_name, description) => {
      const { bundle, environment } = bundledFunction(synthesized(), description);
      const probe = [
        'const m = await import(process.env.PODTRAIL_BUNDLE_URL);',
        "if (typeof m.handler !== 'function') { console.error('handler is ' + typeof m.handler); process.exit(3); }",
      ].join('\n');
      const result = await runProcess('node', ['--input-type=module', '--eval', probe], {
        cwd: REPO,
        env: offlineEnv({
          ...environment,
          AWS_REGION: 'eu-west-1',
          PODTRAIL_BUNDLE_URL: pathToFileURL(bundle).href,
        }),
        timeoutMs: 30_000,
      });
      expect(result.code, result.stderr).toBe(0);
    },
    40_000,
  );

  it('grants the ingest every DynamoDB action its bundle can call', () => {
    const ingest = bundledFunction(synthesized(), 'podtrail ingest');
    const used = dynamodbActionsImportedBy(readFileSync(ingest.bundle, 'utf8'));
    expect(used.filter((action) => !ingest.granted.includes(action))).toEqual([]);
  });

  it('grants the query every DynamoDB read its bundle can call, and no write at all', () => {
    const query = bundledFunction(synthesized(), 'podtrail query');
    // The shared store client also carries write commands the query never calls: IAM keeps it read-only.
    const reads = dynamodbActionsImportedBy(readFileSync(query.bundle, 'utf8')).filter(
      (a) => !WRITE_ACTIONS.has(a),
    );
    expect(reads.filter((action) => !query.granted.includes(action))).toEqual([]);
    expect(query.granted.filter((action) => WRITE_ACTIONS.has(action))).toEqual([]);
  });
});
