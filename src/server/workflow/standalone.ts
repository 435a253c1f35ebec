/**
 * Workflow objects that belong to no project (a provider's own catalog entry): the same core engine (`decide`),
 * history (workflow_transitions) and audit as runtime.ts, with a guard context built for the object itself and a
 * handler map of its own per object kind. A kind registers its handlers once; registration checks that every
 * effect its tables name has one, so a table asking for more fails at start-up.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { materials, workflowObjects, workflowTransitions } from '../../db/schema';
import type { ActorRole } from '../../core/identity/roles';
import type { Text } from '../../core/text';
import { decide, eventLabel, getState, makeGuardContext, type Decision, type GuardContext, type WorkflowTable } from '../../core/workflow';
import { AppError } from '../http/errors';
import type { RequestContext } from '../http/actor';
import { originOf, recordAudit } from '../audit';
import { invalidatePublicCache } from '../modules/public/cache';
import { tableFor, tablesOf, type ObjectKind } from './registry';
import { parseInput, type WorkflowObjectRow } from './runtime';
import type { Subject } from './types';

export interface StandaloneEnv {
  tx: DbOrTx;
  ctx: RequestContext;
  /** The object moved; handlers may change `subject.data` (written after the effects). */
  subject: Subject;
  table: WorkflowTable;
  role: ActorRole;
  event: string;
  from: string;
  to: string;
  reason: string | null;
  input: Record<string, unknown>;
  now: Date;
  /** What the history and the audit event record (effects add to it). */
  summary: Record<string, unknown>;
}

export type StandaloneHandler = (env: StandaloneEnv) => Promise<void>;

export interface StandaloneKind {
  handlers: Readonly<Record<string, StandaloneHandler>>;
  /** The required fields of the object not filled in yet (the `formComplete` guard). */
  formMissing(tx: DbOrTx, obj: WorkflowObjectRow): Promise<readonly Text[]>;
}

const kinds = new Map<string, StandaloneKind>();

/** The effects the tables of `kind` name that `handlers` does not carry out. */
export function missingStandaloneHandlers(tables: readonly WorkflowTable[], handlers: Readonly<Record<string, StandaloneHandler>>): string[] {
  const named = new Set(tables.flatMap((t) => t.states.flatMap((s) => s.transitions.flatMap((tr) => tr.effects))));
  return [...named].filter((e) => !Object.hasOwn(handlers, e));
}

/** Registers the handlers of a kind of standalone object; throws when one of its tables names an effect without one. */
export function registerStandaloneKind(kind: ObjectKind, def: StandaloneKind): void {
  const missing = missingStandaloneHandlers(tablesOf(kind), def.handlers);
  if (missing.length > 0) throw new Error(`standalone objects "${kind}": effects without a handler: ${missing.join(', ')}`);
  kinds.set(kind, def);
}

/** The guard context of a standalone object: its completeness and its current materials. */
export async function standaloneContext(tx: DbOrTx, obj: WorkflowObjectRow, reason: string | null): Promise<GuardContext> {
  const def = kinds.get(obj.kind);
  if (!def) throw new Error(`no standalone handlers registered for "${obj.kind}"`);
  const present = await tx
    .selectDistinct({ slotKey: materials.slotKey })
    .from(materials)
    .where(and(eq(materials.objectType, obj.kind), eq(materials.objectId, obj.id), isNull(materials.removedAt), isNull(materials.supersededAt)));
  return makeGuardContext({ presentMaterials: present.map((m) => m.slotKey), formMissing: await def.formMissing(tx, obj), reason });
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

export interface StandaloneFireOptions {
  role: ActorRole;
  reason?: string | null | undefined;
  input?: unknown;
}

/**
 * Fires `event` on a standalone object loaded (FOR UPDATE) in `tx`: decide → effects → write → history + audit.
 * An event that was the object's last transition (a double click) is ALREADY_SUBMITTED.
 */
export async function fireStandaloneEvent(tx: DbOrTx, ctx: RequestContext, obj: WorkflowObjectRow, event: string, opts: StandaloneFireOptions): Promise<WorkflowObjectRow> {
  const def = kinds.get(obj.kind);
  if (!def) throw new Error(`no standalone handlers registered for "${obj.kind}"`);
  const table = tableFor(obj.workflowVersion);
  const branches = (getState(table, obj.state)?.transitions ?? []).filter((t) => t.event === event && t.roles.includes(opts.role));
  const input = branches.length > 0 ? parseInput(branches[0]?.input, opts.input, ctx.locale) : {};
  const reason = opts.reason?.trim() ? opts.reason.trim() : null;
  const context = await standaloneContext(tx, obj, reason);
  const decision = decide(table, obj.state, event, opts.role, context);
  if (!decision.ok) {
    if (decision.code === 'STAGE_NOT_ALLOWED') {
      const [last] = await tx
        .select({ event: workflowTransitions.event })
        .from(workflowTransitions)
        .where(and(eq(workflowTransitions.objectType, obj.kind), eq(workflowTransitions.objectId, obj.id)))
        .orderBy(desc(workflowTransitions.id))
        .limit(1);
      if (last?.event === event) {
        const label = eventLabel(table, event);
        throw new AppError('ALREADY_SUBMITTED', { message: { zh: `“${label.zh}”已办理，请勿重复提交`, en: `"${label.en}" was already done` }, details: { event, state: obj.state } });
      }
    }
    throw refusal(decision, event);
  }
  const now = new Date();
  const subject: Subject = { type: obj.kind, id: obj.id, state: decision.to, workflowVersion: obj.workflowVersion, data: { ...obj.data } };
  const env: StandaloneEnv = {
    tx,
    ctx,
    subject,
    table,
    role: opts.role,
    event,
    from: obj.state,
    to: decision.to,
    reason,
    input,
    now,
    summary: { event, from: obj.state, to: decision.to, ...(reason ? { reason } : {}), ...(Object.keys(input).length ? { input } : {}) },
  };
  for (const id of decision.effects) {
    const handler = def.handlers[id];
    if (!handler) throw new Error(`no standalone handler for effect "${id}"`);
    await handler(env);
  }
  const [row] = await tx
    .update(workflowObjects)
    .set({ state: decision.to, data: subject.data, revision: obj.revision + 1, updatedAt: now, ...(decision.to !== obj.state ? { stateChangedAt: now } : {}) })
    .where(eq(workflowObjects.id, obj.id))
    .returning();
  if (!row) throw new AppError('INTERNAL');
  invalidatePublicCache();
  await tx.insert(workflowTransitions).values({
    objectType: obj.kind,
    objectId: obj.id,
    projectId: null,
    workflowVersion: obj.workflowVersion,
    event,
    fromState: obj.state,
    toState: decision.to,
    actorUserId: opts.role === 'system' ? null : ctx.actor.userId,
    actorOrgId: opts.role === 'system' ? null : ctx.actor.orgId,
    actorRole: opts.role,
    onBehalfOfOrgId: null,
    input: { ...input, ...(reason ? { reason } : {}) },
  });
  await recordAudit(tx, originOf(ctx), { action: `${obj.kind}.${event}`, targetType: obj.kind, targetId: obj.id, projectId: null, summary: env.summary });
  return row;
}
