import { describe, expect, it } from 'vitest';
import { agentRoleName, agentRoleOutputKeys } from '../../infra/agent-naming.js';

describe('agent role names and output keys', () => {
  it('names a role <stack>-agent-<cluster>', () => {
    expect(agentRoleName('Podtrail', 'prod-eu-1')).toBe('Podtrail-agent-prod-eu-1');
  });

  it('keeps names within IAM’s 64 characters, distinct, by hashing long ones', () => {
    const a = agentRoleName('PodtrailProduction', `${'x'.repeat(60)}-a`);
    const b = agentRoleName('PodtrailProduction', `${'x'.repeat(60)}-b`);
    expect(a).toHaveLength(64);
    expect(b).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^PodtrailProduction-agent-x+-[0-9a-f]{8}$/);
  });

  it('derives output keys in PascalCase', () => {
    const keys = agentRoleOutputKeys([
      { name: 'prod-eu-1', trust: { type: 'principal', principalArn: 'arn:aws:iam::111122223333:root' } },
    ]);
    expect(keys).toEqual(['AgentRoleArnProdEu1']);
  });

  it('refuses two clusters whose output keys collide', () => {
    const trust = { type: 'principal', principalArn: 'arn:aws:iam::111122223333:root' } as const;
    expect(() =>
      agentRoleOutputKeys([
        { name: 'a-1', trust },
        { name: 'a1', trust },
      ]),
    ).toThrow(/clusters "a-1" and "a1" would share the stack output AgentRoleArnA1/);
  });
});
