/**
 * The projects module's link to its lifecycle table: everything here is read from the table the project runs on
 * (its stored `workflow_version`, looked up in the registry); nothing about a state is written here.
 */
import type { ActorRole } from '../../../core/identity/roles';
import type { Text } from '../../../core/text';
import {
  availableEvents,
  eventLabel,
  getState,
  hintFor,
  makeGuardContext,
  writableFields,
  type GuardContext,
  type StateTone,
  type WorkflowTable,
} from '../../../core/workflow';
import { currentTable, currentVersion, tableFor, tablesOf } from '../../workflow/registry';
import { inputJsonSchema } from '../../workflow/runtime';
import type { LoadedProject, ProjectRow } from './policy';

export function projectTable(p: Pick<ProjectRow, 'workflowVersion'>): WorkflowTable {
  return tableFor(p.workflowVersion);
}

/** The version and first state new projects start on. */
export function newProjectStart(): { version: string; state: string; stage: number } {
  const table = currentTable('project');
  return { version: currentVersion('project'), state: table.initial, stage: getState(table, table.initial)?.stage ?? 1 };
}

export function stageOf(state: string, table: WorkflowTable = currentTable('project')): number {
  return getState(table, state)?.stage ?? 1;
}

export interface StateInfo {
  label: Text;
  publicLabel: Text;
  applicantHint: Text;
  /** The caller's next step in this state (null when the caller has none). */
  hint: Text | null;
  progress: number;
  tone: StateTone;
  stage: number;
  waitingOn: string[];
}

export function stateInfo(state: string, table: WorkflowTable = currentTable('project'), role: ActorRole | null = null): StateInfo {
  const def = getState(table, state);
  if (!def) return { label: { zh: state, en: state }, publicLabel: { zh: state, en: state }, applicantHint: { zh: '', en: '' }, hint: null, progress: 0, tone: 'waiting', stage: 1, waitingOn: [] };
  return {
    label: def.label,
    publicLabel: def.publicLabel,
    applicantHint: def.applicantHint,
    hint: role ? hintFor(table, state, role) : null,
    progress: def.progress,
    tone: def.tone,
    stage: def.stage,
    waitingOn: [...def.waitingOn],
  };
}

/**
 * How projects end, over every registered project table: the end states the enterprise's `withdraw` leads to are
 * "withdrawn", those the bureau's `close` leads to are "closed", every other end state is "completed".
 */
export type ProjectOutcome = 'open' | 'completed' | 'withdrawn' | 'closed';

function endStates(): { terminal: string[]; withdrawn: string[]; closed: string[] } {
  const terminal = new Set<string>();
  const withdrawn = new Set<string>();
  const closed = new Set<string>();
  for (const table of tablesOf('project')) {
    const targets = (event: string) => new Set(table.states.flatMap((s) => s.transitions.filter((t) => t.event === event).map((t) => t.to)));
    const w = targets('withdraw');
    const c = targets('close');
    for (const s of table.states.filter((st) => st.terminal)) {
      terminal.add(s.id);
      if (w.has(s.id)) withdrawn.add(s.id);
      else if (c.has(s.id)) closed.add(s.id);
    }
  }
  return { terminal: [...terminal], withdrawn: [...withdrawn], closed: [...closed] };
}

const ENDS = endStates();
export const TERMINAL_STATES: readonly string[] = ENDS.terminal;
export const WITHDRAWN_STATES: readonly string[] = ENDS.withdrawn;
export const CLOSED_STATES: readonly string[] = ENDS.closed;
/** End states that are not a completion: such a project leaves the public list and the stage counts. */
export const ENDED_UNFINISHED_STATES: readonly string[] = [...WITHDRAWN_STATES, ...CLOSED_STATES];
export const COMPLETED_STATES: readonly string[] = TERMINAL_STATES.filter((s) => !ENDED_UNFINISHED_STATES.includes(s));

export function statesOf(outcome: Exclude<ProjectOutcome, 'open'>): readonly string[] {
  return outcome === 'completed' ? COMPLETED_STATES : outcome === 'withdrawn' ? WITHDRAWN_STATES : CLOSED_STATES;
}

export function outcomeOf(state: string): ProjectOutcome {
  if (WITHDRAWN_STATES.includes(state)) return 'withdrawn';
  if (CLOSED_STATES.includes(state)) return 'closed';
  if (COMPLETED_STATES.includes(state)) return 'completed';
  return 'open';
}

export interface ActionView {
  event: string;
  label: Text;
  kind: 'primary' | 'danger' | 'neutral';
  allowed: boolean;
  reasons: Text[];
  missingMaterials: string[];
  needsReason: boolean;
  confirm: Text | null;
  /** JSON Schema of what the action's dialog asks for (null when it asks for nothing but a reason). */
  input: Record<string, unknown> | null;
}

export function actionsFor(table: WorkflowTable, p: ProjectRow, role: ActorRole, ctx: GuardContext): ActionView[] {
  return availableEvents(table, p.state, role, ctx).map((o) => ({
    event: o.event,
    label: o.label,
    kind: o.kind,
    allowed: o.allowed,
    reasons: [...o.reasons],
    missingMaterials: [...o.missingMaterials],
    needsReason: o.needsReason,
    confirm: o.confirm ?? null,
    input: inputJsonSchema(o.input),
  }));
}

export function writableFieldsFor(table: WorkflowTable, p: ProjectRow, role: ActorRole): string[] {
  return writableFields(table, p.state, role);
}

const ACTION_LABELS: Record<string, Text> = {
  'project.created': { zh: '创建备案草稿', en: 'Filing draft created' },
  'project.updated': { zh: '修改备案信息', en: 'Filing edited' },
  'project.revised': { zh: '变更已公示的备案信息', en: 'Published filing changed' },
  'project.publication_withdrawn': { zh: '撤回公示', en: 'Publication withdrawn' },
  'assessment.saved': { zh: '保存评测答卷', en: 'Assessment saved' },
  'assessment.submitted': { zh: '提交评测', en: 'Assessment submitted' },
  'material.uploaded': { zh: '上传材料', en: 'Material uploaded' },
  'material.removed': { zh: '删除材料', en: 'Material removed' },
  'implementation.trainingRecorded': { zh: '登记培训场次', en: 'Training session recorded' },
  'implementation.trainingChanged': { zh: '修改培训场次', en: 'Training session changed' },
  'implementation.trainingRemoved': { zh: '删除培训场次', en: 'Training session removed' },
  'implementation.noteAdded': { zh: '记录实施进展', en: 'Progress note added' },
  'implementation.acceptanceDated': { zh: '填写内部验收日期', en: 'Internal acceptance date entered' },
};

/** A readable name for an audit action of a project's timeline. */
export function actionLabel(action: string, table: WorkflowTable = currentTable('project')): Text {
  const known = ACTION_LABELS[action];
  if (known) return known;
  if (action.startsWith('project.')) return eventLabel(table, action.slice('project.'.length));
  return { zh: action, en: action };
}

/**
 * The acting-for facts alone (the caller's delegation and assignment), enough for decisions that check only who
 * acts — uploads into a slot, edits. Actions use the full context (server/workflow/facts.ts).
 */
export function guardContextFor(p: LoadedProject, actorOrgId: string, reason: string | null = null): GuardContext {
  return makeGuardContext({
    delegationActive: p.facts.delegated,
    actorIsAssignedInstitution: p.diagnosisInstitutionId === actorOrgId || p.evaluationInstitutionId === actorOrgId,
    reason,
  });
}
