/**
 * 推荐函 for the leading unit asked to write them and the bureau reviewing them: lists, the structured form, the
 * sealed PDF (materials of object type 'catalogEntry'), and the entry's transitions through the runtime. A
 * leading unit sees only the letters assigned to it; anyone else's letter is a 404.
 */
import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { files, materials, organizations, projects, workflowObjects } from '../../../db/schema';
import {
  availableEvents,
  canUploadMaterial,
  canWriteFields,
  getState,
  hintFor,
  makeGuardContext,
  type GuardContext,
  type MaterialSlot,
  type WorkflowTable,
} from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import type { StoredFile } from '../../files';
import { tableFor } from '../../workflow/registry';
import { fireSubjectEvent, projectEnv, type WorkflowObjectRow } from '../../workflow/runtime';
import { loadProjectForSystem } from '../projects/policy';
import { presentSlots } from '../materials/facts';
import { LETTER_KIND } from './effects';
import { letterMissing, letterOf, type LetterForm } from './letter-form';

const FIELD = 'entry';

function isBureau(actor: Actor): boolean {
  return actor.orgType === 'bureau' && (actor.bureauRole === 'admin' || actor.bureauRole === 'reviewer');
}

/** Which letters the caller may see (null: none at all). */
function letterScope(actor: Actor): SQL | undefined | null {
  if (actor.orgType === 'leading_unit') return eq(workflowObjects.assigneeOrgId, actor.orgId);
  if (isBureau(actor)) return undefined;
  return null;
}

export function requireLetterReader(actor: Actor): void {
  if (letterScope(actor) === null) throw new AppError('FORBIDDEN_ROLE');
}

async function loadEntry(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<WorkflowObjectRow> {
  const scope = letterScope(actor);
  if (scope === null) throw new AppError('NOT_FOUND');
  const q = db.select().from(workflowObjects).where(and(eq(workflowObjects.id, id), eq(workflowObjects.kind, LETTER_KIND), scope));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The entry's own guard facts: its form and its files. */
async function entryFacts(db: DbOrTx, entry: WorkflowObjectRow): Promise<Partial<GuardContext>> {
  const present = await presentSlots(db, LETTER_KIND, [entry.id]);
  return { formMissing: letterMissing(letterOf(entry.data)), presentMaterials: present.get(entry.id) ?? [] };
}

export interface LetterSummary {
  id: string;
  state: string;
  stateLabel: Text;
  tone: string;
  enterpriseName: string;
  projectId: string;
  projectTitle: string;
  filingNo: string | null;
  recommenderName: string;
  marketProviderName: string;
  marketProductName: string;
  updatedAt: string;
}

function summaryOf(r: { e: WorkflowObjectRow; enterpriseName: string | null; projectTitle: string | null; filingNo: string | null; recommenderName: string | null }): LetterSummary {
  const table = tableFor(r.e.workflowVersion);
  const st = getState(table, r.e.state);
  const letter = letterOf(r.e.data);
  return {
    id: r.e.id,
    state: r.e.state,
    stateLabel: st?.label ?? { zh: r.e.state, en: r.e.state },
    tone: st?.tone ?? 'draft',
    enterpriseName: r.enterpriseName ?? '',
    projectId: r.e.projectId ?? '',
    projectTitle: r.projectTitle ?? '',
    filingNo: r.filingNo,
    recommenderName: r.recommenderName ?? '',
    marketProviderName: letter.providerName || String(r.e.data.marketProviderName ?? ''),
    marketProductName: letter.productName || String(r.e.data.marketProductName ?? ''),
    updatedAt: r.e.updatedAt.toISOString(),
  };
}

async function withNames(db: DbOrTx, where: SQL | undefined, page: number, pageSize: number) {
  return db
    .select({ e: workflowObjects, enterpriseName: projects.enterpriseName, projectTitle: projects.title, filingNo: projects.filingNo, recommenderName: organizations.name })
    .from(workflowObjects)
    .leftJoin(projects, eq(projects.id, workflowObjects.projectId))
    .leftJoin(organizations, eq(organizations.id, workflowObjects.assigneeOrgId))
    .where(where)
    .orderBy(desc(workflowObjects.updatedAt), desc(workflowObjects.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
}

export async function listLetters(db: DbOrTx, actor: Actor, q: { state?: string[] | undefined; page: number; pageSize: number }) {
  const scope = letterScope(actor);
  if (scope === null) throw new AppError('FORBIDDEN_ROLE');
  const where = and(eq(workflowObjects.kind, LETTER_KIND), scope, q.state?.length ? inArray(workflowObjects.state, q.state) : undefined);
  const [rows, [total]] = await Promise.all([withNames(db, where, q.page, q.pageSize), db.select({ n: count() }).from(workflowObjects).where(where)]);
  return { items: rows.map(summaryOf), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

function slotsOf(table: WorkflowTable, state: string): readonly MaterialSlot[] {
  const st = getState(table, state);
  if (st && !st.terminal && st.materials.length) return st.materials;
  // After submission: the slots the letter was written with, read-only.
  return table.states.find((s) => s.id === table.initial)?.materials ?? [];
}

export async function letterDetail(db: DbOrTx, actor: Actor, id: string, uploadMaxBytes: number) {
  const entry = await loadEntry(db, actor, id);
  const [named] = await withNames(db, eq(workflowObjects.id, entry.id), 1, 1);
  if (!named) throw new AppError('NOT_FOUND');
  const table = tableFor(entry.workflowVersion);
  const st = getState(table, entry.state);
  const facts = await entryFacts(db, entry);
  const ctx = makeGuardContext({ ...facts, reason: null });
  const fileRows = await db
    .select({ id: materials.id, slotKey: materials.slotKey, fileName: materials.fileName, size: materials.size, uploadedAt: materials.uploadedAt, kind: materials.kind })
    .from(materials)
    .where(and(eq(materials.objectType, LETTER_KIND), eq(materials.objectId, entry.id), isNull(materials.supersededAt), isNull(materials.removedAt)))
    .orderBy(desc(materials.id));
  const lastDecision = entry.data.lastDecision as { event?: string; reason?: string | null; at?: string } | undefined;
  return {
    ...summaryOf(named),
    hint: hintFor(table, entry.state, actor.role) ?? st?.applicantHint ?? null,
    letter: letterOf(entry.data),
    missing: letterMissing(letterOf(entry.data)),
    writable: canWriteFields(table, entry.state, actor.role, ctx, [FIELD]).ok,
    returnReason: typeof entry.data.returnReason === 'string' ? entry.data.returnReason : null,
    lastDecision: lastDecision?.event ? { event: lastDecision.event, reason: lastDecision.reason ?? null, at: lastDecision.at ?? '' } : null,
    slots: slotsOf(table, entry.state).map((s) => ({
      key: s.key,
      label: s.label,
      required: s.required,
      accept: [...s.accept],
      maxBytes: Math.min(s.maxBytes, uploadMaxBytes),
      canUpload: canUploadMaterial(table, entry.state, s.key, actor.role, ctx).ok,
      files: fileRows.filter((f) => f.slotKey === s.key).map((f) => ({ id: String(f.id), fileName: f.fileName, size: Number(f.size), kind: f.kind, uploadedAt: f.uploadedAt.toISOString() })),
    })),
    actions: availableEvents(table, entry.state, actor.role, ctx).map((a) => ({
      event: a.event,
      label: a.label,
      kind: a.kind,
      allowed: a.allowed,
      reasons: [...a.reasons],
      missingMaterials: [...a.missingMaterials],
      needsReason: a.needsReason,
      confirm: a.confirm ?? null,
    })),
  };
}

export async function saveLetter(db: DbOrTx, ctx: RequestContext, id: string, body: LetterForm, uploadMaxBytes: number) {
  await db.transaction(async (tx) => {
    const entry = await loadEntry(tx, ctx.actor, id, { forUpdate: true });
    const table = tableFor(entry.workflowVersion);
    const check = canWriteFields(table, entry.state, ctx.actor.role, makeGuardContext(), [FIELD]);
    if (!check.ok) throw new AppError(check.code, { message: check.message, details: { state: entry.state, allowedRoles: check.details.allowedRoles ?? [] } });
    const letter = { ...letterOf(entry.data), ...body };
    await tx.update(workflowObjects).set({ data: { ...entry.data, letter }, revision: entry.revision + 1, updatedAt: new Date() }).where(eq(workflowObjects.id, entry.id));
    await recordAudit(tx, originOf(ctx), { action: 'catalogEntry.saved', targetType: 'catalogEntry', targetId: entry.id, projectId: entry.projectId, summary: { fields: Object.keys(body) } });
  });
  return letterDetail(db, ctx.actor, id, uploadMaxBytes);
}

export async function fireLetter(db: DbOrTx, ctx: RequestContext, id: string, body: { event: string; reason?: string | undefined }, uploadMaxBytes: number) {
  await db.transaction(async (tx) => {
    const entry = await loadEntry(tx, ctx.actor, id);
    if (!entry.projectId) throw new AppError('NOT_FOUND');
    const project = await loadProjectForSystem(tx, entry.projectId);
    const [locked] = await tx.select().from(workflowObjects).where(eq(workflowObjects.id, entry.id)).for('update');
    if (!locked) throw new AppError('NOT_FOUND');
    const now = new Date();
    const reason = body.reason?.trim() ? body.reason.trim() : null;
    const moved = await fireSubjectEvent(projectEnv(tx, ctx, project, now), locked, body.event, {
      role: ctx.actor.role,
      reason,
      facts: await entryFacts(tx, locked),
      data: { lastDecision: { event: body.event, reason, at: now.toISOString(), by: ctx.actor.orgName } },
    });
    await recordAudit(tx, originOf(ctx), {
      action: `catalogEntry.${body.event}`,
      targetType: 'catalogEntry',
      targetId: entry.id,
      projectId: entry.projectId,
      summary: { event: body.event, from: locked.state, to: moved.state, ...(reason ? { reason } : {}) },
    });
  });
  return letterDetail(db, ctx.actor, id, uploadMaxBytes);
}

// ---- the letter's files ---------------------------------------------------------------------------------

export async function prepareLetterUpload(db: DbOrTx, actor: Actor, id: string, slotKey: string, uploadMaxBytes: number): Promise<{ slot: MaterialSlot; maxBytes: number }> {
  const entry = await loadEntry(db, actor, id);
  const table = tableFor(entry.workflowVersion);
  const check = canUploadMaterial(table, entry.state, slotKey, actor.role, makeGuardContext());
  if (!check.ok) throw new AppError(check.code, { message: check.message, details: { state: entry.state, slotKey, allowedRoles: check.details.allowedRoles ?? [] } });
  const slot = getState(table, entry.state)?.materials.find((s) => s.key === slotKey);
  if (!slot) throw new AppError('STAGE_NOT_ALLOWED');
  return { slot, maxBytes: Math.min(slot.maxBytes, uploadMaxBytes) };
}

export async function recordLetterUpload(db: DbOrTx, ctx: RequestContext, id: string, slotKey: string, stored: StoredFile, fileName: string) {
  return db.transaction(async (tx) => {
    const entry = await loadEntry(tx, ctx.actor, id, { forUpdate: true });
    const table = tableFor(entry.workflowVersion);
    const check = canUploadMaterial(table, entry.state, slotKey, ctx.actor.role, makeGuardContext());
    if (!check.ok) throw new AppError(check.code, { message: check.message });
    const slot = getState(table, entry.state)?.materials.find((s) => s.key === slotKey);
    if (!slot) throw new AppError('STAGE_NOT_ALLOWED');
    await tx.insert(files).values({ sha256: stored.sha256, size: stored.size, format: stored.format, kind: stored.kind, mime: stored.mime }).onConflictDoNothing({ target: files.sha256 });
    const now = new Date();
    if (!slot.multiple) {
      await tx
        .update(materials)
        .set({ supersededAt: now })
        .where(and(eq(materials.objectType, LETTER_KIND), eq(materials.objectId, entry.id), eq(materials.slotKey, slotKey), isNull(materials.supersededAt), isNull(materials.removedAt)));
    }
    const [row] = await tx
      .insert(materials)
      .values({
        objectType: LETTER_KIND,
        objectId: entry.id,
        projectId: entry.projectId,
        slotKey,
        fileSha256: stored.sha256,
        fileName,
        size: stored.size,
        kind: stored.kind,
        mime: stored.mime,
        state: entry.state,
        uploadedBy: ctx.actor.userId,
        uploaderOrgId: ctx.actor.orgId,
        uploadedAt: now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'material.uploaded', targetType: 'material', targetId: String(row.id), projectId: entry.projectId, summary: { slotKey, fileName, size: stored.size, sha256: stored.sha256, catalogEntryId: entry.id } });
    return { id: String(row.id), fileName: row.fileName, size: Number(row.size), kind: row.kind, uploadedAt: row.uploadedAt.toISOString() };
  });
}

export async function letterFile(db: DbOrTx, actor: Actor, id: string, fileId: string) {
  const entry = await loadEntry(db, actor, id);
  const n = Number(fileId);
  if (!Number.isSafeInteger(n)) throw new AppError('NOT_FOUND');
  const [m] = await db
    .select()
    .from(materials)
    .where(and(eq(materials.id, n), eq(materials.objectType, LETTER_KIND), eq(materials.objectId, entry.id), isNull(materials.removedAt)));
  if (!m) throw new AppError('NOT_FOUND');
  return { sha256: m.fileSha256, fileName: m.fileName, mime: m.mime, kind: m.kind, size: Number(m.size) };
}
