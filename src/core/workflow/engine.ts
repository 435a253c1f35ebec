/**
 * The one engine that runs every workflow table. Pure functions: the server asks `decide` before it writes,
 * the UI asks `availableEvents` to draw buttons, tests enumerate both.
 *
 * Decision order for (state, event, role):
 *   1. the state exists, is not terminal and has the event            else STAGE_NOT_ALLOWED
 *   2. the role is listed on at least one branch of the event          else ROLE_NOT_ALLOWED
 *   3. routing: among the role's branches, in table order, the first whose `when` guards all hold is taken
 *      (a branch without `when` always matches, so it goes last). If none matches, the failures of the
 *      first branch's `when` are reported                              as GUARD_FAILED
 *   4. the taken branch's `guards` (and `reasonGiven` when it `needsReason`) must all hold; every failure is
 *      reported; a missing required material makes it               MATERIALS_MISSING, else GUARD_FAILED
 */
import { ACTOR_ROLE_LABELS, isActorRole, type ActorRole } from '../identity/roles';
import type { Text } from '../text';
import type { GuardContext } from './context';
import { isEffectId } from './effects';
import { GUARD_META, checkGuards, isGuardId, type GuardEnv, type GuardFailure } from './guards';
import type { EventInput, FileKind, GuardRef, MaterialSlot, StateDef, Transition, TransitionKind, WorkflowTable } from './types';

export type RefusalCode = 'STAGE_NOT_ALLOWED' | 'ROLE_NOT_ALLOWED' | 'GUARD_FAILED' | 'MATERIALS_MISSING' | 'FIELD_NOT_EDITABLE';

export interface RefusalDetails {
  state: string;
  event?: string;
  role: ActorRole;
  /** ROLE_NOT_ALLOWED: who could do it. */
  allowedRoles?: readonly ActorRole[];
  /** GUARD_FAILED / MATERIALS_MISSING: every failing guard, in table order. */
  failures?: readonly GuardFailure[];
  /** MATERIALS_MISSING: keys of the empty required slots. */
  missingMaterials?: readonly string[];
  /** FIELD_NOT_EDITABLE (and edit refusals): the fields that may not be written. */
  fields?: readonly string[];
}

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: Text;
  details: RefusalDetails;
}

export type Decision<S extends string = string, E extends string = string> =
  | { ok: true; to: S; effects: Transition<S, E>['effects']; transition: Transition<S, E> }
  | Refusal;

export type Check = { ok: true } | Refusal;

export function getState<S extends string, E extends string>(
  table: WorkflowTable<S, E>,
  stateId: string,
): StateDef<S, E> | undefined {
  return table.states.find((s) => s.id === stateId);
}

/** Every event id used anywhere in the table, in first-use order. */
export function eventsOf<S extends string, E extends string>(table: WorkflowTable<S, E>): E[] {
  return [...new Set(table.states.flatMap((s) => s.transitions.map((t) => t.event)))];
}

/** The button label of an event (from its first transition in the table), or the id itself. */
export function eventLabel(table: WorkflowTable, event: string): Text {
  for (const state of table.states) {
    const t = state.transitions.find((tr) => tr.event === event);
    if (t) return t.label;
  }
  return { zh: event, en: event };
}

function roleLabel(role: ActorRole): Text {
  return ACTOR_ROLE_LABELS[role];
}

function joinTexts(texts: readonly Text[], zhSep: string, enSep: string): Text {
  return { zh: texts.map((t) => t.zh).join(zhSep), en: texts.map((t) => t.en).join(enSep) };
}

function refuse(code: RefusalCode, message: Text, details: RefusalDetails): Refusal {
  return { ok: false, code, message, details };
}

/** STAGE_NOT_ALLOWED: `what` cannot be done in this state (or the state is unknown). */
function notInThisState(state: StateDef | undefined, stateId: string, what: Text, details: RefusalDetails): Refusal {
  const message: Text = state
    ? {
        zh: `当前状态为“${state.label.zh}”，${what.zh}`,
        en: `${what.en} while the state is "${state.label.en}".`,
      }
    : { zh: `未知的流程状态“${stateId}”`, en: `Unknown workflow state "${stateId}".` };
  return refuse('STAGE_NOT_ALLOWED', message, details);
}

function stageRefusal(table: WorkflowTable, stateId: string, event: string, role: ActorRole): Refusal {
  const action = eventLabel(table, event);
  return notInThisState(
    getState(table, stateId),
    stateId,
    { zh: `不能办理“${action.zh}”`, en: `"${action.en}" is not possible` },
    { state: stateId, event, role },
  );
}

function guardRefusal(failures: readonly GuardFailure[], details: RefusalDetails): Refusal {
  const missing = failures.find((f) => f.guard === 'requiredMaterialsPresent');
  const message = joinTexts(
    failures.map((f) => f.message),
    '；',
    ' ',
  );
  if (missing) {
    return refuse('MATERIALS_MISSING', message, { ...details, failures, missingMaterials: missing.missing ?? [] });
  }
  return refuse('GUARD_FAILED', message, { ...details, failures });
}

type Mode = 'perform' | 'preview';

function applicable(refs: readonly GuardRef[], mode: Mode): readonly GuardRef[] {
  return mode === 'perform' ? refs : refs.filter((r) => GUARD_META[r.id].scope === 'state');
}

function evaluate<S extends string, E extends string>(
  table: WorkflowTable<S, E>,
  stateId: string,
  event: string,
  role: ActorRole,
  ctx: GuardContext,
  mode: Mode,
): Decision<S, E> {
  const state = getState(table, stateId);
  const branches = state && !state.terminal ? state.transitions.filter((t) => t.event === event) : [];
  if (!state || branches.length === 0) return stageRefusal(table, stateId, event, role);

  const details: RefusalDetails = { state: stateId, event, role };
  const mine = branches.filter((t) => t.roles.includes(role));
  if (mine.length === 0) {
    const allowedRoles = [...new Set(branches.flatMap((t) => t.roles))];
    const action = branches[0]?.label ?? { zh: event, en: event };
    const who = joinTexts(allowedRoles.map(roleLabel), '、', ', ');
    return refuse(
      'ROLE_NOT_ALLOWED',
      {
        zh: `${roleLabel(role).zh}不能办理“${action.zh}”，应由${who.zh}办理`,
        en: `${roleLabel(role).en} cannot "${action.en}"; this is for: ${who.en}.`,
      },
      { ...details, allowedRoles },
    );
  }

  const env: GuardEnv = { role, materials: state.materials };
  const taken = mine.find((t) => checkGuards(applicable(t.when ?? [], mode), ctx, env).length === 0);
  if (!taken) {
    const first = mine[0];
    return guardRefusal(first ? checkGuards(applicable(first.when ?? [], mode), ctx, env) : [], details);
  }

  const preconditions: GuardRef[] = [...taken.guards];
  if (taken.needsReason) preconditions.push({ id: 'reasonGiven' });
  const failures = checkGuards(applicable(preconditions, mode), ctx, env);
  if (failures.length > 0) return guardRefusal(failures, details);
  return { ok: true, to: taken.to, effects: taken.effects, transition: taken };
}

/** Decides whether `role` may fire `event` now, and if so where it leads and which effects to carry out. */
export function decide<S extends string, E extends string>(
  table: WorkflowTable<S, E>,
  stateId: string,
  event: string,
  role: ActorRole,
  ctx: GuardContext,
): Decision<S, E> {
  return evaluate(table, stateId, event, role, ctx, 'perform');
}

export interface EventOption<E extends string = string> {
  event: E;
  label: Text;
  /** Whether the action can be performed now (input guards such as the reason are checked on submit). */
  allowed: boolean;
  /** Why not, when not allowed. */
  code?: RefusalCode;
  reasons: readonly Text[];
  failures: readonly GuardFailure[];
  missingMaterials: readonly string[];
  needsReason: boolean;
  confirm?: Text;
  kind: TransitionKind;
  input?: EventInput;
}

/**
 * The actions `role` has in this state, for drawing buttons: every event the role is listed on, with whether
 * it is allowed now and why not. Events of other roles, and events another action fires (`firedBy`), are left out.
 */
export function availableEvents<S extends string, E extends string>(
  table: WorkflowTable<S, E>,
  stateId: string,
  role: ActorRole,
  ctx: GuardContext,
): EventOption<E>[] {
  const state = getState(table, stateId);
  if (!state || state.terminal) return [];
  const events = [...new Set(state.transitions.filter((t) => t.roles.includes(role) && !t.firedBy).map((t) => t.event))];
  return events.map((event) => {
    const first = state.transitions.find((t) => t.event === event && t.roles.includes(role));
    const decision = evaluate(table, stateId, event, role, ctx, 'preview');
    const option: EventOption<E> = {
      event,
      label: first?.label ?? { zh: event, en: event },
      allowed: decision.ok,
      reasons: decision.ok ? [] : (decision.details.failures ?? []).map((f) => f.message),
      failures: decision.ok ? [] : (decision.details.failures ?? []),
      missingMaterials: decision.ok ? [] : (decision.details.missingMaterials ?? []),
      needsReason: first?.needsReason ?? false,
      kind: first?.kind ?? 'neutral',
    };
    if (first?.input) option.input = first.input;
    if (!decision.ok) option.code = decision.code;
    if (first?.confirm) option.confirm = first.confirm;
    return option;
  });
}

/** The acting-for checks every action needs: a delegate needs its authorisation, an institution its assignment. */
const ACTOR_GUARDS: readonly GuardRef[] = [{ id: 'delegationActive' }, { id: 'assignedInstitution' }];

/** The form fields `role` may write in this state (none in an end state). */
export function writableFields(table: WorkflowTable, stateId: string, role: ActorRole): string[] {
  const state = getState(table, stateId);
  if (!state || state.terminal) return [];
  return Object.entries(state.fields ?? {})
    .filter(([, right]) => right.write.includes(role))
    .map(([key]) => key);
}

/** The form fields `role` may read in this state: those whose right lists no readers, or lists the role. */
export function readableFields(table: WorkflowTable, stateId: string, role: ActorRole): string[] {
  const state = getState(table, stateId);
  return Object.entries(state?.fields ?? {})
    .filter(([, right]) => !right.read || right.read.includes(role) || right.write.includes(role))
    .map(([key]) => key);
}

/**
 * Whether `role` may write `fields` in this state. A refusal names every field it may not write
 * (`details.fields`), so the form can mark them; acting-for checks (delegation, assignment) apply as for actions.
 */
export function canWriteFields(
  table: WorkflowTable,
  stateId: string,
  role: ActorRole,
  ctx: GuardContext,
  fields: readonly string[],
): Check {
  const state = getState(table, stateId);
  if (!state || state.terminal || Object.keys(state.fields ?? {}).length === 0) {
    return notInThisState(state, stateId, { zh: '不能修改', en: 'Nothing can be edited' }, { state: stateId, role, fields: [...fields] });
  }
  const mine = new Set(writableFields(table, stateId, role));
  if (mine.size === 0) {
    const editors = [...new Set(Object.values(state.fields ?? {}).flatMap((r) => r.write))];
    return refuse(
      'ROLE_NOT_ALLOWED',
      { zh: `${roleLabel(role).zh}不能修改此内容`, en: `${roleLabel(role).en} cannot edit this.` },
      { state: stateId, role, allowedRoles: editors, fields: [...fields] },
    );
  }
  const refused = fields.filter((f) => !mine.has(f));
  if (refused.length > 0) {
    return refuse(
      'FIELD_NOT_EDITABLE',
      {
        zh: `当前状态为“${state.label.zh}”，以下内容不能修改：${refused.join('、')}`,
        en: `While the state is "${state.label.en}" these fields cannot be changed: ${refused.join(', ')}.`,
      },
      { state: stateId, role, fields: refused },
    );
  }
  const failures = checkGuards(ACTOR_GUARDS, ctx, { role, materials: state.materials });
  return failures.length > 0 ? guardRefusal(failures, { state: stateId, role }) : { ok: true };
}

/** Whether `role` may edit any of the object's form fields in this state. */
export function canEdit(table: WorkflowTable, stateId: string, role: ActorRole, ctx: GuardContext): Check {
  return canWriteFields(table, stateId, role, ctx, []);
}

/** "Your next step" for `role` in this state: its own hint, the applicant's hint for the applicant roles, or null. */
export function hintFor(table: WorkflowTable, stateId: string, role: ActorRole): Text | null {
  const state = getState(table, stateId);
  if (!state) return null;
  const own = state.hints?.[role];
  if (own) return own;
  if (role === 'enterprise' || role === 'leadingUnitDelegate') return state.applicantHint;
  return null;
}

/** Whether `role` may upload into `slotKey` in this state (file type and size are checked by `checkMaterialFile`). */
export function canUploadMaterial(
  table: WorkflowTable,
  stateId: string,
  slotKey: string,
  role: ActorRole,
  ctx: GuardContext,
): Check {
  const state = getState(table, stateId);
  const slot = state && !state.terminal ? state.materials.find((m) => m.key === slotKey) : undefined;
  if (!state || !slot) {
    return notInThisState(
      state,
      stateId,
      { zh: '不接收此材料', en: 'This material is not accepted' },
      { state: stateId, role },
    );
  }
  if (!slot.uploaders.includes(role)) {
    return refuse(
      'ROLE_NOT_ALLOWED',
      {
        zh: `${roleLabel(role).zh}不能上传“${slot.label.zh}”`,
        en: `${roleLabel(role).en} cannot upload "${slot.label.en}".`,
      },
      { state: stateId, role, allowedRoles: slot.uploaders },
    );
  }
  const failures = checkGuards(ACTOR_GUARDS, ctx, { role, materials: state.materials });
  return failures.length > 0 ? guardRefusal(failures, { state: stateId, role }) : { ok: true };
}

export type FileCheck = { ok: true } | { ok: false; reason: 'kind' | 'size'; message: Text };

const FILE_KIND_LABELS: Record<FileKind, Text> = {
  pdf: { zh: 'PDF', en: 'PDF' },
  image: { zh: '图片（JPG/PNG）', en: 'image (JPG/PNG)' },
  office: { zh: 'Office 文档（Word/Excel）', en: 'Office document (Word/Excel)' },
};

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${Math.round(mb * 10) / 10} MB`;
}

/** Whether a file of `kind` (sniffed by magic bytes) and `bytes` fits the slot. */
export function checkMaterialFile(slot: MaterialSlot, kind: FileKind | null, bytes: number): FileCheck {
  if (kind === null || !slot.accept.includes(kind)) {
    const accepted = joinTexts(slot.accept.map((k) => FILE_KIND_LABELS[k]), '、', ', ');
    return {
      ok: false,
      reason: 'kind',
      message: {
        zh: `“${slot.label.zh}”只接受以下文件类型：${accepted.zh}`,
        en: `"${slot.label.en}" accepts only: ${accepted.en}.`,
      },
    };
  }
  if (bytes > slot.maxBytes) {
    return {
      ok: false,
      reason: 'size',
      message: {
        zh: `文件过大：“${slot.label.zh}”单个文件不超过${formatBytes(slot.maxBytes)}`,
        en: `File too large: "${slot.label.en}" takes files up to ${formatBytes(slot.maxBytes)}.`,
      },
    };
  }
  return { ok: true };
}

/** Effects that act on the institution of the state's assignment (diagnosis or evaluation). */
const ASSIGNMENT_EFFECTS: readonly string[] = ['assignInstitution', 'unassignInstitution', 'notifyInstitution', 'sendReportToEnterprise', 'confirmReport', 'disputeReport'];

/**
 * Structural checks of a table: every target exists, every state is reachable from the initial one, terminal
 * states have no way out and others have one, guard / effect / role ids are known and guard arguments valid,
 * branches of one event agree and only the last may lack `when`, slot keys are unique per state and mean the
 * same material everywhere, actions open to delegates or institutions check delegation or assignment.
 * Returns the problems found (empty when the table is sound).
 */
export function validateTable(table: WorkflowTable): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of table.states) {
    if (ids.has(s.id)) problems.push(`duplicate state id "${s.id}"`);
    ids.add(s.id);
  }
  if (!ids.has(table.initial)) problems.push(`initial state "${table.initial}" does not exist`);

  const checkRoles = (where: string, roles: readonly string[]) => {
    for (const r of roles) if (!isActorRole(r)) problems.push(`${where}: unknown role "${r}"`);
  };
  const checkRefs = (where: string, refs: readonly GuardRef[]) => {
    for (const ref of refs) {
      if (!isGuardId(ref.id)) problems.push(`${where}: unknown guard "${ref.id}"`);
      else if (!GUARD_META[ref.id].validArg('arg' in ref ? ref.arg : undefined)) {
        problems.push(`${where}: invalid argument for guard "${ref.id}"`);
      }
    }
  };

  const slotsByKey = new Map<string, MaterialSlot>();
  for (const s of table.states) {
    const at = `state "${s.id}"`;
    if (!Number.isInteger(s.stage) || s.stage < 1 || s.stage > 8) problems.push(`${at}: stage must be 1–8`);
    if (!(s.progress >= 0 && s.progress <= 100)) problems.push(`${at}: progress must be 0–100`);
    for (const text of [s.label, s.publicLabel, s.applicantHint]) {
      if (!text.zh.trim() || !text.en.trim()) problems.push(`${at}: a label or hint lacks Chinese or English`);
    }
    checkRoles(`${at} waitingOn`, s.waitingOn);
    for (const [field, right] of Object.entries(s.fields ?? {})) {
      checkRoles(`${at} field "${field}" write`, right.write);
      checkRoles(`${at} field "${field}" read`, right.read ?? []);
    }
    for (const role of Object.keys(s.hints ?? {})) checkRoles(`${at} hints`, [role]);
    for (const text of Object.values(s.hints ?? {})) {
      if (text && (!text.zh.trim() || !text.en.trim())) problems.push(`${at}: a hint lacks Chinese or English`);
    }
    const needsAssignment = s.transitions.some((t) => t.effects.some((e) => ASSIGNMENT_EFFECTS.includes(e)));
    if (needsAssignment && !s.assignment) problems.push(`${at}: its transitions assign, notify or report for an institution, but the state names no assignment`);
    for (const q of s.questionnaires ?? []) {
      checkRoles(`${at} questionnaire "${q.mode}"`, q.fillers);
      if (q.completes && !s.transitions.some((t) => t.event === q.completes)) {
        problems.push(`${at}: questionnaire "${q.mode}" completes "${q.completes}", which the state does not have`);
      }
    }
    if (s.deadline) {
      const d = s.deadline;
      if (!Number.isInteger(d.workingDays) || d.workingDays < 1) problems.push(`${at}: deadline needs at least one working day`);
      if (!Number.isInteger(d.remindBefore) || d.remindBefore < 0 || d.remindBefore >= d.workingDays) {
        problems.push(`${at}: the reminder must come before the due date`);
      }
      checkRoles(`${at} deadline`, [d.role]);
      if (s.terminal) problems.push(`${at}: an end state has no deadline`);
    }
    if (s.terminal && s.transitions.length > 0) problems.push(`${at}: terminal state has transitions`);
    if (!s.terminal && s.transitions.length === 0) problems.push(`${at}: non-terminal state has no transitions`);

    const keys = new Set<string>();
    for (const m of s.materials) {
      if (keys.has(m.key)) problems.push(`${at}: duplicate material slot "${m.key}"`);
      keys.add(m.key);
      checkRoles(`${at} slot "${m.key}"`, m.uploaders);
      if (m.accept.length === 0 || !(m.maxBytes > 0)) problems.push(`${at} slot "${m.key}": accepts nothing`);
      const seen = slotsByKey.get(m.key);
      if (!seen) slotsByKey.set(m.key, m);
      else if (seen.label.zh !== m.label.zh || seen.label.en !== m.label.en) {
        problems.push(`${at}: slot "${m.key}" has a different label than elsewhere`);
      }
    }

    const byEvent = new Map<string, Transition[]>();
    for (const t of s.transitions) {
      const where = `${at} event "${t.event}"`;
      if (!ids.has(t.to)) problems.push(`${where}: target "${t.to}" does not exist`);
      if (t.roles.length === 0) problems.push(`${where}: no role may fire it`);
      checkRoles(where, t.roles);
      checkRefs(where, [...(t.when ?? []), ...t.guards]);
      for (const e of t.effects) if (!isEffectId(e)) problems.push(`${where}: unknown effect "${e}"`);
      if (!t.label.zh.trim() || !t.label.en.trim()) problems.push(`${where}: label lacks Chinese or English`);
      if (!['primary', 'danger', 'neutral'].includes(t.kind)) problems.push(`${where}: unknown button kind "${String(t.kind)}"`);
      if (t.input && t.input.shape && 'reason' in t.input.shape) problems.push(`${where}: the reason is not part of the input schema`);
      const guardIds = t.guards.map((g) => g.id);
      if (t.roles.includes('leadingUnitDelegate') && !guardIds.includes('delegationActive')) {
        problems.push(`${where}: open to leadingUnitDelegate without the delegationActive guard`);
      }
      if (
        t.roles.some((r) => r === 'institutionComprehensive' || r === 'institutionDiagnostic') &&
        !guardIds.includes('assignedInstitution')
      ) {
        problems.push(`${where}: open to institutions without the assignedInstitution guard`);
      }
      byEvent.set(t.event, [...(byEvent.get(t.event) ?? []), t]);
    }
    for (const [event, branches] of byEvent) {
      const [first] = branches;
      if (!first) continue;
      const where = `${at} event "${event}"`;
      for (const b of branches) {
        if (b.label.zh !== first.label.zh || b.label.en !== first.label.en) problems.push(`${where}: branch labels differ`);
        if (Boolean(b.needsReason) !== Boolean(first.needsReason)) problems.push(`${where}: branches differ on needsReason`);
        if (b.confirm?.zh !== first.confirm?.zh) problems.push(`${where}: branches differ on confirm`);
        if (b.kind !== first.kind) problems.push(`${where}: branches differ on button kind`);
        if (b.input !== first.input) problems.push(`${where}: branches differ on input`);
        if (Boolean(b.firedBy) !== Boolean(first.firedBy)) problems.push(`${where}: branches differ on firedBy`);
      }
      branches.slice(0, -1).forEach((b) => {
        if (!b.when?.length) problems.push(`${where}: a branch without "when" must be the last one`);
      });
    }
  }

  const reached = new Set<string>([table.initial]);
  const queue = [table.initial as string];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const t of getState(table, id)?.transitions ?? []) {
      if (!reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  for (const s of table.states) if (!reached.has(s.id)) problems.push(`state "${s.id}" is unreachable`);
  return problems;
}
