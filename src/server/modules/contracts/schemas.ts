/** Request and response schemas of the contract (项目签约), its targets (一企一档) and the enterprise archive. */
import { z } from 'zod';
import { bi } from '../../http/validation';
import { dateSchema } from '../../http/dates';
import { pageQuery, textSchema } from '../../http/schemas';

export const TEXT_MAX = 4000;
const MAX_FEN = 100_000_000_000; // 10 亿元
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

function text(label: { zh: string; en: string }, max: number) {
  return z
    .string(bi(`${label.zh}应为文字`, `${label.en} must be text`))
    .trim()
    .max(max, bi(`${label.zh}不超过${max}字`, `${label.en} takes at most ${max} characters`));
}

function fen(label: { zh: string; en: string }, min: number) {
  return z
    .number(bi(`${label.zh}应为数字（单位：分）`, `${label.en} must be a number (in fen)`))
    .int(bi(`${label.zh}以分为单位，须为整数`, `${label.en} is in whole fen`))
    .min(min, bi(min > 0 ? `${label.zh}须大于0` : `${label.zh}不能为负数`, min > 0 ? `${label.en} must be positive` : `${label.en} cannot be negative`))
    .max(MAX_FEN, bi(`${label.zh}不超过10亿元`, `${label.en} is at most 1 billion yuan`));
}

export const PARTY_ROLES = ['enterprise', 'provider', 'other'] as const;

export const partySchema = z.strictObject({
  role: z.enum(PARTY_ROLES, bi('签约方类型应为：企业、服务商或其他', 'The party role is enterprise, provider or other')),
  orgId: z.uuid(bi('签约单位标识格式不正确', 'The organisation id is malformed')).nullable().optional(),
  name: text({ zh: '签约方名称', en: 'The party name' }, 200),
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .refine((s) => s === '' || USCC.test(s), bi('统一社会信用代码应为18位数字或大写字母', 'The USCC is 18 digits or capital letters'))
    .nullable()
    .optional(),
  duties: text({ zh: '签约方职责', en: "The party's duties" }, TEXT_MAX).default(''),
});
export type Party = z.infer<typeof partySchema>;

export const lineSchema = z.strictObject({
  item: text({ zh: '产品或服务名称', en: 'The item' }, 200),
  productId: z.uuid(bi('产品标识格式不正确', 'The product id is malformed')).nullable().optional(),
  quantity: z
    .number(bi('数量应为数字', 'The quantity must be a number'))
    .positive(bi('数量须大于0', 'The quantity must be positive'))
    .max(1_000_000, bi('数量不超过100万', 'The quantity is at most 1,000,000'))
    .refine((n) => Math.round(n * 100) === n * 100 || Math.abs(Math.round(n * 100) - n * 100) < 1e-6, bi('数量最多两位小数', 'The quantity has at most two decimals')),
  unit: text({ zh: '单位', en: 'The unit' }, 20).default(''),
  unitPriceFen: fen({ zh: '单价', en: 'The unit price' }, 0),
  amountFen: fen({ zh: '金额', en: 'The line amount' }, 0),
});
export type Line = z.infer<typeof lineSchema>;

export const contractBody = z.strictObject({
  contractNo: text({ zh: '合同编号', en: 'The contract number' }, 64).optional(),
  amountFen: fen({ zh: '合同金额（含税）', en: 'The contract amount (with tax)' }, 1).nullable().optional(),
  amountExTaxFen: fen({ zh: '合同金额（不含税）', en: 'The contract amount (without tax)' }, 1).nullable().optional(),
  signedOn: dateSchema.nullable().optional(),
  periodStart: dateSchema.nullable().optional(),
  periodEnd: dateSchema.nullable().optional(),
  parties: z.array(partySchema).max(10, bi('签约方不超过10个', 'At most 10 parties')).optional(),
  lines: z.array(lineSchema).max(100, bi('报价明细不超过100行', 'At most 100 price lines')).optional(),
  measures: text({ zh: '改造措施', en: 'The transformation measures' }, TEXT_MAX).optional(),
  targetsText: text({ zh: '实施目标', en: 'The implementation targets' }, TEXT_MAX).optional(),
  lateReason: text({ zh: '延期说明', en: 'The reason for the later end' }, 1000).nullable().optional(),
});
export type ContractInput = z.infer<typeof contractBody>;

const partyOut = z.object({ role: z.enum(PARTY_ROLES), orgId: z.string().nullable(), name: z.string(), uscc: z.string().nullable(), duties: z.string() });
const lineOut = z.object({ item: z.string(), productId: z.string().nullable(), quantity: z.number(), unit: z.string(), unitPriceFen: z.number(), amountFen: z.number() });

export const contractFields = {
  contractNo: z.string(),
  amountFen: z.number().nullable(),
  amountExTaxFen: z.number().nullable(),
  signedOn: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  parties: z.array(partyOut),
  lines: z.array(lineOut),
  measures: z.string(),
  targetsText: z.string(),
  lateReason: z.string().nullable(),
};

export const contractView = z.object({
  ...contractFields,
  projectId: z.string(),
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
  /** The provider chosen in stage 3 (the contract's provider party must be it). */
  provider: z.object({ id: z.string(), name: z.string(), uscc: z.string().nullable() }).nullable(),
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string().nullable() }),
  filedOn: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  canEdit: z.boolean(),
  /** What submission still needs (the contractComplete guard's list). */
  missing: z.array(textSchema),
  returnReason: z.string().nullable(),
});

export const revisionView = z.object({
  revision: z.number().int(),
  snapshot: z.record(z.string(), z.unknown()),
  changedFields: z.array(z.string()),
  submittedBy: z.string().nullable(),
  submittedByName: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  submittedAt: z.string(),
});

const value = (label: { zh: string; en: string }) =>
  z
    .number(bi(`${label.zh}应为数字`, `${label.en} must be a number`))
    .min(0, bi(`${label.zh}不能为负数`, `${label.en} cannot be negative`))
    .max(999_999_999_999, bi(`${label.zh}过大`, `${label.en} is too large`))
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, bi(`${label.zh}最多两位小数`, `${label.en} has at most two decimals`))
    .nullable();

export const TARGET_KEY = /^(?:[a-z][A-Za-z0-9]{1,40}|custom[0-9]{1,3})$/;

export const targetsBody = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        key: z.string().regex(TARGET_KEY, bi('指标标识格式不正确', 'The figure key is malformed')),
        label: text({ zh: '指标名称', en: 'The figure name' }, 100).optional(),
        unit: text({ zh: '计量单位', en: 'The unit' }, 20).optional(),
        baseline: value({ zh: '改造前数值', en: 'The value before' }),
        target: value({ zh: '目标值', en: 'The target' }),
      }),
    )
    .max(30, bi('改造目标不超过30项', 'At most 30 targets')),
});
export type TargetsInput = z.infer<typeof targetsBody>;

export const measuredBody = z.strictObject({
  rows: z.array(z.strictObject({ key: z.string().regex(TARGET_KEY, bi('指标标识格式不正确', 'The figure key is malformed')), measured: value({ zh: '改造后数值', en: 'The value after' }) })).max(30),
});
export type MeasuredInput = z.infer<typeof measuredBody>;

export const targetRow = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  measured: z.number().nullable(),
  measuredAt: z.string().nullable(),
  required: z.boolean(),
});

export const targetsView = z.object({
  rows: z.array(targetRow),
  choices: z.array(z.object({ key: z.string(), label: textSchema, unit: z.string(), max: z.number().nullable(), required: z.boolean() })),
  canEdit: z.boolean(),
  canMeasure: z.boolean(),
  /** Targets without a measured value (the evaluationComplete guard's list). */
  unmeasured: z.array(textSchema),
});

export const archiveQuery = z.strictObject({
  ...pageQuery,
  townCode: z.string().trim().max(40).optional(),
  stage: z.coerce.number().int().min(1).max(8).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ArchiveQuery = z.infer<typeof archiveQuery>;
export const archiveExportQuery = archiveQuery.omit({ page: true, pageSize: true });

export const archiveRow = z.object({
  projectId: z.string(),
  filingNo: z.string().nullable(),
  title: z.string(),
  enterpriseName: z.string(),
  townCode: z.string(),
  stage: z.number().int(),
  state: z.string(),
  stateLabel: textSchema,
  pilotEnterpriseAt: z.string().nullable(),
  levelBefore: z.number().nullable(),
  evaluations: z.array(z.object({ version: z.number().int(), levelAfter: z.number().nullable(), state: z.string() })),
  assessments: z.array(z.object({ mode: z.string(), level: z.number().nullable(), baseScore: z.number().nullable(), submittedAt: z.string().nullable() })),
  targets: z.array(targetRow),
});
