import { fileURLToPath } from 'node:url';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * One podtrail Lambda handler (functions/<name>/handler.ts, export `handler`) behind a Function URL
 * with AWS_IAM auth: Node.js 24 on arm64 (cheaper per GB-second than x86), bundled by the local
 * esbuild as ESM (no Docker), an explicit log group with retention, and its own role that can write
 * only that log group until the stack grants it more.
 */
export interface HandlerFunctionProps {
  /** Directory under functions/ holding handler.ts. */
  readonly handlerDir: 'ingest' | 'query';
  readonly description: string;
  readonly memorySizeMb: number;
  readonly timeout: Duration;
  readonly logRetentionDays: number;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly reservedConcurrentExecutions?: number;
}

/**
 * ESM bundles cannot `require`; a bundled CommonJS dependency that does (e.g. for node: builtins)
 * fails at runtime with "Dynamic require of … is not supported" unless `require` exists.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly url: lambda.FunctionUrl;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.logRemovalPolicy,
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole: that managed policy lets the function
    // create and write any log group in the account; this one writes its own group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `podtrail ${props.handlerDir} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL(`../functions/${props.handlerDir}/handler.ts`, import.meta.url)),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySizeMb,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        // The Node.js 24 runtime provides AWS SDK v3; keeping it out shrinks the bundle and cold start.
        externalModules: ['@aws-sdk/*'],
        forceDockerBundling: false,
      },
    });

    this.url = this.fn.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
      invokeMode: lambda.InvokeMode.BUFFERED,
    });
  }
}
