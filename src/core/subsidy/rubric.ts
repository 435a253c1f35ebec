/**
 * The expert review rubric (专家评审评分表) as data, and the pure arithmetic the bureau reads: a reviewer's total
 * (each item an integer 0..max) and the statistics of several reviews (mean, spread, standard deviation,
 * outliers by score and by recommended amount).
 */
import type { Text } from '../text';

export interface RubricItem {
  id: string;
  label: Text;
  max: number;
  guidance: Text;
}

export const RUBRIC: readonly RubricItem[] = [
  {
    id: 'outcome',
    label: { zh: '改造内容与实施成效', en: 'Transformation content and results' },
    max: 30,
    guidance: {
      zh: '改造内容是否与合同、诊断建议一致；上线系统是否实际运行；改造目标（如设备联网率、关键工序数控化率）是否达成。',
      en: 'Does the work match the contract and the diagnosis? Are the systems in real use? Were the targets (networking rate, CNC rate) reached?',
    },
  },
  {
    id: 'investment',
    label: { zh: '投入真实性与合理性', en: 'Genuine and reasonable investment' },
    max: 25,
    guidance: {
      zh: '发票、付款凭证与合同是否对应、日期是否在验收之前；价格是否合理；是否存在与改造无关的支出。',
      en: 'Do invoices and payments match the contract and predate acceptance? Are prices reasonable? Any spending unrelated to the transformation?',
    },
  },
  {
    id: 'technology',
    label: { zh: '技术方案先进适用（小快轻准）', en: 'Advanced, fitting technology (small, fast, light, precise)' },
    max: 20,
    guidance: {
      zh: '方案是否符合“小快轻准”：投入小、见效快、部署轻、切中痛点；是否可复制推广。',
      en: 'Is the solution small, fast, light and precise — modest cost, quick effect, light deployment, on the pain point? Can others copy it?',
    },
  },
  {
    id: 'uplift',
    label: { zh: '数字化水平提升', en: 'Digital-level uplift' },
    max: 15,
    guidance: {
      zh: '改造前后数字化水平评测等级和得分的提升幅度，以及评价报告结论的可信程度。',
      en: 'How much the assessed level and score rose before vs after, and how credible the evaluation report is.',
    },
  },
  {
    id: 'materials',
    label: { zh: '材料完整规范', en: 'Complete, orderly materials' },
    max: 10,
    guidance: {
      zh: '申报材料是否齐全、清晰、盖章签字完整，前后数据是否一致。',
      en: 'Are the materials complete, legible, signed and sealed, and are the figures consistent?',
    },
  },
];

export const RUBRIC_MAX = RUBRIC.reduce((s, i) => s + i.max, 0);

export interface ScoreProblem {
  item: string;
  message: Text;
}

export type RubricResult = { ok: true; total: number } | { ok: false; problems: ScoreProblem[] };

/**
 * The total of a complete score sheet: every rubric item present, an integer 0..max; no unknown items.
 * `partial` accepts missing items (a draft) and totals what is there.
 */
export function rubricTotal(scores: Readonly<Record<string, unknown>>, opts: { partial?: boolean } = {}): RubricResult {
  const problems: ScoreProblem[] = [];
  let total = 0;
  for (const item of RUBRIC) {
    const v = scores[item.id];
    if (v === undefined || v === null) {
      if (!opts.partial) problems.push({ item: item.id, message: { zh: `请为“${item.label.zh}”评分`, en: `Score "${item.label.en}"` } });
      continue;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > item.max) {
      problems.push({
        item: item.id,
        message: { zh: `“${item.label.zh}”的得分须为 0 至 ${item.max} 的整数`, en: `The score of "${item.label.en}" must be a whole number from 0 to ${item.max}` },
      });
      continue;
    }
    total += v;
  }
  const known = new Set(RUBRIC.map((i) => i.id));
  for (const k of Object.keys(scores)) {
    if (!known.has(k)) problems.push({ item: k, message: { zh: `评分表中没有“${k}”这一项`, en: `The rubric has no item "${k}"` } });
  }
  return problems.length ? { ok: false, problems } : { ok: true, total };
}

export interface ReviewForStats {
  id: string;
  totalScore: number;
  recommendedFen: number;
}

export interface ExpertStats {
  count: number;
  meanScore: number | null;
  spread: number | null;
  stdDev: number | null;
  meanRecommendedFen: number | null;
  medianRecommendedFen: number | null;
  outliers: string[];
}

/** A total more than this many points from the mean is an outlier. */
export const SCORE_OUTLIER_POINTS = 15;
/** A recommendation more than this share away from the median is an outlier. */
export const AMOUNT_OUTLIER_SHARE = 0.3;

const round1 = (n: number) => Math.round(n * 10) / 10;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** Statistics of the submitted reviews (population standard deviation; means rounded to 0.1 point, amounts to the fen). */
export function expertStats(reviews: readonly ReviewForStats[], opts: { scorePoints?: number; amountShare?: number } = {}): ExpertStats {
  const n = reviews.length;
  if (n === 0) return { count: 0, meanScore: null, spread: null, stdDev: null, meanRecommendedFen: null, medianRecommendedFen: null, outliers: [] };
  const scorePoints = opts.scorePoints ?? SCORE_OUTLIER_POINTS;
  const amountShare = opts.amountShare ?? AMOUNT_OUTLIER_SHARE;
  const totals = reviews.map((r) => r.totalScore);
  const mean = totals.reduce((a, b) => a + b, 0) / n;
  const variance = totals.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const amounts = reviews.map((r) => r.recommendedFen);
  const med = median(amounts);
  const outliers = reviews
    .filter((r) => Math.abs(r.totalScore - mean) > scorePoints || (n > 1 && (med === 0 ? r.recommendedFen !== 0 : Math.abs(r.recommendedFen - med) / med > amountShare)))
    .map((r) => r.id);
  return {
    count: n,
    meanScore: round1(mean),
    spread: Math.max(...totals) - Math.min(...totals),
    stdDev: round1(Math.sqrt(variance)),
    meanRecommendedFen: Math.round(amounts.reduce((a, b) => a + b, 0) / n),
    medianRecommendedFen: med,
    outliers,
  };
}
