/**
 * What events carry besides a reason, as zod object schemas. The table names them on its transitions; the server
 * validates with them (before any guard) and publishes them in the OpenAPI document; the UI renders the action's
 * dialog from their JSON Schema. OpenAPI extensions in `meta` tell the UI how to draw a field: `x-widget` (the picker),
 * `x-options` (labelled choices), `x-kinds` (the institution kinds an assignment accepts), `x-assignment` (which
 * institution assignment a picker serves: its conflicts of interest are flagged for the project).
 */
import { z } from 'zod';
import { DIGITAL_LEVELS, DIGITAL_LEVEL_LABELS } from './context';
import { isIsoDate } from '../calendar/date';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD); the server checks it is a real day. */
const dueDate = z
  .string()
  .regex(DATE, { error: '日期格式应为 YYYY-MM-DD / Dates are YYYY-MM-DD' })
  .meta({ 'x-widget': 'date', title: '完成期限 / Due date', description: '不填则按工作日规则计算 / Left empty, the working-day rule sets it' });

const note = (max: number) => z.string().trim().max(max, { error: `不超过${max}字 / At most ${max} characters` });

/**
 * 分配诊断机构 / 分配评估机构: the institution (the guard checks its kind; `kinds` tells the picker which to offer)
 * and optionally a due date and a note.
 */
function assignInstitutionInput(kinds: readonly ('comprehensive' | 'diagnostic')[], assignment: 'diagnosis' | 'evaluation') {
  return z.strictObject({
    institutionId: z
      .uuid({ error: '请选择服务机构 / Choose an institution' })
      .meta({ 'x-widget': 'institution', title: '服务机构 / Institution', 'x-kinds': kinds, 'x-assignment': assignment }),
    dueOn: dueDate.optional(),
    note: note(500).optional().meta({ 'x-widget': 'textarea', title: '给机构的说明 / Note to the institution' }),
  });
}

/** A diagnosis may be done by a comprehensive or a diagnostic institution. */
export const ASSIGN_INSTITUTION_INPUT = assignInstitutionInput(['comprehensive', 'diagnostic'], 'diagnosis');
/** An effect evaluation only by a comprehensive one. */
export const ASSIGN_EVALUATION_INSTITUTION_INPUT = assignInstitutionInput(['comprehensive'], 'evaluation');

/** The four groups of evidence the seed lists for a diagnosis (the slots of `institutionDiagnosis`). */
export const DIAGNOSIS_EVIDENCE_SLOTS = ['diagnosis.policies', 'diagnosis.systems', 'diagnosis.photos', 'diagnosis.financials'] as const;

/** 请求企业补充佐证材料: which evidence groups, a note, and by when. */
export const REQUEST_EVIDENCE_INPUT = z.strictObject({
  slots: z
    .array(z.enum(DIAGNOSIS_EVIDENCE_SLOTS, { error: '未知的材料项 / Unknown material' }))
    .min(1, { error: '请至少选择一类材料 / Choose at least one kind of material' })
    .meta({
      'x-widget': 'slots',
      title: '需要企业提供的材料 / Materials the enterprise should provide',
      'x-options': [
        { value: 'diagnosis.policies', label: { zh: '相关制度文件、组织架构文件', en: 'Policies and organisation charts' } },
        { value: 'diagnosis.systems', label: { zh: '系统软件截图、设备清单、软件设备购买证明、数据台账', en: 'System screenshots, equipment lists, purchase proofs, data ledgers' } },
        { value: 'diagnosis.photos', label: { zh: '改造现场照片、相关培训交流照片', en: 'Site and training photos' } },
        { value: 'diagnosis.financials', label: { zh: '审计报告或财务报表、数字化投入证明', en: 'Audit report or financial statements, proof of digital investment' } },
      ],
    }),
  note: note(1000).default('').meta({ 'x-widget': 'textarea', title: '说明 / Note' }),
  dueOn: dueDate.optional(),
});

/** The structured summary an institution submits with its diagnosis report PDF. */
export const DIAGNOSIS_REPORT_INPUT = z.strictObject({
  levelBefore: z
    .number({ error: '请选择改造前数字化水平 / Choose the digital level before transformation' })
    .int({ error: '等级应为 0–4 / The level is 0–4' })
    .min(0, { error: '等级应为 0–4 / The level is 0–4' })
    .max(4, { error: '等级应为 0–4 / The level is 0–4' })
    .meta({
      'x-widget': 'level',
      title: '改造前数字化水平 / Digital level before transformation',
      'x-options': DIGITAL_LEVELS.map((l) => ({ value: l, label: DIGITAL_LEVEL_LABELS[l] })),
    }),
  painPoints: z
    .string()
    .trim()
    .min(10, { error: '请填写主要痛点（至少10个字）/ Describe the main pain points (at least 10 characters)' })
    .max(4000, { error: '不超过4000字 / At most 4000 characters' })
    .meta({ 'x-widget': 'textarea', title: '主要痛点 / Main pain points' }),
  recommendations: z
    .string()
    .trim()
    .min(10, { error: '请填写改造建议（至少10个字）/ Give the recommendations (at least 10 characters)' })
    .max(4000, { error: '不超过4000字 / At most 4000 characters' })
    .meta({ 'x-widget': 'textarea', title: '改造建议 / Recommendations' }),
});

/**
 * 选择服务商: the route and what it names — (a) a leading unit (optionally one of its products), (b) a catalog
 * product (its provider follows), or (c) a market provider and product not in the catalog with the leading unit
 * asked to write the 推荐函. Which fields each route needs is checked with the provider facts (specific messages).
 */
export const CHOOSE_PROVIDER_INPUT = z
  .strictObject({
    route: z.enum(['leadingUnit', 'catalog', 'market'], { error: '请选择服务商类型 / Choose how you pick the provider' }).meta({
      title: '服务商类型 / Provider route',
      'x-options': [
        { value: 'leadingUnit', label: { zh: '数字化牵引单位/行业型服务商', en: 'A leading unit / industry provider' } },
        { value: 'catalog', label: { zh: '入库服务商及产品', en: 'A catalog provider and product' } },
        { value: 'market', label: { zh: '未入库的市场化服务商（需推荐函）', en: 'A market provider not in the catalog (needs a recommendation letter)' } },
      ],
    }),
    providerOrgId: z.uuid({ error: '请选择服务商 / Choose a provider' }).optional().meta({ title: '服务商 / Provider' }),
    productId: z.uuid({ error: '请选择产品 / Choose a product' }).optional().meta({ title: '产品 / Product' }),
    marketProviderName: z.string().trim().min(2, { error: '请填写服务商名称 / Enter the provider name' }).max(100, { error: '不超过100字 / At most 100 characters' }).optional().meta({ title: '服务商名称 / Provider name' }),
    marketProductName: z.string().trim().min(2, { error: '请填写产品名称 / Enter the product name' }).max(100, { error: '不超过100字 / At most 100 characters' }).optional().meta({ title: '产品名称 / Product name' }),
    recommenderOrgId: z.uuid({ error: '请选择出具推荐函的牵引单位 / Choose the leading unit to recommend it' }).optional().meta({ title: '推荐单位 / Recommending leading unit' }),
    note: note(500).optional().meta({ 'x-widget': 'textarea', title: '说明 / Note' }),
  })
  .meta({ 'x-widget': 'providerChoice' });

const score = (title: string) =>
  z
    .number({ error: '请打分（1–5星）/ Give a score of 1–5 stars' })
    .int({ error: '评分为1–5星 / Scores are 1–5 stars' })
    .min(1, { error: '评分为1–5星 / Scores are 1–5 stars' })
    .max(5, { error: '评分为1–5星 / Scores are 1–5 stars' })
    .meta({ 'x-widget': 'rate', title });

/** 实施完成: the enterprise rates its provider (timeliness, quality, service, price, and a comment). */
export const RATE_PROVIDER_INPUT = z.strictObject({
  timeliness: score('实施及时性 / Timeliness'),
  quality: score('实施质量 / Quality'),
  service: score('服务态度 / Service'),
  price: score('价格合理性 / Value for money'),
  comment: note(500).default('').meta({ 'x-widget': 'textarea', title: '评价意见 / Comment' }),
});

/** 接收评估任务: the assessor declares no conflict of interest before the case opens. */
export const CONFLICT_DECLARATION_INPUT = z.strictObject({
  noConflict: z.literal(true, { error: '请确认无利益冲突声明 / Confirm the declaration of no conflict of interest' }).meta({
    'x-widget': 'consent',
    title: '无利益冲突声明 / Declaration of no conflict of interest',
    description:
      '本机构及评估人员与该项目的企业、服务商无隶属、投资、合作或亲属关系，未参与该项目的诊断或实施 / Neither we nor our assessors are related to, invested in, or working with the enterprise or its provider, nor took part in its diagnosis or implementation',
  }),
  statement: note(500).default('').meta({ 'x-widget': 'textarea', title: '补充说明 / Further statement' }),
});

const level = (title: string) =>
  z
    .number({ error: '请选择评估等级 / Choose the evaluated level' })
    .int({ error: '等级应为 0–4 / The level is 0–4' })
    .min(0, { error: '等级应为 0–4 / The level is 0–4' })
    .max(4, { error: '等级应为 0–4 / The level is 0–4' })
    .meta({ 'x-widget': 'level', title, 'x-options': DIGITAL_LEVELS.map((l) => ({ value: l, label: DIGITAL_LEVEL_LABELS[l] })) });

/** 提交评估报告: the assessed level, a summary, what is still short of level 2, and an optional benchmark recommendation. */
export const EVALUATION_REPORT_INPUT = z.strictObject({
  levelAfter: level('改造后数字化水平（评估等级）/ Digital level after transformation (assessed)'),
  summary: z
    .string()
    .trim()
    .min(10, { error: '请填写评估结论（至少10个字）/ Give the conclusion (at least 10 characters)' })
    .max(4000, { error: '不超过4000字 / At most 4000 characters' })
    .meta({ 'x-widget': 'textarea', title: '评估结论 / Conclusion' }),
  gaps: note(4000).default('').meta({ 'x-widget': 'textarea', title: '待改进事项（未达二级时必填）/ What still falls short (required below level 2)' }),
  benchmark: z
    .enum(['none', 'workshop', 'smart'], { error: '请选择标杆推荐 / Choose a benchmark recommendation' })
    .default('none')
    .meta({
      'x-widget': 'select',
      title: '标杆推荐 / Benchmark recommendation',
      'x-options': [
        { value: 'none', label: { zh: '不推荐', en: 'Not recommended' } },
        { value: 'workshop', label: { zh: '推荐为数字化车间', en: 'Recommend as a digital workshop' } },
        { value: 'smart', label: { zh: '推荐为智能车间', en: 'Recommend as a smart workshop' } },
      ],
    }),
  benchmarkReasons: note(2000).default('').meta({ 'x-widget': 'textarea', title: '推荐理由（推荐标杆时必填）/ Reasons (required with a recommendation)' }),
}).superRefine((v, ctx) => {
  if (v.levelAfter < 2 && v.gaps.length < 10) {
    ctx.addIssue({ code: 'custom', path: ['gaps'], message: '未达二级时请写明待改进事项（至少10个字）/ Below level 2, say what falls short (at least 10 characters)' });
  }
  if (v.benchmark !== 'none' && v.benchmarkReasons.length < 10) {
    ctx.addIssue({ code: 'custom', path: ['benchmarkReasons'], message: '推荐标杆时请写明理由（至少10个字）/ Give the reasons for the recommendation (at least 10 characters)' });
  }
  if (v.benchmark !== 'none' && v.levelAfter < 2) {
    ctx.addIssue({ code: 'custom', path: ['benchmark'], message: '未达二级的项目不能推荐为标杆 / A project below level 2 cannot be recommended as a benchmark' });
  }
});

export type AssignInstitutionInput = z.infer<typeof ASSIGN_INSTITUTION_INPUT>;
/** Every input that assigns an institution (the bureau's batch assignment looks for these). */
export const ASSIGNMENT_INPUTS: readonly z.ZodObject[] = [ASSIGN_INSTITUTION_INPUT, ASSIGN_EVALUATION_INSTITUTION_INPUT];
export type RequestEvidenceInput = z.infer<typeof REQUEST_EVIDENCE_INPUT>;
export type DiagnosisReportInput = z.infer<typeof DIAGNOSIS_REPORT_INPUT>;
export type ChooseProviderInput = z.infer<typeof CHOOSE_PROVIDER_INPUT>;
export type RateProviderInput = z.infer<typeof RATE_PROVIDER_INPUT>;
export type ConflictDeclarationInput = z.infer<typeof CONFLICT_DECLARATION_INPUT>;
export type EvaluationReportInput = z.infer<typeof EVALUATION_REPORT_INPUT>;

/** A money amount in fen (the UI's yuan field converts; integers only, never floating point). */
const fenAmount = (title: string) =>
  z
    .number({ error: '请输入金额 / Enter an amount' })
    .int({ error: '金额须精确到分 / Amounts are whole fen' })
    .min(0, { error: '金额不能为负 / The amount cannot be negative' })
    .max(9_000_000_000_000, { error: '金额过大 / The amount is too large' })
    .meta({ 'x-widget': 'fen', title });

/** 局党组审议: the approved amount (≤ the suggestion, checked by the effect) and the pool it is committed against. */
export const APPROVE_SUBSIDY_INPUT = z.strictObject({
  approvedFen: fenAmount('审定金额（元） / Approved amount (yuan)'),
  poolId: z.uuid({ error: '请选择预算池 / Choose a budget pool' }).meta({ 'x-widget': 'budgetPool', title: '预算池 / Budget pool' }),
  /** The announcement (公示) the approval is published in; a batch decision opens one for the whole batch. */
  announcementId: z.uuid().optional().meta({ 'x-widget': 'hidden' }),
});

/** 登记拨付: the request's idempotency key, the bank's voucher number and the value date. */
export const TRANCHE_PAY_INPUT = z.strictObject({
  idempotencyKey: z
    .string()
    .trim()
    .min(8, { error: '幂等键至少8个字符 / The idempotency key has at least 8 characters' })
    .max(100, { error: '幂等键不超过100个字符 / At most 100 characters' })
    .meta({ 'x-widget': 'hidden' }),
  voucherNo: z
    .string()
    .trim()
    .min(1, { error: '请填写银行回单号 / Enter the bank voucher number' })
    .max(64, { error: '回单号不超过64个字符 / At most 64 characters' })
    .meta({ title: '银行回单号 / Bank voucher number' }),
  paidOn: z
    .string()
    .regex(DATE, { error: '日期格式应为 YYYY-MM-DD / Dates are YYYY-MM-DD' })
    .refine(isIsoDate, { error: '不是有效的日期 / Not a real calendar date' })
    .meta({ 'x-widget': 'date', format: 'date', title: '拨付日期 / Value date' }),
});

/** 登记拨付失败: the request's idempotency key (the reason is the transition's reason). */
export const TRANCHE_FAIL_INPUT = z.strictObject({
  idempotencyKey: z.string().trim().min(8).max(100).meta({ 'x-widget': 'hidden' }),
});

/** 认定标杆: which benchmark, and the bureau's opinion. */
export const DESIGNATE_BENCHMARK_INPUT = z.strictObject({
  kind: z.enum(['workshop', 'smart'], { error: '请选择标杆类型 / Choose the benchmark kind' }).meta({
    title: '标杆类型 / Benchmark kind',
    'x-options': [
      { value: 'workshop', label: { zh: '数字化车间', en: 'Digital workshop' } },
      { value: 'smart', label: { zh: '智能车间', en: 'Smart workshop' } },
    ],
  }),
  opinion: note(2000).min(1, { error: '请填写评审意见 / Enter the review opinion' }).meta({ 'x-widget': 'textarea', title: '评审意见 / Opinion' }),
});

/** 审定标杆奖励: the award (≤ the policy's maximum) and its pool. */
export const APPROVE_BENCHMARK_AWARD_INPUT = z.strictObject({
  awardFen: fenAmount('奖励金额（元） / Award (yuan)'),
  poolId: z.uuid({ error: '请选择预算池 / Choose a budget pool' }).meta({ 'x-widget': 'budgetPool', title: '预算池 / Budget pool' }),
});
