import { describe, expect, it } from 'vitest';
import { policyInForce } from './compute';
import { DEFAULT_POLICY_RULES, subsidyPolicyRulesSchema, type SubsidyPolicy } from './policy';

function policy(over: Partial<SubsidyPolicy>): SubsidyPolicy {
  return { id: 'p', code: 'zs', version: 1, name: 'v1', effectiveFrom: '2024-01-01', effectiveTo: '2026-12-31', status: 'active', rules: DEFAULT_POLICY_RULES, ...over };
}

describe('policyInForce', () => {
  const v1 = policy({ id: 'v1', version: 1, effectiveFrom: '2024-01-01', effectiveTo: '2025-12-31' });
  const v2 = policy({ id: 'v2', version: 2, effectiveFrom: '2025-07-01', effectiveTo: null });
  const draft = policy({ id: 'd', version: 3, effectiveFrom: '2024-01-01', effectiveTo: null, status: 'draft' });
  const retired = policy({ id: 'r', version: 4, effectiveFrom: '2024-01-01', effectiveTo: null, status: 'retired' });

  it('none before the first version starts', () => {
    expect(policyInForce([v1, v2], '2023-12-31')).toBeNull();
    expect(policyInForce([], '2025-01-01')).toBeNull();
  });

  it('the start and end days are inclusive', () => {
    expect(policyInForce([v1], '2024-01-01')?.id).toBe('v1');
    expect(policyInForce([v1], '2025-12-31')?.id).toBe('v1');
    expect(policyInForce([v1], '2026-01-01')).toBeNull();
  });

  it('overlapping versions: the latest version wins; open-ended stays in force', () => {
    expect(policyInForce([v1, v2], '2025-06-30')?.id).toBe('v1');
    expect(policyInForce([v1, v2], '2025-07-01')?.id).toBe('v2');
    expect(policyInForce([v2, v1], '2025-07-01')?.id).toBe('v2');
    expect(policyInForce([v1, v2], '2099-01-01')?.id).toBe('v2');
  });

  it('drafts and retired versions are never in force', () => {
    expect(policyInForce([v1, draft, retired], '2024-06-01')?.id).toBe('v1');
    expect(policyInForce([draft, retired], '2024-06-01')).toBeNull();
  });
});

describe('subsidyPolicyRulesSchema', () => {
  it('accepts the defaults', () => {
    expect(subsidyPolicyRulesSchema.safeParse(DEFAULT_POLICY_RULES).success).toBe(true);
  });

  it('refuses fractional fen, negative amounts, shares above 100 %, bad dates, no eligible class', () => {
    const bad = [
      { ...DEFAULT_POLICY_RULES, levelCapsFen: { '2': 1.5, '3': 1, '4': 1 } },
      { ...DEFAULT_POLICY_RULES, benchmarkMaxFen: -1 },
      { ...DEFAULT_POLICY_RULES, investmentShareBp: 10_001 },
      { ...DEFAULT_POLICY_RULES, shareDeadlines: [{ after: '2026/01/01', shareBp: 100 }] },
      { ...DEFAULT_POLICY_RULES, eligibleClasses: [] },
      { ...DEFAULT_POLICY_RULES, eligibleClasses: ['furniture'] },
    ];
    for (const b of bad) expect(subsidyPolicyRulesSchema.safeParse(b).success).toBe(false);
  });
});
