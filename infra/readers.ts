import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { PodtrailConfig } from './config.js';

/**
 * Who may read: a customer-managed policy that allows invoking the query Function URL and nothing
 * else, to attach to the people and tools that run `podtrail` queries, and optionally a role that
 * carries it.
 */
export interface ReadersProps {
  readonly queryFunction: lambda.IFunction;
  readonly readerRole: PodtrailConfig['readerRole'];
}

export class Readers extends Construct {
  readonly policy: iam.ManagedPolicy;
  readonly role?: iam.Role;

  constructor(scope: Construct, id: string, props: ReadersProps) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'podtrail readers: invoke the query Function URL (SigV4, AWS_IAM auth) only',
      statements: functionUrlInvokeStatements(props.queryFunction),
    });
    new CfnOutput(Stack.of(this), 'ReaderPolicyArn', {
      description: 'Managed policy to attach to podtrail readers (query URL only)',
      value: this.policy.managedPolicyArn,
    });

    const trusted = readerPrincipal(props.readerRole);
    if (trusted === undefined) return;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: trusted,
      description: 'podtrail reader: may only invoke the query Function URL',
      managedPolicies: [this.policy],
    });
    new CfnOutput(Stack.of(this), 'ReaderRoleArn', {
      description: 'Role to assume for podtrail queries',
      value: this.role.roleArn,
    });
  }
}

/**
 * The identity-policy statements a caller needs for a Function URL with AWS_IAM auth since
 * October 2025 — the same pair FunctionUrl.grantInvokeUrl() adds to a role (aws-cdk-lib ≥ 2.222):
 * InvokeFunctionUrl for AWS_IAM URLs, and InvokeFunction only when the call comes through the URL.
 */
export function functionUrlInvokeStatements(fn: lambda.IFunction): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      actions: ['lambda:InvokeFunctionUrl'],
      resources: [fn.functionArn],
      conditions: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
    }),
    new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [fn.functionArn],
      conditions: { Bool: { 'lambda:InvokedViaFunctionUrl': true } },
    }),
  ];
}

function readerPrincipal(readerRole: PodtrailConfig['readerRole']): iam.IPrincipal | undefined {
  switch (readerRole.type) {
    case 'none':
      return undefined;
    case 'account':
      // Anyone in this account whose own policies allow sts:AssumeRole on this role.
      return new iam.AccountRootPrincipal();
    case 'principals':
      return new iam.CompositePrincipal(...readerRole.principalArns.map((arn) => new iam.ArnPrincipal(arn)));
  }
}
