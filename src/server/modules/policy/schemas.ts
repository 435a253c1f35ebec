/**
 * Request and response schemas of the bureau's subsidy policy versions (政策配置) and budget pools (预算池) with
 * their ledger (资金台账). The rules body mirrors `subsidyPolicyRulesSchema` of src/core/subsidy field by field,
 * with a specific bilingual message on every check; the service parses the result with the core schema as well.
 */
import { z } from 'zod';
import { COST_CLASSES, FUND_SOURCES, MONEY_LINES } from '../../../core/subsidy/policy';
import { bi } from '../../http/validation';
import { dateOrder, dateSchema } from '../../http/dates';
import { pageQuery, textSchema } from '../../http/schemas';

/** 10 亿元: no rule amount or pool of the pilot comes near it. */
export const MAX_RULE_FEN = 100_000_000_000;
/** 1000 亿元 for a pool total. */
export const MAX_POOL_FEN = 10_000_000_000_000;

function fen(zh: string, en: string, max = MAX_RULE_FEN, maxZh = '10亿元', maxEn = '1 billion yuan') {
  return z
    .number(bi(`${zh}应为数字（单位：分）`, `${en} must be a number (in fen)`))
    .int(bi(`${zh}以分为单位，须为整数`, `${en} is in whole fen`))
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(max, bi(`${zh}不超过${maxZh}`, `${en} is at most ${maxEn}`));
}

function bp(zh: string, en: string) {
  return z
    .number(bi(`${zh}应为数字（单位：万分之一）`, `${en} must be a number (in basis points)`))
    .int(bi(`${zh}以万分之一为单位，须为整数（50% 即 5000）`, `${en} is in whole basis points (50 % is 5000)`))
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(10_000, bi(`${zh}不能超过100%`, `${en} cannot exceed 100 %`));
}

function bool(zh: string, en: string) {
  return z.boolean(bi(`${zh}应为“是”或“否”`, `${en} must be true or false`));
}

export const policyRulesBody = z
  .strictObject({
    levelCapsFen: z.strictObject(
      {
        '2': fen('二级奖补上限', 'The Level 2 cap'),
        '3': fen('三级奖补上限', 'The Level 3 cap'),
        '4': fen('四级及以上奖补上限', 'The Level 4+ cap'),
      },
      bi('请填写二级、三级、四级及以上的奖补上限', 'Enter the caps for Level 2, Level 3 and Level 4 and above'),
    ),
    investmentShareBp: bp('核定投资额奖补比例', 'The share of verified investment').nullable(),
    shareDeadlines: z
      .array(
        z.strictObject({
          after: dateSchema,
          shareBp: bp('逾期后的奖补比例', 'The share after the deadline'),
        }),
        bi('比例调整节点应为列表', 'The share deadlines must be a list'),
      )
      .max(10, bi('比例调整节点不超过10个', 'At most 10 share deadlines')),
    preSubsidy: z.strictObject({
      enabled: bool('是否设预奖补', 'Whether there is a pre-subsidy'),
      shareBp: bp('预奖补比例', 'The pre-subsidy share'),
      capFen: fen('预奖补上限', 'The pre-subsidy cap'),
      trigger: z.enum(['downPayment', 'contractAmount'], bi('预奖补计算基数应为“合同首付款”或“合同金额”', 'The pre-subsidy base is the down-payment or the contract amount')),
    }),
    benchmarkMaxFen: fen('标杆奖励上限', 'The benchmark award maximum'),
    benchmarkPaysDifference: bool('标杆奖励是否按差额拨付', 'Whether a later benchmark award pays the difference'),
    eligibleClasses: z
      .array(z.enum(COST_CLASSES, bi('费用类别不在可选范围内', 'Not a known cost class')), bi('可计入费用类别应为列表', 'The eligible classes must be a list'))
      .min(1, bi('请至少选择一个可计入的费用类别', 'Choose at least one eligible cost class'))
      .max(COST_CLASSES.length, bi('费用类别重复', 'A cost class is repeated')),
    amountsWithTax: bool('发票金额计税口径', 'The tax basis of invoice amounts'),
    requiresAboveScale: bool('是否限规上企业', 'Whether only 规上 enterprises may apply'),
    otherFunding: z.enum(['exclude', 'deduct'], bi('已获其他资金的处理方式应为“不予奖补”或“扣减”', 'Other funding is either excluded or deducted')),
  })
  .superRefine((r, ctx) => {
    const caps = r.levelCapsFen;
    if (caps['2'] > caps['3']) {
      ctx.addIssue({ code: 'custom', path: ['levelCapsFen', '3'], ...bi('三级上限不能低于二级上限', 'The Level 3 cap cannot be below the Level 2 cap') });
    }
    if (caps['3'] > caps['4']) {
      ctx.addIssue({ code: 'custom', path: ['levelCapsFen', '4'], ...bi('四级及以上上限不能低于三级上限', 'The Level 4+ cap cannot be below the Level 3 cap') });
    }
    const seen = new Set<string>();
    r.shareDeadlines.forEach((d, i) => {
      if (seen.has(d.after)) ctx.addIssue({ code: 'custom', path: ['shareDeadlines', i, 'after'], ...bi(`比例调整日期 ${d.after} 重复`, `The deadline ${d.after} is repeated`) });
      seen.add(d.after);
    });
    if (new Set(r.eligibleClasses).size !== r.eligibleClasses.length) {
      ctx.addIssue({ code: 'custom', path: ['eligibleClasses'], ...bi('可计入费用类别有重复', 'An eligible cost class is repeated') });
    }
  });

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;

const policyCode = z
  .string(bi('政策编号应为文字', 'The policy code must be text'))
  .trim()
  .regex(CODE, bi('政策编号为2–64位字母、数字、点、下划线或短横线，如 zs-2024-5', 'The policy code has 2–64 letters, digits, dots, underscores or hyphens, e.g. zs-2024-5'));

const policyName = z
  .string(bi('政策名称应为文字', 'The policy name must be text'))
  .trim()
  .min(2, bi('请填写政策名称', 'Enter the policy name'))
  .max(200, bi('政策名称不超过200字', 'The policy name takes at most 200 characters'));

const note = z
  .string(bi('备注应为文字', 'The note must be text'))
  .trim()
  .max(2000, bi('备注不超过2000字', 'The note takes at most 2000 characters'));

const effectiveOrder = dateOrder('effectiveFrom', 'effectiveTo', bi('生效日期不能晚于失效日期', 'The start date cannot be after the end date'));

export const policyCreateBody = z
  .strictObject({
    code: policyCode,
    name: policyName,
    effectiveFrom: dateSchema,
    effectiveTo: dateSchema.nullable().optional(),
    rules: policyRulesBody,
    note: note.nullable().optional(),
  })
  .superRefine(effectiveOrder);
export type PolicyCreateInput = z.infer<typeof policyCreateBody>;

export const policyPatchBody = z
  .strictObject({
    name: policyName.optional(),
    effectiveFrom: dateSchema.optional(),
    effectiveTo: dateSchema.nullable().optional(),
    rules: policyRulesBody.optional(),
    note: note.nullable().optional(),
  })
  .superRefine(effectiveOrder);
export type PolicyPatchInput = z.infer<typeof policyPatchBody>;

export const POLICY_STATUSES = ['draft', 'active', 'retired'] as const;

export const policyListQuery = z.strictObject({
  code: z.string().trim().max(64).optional(),
  status: z.enum(POLICY_STATUSES, bi('状态应为草稿、生效或已废止', 'The status is draft, active or retired')).optional(),
  ...pageQuery,
});
export type PolicyListQuery = z.infer<typeof policyListQuery>;

export const inForceQuery = z.strictObject({ on: dateSchema.optional() });

export const retireBody = z.strictObject({ reason: note.min(2, bi('请填写废止原因', 'Enter the reason for retiring')) });

const rulesOut = z.object({
  levelCapsFen: z.object({ '2': z.number(), '3': z.number(), '4': z.number() }),
  investmentShareBp: z.number().nullable(),
  shareDeadlines: z.array(z.object({ after: z.string(), shareBp: z.number() })),
  preSubsidy: z.object({ enabled: z.boolean(), shareBp: z.number(), capFen: z.number(), trigger: z.enum(['downPayment', 'contractAmount']) }),
  benchmarkMaxFen: z.number(),
  benchmarkPaysDifference: z.boolean(),
  eligibleClasses: z.array(z.enum(COST_CLASSES)),
  amountsWithTax: z.boolean(),
  requiresAboveScale: z.boolean(),
  otherFunding: z.enum(['exclude', 'deduct']),
});

export const policyView = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(POLICY_STATUSES),
  statusLabel: textSchema,
  rules: rulesOut,
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  publishedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether this version is the one `policyInForce` picks today. */
  inForceToday: z.boolean(),
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canRetire: z.boolean(),
});
export type PolicyView = z.infer<typeof policyView>;

export const inForceView = z.object({ on: z.string(), policy: policyView.nullable() });

// ---- Budget pools and ledger ------------------------------------------------------------------------------

const fundSource = z.enum(FUND_SOURCES, bi('资金来源应为中央、省级或市级财政资金', 'The fund source is central, provincial or city'));
function yearOf<T extends z.ZodNumber | z.ZodCoercedNumber>(n: T) {
  return n
    .int(bi('年度应为整数', 'The year must be a whole number'))
    .min(2020, bi('年度不早于2020年', 'The year is 2020 or later'))
    .max(2100, bi('年度不晚于2100年', 'The year is 2100 or earlier'));
}
const yearBody = yearOf(z.number(bi('年度应为数字', 'The year must be a number')));
const yearQuery = yearOf(z.coerce.number(bi('年度应为数字', 'The year must be a number')));

const poolName = z
  .string(bi('预算池名称应为文字', 'The pool name must be text'))
  .trim()
  .min(2, bi('请填写预算池名称', 'Enter the pool name'))
  .max(100, bi('预算池名称不超过100字', 'The pool name takes at most 100 characters'));

const poolTotal = fen('预算总额', 'The pool total', MAX_POOL_FEN, '1000亿元', '100 billion yuan');

export const poolCreateBody = z.strictObject({
  year: yearBody,
  fundSource,
  name: poolName.optional(),
  totalFen: poolTotal,
  note: note.nullable().optional(),
});
export type PoolCreateInput = z.infer<typeof poolCreateBody>;

export const poolPatchBody = z.strictObject({
  name: poolName.optional(),
  totalFen: poolTotal.optional(),
  note: note.nullable().optional(),
  /** Why the total changes (recorded in the audit trail). */
  reason: note.optional(),
});
export type PoolPatchInput = z.infer<typeof poolPatchBody>;

export const poolListQuery = z.strictObject({
  year: yearQuery.optional(),
  fundSource: fundSource.optional(),
  ...pageQuery,
});
export type PoolListQuery = z.infer<typeof poolListQuery>;

export const poolView = z.object({
  id: z.string(),
  year: z.number().int(),
  fundSource: z.enum(FUND_SOURCES),
  fundSourceLabel: textSchema,
  name: z.string(),
  totalFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  /** Committed, not yet paid. */
  unpaidFen: z.number().int(),
  /** Total − committed: what new approvals may still commit. */
  remainingFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PoolView = z.infer<typeof poolView>;

export const poolTotalsView = z.object({ totalFen: z.number().int(), committedFen: z.number().int(), paidFen: z.number().int(), remainingFen: z.number().int() });

export const poolListView = z.object({
  items: z.array(poolView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Totals over every pool that matches the filter (not only this page), per fund source and overall. */
  totals: poolTotalsView,
  bySource: z.array(poolTotalsView.extend({ fundSource: z.enum(FUND_SOURCES), fundSourceLabel: textSchema })),
  canWrite: z.boolean(),
});

export const LEDGER_KINDS = ['commit', 'release', 'pay'] as const;

export const ledgerQuery = z
  .strictObject({
    poolId: z.uuid(bi('预算池标识格式不正确', 'The pool id is malformed')).optional(),
    projectId: z.uuid(bi('项目标识格式不正确', 'The project id is malformed')).optional(),
    line: z.enum(MONEY_LINES, bi('资金类别应为预奖补、完工奖补或标杆奖励', 'The line is pre, final or benchmark')).optional(),
    kind: z.enum(LEDGER_KINDS, bi('台账类型应为占用、释放或拨付', 'The kind is commit, release or pay')).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    ...pageQuery,
  })
  .superRefine(dateOrder('from', 'to', bi('起始日期不能晚于截止日期', 'The "from" date cannot be after the "to" date')));
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const ledgerExportQuery = z
  .strictObject({
    poolId: z.uuid(bi('预算池标识格式不正确', 'The pool id is malformed')).optional(),
    projectId: z.uuid(bi('项目标识格式不正确', 'The project id is malformed')).optional(),
    line: z.enum(MONEY_LINES, bi('资金类别应为预奖补、完工奖补或标杆奖励', 'The line is pre, final or benchmark')).optional(),
    kind: z.enum(LEDGER_KINDS, bi('台账类型应为占用、释放或拨付', 'The kind is commit, release or pay')).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
  })
  .superRefine(dateOrder('from', 'to', bi('起始日期不能晚于截止日期', 'The "from" date cannot be after the "to" date')));
export type LedgerExportQuery = z.infer<typeof ledgerExportQuery>;

export const ledgerRow = z.object({
  id: z.number().int(),
  at: z.string(),
  poolId: z.string(),
  poolName: z.string(),
  poolYear: z.number().int(),
  fundSource: z.enum(FUND_SOURCES),
  projectId: z.string().nullable(),
  projectTitle: z.string().nullable(),
  filingNo: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  kind: z.enum(LEDGER_KINDS),
  kindLabel: textSchema,
  line: z.enum(MONEY_LINES),
  lineLabel: textSchema,
  amountFen: z.number().int(),
  refType: z.string(),
  refId: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type LedgerRowView = z.infer<typeof ledgerRow>;

export const ledgerView = z.object({
  items: z.array(ledgerRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Sums of the filtered entries (all pages) per kind. */
  sums: z.object({ commitFen: z.number().int(), releaseFen: z.number().int(), payFen: z.number().int() }),
});
