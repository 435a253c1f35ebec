/**
 * 改造实施 (stage 5): training sessions with their sign-in sheets and photos, progress notes, and the internal
 * acceptance date. Who may see them is who may see the project (projects/policy.ts); who may write them is the
 * table's business: those who may fill the current state's implementation slots (the enterprise, its provider
 * and an authorised leading unit while implementing; read-only everywhere else).
 */
import { and, asc, desc, eq, inArray, isNull, min } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client';
import { contracts, materials, organizations, progressNotes, projects, trainingSessions, users } from '../../../db/schema';
import { canUploadMaterial, type Check } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { todayInShanghai } from '../../deadlines/service';
import { tableFor } from '../../workflow/registry';
import { actingRole, loadProjectFor, type LoadedProject } from '../projects/policy';
import { guardContextFor } from '../projects/workflow';
import { TRAINING_SLOT } from './items';

/** Materials of a project are filed under the project itself (materials/service.ts). */
const PROJECT_OBJECT = 'project';

export const ACCEPTANCE_SLOT = 'implementation.acceptanceReport';

export const MISSING_TRAINING: Text = { zh: '至少登记一场培训并上传签到表或培训照片', en: 'at least one training session with its sign-in sheet or photos' };
export const MISSING_ACCEPTANCE: Text = { zh: '内部验收日期', en: 'the internal acceptance date' };

// ---- who may write --------------------------------------------------------------------------------------

function writeCheck(actor: Actor, p: LoadedProject, slotKey: string): Check {
  const role = actingRole(actor, p, p.facts.delegated);
  return canUploadMaterial(tableFor(p.workflowVersion), p.state, slotKey, role, guardContextFor(p, actor.orgId));
}

/** The table's refusal, said in terms of the implementation record. */
function writeRefusal(check: Exclude<Check, { ok: true }>): AppError {
  const details = { state: check.details.state, allowedRoles: check.details.allowedRoles ?? [] };
  if (check.code === 'STAGE_NOT_ALLOWED') {
    return new AppError('STAGE_NOT_ALLOWED', {
      message: { zh: '项目当前不在改造实施环节，实施记录只能查看', en: 'The project is not in implementation; the implementation record is read-only' },
      details,
    });
  }
  if (check.code === 'ROLE_NOT_ALLOWED') {
    return new AppError('ROLE_NOT_ALLOWED', {
      message: { zh: '实施记录由企业或其服务商填写，您只能查看', en: 'The enterprise or its provider keeps the implementation record; you may only view it' },
      details,
    });
  }
  return new AppError(check.code, { message: check.message, details: { ...details, failures: (check.details.failures ?? []).map((f) => ({ guard: f.guard, message: f.message })) } });
}

function assertWrite(actor: Actor, p: LoadedProject, slotKey = TRAINING_SLOT): void {
  const check = writeCheck(actor, p, slotKey);
  if (!check.ok) throw writeRefusal(check);
}

function onBehalfOf(actor: Actor, p: LoadedProject): string | null {
  return actingRole(actor, p, p.facts.delegated) === 'leadingUnitDelegate' ? p.enterpriseId : null;
}

// ---- dates ----------------------------------------------------------------------------------------------

function dateError(field: string, code: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { reason: code, fields: [{ path: field, code, message: zh }] } });
}

/** The earliest day implementation work can carry: the contract's signing date, else the filing date. */
async function earliestDay(db: DbOrTx, p: LoadedProject): Promise<{ day: string | null; basis: 'contract' | 'filing' }> {
  const [c] = await db.select({ signedOn: contracts.signedOn }).from(contracts).where(eq(contracts.projectId, p.id));
  if (c?.signedOn) return { day: c.signedOn, basis: 'contract' };
  return { day: p.submittedAt ? todayInShanghai(p.submittedAt) : null, basis: 'filing' };
}

function checkDay(field: string, value: string, today: string, earliest: { day: string | null; basis: 'contract' | 'filing' }, what: Text): void {
  if (value > today) {
    throw dateError(field, 'DATE_IN_FUTURE', `${what.zh}不能晚于今天（${today}）`, `${what.en} cannot be after today (${today})`);
  }
  if (earliest.day && value < earliest.day) {
    const basis = earliest.basis === 'contract' ? { zh: '合同签订日期', en: "the contract's signing date" } : { zh: '项目备案日期', en: 'the filing date' };
    throw dateError(field, 'DATE_TOO_EARLY', `${what.zh}不能早于${basis.zh}（${earliest.day}）`, `${what.en} cannot be before ${basis.en} (${earliest.day})`);
  }
}

const HELD_ON: Text = { zh: '培训日期', en: 'The training date' };
const ACCEPTED_ON: Text = { zh: '内部验收日期', en: 'The internal acceptance date' };

// ---- what is missing ------------------------------------------------------------------------------------

/** Whether a live training session holds at least one current file (one statement). */
async function hasSessionWithFile(db: DbOrTx, projectId: string): Promise<boolean> {
  const rows = await db
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .innerJoin(
      materials,
      and(
        eq(materials.itemId, trainingSessions.id),
        eq(materials.objectType, PROJECT_OBJECT),
        eq(materials.objectId, projectId),
        eq(materials.slotKey, TRAINING_SLOT),
        isNull(materials.supersededAt),
        isNull(materials.removedAt),
      ),
    )
    .where(and(eq(trainingSessions.projectId, projectId), isNull(trainingSessions.removedAt)))
    .limit(1);
  return rows.length > 0;
}

/** What the enterprise still lacks before it can declare implementation complete (the implementationMissing fact). */
export async function implementationMissing(db: DbOrTx, project: { id: string; acceptedOn: string | null }): Promise<Text[]> {
  const out: Text[] = [];
  if (!(await hasSessionWithFile(db, project.id))) out.push(MISSING_TRAINING);
  if (!project.acceptedOn) out.push(MISSING_ACCEPTANCE);
  return out;
}

// ---- views ----------------------------------------------------------------------------------------------

export interface SessionFileView {
  id: string;
  fileName: string;
  size: number;
  kind: string;
  uploadedAt: string;
  uploaderName: string;
  uploaderOrgName: string;
  mine: boolean;
  canRemove: boolean;
}

export interface SessionView {
  id: string;
  heldOn: string;
  topic: string;
  trainer: string;
  trainees: number;
  traineeNames: string;
  createdAt: string;
  createdByName: string;
  createdByOrgName: string;
  onBehalfOfOrgName: string | null;
  files: SessionFileView[];
}

const creatorOrg = alias(organizations, 'creator_org');
const behalfOrg = alias(organizations, 'behalf_org');
const uploaderOrg = alias(organizations, 'uploader_org');

/** The project's live sessions, earliest first, each with its current files: two statements in all. */
async function sessionViews(db: DbOrTx, actor: Actor, projectId: string, canWrite: boolean): Promise<SessionView[]> {
  const rows = await db
    .select({ s: trainingSessions, createdByName: users.name, createdByOrgName: creatorOrg.name, onBehalfOfOrgName: behalfOrg.name })
    .from(trainingSessions)
    .leftJoin(users, eq(users.id, trainingSessions.createdBy))
    .leftJoin(creatorOrg, eq(creatorOrg.id, trainingSessions.createdByOrgId))
    .leftJoin(behalfOrg, eq(behalfOrg.id, trainingSessions.onBehalfOfOrgId))
    .where(and(eq(trainingSessions.projectId, projectId), isNull(trainingSessions.removedAt)))
    .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.createdAt));
  const ids = rows.map((r) => r.s.id);
  const fileRows =
    ids.length === 0
      ? []
      : await db
          .select({ m: materials, uploaderName: users.name, uploaderOrgName: uploaderOrg.name })
          .from(materials)
          .leftJoin(users, eq(users.id, materials.uploadedBy))
          .leftJoin(uploaderOrg, eq(uploaderOrg.id, materials.uploaderOrgId))
          .where(
            and(
              eq(materials.objectType, PROJECT_OBJECT),
              eq(materials.objectId, projectId),
              eq(materials.slotKey, TRAINING_SLOT),
              inArray(materials.itemId, ids),
              isNull(materials.supersededAt),
              isNull(materials.removedAt),
            ),
          )
          .orderBy(asc(materials.id));
  const byItem = new Map<string, SessionFileView[]>();
  for (const f of fileRows) {
    const key = f.m.itemId ?? '';
    const mine = f.m.uploaderOrgId === actor.orgId;
    const list = byItem.get(key) ?? [];
    list.push({
      id: String(f.m.id),
      fileName: f.m.fileName,
      size: Number(f.m.size),
      kind: f.m.kind,
      uploadedAt: f.m.uploadedAt.toISOString(),
      uploaderName: f.uploaderName ?? '',
      uploaderOrgName: f.uploaderOrgName ?? '',
      mine,
      canRemove: mine && canWrite,
    });
    byItem.set(key, list);
  }
  return rows.map((r) => ({
    id: r.s.id,
    heldOn: r.s.heldOn,
    topic: r.s.topic,
    trainer: r.s.trainer,
    trainees: r.s.trainees,
    traineeNames: r.s.traineeNames,
    createdAt: r.s.createdAt.toISOString(),
    createdByName: r.createdByName ?? '',
    createdByOrgName: r.createdByOrgName ?? '',
    onBehalfOfOrgName: r.onBehalfOfOrgName ?? null,
    files: byItem.get(r.s.id) ?? [],
  }));
}

export interface ImplementationSummary {
  projectId: string;
  state: string;
  canWrite: boolean;
  canSetAcceptance: boolean;
  /** Why the caller may not write (null when they may). */
  readOnlyReason: Text | null;
  acceptedOn: string | null;
  /** The earliest day a training or the acceptance may carry, and today (Asia/Shanghai). */
  earliestOn: string | null;
  earliestBasis: 'contract' | 'filing';
  firstTrainingOn: string | null;
  today: string;
  sessions: number;
  sessionsWithFiles: number;
  acceptanceReportPresent: boolean;
  /** What is missing before the enterprise can declare completion (the guard's list, plus the report file). */
  missing: Text[];
}

export async function implementationSummary(db: DbOrTx, actor: Actor, projectId: string): Promise<ImplementationSummary> {
  const p = await loadProjectFor(db, actor, projectId);
  const check = writeCheck(actor, p, TRAINING_SLOT);
  const acceptanceCheck = writeCheck(actor, p, ACCEPTANCE_SLOT);
  const earliest = await earliestDay(db, p);
  const [first] = await db
    .select({ first: min(trainingSessions.heldOn) })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.projectId, p.id), isNull(trainingSessions.removedAt)));
  const sessions = await sessionViews(db, actor, p.id, check.ok);
  const [report] = await db
    .select({ id: materials.id })
    .from(materials)
    .where(and(eq(materials.objectType, PROJECT_OBJECT), eq(materials.objectId, p.id), eq(materials.slotKey, ACCEPTANCE_SLOT), isNull(materials.supersededAt), isNull(materials.removedAt)))
    .limit(1);
  const missing = await implementationMissing(db, p);
  const acceptanceReportPresent = report !== undefined;
  if (!acceptanceReportPresent) missing.push({ zh: '内部验收报告（在材料清单中上传）', en: 'the internal acceptance report (upload it in the materials checklist)' });
  return {
    projectId: p.id,
    state: p.state,
    canWrite: check.ok,
    canSetAcceptance: acceptanceCheck.ok,
    readOnlyReason: check.ok ? null : writeRefusal(check).text,
    acceptedOn: p.acceptedOn,
    earliestOn: earliest.day,
    earliestBasis: earliest.basis,
    firstTrainingOn: first?.first ?? null,
    today: todayInShanghai(new Date()),
    sessions: sessions.length,
    sessionsWithFiles: sessions.filter((s) => s.files.length > 0).length,
    acceptanceReportPresent,
    missing,
  };
}

export async function listSessions(db: DbOrTx, actor: Actor, projectId: string): Promise<SessionView[]> {
  const p = await loadProjectFor(db, actor, projectId);
  return sessionViews(db, actor, p.id, writeCheck(actor, p, TRAINING_SLOT).ok);
}

// ---- training sessions ----------------------------------------------------------------------------------

export interface SessionInput {
  heldOn: string;
  topic: string;
  trainer: string;
  trainees: number;
  traineeNames?: string;
}

async function sessionOf(tx: DbOrTx, projectId: string, sessionId: string) {
  const [row] = await tx
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.id, sessionId), eq(trainingSessions.projectId, projectId), isNull(trainingSessions.removedAt)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function viewOf(tx: DbOrTx, actor: Actor, projectId: string, sessionId: string): Promise<SessionView> {
  const all = await sessionViews(tx, actor, projectId, true);
  const v = all.find((s) => s.id === sessionId);
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

export async function createSession(db: DbOrTx, ctx: RequestContext, projectId: string, input: SessionInput): Promise<SessionView> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
    assertWrite(actor, p);
    checkDay('heldOn', input.heldOn, todayInShanghai(new Date()), await earliestDay(tx, p), HELD_ON);
    const onBehalfOfOrgId = onBehalfOf(actor, p);
    const [row] = await tx
      .insert(trainingSessions)
      .values({
        projectId: p.id,
        heldOn: input.heldOn,
        topic: input.topic,
        trainer: input.trainer,
        trainees: input.trainees,
        traineeNames: input.traineeNames ?? '',
        createdBy: actor.userId,
        createdByOrgId: actor.orgId,
        onBehalfOfOrgId,
      })
      .returning();
    if (!row) throw new Error('training session insert returned nothing');
    await recordAudit(tx, originOf(ctx), {
      action: 'implementation.trainingRecorded',
      targetType: 'training_session',
      targetId: row.id,
      projectId: p.id,
      onBehalfOfOrgId,
      summary: { heldOn: row.heldOn, topic: row.topic, trainer: row.trainer, trainees: row.trainees },
    });
    return viewOf(tx, actor, p.id, row.id);
  });
}

export async function updateSession(db: DbOrTx, ctx: RequestContext, projectId: string, sessionId: string, input: Partial<SessionInput>): Promise<SessionView> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
    const before = await sessionOf(tx, p.id, sessionId);
    assertWrite(actor, p);
    if (input.heldOn !== undefined) checkDay('heldOn', input.heldOn, todayInShanghai(new Date()), await earliestDay(tx, p), HELD_ON);
    const patch = {
      ...(input.heldOn === undefined ? {} : { heldOn: input.heldOn }),
      ...(input.topic === undefined ? {} : { topic: input.topic }),
      ...(input.trainer === undefined ? {} : { trainer: input.trainer }),
      ...(input.trainees === undefined ? {} : { trainees: input.trainees }),
      ...(input.traineeNames === undefined ? {} : { traineeNames: input.traineeNames }),
    };
    if (Object.keys(patch).length > 0) await tx.update(trainingSessions).set(patch).where(eq(trainingSessions.id, before.id));
    const onBehalfOfOrgId = onBehalfOf(actor, p);
    await recordAudit(tx, originOf(ctx), {
      action: 'implementation.trainingChanged',
      targetType: 'training_session',
      targetId: before.id,
      projectId: p.id,
      onBehalfOfOrgId,
      summary: { changed: Object.keys(patch), before: { heldOn: before.heldOn, topic: before.topic, trainer: before.trainer, trainees: before.trainees } },
    });
    return viewOf(tx, actor, p.id, before.id);
  });
}

export async function removeSession(db: DbOrTx, ctx: RequestContext, projectId: string, sessionId: string): Promise<{ ok: true }> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
    const before = await sessionOf(tx, p.id, sessionId);
    assertWrite(actor, p);
    await tx.update(trainingSessions).set({ removedAt: new Date() }).where(eq(trainingSessions.id, before.id));
    await recordAudit(tx, originOf(ctx), {
      action: 'implementation.trainingRemoved',
      targetType: 'training_session',
      targetId: before.id,
      projectId: p.id,
      onBehalfOfOrgId: onBehalfOf(actor, p),
      summary: { heldOn: before.heldOn, topic: before.topic },
    });
    return { ok: true as const };
  });
}

// ---- progress notes -------------------------------------------------------------------------------------

export interface NoteView {
  id: string;
  body: string;
  createdAt: string;
  authorName: string;
  authorOrgName: string;
  onBehalfOfOrgName: string | null;
}

const authorOrg = alias(organizations, 'author_org');

async function noteViews(db: DbOrTx, projectId: string, id?: number): Promise<NoteView[]> {
  const rows = await db
    .select({ n: progressNotes, authorName: users.name, authorOrgName: authorOrg.name, onBehalfOfOrgName: behalfOrg.name })
    .from(progressNotes)
    .leftJoin(users, eq(users.id, progressNotes.authorUserId))
    .leftJoin(authorOrg, eq(authorOrg.id, progressNotes.authorOrgId))
    .leftJoin(behalfOrg, eq(behalfOrg.id, progressNotes.onBehalfOfOrgId))
    .where(and(eq(progressNotes.projectId, projectId), id === undefined ? undefined : eq(progressNotes.id, id)))
    .orderBy(desc(progressNotes.id));
  return rows.map((r) => ({
    id: String(r.n.id),
    body: r.n.body,
    createdAt: r.n.createdAt.toISOString(),
    authorName: r.authorName ?? '',
    authorOrgName: r.authorOrgName ?? '',
    onBehalfOfOrgName: r.onBehalfOfOrgName ?? null,
  }));
}

export async function listNotes(db: DbOrTx, actor: Actor, projectId: string): Promise<NoteView[]> {
  const p = await loadProjectFor(db, actor, projectId);
  return noteViews(db, p.id);
}

export async function addNote(db: DbOrTx, ctx: RequestContext, projectId: string, body: string): Promise<NoteView> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
    assertWrite(actor, p);
    const onBehalfOfOrgId = onBehalfOf(actor, p);
    const [row] = await tx.insert(progressNotes).values({ projectId: p.id, body, authorUserId: actor.userId, authorOrgId: actor.orgId, onBehalfOfOrgId }).returning();
    if (!row) throw new Error('progress note insert returned nothing');
    await recordAudit(tx, originOf(ctx), {
      action: 'implementation.noteAdded',
      targetType: 'progress_note',
      targetId: String(row.id),
      projectId: p.id,
      onBehalfOfOrgId,
      summary: { length: body.length },
    });
    const [view] = await noteViews(tx, p.id, row.id);
    if (!view) throw new Error('progress note vanished');
    return view;
  });
}

// ---- acceptance -----------------------------------------------------------------------------------------

export async function setAcceptance(db: DbOrTx, ctx: RequestContext, projectId: string, acceptedOn: string): Promise<{ acceptedOn: string }> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, actor, projectId, { forUpdate: true });
    assertWrite(actor, p, ACCEPTANCE_SLOT);
    checkDay('acceptedOn', acceptedOn, todayInShanghai(new Date()), await earliestDay(tx, p), ACCEPTED_ON);
    const [first] = await tx
      .select({ first: min(trainingSessions.heldOn) })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.projectId, p.id), isNull(trainingSessions.removedAt)));
    if (first?.first && acceptedOn < first.first) {
      throw dateError('acceptedOn', 'BEFORE_FIRST_TRAINING', `内部验收日期不能早于第一场培训的日期（${first.first}）`, `The internal acceptance date cannot be before the first training (${first.first})`);
    }
    await tx.update(projects).set({ acceptedOn, updatedAt: new Date() }).where(eq(projects.id, p.id));
    await recordAudit(tx, originOf(ctx), {
      action: 'implementation.acceptanceDated',
      targetType: 'project',
      targetId: p.id,
      projectId: p.id,
      onBehalfOfOrgId: onBehalfOf(actor, p),
      summary: { acceptedOn, before: p.acceptedOn },
    });
    return { acceptedOn };
  });
}
