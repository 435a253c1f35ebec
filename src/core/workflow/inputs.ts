/**
 * What events carry besides a reason, as zod object schemas. The table names them on its transitions; the server
 * validates with them (before any guard) and publishes them in the OpenAPI document; the UI renders the action's
 * dialog from their JSON Schema. OpenAPI extensions in `meta` tell the UI how to draw a field: `x-widget` (the picker),
 * `x-options` (labelled choices), `x-kinds` (the institution kinds an assignment accepts).
 */
import { z } from 'zod';
import { DIGITAL_LEVELS, DIGITAL_LEVEL_LABELS } from './context';

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
function assignInstitutionInput(kinds: readonly ('comprehensive' | 'diagnostic')[]) {
  return z.strictObject({
    institutionId: z.uuid({ error: '请选择服务机构 / Choose an institution' }).meta({ 'x-widget': 'institution', title: '服务机构 / Institution', 'x-kinds': kinds }),
    dueOn: dueDate.optional(),
    note: note(500).optional().meta({ 'x-widget': 'textarea', title: '给机构的说明 / Note to the institution' }),
  });
}

/** A diagnosis may be done by a comprehensive or a diagnostic institution. */
export const ASSIGN_INSTITUTION_INPUT = assignInstitutionInput(['comprehensive', 'diagnostic']);
/** An effect evaluation only by a comprehensive one. */
export const ASSIGN_EVALUATION_INSTITUTION_INPUT = assignInstitutionInput(['comprehensive']);

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

export type AssignInstitutionInput = z.infer<typeof ASSIGN_INSTITUTION_INPUT>;
/** Every input that assigns an institution (the bureau's batch assignment looks for these). */
export const ASSIGNMENT_INPUTS: readonly z.ZodObject[] = [ASSIGN_INSTITUTION_INPUT, ASSIGN_EVALUATION_INSTITUTION_INPUT];
export type RequestEvidenceInput = z.infer<typeof REQUEST_EVIDENCE_INPUT>;
export type DiagnosisReportInput = z.infer<typeof DIAGNOSIS_REPORT_INPUT>;
