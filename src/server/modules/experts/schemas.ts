/** Request and response schemas of the experts module. */
import { z } from 'zod';
import { pageQuery } from '../../http/schemas';
import { bi } from '../../http/validation';

export const STATUSES = ['toDeclare', 'toScore', 'submitted', 'recused', 'withdrawn'] as const;

const fen = z.number().int(bi('金额须为整数（分）', 'The amount must be whole fen')).min(0, bi('金额不能为负数', 'The amount cannot be negative')).max(100_000_000_000, bi('金额过大', 'The amount is too large'));

export const reviewParams = z.strictObject({ id: z.uuid(bi('评审编号不正确', 'Malformed review id')) });
export const assignmentParams = z.strictObject({ id: z.uuid(bi('评审编号不正确', 'Malformed review id')), assignmentId: z.uuid(bi('评审任务编号不正确', 'Malformed assignment id')) });
export const materialParams = z.strictObject({ id: z.uuid(bi('评审任务编号不正确', 'Malformed assignment id')), materialId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const expertsQuery = z.strictObject({ q: z.string().trim().max(50).optional(), ...pageQuery });
export const tasksQuery = z.strictObject({ status: z.enum(['open', 'done']).optional(), ...pageQuery });

export const assignBody = z.strictObject({
  userIds: z.array(z.uuid(bi('专家编号不正确', 'Malformed expert id'))).min(1, bi('请至少选择一位专家', 'Choose at least one expert')).max(20, bi('一次最多分配 20 位专家', 'At most 20 experts at a time')),
});
export const withdrawBody = z.strictObject({ reason: z.string().trim().min(2, bi('请填写撤回原因', 'Give the reason for the withdrawal')).max(500) });

export const declarationBody = z.discriminatedUnion('noConflict', [
  z.strictObject({ noConflict: z.literal(true) }),
  z.strictObject({ noConflict: z.literal(false), reason: z.string().trim().min(2, bi('请说明回避原因', 'Give the reason you recuse yourself')).max(500) }),
]);

const scores = z.record(z.string().max(40), z.number(bi('得分须为数字', 'A score must be a number')));
export const draftBody = z.strictObject({ scores: scores.optional(), recommendedFen: fen.nullable().optional(), opinion: z.string().max(5000).nullable().optional() });
export const submitBody = z.strictObject({
  scores,
  recommendedFen: fen,
  opinion: z.string().trim().min(10, bi('评审意见不少于 10 个字', 'The opinion needs at least 10 characters')).max(5000),
});

const rubric = z.object({ max: z.number(), items: z.array(z.object({ id: z.string(), label: z.string(), max: z.number(), guidance: z.string() })) });

export const expertAccount = z.object({ userId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), openAssignments: z.number() });

const stats = z.object({
  count: z.number(),
  meanScore: z.number().nullable(),
  spread: z.number().nullable(),
  stdDev: z.number().nullable(),
  meanRecommendedFen: z.number().nullable(),
  medianRecommendedFen: z.number().nullable(),
  outliers: z.array(z.string()),
});
export const summarySchema = z.object({ assigned: z.number(), submitted: z.number(), recused: z.number(), withdrawn: z.number(), stats });

export const bureauView = z.object({
  reviewId: z.string(),
  reviewState: z.string(),
  applicationId: z.string(),
  canAssign: z.boolean(),
  suggestedFen: z.number().nullable(),
  rubric,
  items: z.array(
    z.object({
      id: z.string(),
      expertUserId: z.string(),
      expertName: z.string(),
      orgName: z.string(),
      status: z.enum(STATUSES),
      assignedAt: z.string(),
      dueOn: z.string(),
      declaredAt: z.string().nullable(),
      recusalReason: z.string().nullable(),
      scores: z.record(z.string(), z.number()).nullable(),
      totalScore: z.number().nullable(),
      recommendedFen: z.number().nullable(),
      opinion: z.string().nullable(),
      submittedAt: z.string().nullable(),
      withdrawnAt: z.string().nullable(),
      outlier: z.boolean(),
    }),
  ),
  summary: summarySchema,
});

export const taskRow = z.object({
  id: z.string(),
  projectTitle: z.string(),
  enterpriseName: z.string(),
  filingNo: z.string().nullable(),
  status: z.enum(STATUSES),
  assignedAt: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  active: z.boolean(),
  submittedAt: z.string().nullable(),
});

const facts = z.object({
  calculation: z.record(z.string(), z.unknown()).nullable(),
  verifiedInvestmentFen: z.number().nullable(),
  suggestedFen: z.number().nullable(),
  otherFundingFen: z.number(),
  invoices: z.array(z.object({ id: z.string(), number: z.string(), issuedOn: z.string(), amountFen: z.number(), taxFen: z.number(), costClass: z.string(), seller: z.string().nullable(), description: z.string().nullable() })),
  payments: z.array(z.object({ id: z.string(), paidOn: z.string(), amountFen: z.number(), payee: z.string().nullable(), reference: z.string().nullable() })),
  materials: z.array(z.object({ id: z.string(), slotKey: z.string(), slotLabel: z.string(), fileName: z.string(), size: z.number(), kind: z.string(), uploadedAt: z.string() })),
});

export const taskView = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  active: z.boolean(),
  readOnly: z.boolean(),
  project: z.object({ title: z.string(), enterpriseName: z.string(), filingNo: z.string().nullable() }),
  assignedAt: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  declaredAt: z.string().nullable(),
  recusalReason: z.string().nullable(),
  scores: z.record(z.string(), z.number()),
  totalScore: z.number().nullable(),
  recommendedFen: z.number().nullable(),
  opinion: z.string().nullable(),
  submittedAt: z.string().nullable(),
  suggestedFen: z.number().nullable(),
  rubric,
  facts: facts.nullable(),
});
