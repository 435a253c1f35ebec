import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyShare, benchmarkPayable, computeSubsidy, formatBp, preSubsidyAmount } from './compute';
import { DEFAULT_POLICY_RULES, type SubsidyPolicyRules } from './policy';
import type { ApplicationFacts, InvoiceFact } from './types';

const Y = 100; // fen per yuan

function rules(over: Partial<SubsidyPolicyRules> = {}): SubsidyPolicyRules {
  return { ...DEFAULT_POLICY_RULES, ...over };
}

function inv(number: string, amountYuan: number, over: Partial<InvoiceFact> = {}): InvoiceFact {
  return { number, issuedOn: '2026-06-01', amountFen: amountYuan * Y, taxFen: 0, costClass: 'software', ...over };
}

function facts(over: Partial<ApplicationFacts> = {}): ApplicationFacts {
  return {
    level: 2,
    contractAmountFen: 500_000 * Y,
    contractAmountExTaxFen: null,
    acceptedOn: '2026-09-30',
    appliedOn: '2026-10-15',
    invoices: [inv('FP001', 300_000), inv('FP002', 120_000)],
    payments: [
      { paidOn: '2026-05-01', amountFen: 150_000 * Y },
      { paidOn: '2026-09-30', amountFen: 250_000 * Y },
    ],
    preSubsidyPaidFen: 0,
    otherFundingFen: 0,
    aboveScale: null,
    ...over,
  };
}

function stepKeys(c: { steps: { key: string }[] }): string[] {
  return c.steps.map((s) => s.key);
}

describe('verified investment: the smallest of contract, invoices and payments', () => {
  it('payments smallest (the example of the notice)', () => {
    const c = computeSubsidy(rules(), facts());
    expect(c.contractFen).toBe(500_000 * Y);
    expect(c.eligibleInvoiceFen).toBe(420_000 * Y);
    expect(c.paymentTotalFen).toBe(400_000 * Y);
    expect(c.verifiedInvestmentFen).toBe(400_000 * Y);
    const verified = c.steps.find((s) => s.key === 'verifiedInvestment');
    expect(verified?.text.zh).toContain('合同金额（含税）500,000.00 元');
    expect(verified?.text.zh).toContain('发票合计（验收日 2026-09-30 前、可计入类别、含税）420,000.00 元');
    expect(verified?.text.zh).toContain('付款合计（验收日前）400,000.00 元');
    expect(verified?.text.zh).toContain('核定投资额取三者最小值 400,000.00 元');
    expect(verified?.text.en).toContain('verified investment is the smallest of the three: 400,000.00 yuan');
  });

  it('contract smallest', () => {
    const c = computeSubsidy(rules(), facts({ contractAmountFen: 350_000 * Y }));
    expect(c.verifiedInvestmentFen).toBe(350_000 * Y);
  });

  it('invoices smallest', () => {
    const c = computeSubsidy(rules(), facts({ invoices: [inv('FP001', 200_000)] }));
    expect(c.verifiedInvestmentFen).toBe(200_000 * Y);
  });

  it('payments smallest by one fen', () => {
    const c = computeSubsidy(rules(), facts({ contractAmountFen: 420_000 * Y, payments: [{ paidOn: '2026-09-01', amountFen: 420_000 * Y - 1 }] }));
    expect(c.verifiedInvestmentFen).toBe(420_000 * Y - 1);
  });

  it('no invoices or no payments: verified investment 0, suggestion 0 (still eligible, nothing to pay)', () => {
    const noInv = computeSubsidy(rules(), facts({ invoices: [] }));
    expect(noInv.verifiedInvestmentFen).toBe(0);
    expect(noInv.suggestedFen).toBe(0);
    const noPay = computeSubsidy(rules(), facts({ payments: [] }));
    expect(noPay.verifiedInvestmentFen).toBe(0);
    expect(noPay.suggestedFen).toBe(0);
    expect(noPay.eligible).toBe(true);
  });

  it('zero contract amount', () => {
    const c = computeSubsidy(rules(), facts({ contractAmountFen: 0 }));
    expect(c.verifiedInvestmentFen).toBe(0);
    expect(c.suggestedFen).toBe(0);
  });
});

describe('documents dated after acceptance do not count', () => {
  it('an invoice issued the day after acceptance is excluded and named; on the day it counts', () => {
    const c = computeSubsidy(rules(), facts({ invoices: [inv('FP001', 300_000), inv('FP002', 120_000, { issuedOn: '2026-09-30' }), inv('FP003', 80_000, { issuedOn: '2026-10-01' })] }));
    expect(c.eligibleInvoiceFen).toBe(420_000 * Y);
    expect(c.invoiceTotalFen).toBe(500_000 * Y);
    const excluded = c.steps.find((s) => s.key === 'invoiceAfterAcceptance');
    expect(excluded?.text.zh).toContain('发票 FP003 开具于验收日之后');
    expect(excluded?.text.zh).toContain('不计入');
    expect(excluded?.text.en).toContain('Invoice FP003');
    expect(excluded?.amountFen).toBe(80_000 * Y);
  });

  it('a payment made after acceptance is excluded and named', () => {
    const c = computeSubsidy(
      rules(),
      facts({
        payments: [
          { paidOn: '2026-09-30', amountFen: 300_000 * Y },
          { paidOn: '2026-10-01', amountFen: 200_000 * Y },
        ],
      }),
    );
    expect(c.paymentTotalFen).toBe(300_000 * Y);
    expect(c.verifiedInvestmentFen).toBe(300_000 * Y);
    const excluded = c.steps.find((s) => s.key === 'paymentAfterAcceptance');
    expect(excluded?.text.zh).toContain('第 2 笔付款');
    expect(excluded?.text.zh).toContain('验收日之后');
  });
});

describe('eligible cost classes and tax basis', () => {
  it('invoices of excluded classes do not count and are named with the class label', () => {
    const c = computeSubsidy(
      rules(),
      facts({ invoices: [inv('FP001', 300_000), inv('FP010', 50_000, { costClass: 'officePc' }), inv('FP011', 30_000, { costClass: 'wiring' }), inv('FP012', 20_000, { costClass: 'embeddedSoftware' })] }),
    );
    expect(c.eligibleInvoiceFen).toBe(300_000 * Y);
    const excluded = c.steps.filter((s) => s.key === 'invoiceExcludedClass');
    expect(excluded).toHaveLength(3);
    expect(excluded[0]?.text.zh).toContain('发票 FP010 属于「办公电脑」');
    expect(excluded[1]?.text.zh).toContain('弱电工程');
  });

  it('a policy may count a class the defaults exclude', () => {
    const c = computeSubsidy(rules({ eligibleClasses: ['software', 'officePc'] }), facts({ invoices: [inv('FP001', 300_000), inv('FP010', 50_000, { costClass: 'officePc' }), inv('FP020', 10_000, { costClass: 'cloud' })] }));
    expect(c.eligibleInvoiceFen).toBe(350_000 * Y);
  });

  it('without tax: invoices count net of tax, the contract its ex-tax amount', () => {
    const c = computeSubsidy(
      rules({ amountsWithTax: false }),
      facts({
        contractAmountFen: 500_000 * Y,
        contractAmountExTaxFen: 450_000 * Y,
        invoices: [inv('FP001', 339_000, { taxFen: 39_000 * Y }), inv('FP002', 113_000, { taxFen: 13_000 * Y })],
        payments: [{ paidOn: '2026-09-01', amountFen: 500_000 * Y }],
      }),
    );
    expect(c.contractFen).toBe(450_000 * Y);
    expect(c.eligibleInvoiceFen).toBe(400_000 * Y);
    expect(c.verifiedInvestmentFen).toBe(400_000 * Y);
    expect(c.steps.find((s) => s.key === 'verifiedInvestment')?.text.zh).toContain('不含税');
  });

  it('with tax: the same invoices count in full', () => {
    const c = computeSubsidy(
      rules({ amountsWithTax: true }),
      facts({ contractAmountExTaxFen: 450_000 * Y, invoices: [inv('FP001', 339_000, { taxFen: 39_000 * Y }), inv('FP002', 113_000, { taxFen: 13_000 * Y })], payments: [{ paidOn: '2026-09-01', amountFen: 500_000 * Y }] }),
    );
    expect(c.contractFen).toBe(500_000 * Y);
    expect(c.eligibleInvoiceFen).toBe(452_000 * Y);
  });

  it('without tax but no ex-tax contract amount stated: the with-tax amount counts, and says so', () => {
    const c = computeSubsidy(rules({ amountsWithTax: false }), facts({ contractAmountExTaxFen: null }));
    expect(c.contractFen).toBe(500_000 * Y);
    expect(stepKeys(c)).toContain('contractBasis');
  });
});

describe('cap by level', () => {
  const big = { contractAmountFen: 5_000_000 * Y, invoices: [inv('FP001', 5_000_000)], payments: [{ paidOn: '2026-09-01', amountFen: 5_000_000 * Y }] };

  it('level 1 is refused with the reason', () => {
    const c = computeSubsidy(rules(), facts({ level: 1 }));
    expect(c.eligible).toBe(false);
    expect(c.suggestedFen).toBe(0);
    expect(c.refusals[0]?.zh).toContain('二级及以上方可申请');
  });

  it('level 0 is refused', () => {
    expect(computeSubsidy(rules(), facts({ level: 0 })).eligible).toBe(false);
  });

  it('level 2, 3, 4 and 5 caps (5 uses the cap of 4 and above)', () => {
    expect(computeSubsidy(rules(), facts({ level: 2, ...big })).suggestedFen).toBe(300_000 * Y);
    expect(computeSubsidy(rules(), facts({ level: 3, ...big })).suggestedFen).toBe(600_000 * Y);
    expect(computeSubsidy(rules(), facts({ level: 4, ...big })).suggestedFen).toBe(1_000_000 * Y);
    const five = computeSubsidy(rules(), facts({ level: 5, ...big }));
    expect(five.suggestedFen).toBe(1_000_000 * Y);
    expect(five.capFen).toBe(1_000_000 * Y);
    expect(five.steps.find((s) => s.key === 'cap')?.text.zh).toBe('五级（按四级及以上）上限 1,000,000.00 元');
  });

  it('the cap step reads "二级上限 300,000.00 元"', () => {
    const c = computeSubsidy(rules(), facts());
    expect(c.steps.find((s) => s.key === 'cap')?.text.zh).toBe('二级上限 300,000.00 元');
  });

  it('verified investment exactly at the cap → the cap', () => {
    const c = computeSubsidy(rules(), facts({ contractAmountFen: 300_000 * Y, invoices: [inv('FP001', 300_000)], payments: [{ paidOn: '2026-09-01', amountFen: 300_000 * Y }] }));
    expect(c.verifiedInvestmentFen).toBe(300_000 * Y);
    expect(c.suggestedFen).toBe(300_000 * Y);
  });

  it('verified investment one fen above the cap → the cap', () => {
    const amount = 300_000 * Y + 1;
    const c = computeSubsidy(rules(), facts({ contractAmountFen: amount, invoices: [inv('FP001', 0, { amountFen: amount })], payments: [{ paidOn: '2026-09-01', amountFen: amount }] }));
    expect(c.verifiedInvestmentFen).toBe(amount);
    expect(c.grossFen).toBe(300_000 * Y);
    expect(c.suggestedFen).toBe(300_000 * Y);
  });

  it('one fen below the cap → that amount', () => {
    const amount = 300_000 * Y - 1;
    const c = computeSubsidy(rules(), facts({ contractAmountFen: amount, invoices: [inv('FP001', 0, { amountFen: amount })], payments: [{ paidOn: '2026-09-01', amountFen: amount }] }));
    expect(c.suggestedFen).toBe(amount);
  });

  it('share × verified exactly at the cap, and one fen above', () => {
    // 50 % of 600,000.00 = 300,000.00 (the cap); 50 % of 600,000.02 = 300,000.01 → capped.
    const atCap = computeSubsidy(rules({ investmentShareBp: 5_000 }), facts({ contractAmountFen: 600_000 * Y, invoices: [inv('FP001', 600_000)], payments: [{ paidOn: '2026-09-01', amountFen: 600_000 * Y }] }));
    expect(atCap.grossFen).toBe(300_000 * Y);
    const a = 600_000 * Y + 2;
    const above = computeSubsidy(rules({ investmentShareBp: 5_000 }), facts({ contractAmountFen: a, invoices: [inv('FP001', 0, { amountFen: a })], payments: [{ paidOn: '2026-09-01', amountFen: a }] }));
    expect(above.grossFen).toBe(300_000 * Y);
  });
});

describe('share rule', () => {
  it('50 % of the verified investment', () => {
    const c = computeSubsidy(rules({ investmentShareBp: 5_000 }), facts());
    expect(c.shareBp).toBe(5_000);
    expect(c.grossFen).toBe(200_000 * Y);
    expect(c.steps.find((s) => s.key === 'share')?.text.zh).toBe('按核定投资额的 50% 计 200,000.00 元');
    expect(c.steps.at(-1)?.text.zh).toBe('建议金额 200,000.00 元');
  });

  it('rounds down to the fen', () => {
    // 33.33 % of 1.00 yuan = 33.33 fen → 33 fen; of 0.01 yuan = 0.3333 fen → 0
    const c = computeSubsidy(rules({ investmentShareBp: 3_333 }), facts({ contractAmountFen: 100, invoices: [inv('FP001', 0, { amountFen: 100 })], payments: [{ paidOn: '2026-09-01', amountFen: 100 }] }));
    expect(c.grossFen).toBe(33);
    const tiny = computeSubsidy(rules({ investmentShareBp: 3_333 }), facts({ contractAmountFen: 1, invoices: [inv('FP001', 0, { amountFen: 1 })], payments: [{ paidOn: '2026-09-01', amountFen: 1 }] }));
    expect(tiny.grossFen).toBe(0);
    // 99.99 % of 999.99 yuan = 99989.0001 fen → 99989
    expect(applyShare(99_999, 9_999)).toBe(99_989);
  });

  it('exact for amounts where floating point would err', () => {
    // 2^53 - 1 × 1 bp: exact BigInt arithmetic
    expect(applyShare(Number.MAX_SAFE_INTEGER, 1)).toBe(900_719_925_474);
    expect(applyShare(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('share 0 → nothing', () => {
    expect(computeSubsidy(rules({ investmentShareBp: 0 }), facts()).suggestedFen).toBe(0);
  });

  it('no share rule: the verified investment up to the cap', () => {
    const c = computeSubsidy(rules({ investmentShareBp: null }), facts({ level: 3 }));
    expect(c.shareBp).toBeNull();
    expect(c.grossFen).toBe(400_000 * Y);
  });

  it('share deadlines: the latest deadline before the day of application applies', () => {
    const r = rules({
      investmentShareBp: 5_000,
      shareDeadlines: [
        { after: '2026-06-30', shareBp: 4_000 },
        { after: '2026-09-30', shareBp: 3_000 },
      ],
    });
    expect(computeSubsidy(r, facts({ appliedOn: '2026-06-30' })).shareBp).toBe(5_000);
    expect(computeSubsidy(r, facts({ appliedOn: '2026-07-01' })).shareBp).toBe(4_000);
    expect(computeSubsidy(r, facts({ appliedOn: '2026-09-30' })).shareBp).toBe(4_000);
    const late = computeSubsidy(r, facts({ appliedOn: '2026-10-01' }));
    expect(late.shareBp).toBe(3_000);
    expect(late.grossFen).toBe(120_000 * Y);
    expect(late.steps.find((s) => s.key === 'share')?.text.zh).toContain('2026-09-30 之后申请');
  });

  it('share deadlines in any order; a deadline applies even without a base share', () => {
    const r = rules({
      investmentShareBp: null,
      shareDeadlines: [
        { after: '2026-09-30', shareBp: 3_000 },
        { after: '2026-06-30', shareBp: 4_000 },
      ],
    });
    expect(computeSubsidy(r, facts({ appliedOn: '2026-12-01' })).shareBp).toBe(3_000);
    expect(computeSubsidy(r, facts({ appliedOn: '2026-08-01' })).shareBp).toBe(4_000);
    expect(computeSubsidy(r, facts({ appliedOn: '2026-01-01' })).shareBp).toBeNull();
  });
});

describe('pre-subsidy already paid is deducted, never below zero', () => {
  it('deducts part', () => {
    const c = computeSubsidy(rules(), facts({ preSubsidyPaidFen: 100_000 * Y }));
    expect(c.grossFen).toBe(300_000 * Y);
    expect(c.preSubsidyDeductedFen).toBe(100_000 * Y);
    expect(c.suggestedFen).toBe(200_000 * Y);
    expect(c.steps.find((s) => s.key === 'preSubsidy')?.text.zh).toBe('减已拨付预奖补 100,000.00 元，余 200,000.00 元');
  });

  it('deducts exactly to zero', () => {
    const c = computeSubsidy(rules(), facts({ preSubsidyPaidFen: 300_000 * Y }));
    expect(c.suggestedFen).toBe(0);
    expect(c.preSubsidyDeductedFen).toBe(300_000 * Y);
    expect(c.eligible).toBe(true);
  });

  it('more paid than due: clamped at zero, says so', () => {
    const c = computeSubsidy(rules(), facts({ preSubsidyPaidFen: 300_000 * Y + 1 }));
    expect(c.suggestedFen).toBe(0);
    expect(c.preSubsidyDeductedFen).toBe(300_000 * Y);
    expect(c.steps.find((s) => s.key === 'preSubsidy')?.text.zh).toContain('扣减至零为止');
  });

  it('no pre-subsidy: no deduction step', () => {
    expect(stepKeys(computeSubsidy(rules(), facts()))).not.toContain('preSubsidy');
  });
});

describe('declarations: other funding, 规上', () => {
  it('other funding with "exclude" → not eligible, 0', () => {
    const c = computeSubsidy(rules({ otherFunding: 'exclude' }), facts({ otherFundingFen: 1 }));
    expect(c.eligible).toBe(false);
    expect(c.suggestedFen).toBe(0);
    expect(c.refusals[0]?.zh).toContain('不予重复奖补');
  });

  it('no other funding with "exclude" → eligible', () => {
    expect(computeSubsidy(rules({ otherFunding: 'exclude' }), facts({ otherFundingFen: 0 })).eligible).toBe(true);
  });

  it('other funding with "deduct" → subtracted after the pre-subsidy, clamped', () => {
    const c = computeSubsidy(rules({ otherFunding: 'deduct' }), facts({ preSubsidyPaidFen: 100_000 * Y, otherFundingFen: 50_000 * Y }));
    expect(c.otherFundingDeductedFen).toBe(50_000 * Y);
    expect(c.suggestedFen).toBe(150_000 * Y);
    const over = computeSubsidy(rules({ otherFunding: 'deduct' }), facts({ preSubsidyPaidFen: 100_000 * Y, otherFundingFen: 250_000 * Y }));
    expect(over.otherFundingDeductedFen).toBe(200_000 * Y);
    expect(over.suggestedFen).toBe(0);
  });

  it('requiresAboveScale: only a confirmed 规上 enterprise', () => {
    const r = rules({ requiresAboveScale: true });
    expect(computeSubsidy(r, facts({ aboveScale: true })).eligible).toBe(true);
    const no = computeSubsidy(r, facts({ aboveScale: false }));
    expect(no.eligible).toBe(false);
    expect(no.refusals[0]?.zh).toContain('规上');
    expect(computeSubsidy(r, facts({ aboveScale: null })).eligible).toBe(false);
    expect(computeSubsidy(rules({ requiresAboveScale: false }), facts({ aboveScale: false })).eligible).toBe(true);
  });

  it('several refusals are all reported, and the last step says not eligible', () => {
    const c = computeSubsidy(rules({ requiresAboveScale: true, otherFunding: 'exclude' }), facts({ level: 1, aboveScale: false, otherFundingFen: 100 }));
    expect(c.refusals).toHaveLength(3);
    expect(c.steps.at(-1)?.text.zh).toContain('不符合奖补条件');
  });
});

describe('steps', () => {
  it('every step has zh and en text', () => {
    const c = computeSubsidy(rules({ investmentShareBp: 5_000, amountsWithTax: false }), facts({ preSubsidyPaidFen: 1, otherFundingFen: 1, invoices: [inv('FP001', 1, { issuedOn: '2027-01-01' }), inv('X', 1, { costClass: 'other' })], payments: [{ paidOn: '2027-01-01', amountFen: 1 }] }));
    for (const s of c.steps) {
      expect(s.text.zh.length).toBeGreaterThan(0);
      expect(s.text.en.length).toBeGreaterThan(0);
      expect(s.text.en).not.toMatch(/[\u4e00-\u9fff]{2}/u);
    }
  });

  it('formats basis points exactly', () => {
    expect(formatBp(5_000)).toBe('50');
    expect(formatBp(3_333)).toBe('33.33');
    expect(formatBp(50)).toBe('0.5');
    expect(formatBp(10_000)).toBe('100');
    expect(formatBp(0)).toBe('0');
  });
});

describe('properties (random integer inputs)', () => {
  const fenArb = fc.integer({ min: 0, max: 2_000_000_000 });
  const dateArb = fc.constantFrom('2026-01-01', '2026-06-30', '2026-09-30', '2026-10-01', '2027-03-01');
  const classArb = fc.constantFrom('software', 'cloud', 'hardware', 'services', 'officePc', 'embeddedSoftware', 'wiring', 'other') as fc.Arbitrary<InvoiceFact['costClass']>;
  const invoiceArb = fc.record({ number: fc.string({ minLength: 1, maxLength: 8 }), issuedOn: dateArb, amountFen: fenArb, taxFen: fc.integer({ min: 0, max: 200_000_000 }), costClass: classArb });
  const factsArb = fc.record({
    level: fc.integer({ min: 0, max: 6 }),
    contractAmountFen: fenArb,
    contractAmountExTaxFen: fc.option(fenArb, { nil: null }),
    acceptedOn: dateArb,
    appliedOn: dateArb,
    invoices: fc.array(invoiceArb, { maxLength: 6 }),
    payments: fc.array(fc.record({ paidOn: dateArb, amountFen: fenArb }), { maxLength: 6 }),
    preSubsidyPaidFen: fc.integer({ min: 0, max: 500_000_000 }),
    otherFundingFen: fc.integer({ min: 0, max: 500_000_000 }),
    aboveScale: fc.option(fc.boolean(), { nil: null }),
  });
  const rulesArb = fc.record({
    levelCapsFen: fc.record({ '2': fenArb, '3': fenArb, '4': fenArb }),
    investmentShareBp: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    shareDeadlines: fc.array(fc.record({ after: dateArb, shareBp: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 3 }),
    amountsWithTax: fc.boolean(),
    requiresAboveScale: fc.boolean(),
    otherFunding: fc.constantFrom('exclude' as const, 'deduct' as const),
    eligibleClasses: fc.subarray(['software', 'cloud', 'hardware', 'services', 'officePc'] as const, { minLength: 1 }),
  });

  it('the suggestion is an integer, ≥ 0, ≤ the cap, ≤ the verified investment, ≤ gross; verified ≤ each of the three', () => {
    fc.assert(
      fc.property(rulesArb, factsArb, (r, f) => {
        const full: SubsidyPolicyRules = { ...DEFAULT_POLICY_RULES, ...r, eligibleClasses: [...r.eligibleClasses] };
        const c = computeSubsidy(full, f);
        expect(Number.isSafeInteger(c.suggestedFen)).toBe(true);
        expect(c.suggestedFen).toBeGreaterThanOrEqual(0);
        expect(c.suggestedFen).toBeLessThanOrEqual(c.capFen);
        expect(c.suggestedFen).toBeLessThanOrEqual(c.verifiedInvestmentFen);
        expect(c.suggestedFen).toBeLessThanOrEqual(c.grossFen);
        expect(c.verifiedInvestmentFen).toBeLessThanOrEqual(c.contractFen);
        expect(c.verifiedInvestmentFen).toBeLessThanOrEqual(c.eligibleInvoiceFen);
        expect(c.verifiedInvestmentFen).toBeLessThanOrEqual(c.paymentTotalFen);
        expect(c.eligibleInvoiceFen).toBeLessThanOrEqual(c.invoiceTotalFen);
        if (c.eligible) expect(c.suggestedFen).toBe(c.grossFen - c.preSubsidyDeductedFen - c.otherFundingDeductedFen);
        if (!c.eligible) expect(c.suggestedFen).toBe(0);
        if (f.level < 2) expect(c.eligible).toBe(false);
        expect(c.steps.at(-1)?.amountFen).toBe(c.suggestedFen);
      }),
      { numRuns: 500 },
    );
  });

  it('more pre-subsidy paid never raises the suggestion', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 100_000_000 }), (f, extra) => {
        const a = computeSubsidy(rules(), f);
        const b = computeSubsidy(rules(), { ...f, preSubsidyPaidFen: f.preSubsidyPaidFen + extra });
        expect(b.suggestedFen).toBeLessThanOrEqual(a.suggestedFen);
      }),
      { numRuns: 200 },
    );
  });
});

describe('preSubsidyAmount', () => {
  it('share of the down-payment, capped', () => {
    const r = rules({ preSubsidy: { enabled: true, shareBp: 3_000, capFen: 150_000 * Y, trigger: 'downPayment' } });
    expect(preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 300_000 * Y }).amountFen).toBe(90_000 * Y);
    expect(preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 500_000 * Y }).amountFen).toBe(150_000 * Y);
    expect(preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 500_000 * Y + 4 }).amountFen).toBe(150_000 * Y);
    expect(preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 0 }).amountFen).toBe(0);
    expect(preSubsidyAmount(r, { contractFen: 0, downPaymentFen: 3 }).amountFen).toBe(0); // 0.9 fen → 0
    const s = preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 300_000 * Y }).steps;
    expect(s[0]?.text.zh).toBe('合同首付款 300,000.00 元 × 30% = 90,000.00 元');
    expect(s.at(-1)?.text.zh).toBe('预奖补金额 90,000.00 元');
  });

  it('share of the contract amount', () => {
    const r = rules({ preSubsidy: { enabled: true, shareBp: 1_000, capFen: 150_000 * Y, trigger: 'contractAmount' } });
    expect(preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 0 }).amountFen).toBe(100_000 * Y);
  });

  it('disabled → 0 with the reason', () => {
    const r = rules({ preSubsidy: { enabled: false, shareBp: 3_000, capFen: 150_000 * Y, trigger: 'downPayment' } });
    const p = preSubsidyAmount(r, { contractFen: 1_000_000 * Y, downPaymentFen: 300_000 * Y });
    expect(p.amountFen).toBe(0);
    expect(p.steps[0]?.text.zh).toContain('不设预奖补');
  });
});

describe('benchmarkPayable', () => {
  it('at the maximum is paid; one fen above is refused', () => {
    expect(benchmarkPayable(rules(), { awardFen: 250_000 * Y, previousAwardFen: 0 })).toMatchObject({ payableFen: 250_000 * Y });
    const over = benchmarkPayable(rules(), { awardFen: 250_000 * Y + 1, previousAwardFen: 0 });
    expect(over.payableFen).toBe(0);
    expect(over.refusal?.zh).toContain('超过政策上限 250,000.00 元');
  });

  it('a later, higher award pays the difference; a lower one pays nothing', () => {
    expect(benchmarkPayable(rules(), { awardFen: 250_000 * Y, previousAwardFen: 100_000 * Y }).payableFen).toBe(150_000 * Y);
    expect(benchmarkPayable(rules(), { awardFen: 100_000 * Y, previousAwardFen: 250_000 * Y }).payableFen).toBe(0);
    expect(benchmarkPayable(rules(), { awardFen: 100_000 * Y, previousAwardFen: 100_000 * Y }).payableFen).toBe(0);
  });

  it('without the difference rule the full award is paid', () => {
    expect(benchmarkPayable(rules({ benchmarkPaysDifference: false }), { awardFen: 200_000 * Y, previousAwardFen: 100_000 * Y }).payableFen).toBe(200_000 * Y);
  });

  it('zero award', () => {
    const z = benchmarkPayable(rules(), { awardFen: 0, previousAwardFen: 0 });
    expect(z.payableFen).toBe(0);
    expect(z.refusal).toBeUndefined();
  });
});
