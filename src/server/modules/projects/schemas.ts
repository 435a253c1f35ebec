import { z } from 'zod';
import { bi } from '../../http/validation';
import { pageQuery, textSchema } from '../../http/schemas';
import { PROJECT_EVENTS } from '../../../core/workflow';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bi('日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD'))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), bi('不是有效的日期', 'Not a valid date'));

const filingFields = {
  title: z.string().trim().min(4, bi('项目名称至少4个字', 'The project title needs at least 4 characters')).max(100, bi('项目名称不超过100字', 'At most 100 characters')),
  situation: z.string().trim().max(4000, bi('不超过4000字', 'At most 4000 characters')),
  needs: z.string().trim().max(4000, bi('不超过4000字', 'At most 4000 characters')),
  scope: z.string().trim().max(4000, bi('不超过4000字', 'At most 4000 characters')),
  plannedInvestmentFen: z
    .number()
    .int(bi('金额以分为单位，须为整数', 'Amounts are whole fen'))
    .min(0, bi('计划投资不能为负数', 'The planned investment cannot be negative'))
    .max(100_000_000_000, bi('计划投资不超过10亿元', 'At most 1 billion yuan')),
  plannedStart: isoDate.nullable(),
  plannedEnd: isoDate.nullable(),
  diagnosisMode: z.enum(['self', 'institution'], bi('请选择诊断方式：自诊断或机构诊断', 'Choose the diagnosis mode: self or institution')),
};

function datesInOrder(v: { plannedStart?: string | null; plannedEnd?: string | null }): boolean {
  return !v.plannedStart || !v.plannedEnd || v.plannedEnd >= v.plannedStart;
}
const datesMessage = { ...bi('计划完成日期不能早于计划开始日期', 'The planned end cannot be before the planned start'), path: ['plannedEnd'] };

export const createProjectBody = z
  .strictObject({
    ...filingFields,
    situation: filingFields.situation.default(''),
    needs: filingFields.needs.default(''),
    scope: filingFields.scope.default(''),
    plannedInvestmentFen: filingFields.plannedInvestmentFen.default(0),
    plannedStart: filingFields.plannedStart.default(null),
    plannedEnd: filingFields.plannedEnd.default(null),
  })
  .refine(datesInOrder, datesMessage);
export type CreateProjectInput = z.infer<typeof createProjectBody>;

export const updateProjectBody = z
  .strictObject({
    title: filingFields.title.optional(),
    situation: filingFields.situation.optional(),
    needs: filingFields.needs.optional(),
    scope: filingFields.scope.optional(),
    plannedInvestmentFen: filingFields.plannedInvestmentFen.optional(),
    plannedStart: filingFields.plannedStart.optional(),
    plannedEnd: filingFields.plannedEnd.optional(),
    diagnosisMode: filingFields.diagnosisMode.optional(),
    revision: z.number().int().min(1),
  })
  .refine(datesInOrder, datesMessage);
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;

export const transitionBody = z.strictObject({
  event: z.enum(PROJECT_EVENTS, bi(`未知的操作，可用的操作为：${PROJECT_EVENTS.join('、')}`, `Unknown action; the actions are: ${PROJECT_EVENTS.join(', ')}`)),
  reason: z.string().trim().max(1000).optional(),
});

export const reasonBody = z.strictObject({
  reason: z.string().trim().min(2, bi('请填写原因（至少2个字）', 'Give a reason (at least 2 characters)')).max(1000),
});

export const listQuery = z.strictObject({
  ...pageQuery,
  townCode: z.string().max(32).optional(),
  industryCode: z.string().max(8).optional(),
  stage: z.coerce.number().int().min(1).max(8).optional(),
  state: z.string().max(64).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const projectSummary = z.object({
  id: z.string(),
  filingNo: z.string().nullable(),
  title: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  townCode: z.string(),
  industryCode: z.string(),
  stage: z.number().int(),
  state: z.string(),
  stateLabel: textSchema,
  plannedInvestmentFen: z.number().int(),
  published: z.boolean(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const actionSchema = z.object({
  event: z.string(),
  label: textSchema,
  allowed: z.boolean(),
  reasons: z.array(textSchema),
  needsReason: z.boolean(),
  confirm: textSchema.nullable(),
});

export const projectDetail = projectSummary.extend({
  situation: z.string(),
  needs: z.string(),
  scope: z.string(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  diagnosisMode: z.enum(['self', 'institution']),
  publicationWithdrawnReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  revision: z.number().int(),
  workflowVersion: z.string(),
  stateInfo: z.object({
    label: textSchema,
    applicantHint: textSchema,
    progress: z.number(),
    waitingOn: z.array(z.string()),
  }),
  abilities: z.object({ edit: z.boolean(), viewTimeline: z.boolean(), withdrawPublication: z.boolean() }),
  actions: z.array(actionSchema),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const timelineItem = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actionLabel: textSchema,
  actorName: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  onBehalfOfOrgName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
