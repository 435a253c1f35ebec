/**
 * Subsidy policy as data (政策配置). A policy version holds every rule the amount computation reads: caps per
 * evaluated level, an optional share of verified investment (with dated drops), the pre-subsidy rule, the
 * benchmark award maximum, which invoice classes count and whether with tax, the declarations it requires and how
 * other funding for the same project is treated. All amounts are integer fen; shares are basis points (1 % = 100).
 */
import { z } from 'zod';
import type { Text } from '../text';

/** Classes of invoice lines (费用类别). */
export const COST_CLASSES = ['software', 'cloud', 'hardware', 'services', 'officePc', 'embeddedSoftware', 'wiring', 'other'] as const;
export type CostClass = (typeof COST_CLASSES)[number];

export const COST_CLASS_LABELS: Record<CostClass, Text> = {
  software: { zh: '软件（含订阅）', en: 'Software (incl. subscriptions)' },
  cloud: { zh: '云服务', en: 'Cloud services' },
  hardware: { zh: '数据采集及网络硬件', en: 'Data-collection and network hardware' },
  services: { zh: '实施及咨询服务', en: 'Implementation and consulting services' },
  officePc: { zh: '办公电脑', en: 'Office PCs' },
  embeddedSoftware: { zh: '生产设备内嵌软件', en: 'Software embedded in production equipment' },
  wiring: { zh: '弱电工程', en: 'Low-voltage wiring' },
  other: { zh: '其他', en: 'Other' },
};

export const FUND_SOURCES = ['central', 'provincial', 'city'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_LABELS: Record<FundSource, Text> = {
  central: { zh: '中央财政资金', en: 'Central funds' },
  provincial: { zh: '省级财政资金', en: 'Provincial funds' },
  city: { zh: '市级财政资金', en: 'City funds' },
};

/** Subsidy lines: each has its own approval, commitment and tranche. */
export const MONEY_LINES = ['pre', 'final', 'benchmark'] as const;
export type MoneyLine = (typeof MONEY_LINES)[number];

export const MONEY_LINE_LABELS: Record<MoneyLine, Text> = {
  pre: { zh: '预奖补', en: 'Pre-subsidy' },
  final: { zh: '完工奖补', en: 'Completion subsidy' },
  benchmark: { zh: '标杆奖励', en: 'Benchmark award' },
};

const fen = z.number().int().min(0).max(9_000_000_000_000);
const basisPoints = z.number().int().min(0).max(10_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const subsidyPolicyRulesSchema = z.object({
  /** Cap per evaluated level (二级, 三级, 四级 and above), fen. Level 1 gets nothing. */
  levelCapsFen: z.object({ '2': fen, '3': fen, '4': fen }),
  /** The share of the eligible verified investment paid at most; null: no share rule (the cap alone). */
  investmentShareBp: basisPoints.nullable(),
  /** Applications submitted after `after` get the lower share `shareBp` (the latest matching entry wins). */
  shareDeadlines: z.array(z.object({ after: isoDate, shareBp: basisPoints })).max(10),
  preSubsidy: z.object({
    enabled: z.boolean(),
    /** Share of the trigger amount (e.g. the contract's down-payment). */
    shareBp: basisPoints,
    capFen: fen,
    /** What the share is taken of: the down-payment actually paid, or the contract amount. */
    trigger: z.enum(['downPayment', 'contractAmount']),
  }),
  /** The benchmark award maximum (≤ 250,000 yuan by default). */
  benchmarkMaxFen: fen,
  /** A later, higher benchmark award for the same enterprise pays only the difference. */
  benchmarkPaysDifference: z.boolean(),
  /** Which invoice classes count as eligible cost. */
  eligibleClasses: z.array(z.enum(COST_CLASSES)).min(1),
  /** Whether invoice amounts count with tax (价税合计) or without (不含税). */
  amountsWithTax: z.boolean(),
  /** Only 规上 enterprises may apply. */
  requiresAboveScale: z.boolean(),
  /** Other central / provincial funding for the same project: exclude the application, or deduct the amount. */
  otherFunding: z.enum(['exclude', 'deduct']),
});
export type SubsidyPolicyRules = z.infer<typeof subsidyPolicyRulesSchema>;

const YUAN = 100;

/** The defaults of 中工信规字〔2024〕5号 as the seed and the public notices describe them. */
export const DEFAULT_POLICY_RULES: SubsidyPolicyRules = {
  levelCapsFen: { '2': 300_000 * YUAN, '3': 600_000 * YUAN, '4': 1_000_000 * YUAN },
  investmentShareBp: null,
  shareDeadlines: [],
  preSubsidy: { enabled: true, shareBp: 3_000, capFen: 150_000 * YUAN, trigger: 'downPayment' },
  benchmarkMaxFen: 250_000 * YUAN,
  benchmarkPaysDifference: true,
  eligibleClasses: ['software', 'cloud', 'hardware', 'services'],
  amountsWithTax: true,
  requiresAboveScale: false,
  otherFunding: 'deduct',
};

/** A policy version as the computation sees it. */
export interface SubsidyPolicy {
  id: string;
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** draft · active · retired; when present, only active versions are ever in force. */
  status?: string;
  rules: SubsidyPolicyRules;
}
