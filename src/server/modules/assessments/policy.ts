/**
 * Who may fill, read and download which assessment — decided here and nowhere else.
 * One instrument, three modes: each mode names who fills it and in which project states.
 */
import type { ActorRole } from '../../../core/identity/roles';
import type { Text } from '../../../core/text';
import type { Actor } from '../../http/actor';
import type { ProjectRow } from '../projects/policy';

export const ASSESSMENT_MODES = ['self', 'institution', 'evaluation'] as const;
export type AssessmentMode = (typeof ASSESSMENT_MODES)[number];

interface ModeRule {
  label: Text;
  /** Who fills it. */
  fillers: readonly ActorRole[];
  /** Project states in which it may be started, saved and submitted. */
  projectStates: readonly string[];
  /** The filler must be the institution the bureau assigned to this project for this mode. */
  assignedInstitution: 'diagnosis' | 'evaluation' | null;
  /** The lifecycle event the submission fires on the project, if any. */
  completesWith: string | null;
}

export const MODE_RULES: Record<AssessmentMode, ModeRule> = {
  self: {
    label: { zh: '企业自诊断', en: 'Self-diagnosis' },
    fillers: ['enterprise'],
    projectStates: ['selfDiagnosis'],
    assignedInstitution: null,
    // Listed in EVENTS_FIRED_BY_OTHER_ACTIONS (projects/workflow.ts): the submission is the only way to fire it.
    completesWith: 'completeSelfDiagnosis',
  },
  institution: {
    label: { zh: '机构诊断评测', en: 'Institution diagnosis' },
    fillers: ['institutionComprehensive', 'institutionDiagnostic'],
    projectStates: ['institutionDiagnosis'],
    assignedInstitution: 'diagnosis',
    completesWith: null,
  },
  evaluation: {
    label: { zh: '改造成效评估', en: 'Effect evaluation' },
    fillers: ['institutionComprehensive'],
    projectStates: ['evaluationInProgress'],
    assignedInstitution: 'evaluation',
    completesWith: null,
  },
};

export type FillRefusal = { ok: true } | { ok: false; code: 'FORBIDDEN_ROLE' | 'STAGE_NOT_ALLOWED'; message: Text };

/** Whether the actor may start, save or submit an assessment of this mode on this project now. */
export function canFill(actor: Actor, project: ProjectRow, mode: AssessmentMode): FillRefusal {
  const rule = MODE_RULES[mode];
  const isOwner = actor.orgType === 'enterprise' && project.enterpriseId === actor.orgId;
  const roleOk = rule.fillers.includes(actor.role) && (actor.role !== 'enterprise' || isOwner);
  const assigned =
    rule.assignedInstitution === 'diagnosis'
      ? project.diagnosisInstitutionId === actor.orgId
      : rule.assignedInstitution === 'evaluation'
        ? project.evaluationInstitutionId === actor.orgId
        : true;
  if (!roleOk || !assigned) {
    const who = mode === 'self' ? '本企业' : mode === 'institution' ? '市工信局分配的诊断机构' : '市工信局分配的综合型服务机构';
    const whoEn = mode === 'self' ? 'the enterprise itself' : mode === 'institution' ? 'the diagnosis institution assigned by the bureau' : 'the comprehensive institution assigned by the bureau';
    return { ok: false, code: 'FORBIDDEN_ROLE', message: { zh: `“${rule.label.zh}”只能由${who}填写`, en: `The ${rule.label.en.toLowerCase()} is filled in by ${whoEn} only` } };
  }
  if (!rule.projectStates.includes(project.state)) {
    return { ok: false, code: 'STAGE_NOT_ALLOWED', message: { zh: `项目当前不处于“${rule.label.zh}”环节`, en: `The project is not at the ${rule.label.en.toLowerCase()} step` } };
  }
  return { ok: true };
}

/** Reading an assessment: its filler always; once submitted, everyone who may see the project. */
export function canRead(actor: Actor, a: { status: string; filledByOrgId: string }): boolean {
  return a.filledByOrgId === actor.orgId || a.status === 'submitted';
}
