import { describe, expect, it } from 'vitest';
import {
  functionId,
  onlyResource,
  resourcesOfType,
  statementsOfRole,
  synthStack,
} from './support/synth-stack.js';

const { json, template } = synthStack({ context: { clusters: 'prod-eu-1' } });
const queryId = functionId(json, 'podtrail query');
const ingestId = functionId(json, 'podtrail ingest');

function readerPolicy(t = json) {
  return onlyResource(t, 'AWS::IAM::ManagedPolicy');
}

describe('the reader policy', () => {
  it('allows invoking the query URL and nothing else', () => {
    const [, policy] = readerPolicy();
    expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Action: 'lambda:InvokeFunctionUrl',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [queryId, 'Arn'] },
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
      },
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [queryId, 'Arn'] },
        Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': true } },
      },
    ]);
  });

  it('grants what FunctionUrl.grantInvokeUrl grants an agent, on the query function instead', () => {
    const [, policy] = readerPolicy();
    const [agentRoleId] = onlyResource(json, 'AWS::IAM::Role', (r) => r.Properties.RoleName !== undefined);
    const agentStatements = JSON.stringify(statementsOfRole(json, agentRoleId)).replaceAll(ingestId, queryId);
    expect(JSON.stringify((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement)).toBe(
      agentStatements,
    );
  });

  it('is attached to nobody by the stack and output for operators to attach', () => {
    const [policyId, policy] = readerPolicy();
    expect(policy.Properties.Roles).toBeUndefined();
    template.hasOutput('ReaderPolicyArn', { Value: { Ref: policyId } });
  });
});

describe('the optional reader role', () => {
  it('does not exist by default', () => {
    expect(Object.keys(json.Outputs ?? {})).not.toContain('ReaderRoleArn');
    const roles = resourcesOfType(json, 'AWS::IAM::Role').map(([, r]) => String(r.Properties.Description));
    expect(roles.filter((d) => d.startsWith('podtrail reader'))).toEqual([]);
  });

  it.each([
    [
      'account',
      [
        {
          AWS: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root'],
            ],
          },
        },
      ],
    ],
    [
      'arn:aws:iam::111122223333:role/sre,arn:aws:iam::111122223333:user/ana',
      [{ AWS: 'arn:aws:iam::111122223333:role/sre' }, { AWS: 'arn:aws:iam::111122223333:user/ana' }],
    ],
  ])(
    'readerRole=%s: trusted by exactly those principals, carrying only the reader policy',
    (value, principals) => {
      const t = synthStack({ context: { readerRole: value } });
      const [policyId] = readerPolicy(t.json);
      const [roleId, role] = onlyResource(t.json, 'AWS::IAM::Role', (r) =>
        String(r.Properties.Description).startsWith('podtrail reader'),
      );
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Statement: principals.map((principal) => ({
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: principal,
        })),
        Version: '2012-10-17',
      });
      expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
      expect(statementsOfRole(t.json, roleId)).toEqual([]);
      t.template.hasOutput('ReaderRoleArn', { Value: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    },
  );
});
