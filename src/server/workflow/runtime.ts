/**
 * The one runtime every table runs on. `fireProjectEvent` and `fireSubjectEvent` are the only ways state moves:
 * table (by the object's stored version) → input (parsed by the event's schema) → facts (only those the state's
 * guards read) → decide → effects (one handler each) → deadlines → write → history + audit.
 */
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { projects, workflowObjects, workflowTransitions } from '../../db/schema';
import type { ActorRole } from '../../core/identity/roles';
import { decide, eventLabel, getState, type Decision, type EventInput, type GuardContext, type Transition, type WorkflowTable } from '../../core/workflow';
import { AppError } from '../http/errors';
import type { RequestContext } from '../http/actor';
import { originOf, recordAudit } from '../audit';
import { invalidatePublicCache } from '../modules/public/cache';
import type { LoadedProject } from '../modules/projects/policy';
import { closeDeadlines, openDeadline, todayInShanghai } from '../deadlines/service';
import { loadCalendar } from '../deadlines/calendar';
import { tableFor } from './registry';
import { loadGuardContext } from './facts';
import { EFFECT_HANDLERS } from './handlers';
import type { EffectEnv, ProjectPatch, Subject } from './types';

/** The transitions of `event` in a state (its branches), or none. */
function branchesOf(table: WorkflowTable, stateId: string, event: string): Transition[] {
  return [...(getState(table, stateId)?.transitions ?? [])].filter((t) => t.event === event);
}

/** Parses the event's input with its schema; an event without one takes no input. */
export function parseInput(schema: EventInput | undefined, raw: unknown, locale: RequestContext['locale']): Record<string, unknown> {
  const given = raw === undefined || raw === null ? {} : raw;
  if (!schema) {
    if (typeof given === 'object' && Object.keys(given).length === 0) return {};
    throw new AppError('INPUT_INVALID', {
      message: { zh: '此操作不需要填写附加信息', en: 'This action takes no input' },
      details: { fields: [{ path: 'input', code: 'unexpected', message: locale === 'en' ? 'This action takes no input' : '此操作不需要填写附加信息' }] },
    });
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  throw new AppError('INPUT_INVALID', {
    details: {
      fields: parsed.error.issues.map((i) => ({ path: ['input', ...i.path.map(String)].join('.'), code: i.code, message: pickLocale(i.message, locale) })),
    },
  });
}

/** Input messages are written "中文 / English": the caller's language half. */
function pickLocale(message: string, locale: RequestContext['locale']): string {
  const [zh, en] = message.split(' / ');
  return locale === 'en' ? (en ?? zh ?? message) : (zh ?? message);
}

function refusal(d: Exclude<Decision, { ok: true }>, event: string): AppError {
  return new AppError(d.code, {
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

/**
 * A refusal, except that an event the object's last transition already was (a double click, a second tab) is
 * ALREADY_SUBMITTED naming the action: it was done, not forbidden.
 */
async function refusalOrRepeat(tx: DbOrTx, table: WorkflowTable, objectType: string, objectId: string, d: Exclude<Decision, { ok: true }>, event: string): Promise<AppError> {
  if (d.code === 'STAGE_NOT_ALLOWED') {
    const [last] = await tx
      .select({ event: workflowTransitions.event })
      .from(workflowTransitions)
      .where(and(eq(workflowTransitions.objectType, objectType), eq(workflowTransitions.objectId, objectId)))
      .orderBy(desc(workflowTransitions.id))
      .limit(1);
    if (last?.event === event) {
      const label = eventLabel(table, event);
      return new AppError('ALREADY_SUBMITTED', { message: { zh: `“${label.zh}”已办理，请勿重复提交`, en: `"${label.en}" was already done` }, details: { event, state: d.details.state } });
    }
  }
  return refusal(d, event);
}

export interface FireOptions {
  reason?: string | null | undefined;
  input?: unknown;
  /** The role the actor plays (the system for events another transition fires). */
  role: ActorRole;
}

/** Runs the handlers of a decision in table order. */
async function runEffects(env: EffectEnv, effects: readonly string[]): Promise<void> {
  for (const id of effects) {
    const handler = EFFECT_HANDLERS[id as keyof typeof EFFECT_HANDLERS];
    if (!handler) throw new Error(`no handler for effect "${id}"`);
    await handler(env);
  }
}

async function recordTransition(
  tx: DbOrTx,
  ctx: RequestContext,
  row: { objectType: string; objectId: string; projectId: string | null; version: string; event: string; from: string; to: string; role: ActorRole; onBehalfOf: string | null; input: Record<string, unknown> },
): Promise<void> {
  await tx.insert(workflowTransitions).values({
    objectType: row.objectType,
    objectId: row.objectId,
    projectId: row.projectId,
    workflowVersion: row.version,
    event: row.event,
    fromState: row.from,
    toState: row.to,
    actorUserId: row.role === 'system' ? null : ctx.actor.userId,
    actorOrgId: row.role === 'system' ? null : ctx.actor.orgId,
    actorRole: row.role,
    onBehalfOfOrgId: row.onBehalfOf,
    input: row.input,
  });
}

/** The organisation a state's deadline falls on. */
function deadlineAssignee(project: LoadedProject, patch: ProjectPatch, who: string): string | null {
  switch (who) {
    case 'enterprise':
      return project.enterpriseId;
    case 'diagnosisInstitution':
      return patch.diagnosisInstitutionId !== undefined ? patch.diagnosisInstitutionId : project.diagnosisInstitutionId;
    case 'evaluationInstitution':
      return patch.evaluationInstitutionId !== undefined ? patch.evaluationInstitutionId : project.evaluationInstitutionId;
    default:
      return null;
  }
}

/** Closes the deadline of the state left and opens the one of the state entered (when the state changed). */
async function moveDeadlines(env: EffectEnv, objectType: string, objectId: string, projectId: string | null): Promise<void> {
  if (env.from === env.to) return;
  await closeDeadlines(env.tx, objectType, objectId);
  const rule = getState(env.table, env.to)?.deadline;
  if (!rule) return;
  const calendar = await loadCalendar(env.tx);
  const dueOn = typeof env.input.dueOn === 'string' ? env.input.dueOn : undefined;
  const opened = await openDeadline(env.tx, {
    objectType,
    objectId,
    projectId,
    state: env.to,
    rule,
    assigneeOrgId: deadlineAssignee(env.project, env.patch, rule.assignee),
    calendar,
    today: todayInShanghai(env.now),
    ...(dueOn ? { dueOn } : {}),
  });
  env.summary.dueOn = opened.dueOn;
}

export interface FireResult {
  project: LoadedProject;
  decision: Extract<Decision, { ok: true }>;
  context: GuardContext;
}

/**
 * Fires `event` on a project already loaded and locked (FOR UPDATE) in `tx`. Returns the updated project.
 */
export async function fireProjectEvent(tx: DbOrTx, ctx: RequestContext, p: LoadedProject, event: string, opts: FireOptions): Promise<FireResult> {
  const table = tableFor(p.workflowVersion);
  // The input is checked only for an event the caller may fire here; otherwise the refusal says why not.
  const branches = branchesOf(table, p.state, event).filter((t) => t.roles.includes(opts.role));
  const input = branches.length > 0 ? parseInput(branches[0]?.input, opts.input, ctx.locale) : {};
  const reason = opts.reason?.trim() ? opts.reason.trim() : null;
  const context = await loadGuardContext(table, p.state, { tx, project: p, actorOrgId: ctx.actor.orgId, input }, { reason });
  const decision = decide(table, p.state, event, opts.role, context);
  if (!decision.ok) throw await refusalOrRepeat(tx, table, 'project', p.id, decision, event);

  const now = new Date();
  const env: EffectEnv = {
    tx,
    ctx,
    project: p,
    subject: { type: 'project', id: p.id, state: p.state, workflowVersion: p.workflowVersion, data: {} },
    table,
    role: opts.role,
    event,
    from: p.state,
    to: decision.to,
    reason,
    input,
    now,
    patch: {},
    summary: { event, from: p.state, to: decision.to, ...(reason ? { reason } : {}), ...(Object.keys(input).length ? { input } : {}) },
  };
  await runEffects(env, decision.effects);
  await moveDeadlines(env, 'project', p.id, p.id);

  const to = getState(table, decision.to);
  const patch: ProjectPatch = {
    ...env.patch,
    revision: p.revision + 1,
    state: decision.to,
    stage: to?.stage ?? p.stage,
    updatedAt: now,
    ...(decision.to !== p.state ? { stateChangedAt: now } : {}),
  };
  const [row] = await tx.update(projects).set(patch).where(eq(projects.id, p.id)).returning();
  if (!row) throw new AppError('INTERNAL');
  invalidatePublicCache();
  const onBehalfOf = opts.role === 'leadingUnitDelegate' ? p.enterpriseId : null;
  await recordTransition(tx, ctx, { objectType: 'project', objectId: p.id, projectId: p.id, version: p.workflowVersion, event, from: p.state, to: decision.to, role: opts.role, onBehalfOf, input: { ...input, ...(reason ? { reason } : {}) } });
  await recordAudit(tx, originOf(ctx), {
    action: `project.${event}`,
    targetType: 'project',
    targetId: p.id,
    projectId: p.id,
    onBehalfOfOrgId: onBehalfOf,
    summary: env.summary,
  });
  return { project: { ...row, facts: p.facts }, decision, context };
}

/** A workflow object row (report, catalog entry, subsidy review…). */
export type WorkflowObjectRow = typeof workflowObjects.$inferSelect;

/**
 * A parent for firing a project-linked object's own event (a letter, a tranche, a benchmark) outside a project
 * transition: its project, loaded (and locked) by the caller, with the caller's role.
 */
export function projectEnv(tx: DbOrTx, ctx: RequestContext, project: LoadedProject, now: Date): EffectEnv {
  return {
    tx,
    ctx,
    project,
    subject: { type: 'project', id: project.id, state: project.state, workflowVersion: project.workflowVersion, data: {} },
    table: tableFor(project.workflowVersion),
    role: ctx.actor.role,
    event: '',
    from: project.state,
    to: project.state,
    reason: null,
    input: {},
    now,
    patch: {},
    summary: {},
  };
}

/**
 * Fires `event` on a smaller workflow object of `project` (a report…) inside the project's transaction. The
 * object's guards see the project's facts (a material slot key means the same material on both).
 */
export async function fireSubjectEvent(
  parent: EffectEnv,
  obj: WorkflowObjectRow,
  event: string,
  opts: { role: ActorRole; reason?: string | null; input?: Record<string, unknown>; data?: Record<string, unknown>; facts?: Partial<GuardContext> },
): Promise<WorkflowObjectRow> {
  const { tx, ctx } = parent;
  const table = tableFor(obj.workflowVersion);
  const reason = opts.reason ?? null;
  // `facts`: what the object knows of itself (a catalog entry's own form and files) over the project's facts.
  const context: GuardContext = { ...(await loadGuardContext(table, obj.state, { tx, project: parent.project, actorOrgId: ctx.actor.orgId, input: opts.input ?? {} }, { reason })), ...opts.facts };
  const decision = decide(table, obj.state, event, opts.role, context);
  if (!decision.ok) throw refusal(decision, event);
  const data: Record<string, unknown> = { ...obj.data, ...(opts.data ?? {}) };
  // The new state is written first: an effect may fire the project's event, whose guards read this object.
  const [moved] = await tx
    .update(workflowObjects)
    .set({ state: decision.to, data, revision: obj.revision + 1, updatedAt: parent.now, ...(decision.to !== obj.state ? { stateChangedAt: parent.now } : {}) })
    .where(eq(workflowObjects.id, obj.id))
    .returning();
  if (!moved) throw new AppError('INTERNAL');
  const subject: Subject = { type: obj.kind, id: obj.id, state: decision.to, workflowVersion: obj.workflowVersion, data };
  const env: EffectEnv = { ...parent, subject, table, role: opts.role, event, from: obj.state, to: decision.to, reason, input: opts.input ?? {}, summary: { event, from: obj.state, to: decision.to } };
  await runEffects(env, decision.effects);
  await moveDeadlines(env, obj.kind, obj.id, obj.projectId);
  const [row] = await tx.update(workflowObjects).set({ data: subject.data }).where(eq(workflowObjects.id, obj.id)).returning();
  if (!row) throw new AppError('INTERNAL');
  await recordTransition(tx, ctx, { objectType: obj.kind, objectId: obj.id, projectId: obj.projectId, version: obj.workflowVersion, event, from: obj.state, to: decision.to, role: opts.role, onBehalfOf: null, input: { ...(opts.input ?? {}), ...(reason ? { reason } : {}) } });
  return row;
}

/** A JSON Schema of an event's input for the UI's dialog (null when the event takes none). */
export function inputJsonSchema(schema: EventInput | undefined): Record<string, unknown> | null {
  if (!schema) return null;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
