import { z } from 'zod';
import { bi } from '../../http/validation';
import { dateOrder, dateSchema } from '../../http/dates';
import { pageQuery, textSchema } from '../../http/schemas';
import type { EventInput } from '../../../core/workflow';
import { tablesOf } from '../../workflow/registry';

const isoDate = dateSchema;

/** The longest a long text field of the filing may be (characters, as the form counts them). */
export const LONG_TEXT_MAX = 4000;
export const TITLE_MAX = 100;

/**
 * A text field with a limit that is refused, never cut: the message names the field, the limit and the length
 * that was sent, so the form can show it next to the field.
 */
function limitedText(label: { zh: string; en: string }, max: number) {
  return z
    .string()
    .trim()
    .max(max, {
      error: (iss) => {
        const len = typeof iss.input === 'string' ? iss.input.length : undefined;
        const now = len === undefined ? '' : `（当前${len}字）`;
        const nowEn = len === undefined ? '' : ` (this one has ${len})`;
        return bi(`${label.zh}不超过${max}字${now}，请删减后再保存`, `${label.en} takes at most ${max} characters${nowEn}; shorten it and save again`).message;
      },
    });
}

const filingFields = {
  title: z.string().trim().min(4, bi('项目名称至少4个字', 'The project title needs at least 4 characters')).max(TITLE_MAX, bi(`项目名称不超过${TITLE_MAX}字`, `At most ${TITLE_MAX} characters`)),
  situation: limitedText({ zh: '数字化现状', en: 'The current digital situation' }, LONG_TEXT_MAX),
  needs: limitedText({ zh: '改造需求', en: 'The transformation needs' }, LONG_TEXT_MAX),
  scope: limitedText({ zh: '改造范围', en: 'The planned scope' }, LONG_TEXT_MAX),
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

/**
 * A transition: the event, a reason where the table asks for one, and the event's input. Each event's input
 * schema comes from the table (see core/workflow/inputs.ts): the OpenAPI document lists them by event, and the
 * server validates the input against the schema of the event in the project's own table (INPUT_INVALID).
 */
export const transitionBody = z.strictObject({
  event: z.string().min(1).max(64, bi('操作名称过长', 'The action name is too long')),
  reason: z.string().trim().max(1000).optional(),
  input: z
    .union([...eventInputSchemas(), z.record(z.string(), z.unknown())])
    .optional()
    .meta({ description: "What the event carries: one of the event input schemas of the project's table (validated against its event's schema: INPUT_INVALID)." }),
});

/** The input schemas of the registered project tables' events (each once). */
function eventInputSchemas(): EventInput[] {
  const seen = new Set<EventInput>();
  for (const table of tablesOf('project')) for (const s of table.states) for (const t of s.transitions) if (t.input) seen.add(t.input);
  return [...seen];
}

export const reasonBody = z.strictObject({
  reason: z.string().trim().min(2, bi('请填写原因（至少2个字）', 'Give a reason (at least 2 characters)')).max(1000),
});

const listFilterFields = {
  townCode: z.string().max(32).optional(),
  industryCode: z.string().max(8).optional(),
  stage: z.coerce.number().int().min(1).max(8).optional(),
  state: z.string().max(64).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  q: z.string().trim().max(100).optional(),
};
const filterDatesInOrder = dateOrder('from', 'to', bi('起始日期不能晚于截止日期', 'The "from" date cannot be after the "to" date'));

/** The orders a staff list offers: each one, alone or after any single filter, is an index range scan (see schema.ts). */
export const LIST_SORTS = ['submittedAt', 'stage'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export const LIST_OUTCOMES = ['open', 'completed', 'withdrawn', 'closed'] as const;

const listOrderFields = {
  /** How the project stands (from the lifecycle table): still running, completed, withdrawn by the enterprise, closed by the bureau. */
  outcome: z.enum(LIST_OUTCOMES, bi(`办理情况应为：${LIST_OUTCOMES.join('、')}`, `outcome is one of: ${LIST_OUTCOMES.join(', ')}`)).optional(),
  /** Bureau only: projects whose enterprise name is registered by another enterprise under another credit code. */
  sameName: z.enum(['1', 'true'], bi('同名企业筛选的取值为 1', 'sameName takes the value 1')).optional(),
  /** Projects whose current step is past its due date. */
  overdue: z.enum(['1', 'true'], bi('超期筛选的取值为 1', 'overdue takes the value 1')).optional(),
  sort: z.enum(LIST_SORTS, bi(`排序字段应为：${LIST_SORTS.join('、')}`, `sort is one of: ${LIST_SORTS.join(', ')}`)).default('submittedAt'),
  order: z.enum(['asc', 'desc'], bi('排序方向应为 asc 或 desc', 'order is asc or desc')).default('desc'),
};

export const listQuery = z.strictObject({ ...pageQuery, ...listFilterFields, ...listOrderFields }).superRefine(filterDatesInOrder);
export type ListQuery = z.infer<typeof listQuery>;
/** The export's filters and order: the list's, without paging. */
export const exportQuery = z.strictObject({ ...listFilterFields, ...listOrderFields }).superRefine(filterDatesInOrder);
export type ExportQuery = z.infer<typeof exportQuery>;

export const statsQuery = z.strictObject({ from: listFilterFields.from, to: listFilterFields.to }).superRefine(filterDatesInOrder);

const countSchema = z.number().int();
export const projectStatsSchema = z.object({
  filed: countSchema,
  open: countSchema,
  completed: countSchema,
  withdrawn: countSchema,
  closed: countSchema,
  byStage: z.array(z.object({ stage: z.number().int(), count: countSchema })),
});

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
  /** Bureau only (empty for everyone else): credit codes of other enterprises registered under the same name. */
  sameNameUsccs: z.array(z.string()),
  /** The due date of the step the project waits on, and whether it has passed (staff lists). */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const actionSchema = z.object({
  event: z.string(),
  label: textSchema,
  /** primary: the main next step; danger: ends or undoes something; neutral: secondary (from the table). */
  kind: z.enum(['primary', 'danger', 'neutral']),
  allowed: z.boolean(),
  reasons: z.array(textSchema),
  /** Keys of the empty required material slots when that is why the action is not allowed yet. */
  missingMaterials: z.array(z.string()),
  needsReason: z.boolean(),
  confirm: textSchema.nullable(),
  /** JSON Schema of the action's dialog (null: nothing but the reason, if any). */
  input: z.record(z.string(), z.unknown()).nullable(),
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
    /** The caller's own next step in this state (null when the caller has none). */
    hint: textSchema.nullable(),
    progress: z.number(),
    tone: z.enum(['draft', 'waiting', 'returned', 'passed', 'rejected']),
    stage: z.number().int(),
    waitingOn: z.array(z.string()),
  }),
  abilities: z.object({ edit: z.boolean(), viewTimeline: z.boolean(), withdrawPublication: z.boolean() }),
  /** The form fields the caller may change now (the table's field rights). */
  writableFields: z.array(z.string()),
  /** Changes now are revisions of a published filing (the bureau sees them as a diff). */
  editsAreRevisions: z.boolean(),
  actions: z.array(actionSchema),
  /** The due date of the step the project waits on (null when none). */
  deadline: z.object({ dueOn: z.string(), overdue: z.boolean(), waitingRole: z.string() }).nullable(),
  diagnosisInstitution: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The questionnaire the caller may fill on this project now (the table's questionnaires), if any. */
  fillableAssessment: z.enum(['self', 'institution', 'evaluation']).nullable(),
  pilotManagedAt: z.string().nullable(),
  pilotEnterpriseAt: z.string().nullable(),
});

export const reportItem = z.object({
  id: z.string(),
  kind: z.enum(['diagnosis', 'evaluation']),
  version: z.number().int(),
  state: z.string(),
  stateLabel: textSchema,
  institutionName: z.string().nullable(),
  /** The report's structured summary and record: levelBefore, painPoints, recommendations, fileName, materialId, disputeReason, submittedAt, confirmedAt… */
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const revisionItem = z.object({
  revision: z.number().int(),
  kind: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  changedFields: z.array(z.string()),
  diff: z.array(z.object({ field: z.string(), label: textSchema, before: z.unknown(), after: z.unknown() })),
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
