/**
 * Who may fill, read and download which assessment — decided here and nowhere else.
 * One instrument, three modes: each mode names who fills it and in which project states.
 */
import { ACTOR_ROLE_LABELS, INSTITUTION_ACTOR_ROLES } from '../../../core/identity/roles';
import { tableFor } from '../../workflow/registry';
import type { Text } from '../../../core/text';
import type { Actor } from '../../http/actor';
import type { ProjectRow } from '../projects/policy';

export const ASSESSMENT_MODES = ['self', 'institution', 'evaluation'] as const;
export type AssessmentMode = (typeof ASSESSMENT_MODES)[number];

export const MODE_LABELS: Record<AssessmentMode, Text> = {
  self: { zh: '企业自诊断', en: 'Self-diagnosis' },
  institution: { zh: '机构诊断评测', en: 'Institution diagnosis' },
  evaluation: { zh: '改造成效评估', en: 'Effect evaluation' },
};

export type FillRefusal = { ok: true; completes: string | null } | { ok: false; code: 'FORBIDDEN_ROLE' | 'STAGE_NOT_ALLOWED'; message: Text };

/**
 * Whether the actor may start, save or submit an assessment of this mode on this project now. Which
 * questionnaire may be filled in which state, by whom, and which event its submission fires, is the project
 * table's (`StateDef.questionnaires`); an institution must also be the one assigned to the project.
 */
export function canFill(actor: Actor, project: ProjectRow, mode: AssessmentMode): FillRefusal {
  const table = tableFor(project.workflowVersion);
  const label = MODE_LABELS[mode];
  const rules = table.states.flatMap((s) => (s.questionnaires ?? []).filter((q) => q.mode === mode).map((q) => ({ state: s.id, rule: q })));
  const isOwner = actor.orgType === 'enterprise' && project.enterpriseId === actor.orgId;
  // The institution of the questionnaire's own assignment (the diagnosing institution does not fill the evaluation).
  const assignment = table.states.find((s) => (s.questionnaires ?? []).some((q) => q.mode === mode))?.assignment;
  const assigned =
    assignment === 'evaluation'
      ? project.evaluationInstitutionId === actor.orgId
      : assignment === 'diagnosis'
        ? project.diagnosisInstitutionId === actor.orgId
        : project.diagnosisInstitutionId === actor.orgId || project.evaluationInstitutionId === actor.orgId;
  const roleOk = rules.some(({ rule }) => rule.fillers.includes(actor.role)) && (actor.role === 'enterprise' ? isOwner : INSTITUTION_ACTOR_ROLES.includes(actor.role) ? assigned : true);
  if (!roleOk) {
    const fillers = [...new Set(rules.flatMap(({ rule }) => rule.fillers))];
    const who = fillers.map((r) => ACTOR_ROLE_LABELS[r]);
    const inst = fillers.some((r) => INSTITUTION_ACTOR_ROLES.includes(r));
    return {
      ok: false,
      code: 'FORBIDDEN_ROLE',
      message: {
        zh: `“${label.zh}”只能由${inst ? '市工信局分配的' : ''}${who.map((w) => w.zh).join('或')}填写`,
        en: `The ${label.en.toLowerCase()} is filled in by ${inst ? 'the assigned ' : ''}${who.map((w) => w.en.toLowerCase()).join(' or ')} only`,
      },
    };
  }
  const here = rules.find(({ state, rule }) => state === project.state && rule.fillers.includes(actor.role));
  if (!here) {
    return { ok: false, code: 'STAGE_NOT_ALLOWED', message: { zh: `项目当前不处于“${label.zh}”环节`, en: `The project is not at the ${label.en.toLowerCase()} step` } };
  }
  return { ok: true, completes: here.rule.completes ?? null };
}

/** The questionnaire the actor may fill on this project now, if any (for the project page's button). */
export function fillableModeFor(actor: Actor, project: ProjectRow): AssessmentMode | null {
  return ASSESSMENT_MODES.find((m) => canFill(actor, project, m).ok) ?? null;
}

/** Reading an assessment: its filler always; once submitted, everyone who may see the project. */
export function canRead(actor: Actor, a: { status: string; filledByOrgId: string }): boolean {
  return a.filledByOrgId === actor.orgId || a.status === 'submitted';
}
