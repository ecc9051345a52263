import { describe, expect, it } from 'vitest';
import { functionId, onlyResource, synthStack } from './support/synth-stack.js';

describe('stack outputs', () => {
  const { json, template } = synthStack({ context: { clusters: 'prod-eu-1,staging' } });
  const urlOf = (fnId: string) =>
    onlyResource(json, 'AWS::Lambda::Url', (u) =>
      JSON.stringify(u.Properties.TargetFunctionArn).includes(fnId),
    )[0];

  it('are exactly what an operator needs: URLs, table, agent roles, reader policy, alarm topic', () => {
    expect(Object.keys(json.Outputs ?? {}).sort()).toEqual([
      'AgentRoleArnProdEu1',
      'AgentRoleArnStaging',
      'AlarmTopicArn',
      'IngestUrl',
      'QueryUrl',
      'ReaderPolicyArn',
      'TableName',
    ]);
  });

  it('give each Function URL and the table name', () => {
    template.hasOutput('IngestUrl', {
      Value: { 'Fn::GetAtt': [urlOf(functionId(json, 'podtrail ingest')), 'FunctionUrl'] },
    });
    template.hasOutput('QueryUrl', {
      Value: { 'Fn::GetAtt': [urlOf(functionId(json, 'podtrail query')), 'FunctionUrl'] },
    });
    template.hasOutput('TableName', { Value: { Ref: onlyResource(json, 'AWS::DynamoDB::GlobalTable')[0] } });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: onlyResource(json, 'AWS::SNS::Topic')[0] } });
  });
});
