/**
 * The projects module's link to the lifecycle table in core/workflow: it assembles the guard context
 * from the database and turns the engine's refusals into API errors. The rules themselves live in the table.
 */
import { projects } from '../../../db/schema';
import type { LoadedProject } from './policy';
import type { ActorRole } from '../../../core/identity/roles';
import type { SmeSize } from '../../../core/identity/sme';
import type { Text } from '../../../core/text';
import {
  PROJECT_LIFECYCLE,
  PROJECT_WORKFLOW_ID,
  availableEvents,
  canEdit,
  decide,
  eventLabel,
  getState,
  makeGuardContext,
  type AssessmentKind,
  type DigitalLevel,
  type GuardContext,
  type ProjectEventId,
  type StateTone,
} from '../../../core/workflow';
import { AppError } from '../../http/errors';

type ProjectRow = typeof projects.$inferSelect;

export const PROJECT_WORKFLOW_VERSION = PROJECT_WORKFLOW_ID;
export const INITIAL_STATE = PROJECT_LIFECYCLE.initial;

export function stageOf(state: string): number {
  return getState(PROJECT_LIFECYCLE, state)?.stage ?? 1;
}

export interface StateInfo {
  label: Text;
  publicLabel: Text;
  applicantHint: Text;
  progress: number;
  tone: StateTone;
  waitingOn: string[];
}

export function stateInfo(state: string): StateInfo {
  const def = getState(PROJECT_LIFECYCLE, state);
  if (!def) return { label: { zh: state, en: state }, publicLabel: { zh: state, en: state }, applicantHint: { zh: '', en: '' }, progress: 0, tone: 'waiting', waitingOn: [] };
  return { label: def.label, publicLabel: def.publicLabel, applicantHint: def.applicantHint, progress: def.progress, tone: def.tone, waitingOn: [...def.waitingOn] };
}

/** The states an event of the table leads to (from any state). */
function targetsOf(event: ProjectEventId): Set<string> {
  return new Set(PROJECT_LIFECYCLE.states.flatMap((s) => s.transitions.filter((t) => t.event === event).map((t) => t.to)));
}

export const TERMINAL_STATES: readonly string[] = PROJECT_LIFECYCLE.states.filter((s) => s.terminal).map((s) => s.id);
const WITHDRAW_TARGETS = targetsOf('withdraw');
const CLOSE_TARGETS = targetsOf('close');

/**
 * How a project ended, read from the lifecycle table: the end states the enterprise's `withdraw` leads to are
 * "withdrawn", those the bureau's `close` leads to are "closed", every other end state is "completed" (the pilot
 * was finished, with or without a subsidy). States that are not end states are "open".
 */
export type ProjectOutcome = 'open' | 'completed' | 'withdrawn' | 'closed';

export const WITHDRAWN_STATES: readonly string[] = TERMINAL_STATES.filter((s) => WITHDRAW_TARGETS.has(s));
export const CLOSED_STATES: readonly string[] = TERMINAL_STATES.filter((s) => CLOSE_TARGETS.has(s) && !WITHDRAW_TARGETS.has(s));
/** End states that are not a completion: such a project leaves the public list and the stage counts. */
export const ENDED_UNFINISHED_STATES: readonly string[] = [...WITHDRAWN_STATES, ...CLOSED_STATES];
export const COMPLETED_STATES: readonly string[] = TERMINAL_STATES.filter((s) => !ENDED_UNFINISHED_STATES.includes(s));

/** The states of an outcome; `open` is every state that is not an end state. */
export function statesOf(outcome: Exclude<ProjectOutcome, 'open'>): readonly string[] {
  return outcome === 'completed' ? COMPLETED_STATES : outcome === 'withdrawn' ? WITHDRAWN_STATES : CLOSED_STATES;
}

export function outcomeOf(state: string): ProjectOutcome {
  if (WITHDRAWN_STATES.includes(state)) return 'withdrawn';
  if (CLOSED_STATES.includes(state)) return 'closed';
  if (COMPLETED_STATES.includes(state)) return 'completed';
  return 'open';
}

/** States from which the enterprise counts as a 试点企业 (evaluation passed at level 2 or above). */
export const PILOT_STATES: readonly string[] = ['evaluationPassed', 'subsidyReview', 'subsidyReturned', 'disbursement', 'completed', 'honourOnly', 'subsidyRejected'].filter(
  (s) => getState(PROJECT_LIFECYCLE, s) !== undefined,
);

const REQUIRED_FILING_FIELDS: Array<{ key: keyof ProjectRow; label: Text; present: (p: ProjectRow) => boolean }> = [
  { key: 'title', label: { zh: '项目名称', en: 'Project title' }, present: (p) => p.title.trim().length > 0 },
  { key: 'situation', label: { zh: '企业现状', en: 'Current situation' }, present: (p) => p.situation.trim().length > 0 },
  { key: 'needs', label: { zh: '改造需求', en: 'Transformation needs' }, present: (p) => p.needs.trim().length > 0 },
  { key: 'scope', label: { zh: '计划改造范围', en: 'Planned scope' }, present: (p) => p.scope.trim().length > 0 },
  { key: 'plannedInvestmentFen', label: { zh: '计划投资金额', en: 'Planned investment' }, present: (p) => p.plannedInvestmentFen > 0 },
  { key: 'plannedStart', label: { zh: '计划开始日期', en: 'Planned start' }, present: (p) => !!p.plannedStart },
  { key: 'plannedEnd', label: { zh: '计划完成日期', en: 'Planned end' }, present: (p) => !!p.plannedEnd },
];

/** The filing form's required fields still empty. */
export function filingFormMissing(p: ProjectRow): Text[] {
  return REQUIRED_FILING_FIELDS.filter((f) => !f.present(p)).map((f) => f.label);
}

/** Assembles the plain data the lifecycle's guards decide on (from facts loaded with the project). */
export function guardContextFor(p: LoadedProject, actorOrgId: string, reason: string | null): GuardContext {
  const f = p.facts;
  const size: SmeSize | null = (f.enterpriseSmeSize as SmeSize | null) ?? (f.enterpriseEmployees === null ? null : 'large');
  const evaluation = f.assessmentsDone.filter((a) => a.mode === 'evaluation').at(-1);
  return makeGuardContext({
    formMissing: p.state === 'draft' || p.state === 'filingReturned' ? filingFormMissing(p) : [],
    enterpriseSize: size,
    diagnosisMode: p.diagnosisMode === 'institution' ? 'institution' : 'self',
    submittedAssessments: f.assessmentsDone.some((a) => a.mode === 'self') ? ['self' as AssessmentKind] : [],
    evaluationLevel: evaluation?.level == null ? null : (evaluation.level as DigitalLevel),
    delegationActive: f.delegated,
    actorIsAssignedInstitution: p.diagnosisInstitutionId === actorOrgId || p.evaluationInstitutionId === actorOrgId,
    reason,
  });
}

export function isEditableFor(p: ProjectRow, role: ActorRole, ctx: GuardContext): boolean {
  return canEdit(PROJECT_LIFECYCLE, p.state, role, ctx).ok;
}

export interface ActionView {
  event: string;
  label: Text;
  allowed: boolean;
  reasons: Text[];
  needsReason: boolean;
  confirm: Text | null;
}

/** Events another action fires in the same transaction (submitting the self-assessment completes the self-diagnosis): no button of their own. */
export const EVENTS_FIRED_BY_OTHER_ACTIONS: ReadonlySet<string> = new Set(['completeSelfDiagnosis']);

export function actionsFor(p: ProjectRow, role: ActorRole, ctx: GuardContext): ActionView[] {
  return availableEvents(PROJECT_LIFECYCLE, p.state, role, ctx).filter((o) => !EVENTS_FIRED_BY_OTHER_ACTIONS.has(o.event)).map((o) => ({
    event: o.event,
    label: o.label,
    allowed: o.allowed,
    reasons: [...o.reasons],
    needsReason: o.needsReason,
    confirm: o.confirm ?? null,
  }));
}

/** Decides a transition or throws the engine's refusal as an API error with its details. */
export function decideOrThrow(p: ProjectRow, event: string, role: ActorRole, ctx: GuardContext): { to: string; effects: readonly string[] } {
  const d = decide(PROJECT_LIFECYCLE, p.state, event, role, ctx);
  if (d.ok) return { to: d.to, effects: d.effects };
  throw new AppError(d.code, {
    message: d.message,
    details: {
      state: d.details.state,
      event: d.details.event ?? event,
      allowedRoles: d.details.allowedRoles ?? [],
      missingMaterials: d.details.missingMaterials ?? [],
      failures: (d.details.failures ?? []).map((f) => ({ guard: f.guard, message: f.message, missing: f.missing ?? [] })),
    },
  });
}

const ACTION_LABELS: Record<string, Text> = {
  'project.created': { zh: '创建备案草稿', en: 'Filing draft created' },
  'project.updated': { zh: '修改备案信息', en: 'Filing edited' },
  'project.publication_withdrawn': { zh: '撤回公示', en: 'Publication withdrawn' },
  'assessment.saved': { zh: '保存评测答卷', en: 'Assessment saved' },
  'assessment.submitted': { zh: '提交评测', en: 'Assessment submitted' },
};

/** A readable name for an audit action of a project's timeline. */
export function actionLabel(action: string): Text {
  const known = ACTION_LABELS[action];
  if (known) return known;
  if (action.startsWith('project.')) return eventLabel(PROJECT_LIFECYCLE, action.slice('project.'.length));
  return { zh: action, en: action };
}
