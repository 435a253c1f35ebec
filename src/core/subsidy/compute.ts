/**
 * The subsidy amount computation (奖补金额测算): pure, integer fen only. Every figure is explained as a step in
 * words (zh first, en complete) so that the bureau, the enterprise and the experts read the same reasoning.
 *
 * verified investment = min(contract, eligible invoices up to acceptance, payments up to acceptance)
 * gross              = min(level cap, share × verified investment)   (no share rule: min(cap, verified))
 * suggested          = gross − pre-subsidy already paid − other funding (when the policy deducts it), ≥ 0
 */
import { formatFenAsYuan } from '../money';
import type { Text } from '../text';
import { COST_CLASS_LABELS, type SubsidyPolicy, type SubsidyPolicyRules } from './policy';
import type { ApplicationFacts, ComputationStep, SubsidyComputation } from './types';

const BP_DENOMINATOR = 10_000n;

/** "400,000.00 元" / "400,000.00 yuan" */
function zhYuan(fen: number): string {
  return `${formatFenAsYuan(fen)} 元`;
}
function enYuan(fen: number): string {
  return `${formatFenAsYuan(fen)} yuan`;
}

/** Basis points as an exact percentage: 5000 → "50", 3333 → "33.33", 50 → "0.5". */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/** floor(amount × bp / 10000), exact for any safe integer amount (BigInt, no floats). */
export function applyShare(amountFen: number, bp: number): number {
  if (amountFen <= 0 || bp <= 0) return 0;
  return Number((BigInt(amountFen) * BigInt(bp)) / BP_DENOMINATOR);
}

const LEVEL_ZH = ['零级', '一级', '二级', '三级', '四级', '五级'];
const LEVEL_EN = ['Level 0', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5'];
function levelZh(level: number): string {
  return LEVEL_ZH[level] ?? `${level}级`;
}
function levelEn(level: number): string {
  return LEVEL_EN[level] ?? `Level ${level}`;
}

/** The cap key of an evaluated level: 2, 3, and 4 for level 4 and above; null below 二级. */
export function capKeyOf(level: number): '2' | '3' | '4' | null {
  if (!Number.isInteger(level) || level < 2) return null;
  if (level === 2) return '2';
  if (level === 3) return '3';
  return '4';
}

/**
 * The share that applies on `appliedOn`: the latest deadline entry whose `after` date is before the day of
 * application, otherwise the policy's `investmentShareBp` (null: no share rule).
 */
export function shareFor(rules: SubsidyPolicyRules, appliedOn: string): { shareBp: number | null; after: string | null } {
  let best: { after: string; shareBp: number } | null = null;
  for (const d of rules.shareDeadlines) {
    if (appliedOn > d.after && (best === null || d.after > best.after)) best = d;
  }
  if (best) return { shareBp: best.shareBp, after: best.after };
  return { shareBp: rules.investmentShareBp, after: null };
}

function step(key: string, zh: string, en: string, amountFen: number | null): ComputationStep {
  return { key, text: { zh, en }, amountFen };
}

export function computeSubsidy(rules: SubsidyPolicyRules, facts: ApplicationFacts): SubsidyComputation {
  const steps: ComputationStep[] = [];
  const refusals: Text[] = [];
  const withTax = rules.amountsWithTax;
  const basisZh = withTax ? '含税' : '不含税';
  const basisEn = withTax ? 'with tax' : 'without tax';

  // 1. Contract amount on the policy's tax basis (the with-tax amount when the ex-tax one is not stated).
  const useExTax = !withTax && facts.contractAmountExTaxFen != null;
  const contractFen = Math.max(0, useExTax ? (facts.contractAmountExTaxFen ?? 0) : facts.contractAmountFen);
  if (!withTax && facts.contractAmountExTaxFen == null) {
    steps.push(
      step(
        'contractBasis',
        '合同未注明不含税金额，按含税金额计',
        'The contract states no amount without tax: the amount with tax counts.',
        null,
      ),
    );
  }

  // 2. Invoices: only those dated on or before acceptance and in an eligible class.
  const eligible = new Set<string>(rules.eligibleClasses);
  let invoiceTotalFen = 0;
  let eligibleInvoiceFen = 0;
  for (const inv of facts.invoices) {
    const counted = Math.max(0, withTax ? inv.amountFen : inv.amountFen - inv.taxFen);
    invoiceTotalFen += counted;
    if (inv.issuedOn > facts.acceptedOn) {
      steps.push(
        step(
          'invoiceAfterAcceptance',
          `发票 ${inv.number} 开具于验收日之后（${inv.issuedOn}），不计入`,
          `Invoice ${inv.number} was issued after acceptance (${inv.issuedOn}) and does not count.`,
          counted,
        ),
      );
      continue;
    }
    if (!eligible.has(inv.costClass)) {
      const label = COST_CLASS_LABELS[inv.costClass];
      steps.push(
        step(
          'invoiceExcludedClass',
          `发票 ${inv.number} 属于「${label.zh}」，不在可计入类别，不计入`,
          `Invoice ${inv.number} is "${label.en}", not an eligible class, and does not count.`,
          counted,
        ),
      );
      continue;
    }
    eligibleInvoiceFen += counted;
  }

  // 3. Payments dated on or before acceptance.
  let paymentTotalFen = 0;
  facts.payments.forEach((p, i) => {
    const amount = Math.max(0, p.amountFen);
    if (p.paidOn > facts.acceptedOn) {
      steps.push(
        step(
          'paymentAfterAcceptance',
          `第 ${i + 1} 笔付款（${p.paidOn}，${zhYuan(amount)}）发生于验收日之后，不计入`,
          `Payment ${i + 1} (${p.paidOn}, ${enYuan(amount)}) was made after acceptance and does not count.`,
          amount,
        ),
      );
      return;
    }
    paymentTotalFen += amount;
  });

  // 4. Verified investment: the smallest of the three.
  const verifiedInvestmentFen = Math.min(contractFen, eligibleInvoiceFen, paymentTotalFen);
  steps.push(
    step(
      'verifiedInvestment',
      `合同金额（${basisZh}）${zhYuan(contractFen)}；发票合计（验收日 ${facts.acceptedOn} 前、可计入类别、${basisZh}）${zhYuan(eligibleInvoiceFen)}；付款合计（验收日前）${zhYuan(paymentTotalFen)} → 核定投资额取三者最小值 ${zhYuan(verifiedInvestmentFen)}`,
      `Contract amount (${basisEn}) ${enYuan(contractFen)}; invoice total (up to acceptance on ${facts.acceptedOn}, eligible classes, ${basisEn}) ${enYuan(eligibleInvoiceFen)}; payment total (up to acceptance) ${enYuan(paymentTotalFen)} → verified investment is the smallest of the three: ${enYuan(verifiedInvestmentFen)}`,
      verifiedInvestmentFen,
    ),
  );

  // 5. Eligibility rules of the policy.
  const capKey = capKeyOf(facts.level);
  if (capKey === null) {
    refusals.push({
      zh: `效果评估等级为${levelZh(facts.level)}，二级及以上方可申请奖补`,
      en: `The evaluated level is ${levelEn(facts.level)}; only Level 2 and above may receive a subsidy.`,
    });
  }
  if (rules.requiresAboveScale && facts.aboveScale !== true) {
    refusals.push({
      zh: '本政策仅支持规模以上工业企业（规上），申请企业未确认为规上企业',
      en: 'This policy supports only enterprises above designated size (规上); the applicant is not confirmed as one.',
    });
  }
  const otherFunding = Math.max(0, facts.otherFundingFen);
  if (otherFunding > 0 && rules.otherFunding === 'exclude') {
    refusals.push({
      zh: `本项目已获其他中央或省级资金支持（${zhYuan(otherFunding)}），按政策不予重复奖补`,
      en: `The project already received other central or provincial funding (${enYuan(otherFunding)}); the policy excludes it from this subsidy.`,
    });
  }

  // 6. Cap by level.
  const capFen = capKey === null ? 0 : rules.levelCapsFen[capKey];
  if (capKey !== null) {
    const zhName = capKey === '4' && facts.level > 4 ? `${levelZh(facts.level)}（按四级及以上）` : capKey === '4' ? '四级及以上' : levelZh(facts.level);
    const enName = capKey === '4' && facts.level > 4 ? `${levelEn(facts.level)} (as Level 4 and above)` : capKey === '4' ? 'Level 4 and above' : levelEn(facts.level);
    steps.push(step('cap', `${zhName}上限 ${zhYuan(capFen)}`, `${enName} cap ${enYuan(capFen)}`, capFen));
  }

  // 7. Share rule.
  const share = shareFor(rules, facts.appliedOn);
  let shareAmount = verifiedInvestmentFen;
  if (share.shareBp !== null) {
    shareAmount = applyShare(verifiedInvestmentFen, share.shareBp);
    const zhWhen = share.after ? `（${share.after} 之后申请）` : '';
    const enWhen = share.after ? ` (applied after ${share.after})` : '';
    steps.push(
      step(
        'share',
        `按核定投资额的 ${formatBp(share.shareBp)}%${zhWhen || ' '}计 ${zhYuan(shareAmount)}`,
        `${formatBp(share.shareBp)}% of the verified investment${enWhen}: ${enYuan(shareAmount)}`,
        shareAmount,
      ),
    );
  } else {
    steps.push(step('share', `政策未设比例，以核定投资额 ${zhYuan(verifiedInvestmentFen)} 为限`, `No share rule: at most the verified investment, ${enYuan(verifiedInvestmentFen)}`, verifiedInvestmentFen));
  }
  const grossFen = Math.min(capFen, shareAmount);
  steps.push(
    step(
      'gross',
      `取上限与测算额的较小值 ${zhYuan(grossFen)}`,
      `The smaller of the cap and the computed amount: ${enYuan(grossFen)}`,
      grossFen,
    ),
  );

  // 8. Deductions, never below zero.
  let remaining = grossFen;
  const prePaid = Math.max(0, facts.preSubsidyPaidFen);
  const preSubsidyDeductedFen = Math.min(remaining, prePaid);
  if (prePaid > 0) {
    remaining -= preSubsidyDeductedFen;
    const clampedZh = preSubsidyDeductedFen < prePaid ? `（已拨付 ${zhYuan(prePaid)}，扣减至零为止）` : '';
    const clampedEn = preSubsidyDeductedFen < prePaid ? ` (${enYuan(prePaid)} paid; deducted down to zero)` : '';
    steps.push(
      step(
        'preSubsidy',
        `减已拨付预奖补 ${zhYuan(preSubsidyDeductedFen)}${clampedZh}，余 ${zhYuan(remaining)}`,
        `Less the pre-subsidy already paid, ${enYuan(preSubsidyDeductedFen)}${clampedEn}: ${enYuan(remaining)} remain`,
        remaining,
      ),
    );
  }
  let otherFundingDeductedFen = 0;
  if (otherFunding > 0 && rules.otherFunding === 'deduct') {
    otherFundingDeductedFen = Math.min(remaining, otherFunding);
    remaining -= otherFundingDeductedFen;
    const clampedZh = otherFundingDeductedFen < otherFunding ? `（其他资金 ${zhYuan(otherFunding)}，扣减至零为止）` : '';
    const clampedEn = otherFundingDeductedFen < otherFunding ? ` (${enYuan(otherFunding)} received; deducted down to zero)` : '';
    steps.push(
      step(
        'otherFunding',
        `减同一项目已获其他中央或省级资金 ${zhYuan(otherFundingDeductedFen)}${clampedZh}，余 ${zhYuan(remaining)}`,
        `Less other central or provincial funding for the same project, ${enYuan(otherFundingDeductedFen)}${clampedEn}: ${enYuan(remaining)} remain`,
        remaining,
      ),
    );
  }

  const isEligible = refusals.length === 0;
  const suggestedFen = isEligible ? remaining : 0;
  for (const r of refusals) steps.push({ key: 'refusal', text: r, amountFen: null });
  steps.push(
    step(
      'suggested',
      isEligible ? `建议金额 ${zhYuan(suggestedFen)}` : `不符合奖补条件，建议金额 ${zhYuan(0)}`,
      isEligible ? `Suggested amount ${enYuan(suggestedFen)}` : `Not eligible: suggested amount ${enYuan(0)}`,
      suggestedFen,
    ),
  );

  return {
    eligible: isEligible,
    refusals,
    contractFen,
    invoiceTotalFen,
    eligibleInvoiceFen,
    paymentTotalFen,
    verifiedInvestmentFen,
    capFen,
    shareBp: share.shareBp,
    grossFen,
    preSubsidyDeductedFen,
    otherFundingDeductedFen,
    suggestedFen,
    steps,
  };
}

/**
 * The policy version in force on `day` (YYYY-MM-DD): active, effectiveFrom ≤ day ≤ effectiveTo (open-ended when
 * null). Several may overlap: the highest version wins (then the latest start).
 */
export function policyInForce<P extends SubsidyPolicy>(policies: readonly P[], day: string): P | null {
  let best: P | null = null;
  for (const p of policies) {
    if (p.status !== undefined && p.status !== 'active') continue;
    if (p.effectiveFrom > day) continue;
    if (p.effectiveTo !== null && p.effectiveTo < day) continue;
    if (best === null || p.version > best.version || (p.version === best.version && p.effectiveFrom > best.effectiveFrom)) best = p;
  }
  return best;
}

/** The pre-subsidy (预奖补) of a project: the policy's share of the trigger amount, capped. */
export function preSubsidyAmount(
  rules: SubsidyPolicyRules,
  input: { contractFen: number; downPaymentFen: number },
): { amountFen: number; steps: ComputationStep[] } {
  const pre = rules.preSubsidy;
  if (!pre.enabled) {
    return { amountFen: 0, steps: [step('preSubsidyDisabled', '本政策不设预奖补', 'This policy has no pre-subsidy.', 0)] };
  }
  const byDownPayment = pre.trigger === 'downPayment';
  const trigger = Math.max(0, byDownPayment ? input.downPaymentFen : input.contractFen);
  const shareAmount = applyShare(trigger, pre.shareBp);
  const amountFen = Math.min(pre.capFen, shareAmount);
  const steps: ComputationStep[] = [
    step(
      'preSubsidyTrigger',
      `${byDownPayment ? '合同首付款' : '合同金额'} ${zhYuan(trigger)} × ${formatBp(pre.shareBp)}% = ${zhYuan(shareAmount)}`,
      `${byDownPayment ? 'Contract down-payment' : 'Contract amount'} ${enYuan(trigger)} × ${formatBp(pre.shareBp)}% = ${enYuan(shareAmount)}`,
      shareAmount,
    ),
    step('preSubsidyCap', `预奖补上限 ${zhYuan(pre.capFen)}`, `Pre-subsidy cap ${enYuan(pre.capFen)}`, pre.capFen),
    step('preSubsidyAmount', `预奖补金额 ${zhYuan(amountFen)}`, `Pre-subsidy amount ${enYuan(amountFen)}`, amountFen),
  ];
  return { amountFen, steps };
}

/**
 * What a benchmark award pays: refused above the policy maximum; with `benchmarkPaysDifference`, a later award
 * for the same enterprise pays only the difference to the previous one (never below 0).
 */
export function benchmarkPayable(
  rules: SubsidyPolicyRules,
  input: { awardFen: number; previousAwardFen: number },
): { payableFen: number; steps: ComputationStep[]; refusal?: Text } {
  const award = Math.max(0, input.awardFen);
  const previous = Math.max(0, input.previousAwardFen);
  if (award > rules.benchmarkMaxFen) {
    const refusal: Text = {
      zh: `标杆奖励 ${zhYuan(award)} 超过政策上限 ${zhYuan(rules.benchmarkMaxFen)}`,
      en: `The benchmark award of ${enYuan(award)} exceeds the policy maximum of ${enYuan(rules.benchmarkMaxFen)}.`,
    };
    return { payableFen: 0, steps: [{ key: 'benchmarkRefused', text: refusal, amountFen: null }], refusal };
  }
  const steps: ComputationStep[] = [
    step('benchmarkAward', `标杆奖励 ${zhYuan(award)}（上限 ${zhYuan(rules.benchmarkMaxFen)}）`, `Benchmark award ${enYuan(award)} (maximum ${enYuan(rules.benchmarkMaxFen)})`, award),
  ];
  let payableFen = award;
  if (rules.benchmarkPaysDifference && previous > 0) {
    payableFen = Math.max(0, award - previous);
    steps.push(
      step(
        'benchmarkDifference',
        `已获标杆奖励 ${zhYuan(previous)}，按差额拨付 ${zhYuan(payableFen)}`,
        `A previous benchmark award of ${enYuan(previous)}: only the difference is paid, ${enYuan(payableFen)}`,
        payableFen,
      ),
    );
  }
  steps.push(step('benchmarkPayable', `应拨付 ${zhYuan(payableFen)}`, `Payable ${enYuan(payableFen)}`, payableFen));
  return { payableFen, steps };
}
