/**
 * Request and response schemas of the completion-subsidy application (完工奖补申请, stage 7) and of the
 * enterprise profile's 规上 / 专精特新 fields. Amounts are integer fen; dates are real calendar days, never in the
 * future (an invoice or payment dated after acceptance is accepted and shown as excluded by the computation).
 */
import { z } from 'zod';
import { COST_CLASSES } from '../../../core/subsidy';
import { bi } from '../../http/validation';
import { dateProblem, dateSchema } from '../../http/dates';
import { textSchema } from '../../http/schemas';
import { todayInShanghai } from '../../deadlines/service';

const MAX_FEN = 100_000_000_000; // 10 亿元
export const MAX_INVOICES = 200;
export const MAX_PAYMENTS = 200;

/** 专精特新 grades: 创新型中小企业 · 专精特新中小企业 · 专精特新“小巨人”. */
export const SPTS_GRADES = ['innovative', 'specialized', 'littleGiant'] as const;
export type SptsGrade = (typeof SPTS_GRADES)[number];

/** Where other funding for the same project came from (central or provincial money). */
export const OTHER_FUNDING_SOURCES = ['central', 'provincial'] as const;

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

/** A real day (dates.ts) that is not after today in Asia/Shanghai. */
function pastDate(label: { zh: string; en: string }) {
  return dateSchema.superRefine((s, ctx) => {
    if (dateProblem(s) !== null) return;
    const today = todayInShanghai(new Date());
    if (s > today) {
      ctx.addIssue({ code: 'custom', input: s, ...bi(`${label.zh}（${s}）不能晚于今天（${today}）`, `${label.en} (${s}) cannot be in the future (today is ${today})`) });
    }
  });
}

const INVOICE_NO = /^[A-Za-z0-9-]{1,40}$/;

export const invoiceInput = z
  .strictObject({
    number: z
      .string(bi('发票号码应为文字', 'The invoice number must be text'))
      .trim()
      .min(1, bi('请填写发票号码', 'Enter the invoice number'))
      .regex(INVOICE_NO, bi('发票号码由数字、字母或短横线组成，最长40位', 'The invoice number is digits, letters or dashes, at most 40')),
    issuedOn: pastDate({ zh: '开票日期', en: 'The invoice date' }),
    amountFen: fen({ zh: '价税合计金额', en: 'The amount with tax' }, 1),
    taxFen: fen({ zh: '税额', en: 'The tax' }, 0),
    costClass: z.enum(COST_CLASSES, bi('请选择费用类别（软件、云服务、数据采集及网络硬件、实施及咨询服务、办公电脑、生产设备内嵌软件、弱电工程或其他）', 'Choose the cost class')),
    seller: text({ zh: '销售方名称', en: 'The seller' }, 200).min(1, bi('请填写销售方名称', 'Enter the seller')),
    description: text({ zh: '发票内容', en: 'The description' }, 500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.amountFen === 'number' && typeof v.taxFen === 'number' && v.taxFen > v.amountFen) {
      ctx.addIssue({ code: 'custom', path: ['taxFen'], input: v.taxFen, ...bi('税额不能大于价税合计金额', 'The tax cannot exceed the amount with tax') });
    }
  });
export type InvoiceInput = z.infer<typeof invoiceInput>;

export const paymentInput = z.strictObject({
  paidOn: pastDate({ zh: '付款日期', en: 'The payment date' }),
  amountFen: fen({ zh: '付款金额', en: 'The payment amount' }, 1),
  payee: text({ zh: '收款方名称', en: 'The payee' }, 200).min(1, bi('请填写收款方名称', 'Enter the payee')),
  reference: text({ zh: '付款凭证号', en: 'The payment reference' }, 100).nullable().optional(),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const otherFundingInput = z
  .strictObject({
    /** null: not answered yet. */
    has: z.boolean(bi('请选择是否获得其他资金支持', 'Say whether other funding was received')).nullable(),
    amountFen: fen({ zh: '其他资金金额', en: 'The other funding amount' }, 0).default(0),
    source: z.enum(OTHER_FUNDING_SOURCES, bi('资金来源应为中央财政资金或省级财政资金', 'The source is central or provincial funds')).nullable().default(null),
    note: text({ zh: '其他资金说明', en: 'The note on other funding' }, 500).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.has !== true) return;
    if (v.amountFen <= 0) ctx.addIssue({ code: 'custom', path: ['amountFen'], input: v.amountFen, ...bi('已获其他资金支持时，请填写金额（须大于0）', 'Enter the amount of the other funding (more than 0)') });
    if (!v.source) ctx.addIssue({ code: 'custom', path: ['source'], input: v.source, ...bi('已获其他资金支持时，请选择资金来源', 'Choose where the other funding came from') });
  });

export const declarationsInput = z.strictObject({
  /** 真实性承诺: the materials and figures are true, accurate and complete. */
  truthful: z.boolean(bi('真实性承诺应为是或否', 'The truthfulness pledge is yes or no')),
  /** 未被列入失信被执行人名单或经营异常名录. */
  noDishonesty: z.boolean(bi('无失信及经营异常声明应为是或否', 'The no-dishonesty declaration is yes or no')),
  /** 近三年无重大违法违规行为. */
  noSeriousViolation3y: z.boolean(bi('近三年无重大违法违规声明应为是或否', 'The no-serious-violation declaration is yes or no')),
  /** 规上企业, as the enterprise states it (null: not stated). */
  aboveScale: z.boolean(bi('规上企业声明应为是或否', 'The above-designated-size statement is yes or no')).nullable(),
  otherFunding: otherFundingInput,
});
export type DeclarationsInput = z.infer<typeof declarationsInput>;

function uniqueNumbers(list: readonly InvoiceInput[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  list.forEach((inv, i) => {
    const key = inv.number.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [i, 'number'], input: inv.number, ...bi(`发票号码 ${inv.number} 与第${first + 1}张发票重复`, `Invoice number ${inv.number} repeats invoice ${first + 1}`) });
    } else seen.set(key, i);
  });
}

export const applicationBody = z.strictObject({
  invoices: z.array(invoiceInput).max(MAX_INVOICES, bi(`发票不超过${MAX_INVOICES}张`, `At most ${MAX_INVOICES} invoices`)).superRefine(uniqueNumbers).optional(),
  payments: z.array(paymentInput).max(MAX_PAYMENTS, bi(`付款记录不超过${MAX_PAYMENTS}笔`, `At most ${MAX_PAYMENTS} payments`)).optional(),
  declarations: declarationsInput.optional(),
});
export type ApplicationInput = z.infer<typeof applicationBody>;

// ---- responses -------------------------------------------------------------------------------------------

const invoiceOut = z.object({
  id: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  amountFen: z.number().int(),
  taxFen: z.number().int(),
  costClass: z.enum(COST_CLASSES),
  costClassLabel: textSchema,
  seller: z.string(),
  description: z.string().nullable(),
  /** Dated after acceptance or of a class the policy does not count: shown, not counted. */
  excluded: textSchema.nullable(),
});

const paymentOut = z.object({
  id: z.string(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  payee: z.string(),
  reference: z.string().nullable(),
  excluded: textSchema.nullable(),
});

const declarationsOut = z.object({
  truthful: z.boolean(),
  noDishonesty: z.boolean(),
  noSeriousViolation3y: z.boolean(),
  aboveScale: z.boolean().nullable(),
  otherFunding: z.object({ has: z.boolean().nullable(), amountFen: z.number().int(), source: z.enum(OTHER_FUNDING_SOURCES).nullable(), note: z.string().nullable() }),
  /** When every declaration was last signed (all given), and by whom. */
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
});

const stepOut = z.object({ key: z.string(), text: textSchema, amountFen: z.number().int().nullable() });

export const computationOut = z.object({
  eligible: z.boolean(),
  refusals: z.array(textSchema),
  contractFen: z.number().int(),
  invoiceTotalFen: z.number().int(),
  eligibleInvoiceFen: z.number().int(),
  paymentTotalFen: z.number().int(),
  verifiedInvestmentFen: z.number().int(),
  capFen: z.number().int(),
  shareBp: z.number().int().nullable(),
  grossFen: z.number().int(),
  preSubsidyDeductedFen: z.number().int(),
  otherFundingDeductedFen: z.number().int(),
  suggestedFen: z.number().int(),
  steps: z.array(stepOut),
});

const checklistItem = z.object({
  key: z.string(),
  label: textSchema,
  required: z.boolean(),
  present: z.boolean(),
  /** upload: the applicant uploads it here; earlier: it comes from an earlier stage (kept, never uploaded twice); report: the platform's confirmed report. */
  source: z.enum(['upload', 'earlier', 'report']),
  /** The applicant fills this slot on this page (it is open for upload to them now). */
  applicantFills: z.boolean(),
  files: z.number().int(),
  /** Where the slot's content comes from when it is not uploaded here (e.g. the training sessions). */
  note: textSchema.nullable(),
});

export const applicationView = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  enterpriseName: z.string(),
  filingNo: z.string().nullable(),
  state: z.string(),
  stateLabel: textSchema,
  stage: z.number().int(),
  returnReason: z.string().nullable(),
  /** The current round, or null while the project cannot apply (and has never applied). */
  application: z
    .object({
      id: z.string(),
      round: z.number().int(),
      status: z.enum(['draft', 'submitted']),
      submittedAt: z.string().nullable(),
      submittedByName: z.string().nullable(),
      onBehalfOfName: z.string().nullable(),
      suggestedFen: z.number().int().nullable(),
      verifiedInvestmentFen: z.number().int().nullable(),
      approvedFen: z.number().int().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  invoices: z.array(invoiceOut),
  payments: z.array(paymentOut),
  declarations: declarationsOut,
  checklist: z.array(checklistItem),
  /** The live preview for a draft, the frozen computation once submitted; null without a policy in force. */
  computation: computationOut.nullable(),
  facts: z.object({
    level: z.number().int().nullable(),
    contractFen: z.number().int().nullable(),
    acceptedOn: z.string().nullable(),
    preSubsidyPaidFen: z.number().int(),
    today: z.string(),
  }),
  policy: z.object({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() }).nullable(),
  /** Why there is no policy (POLICY_NOT_IN_FORCE), shown on the page. */
  policyMessage: textSchema.nullable(),
  profile: z.object({ aboveScale: z.boolean().nullable(), sptsGrade: z.enum(SPTS_GRADES).nullable(), sptsYear: z.number().int().nullable() }),
  abilities: z.object({
    /** Edit invoices, payments and declarations (the draft, by the enterprise or its authorised delegate). */
    edit: z.boolean(),
    /** The applySubsidy action is offered to the caller (it may still be refused: see problems). */
    submit: z.boolean(),
    /** The honour-only path (declineSubsidy) is offered to the caller. */
    decline: z.boolean(),
    /** The caller may edit the enterprise profile (the enterprise's own members, not a delegate). */
    editProfile: z.boolean(),
  }),
  /** What stands between the draft and submission (the subsidyApplicationReady guard's list) and missing materials. */
  problems: z.array(textSchema),
  missingMaterials: z.array(textSchema),
  /** Earlier rounds (returned applications), newest first. */
  previousRounds: z.array(z.object({ round: z.number().int(), submittedAt: z.string().nullable(), suggestedFen: z.number().int().nullable() })),
});
export type ApplicationView = z.infer<typeof applicationView>;

// ---- the enterprise profile ------------------------------------------------------------------------------

const currentYear = () => Number(todayInShanghai(new Date()).slice(0, 4));

export const profileBody = z
  .strictObject({
    aboveScale: z.boolean(bi('是否规上企业应为是或否', 'Above designated size is yes or no')).nullable().optional(),
    sptsGrade: z.enum(SPTS_GRADES, bi('专精特新等级应为：创新型中小企业、专精特新中小企业或专精特新“小巨人”', 'The grade is innovative SME, specialised SME or little giant')).nullable().optional(),
    sptsYear: z
      .number(bi('认定年份应为数字', 'The year must be a number'))
      .int(bi('认定年份应为整数', 'The year must be a whole number'))
      .min(2011, bi('认定年份不早于2011年', 'The year is 2011 or later'))
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.sptsYear === 'number' && v.sptsYear > currentYear()) {
      ctx.addIssue({ code: 'custom', path: ['sptsYear'], input: v.sptsYear, ...bi(`认定年份不能晚于今年（${currentYear()}年）`, `The year cannot be after this year (${currentYear()})`) });
    }
    if (v.sptsGrade && v.sptsYear === null) {
      ctx.addIssue({ code: 'custom', path: ['sptsYear'], input: v.sptsYear, ...bi('填写专精特新等级时请填写认定年份', 'Give the year the grade was recognised') });
    }
  });
export type ProfileInput = z.infer<typeof profileBody>;

export const profileView = z.object({
  orgId: z.string(),
  name: z.string(),
  uscc: z.string().nullable(),
  aboveScale: z.boolean().nullable(),
  sptsGrade: z.enum(SPTS_GRADES).nullable(),
  sptsYear: z.number().int().nullable(),
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type ProfileView = z.infer<typeof profileView>;
