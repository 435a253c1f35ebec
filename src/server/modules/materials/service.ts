/**
 * Materials of a project: the checklist of its slots (from the project's own workflow table), uploads into a
 * slot, versions, downloads and removal. Who may see a file is who may see the project (projects/policy.ts);
 * who may upload or remove is the table's business (`canUploadMaterial`). Bytes live in the file store; a row
 * per upload lives here, and nothing is ever deleted: a replaced file is a version, a removed one is marked.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client';
import { files, materialRequests, materials, organizations, users } from '../../../db/schema';
import { canUploadMaterial, getState, type Check, type FileKind, type MaterialSlot, type WorkflowTable } from '../../../core/workflow';
import type { ActorRole } from '../../../core/identity/roles';
import type { Text } from '../../../core/text';
import { recordAudit, originOf } from '../../audit';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { tableFor } from '../../workflow/registry';
import { actingRole, assertCaseVisible, loadProjectFor, type LoadedProject } from '../projects/policy';
import { guardContextFor } from '../projects/workflow';
import type { StoredFile } from '../../files';
import type { Checklist, MaterialFileView, MaterialSlotView } from './schemas';
import { checkSlotItem } from '../implementation/items';
import { confirmedReportSlots } from './facts';

export const PROJECT_OBJECT = 'project';

type MaterialRow = typeof materials.$inferSelect;

// ---- the slots of a table ------------------------------------------------------------------------------

/** Every slot the table names, by key, as first written (a key means the same material in every state). */
function slotCatalog(table: WorkflowTable): Map<string, MaterialSlot> {
  const out = new Map<string, MaterialSlot>();
  for (const s of table.states) for (const m of s.materials) if (!out.has(m.key)) out.set(m.key, m);
  return out;
}

function currentSlots(table: WorkflowTable, state: string): readonly MaterialSlot[] {
  const def = getState(table, state);
  return def && !def.terminal ? def.materials : [];
}

interface Acting {
  project: LoadedProject;
  table: WorkflowTable;
  role: ActorRole;
}

function acting(actor: Actor, project: LoadedProject): Acting {
  assertCaseVisible(actor, project);
  return { project, table: tableFor(project.workflowVersion), role: actingRole(actor, project, project.facts.delegated) };
}

function uploadCheck(actor: Actor, a: Acting, slotKey: string): Check {
  return canUploadMaterial(a.table, a.project.state, slotKey, a.role, guardContextFor(a.project, actor.orgId, null));
}

/** The engine's refusal as an API error (STAGE_NOT_ALLOWED 409, ROLE_NOT_ALLOWED 403, GUARD_FAILED 422). */
function refusalError(check: Exclude<Check, { ok: true }>, slotKey: string): AppError {
  return new AppError(check.code, {
    message: check.message,
    details: {
      state: check.details.state,
      slotKey,
      allowedRoles: check.details.allowedRoles ?? [],
      failures: (check.details.failures ?? []).map((f) => ({ guard: f.guard, message: f.message })),
    },
  });
}

// ---- rows as the API shows them ------------------------------------------------------------------------

const uploaderOrg = alias(organizations, 'uploader_org');
const behalfOrg = alias(organizations, 'behalf_org');

interface MaterialWithNames {
  m: MaterialRow;
  uploaderName: string | null;
  uploaderOrgName: string | null;
  onBehalfOfOrgName: string | null;
}

/** The project's materials with the names shown beside them, newest first, in one statement. */
async function materialRows(db: DbOrTx, projectId: string, opts: { includeRemoved: boolean; slotKey?: string }): Promise<MaterialWithNames[]> {
  return db
    .select({ m: materials, uploaderName: users.name, uploaderOrgName: uploaderOrg.name, onBehalfOfOrgName: behalfOrg.name })
    .from(materials)
    .leftJoin(users, eq(users.id, materials.uploadedBy))
    .leftJoin(uploaderOrg, eq(uploaderOrg.id, materials.uploaderOrgId))
    .leftJoin(behalfOrg, eq(behalfOrg.id, materials.onBehalfOfOrgId))
    .where(
      and(
        eq(materials.objectType, PROJECT_OBJECT),
        eq(materials.objectId, projectId),
        opts.slotKey === undefined ? undefined : eq(materials.slotKey, opts.slotKey),
        opts.includeRemoved ? undefined : isNull(materials.removedAt),
      ),
    )
    .orderBy(desc(materials.id));
}

function isCurrent(m: MaterialRow): boolean {
  return m.supersededAt === null && m.removedAt === null;
}

function fileView(r: MaterialWithNames, actor: Actor, canUpload: boolean): MaterialFileView {
  const m = r.m;
  const mine = m.uploaderOrgId === actor.orgId;
  return {
    id: String(m.id),
    slotKey: m.slotKey,
    fileName: m.fileName,
    size: Number(m.size),
    kind: m.kind as FileKind,
    mime: m.mime,
    state: m.state,
    uploadedAt: m.uploadedAt.toISOString(),
    uploaderName: r.uploaderName ?? '',
    uploaderOrgId: m.uploaderOrgId,
    uploaderOrgName: r.uploaderOrgName ?? '',
    onBehalfOfOrgName: r.onBehalfOfOrgName,
    mine,
    supersededAt: m.supersededAt?.toISOString() ?? null,
    removedAt: m.removedAt?.toISOString() ?? null,
    canRemove: mine && isCurrent(m) && canUpload,
  };
}

function isBureau(actor: Actor): boolean {
  return actor.orgType === 'bureau';
}

// ---- the checklist -------------------------------------------------------------------------------------

interface OpenRequest {
  slotKeys: string[];
  note: string;
  dueOn: string | null;
  requestedAt: Date;
  requestedByOrgName: string | null;
}

/** The checklist for the caller: the current state's slots, then every other slot that holds files. */
export async function projectChecklist(db: DbOrTx, actor: Actor, projectId: string, uploadMaxBytes: number): Promise<Checklist> {
  const a = acting(actor, await loadProjectFor(db, actor, projectId));
  const p = a.project;
  const bureau = isBureau(actor);
  const rows = await materialRows(db, p.id, { includeRemoved: bureau });
  const requests: OpenRequest[] = await db
    .select({
      slotKeys: materialRequests.slotKeys,
      note: materialRequests.note,
      dueOn: materialRequests.dueOn,
      requestedAt: materialRequests.requestedAt,
      requestedByOrgName: organizations.name,
    })
    .from(materialRequests)
    .leftJoin(organizations, eq(organizations.id, materialRequests.requestedByOrgId))
    .where(eq(materialRequests.projectId, p.id))
    .orderBy(desc(materialRequests.requestedAt), desc(materialRequests.id));

  const catalog = slotCatalog(a.table);
  const reportsOnFile = new Set(await confirmedReportSlots(db, p.id));
  const here = currentSlots(a.table, p.state);
  const hereKeys = new Set(here.map((s) => s.key));
  const bySlot = new Map<string, MaterialWithNames[]>();
  for (const r of rows) {
    const list = bySlot.get(r.m.slotKey) ?? [];
    list.push(r);
    bySlot.set(r.m.slotKey, list);
  }
  // Other slots that hold files, in the order the table names them (unknown keys last, by key).
  const order = [...catalog.keys()];
  const others = [...bySlot.keys()]
    .filter((k) => !hereKeys.has(k))
    .sort((x, y) => (order.indexOf(x) === -1 ? 1e9 : order.indexOf(x)) - (order.indexOf(y) === -1 ? 1e9 : order.indexOf(y)) || x.localeCompare(y));

  const views: MaterialSlotView[] = [];
  const missing: Text[] = [];
  for (const [slot, current] of [
    ...here.map((s) => [s, true] as const),
    ...others.map((k) => [catalog.get(k) ?? unknownSlot(k), false] as const),
  ]) {
    const check = uploadCheck(actor, a, slot.key);
    const list = bySlot.get(slot.key) ?? [];
    const currentFiles = list.filter((r) => isCurrent(r.m));
    // A confirmed report fills its slot even without an uploaded file (the platform's self-diagnosis report).
    const present = currentFiles.length > 0 || reportsOnFile.has(slot.key);
    const latestUpload = currentFiles.reduce<number>((t, r) => Math.max(t, r.m.uploadedAt.getTime()), -Infinity);
    const request = current ? requests.find((r) => r.slotKeys.includes(slot.key)) : undefined;
    const open = request && latestUpload < request.requestedAt.getTime() ? request : undefined;
    if (current && slot.required && !present) missing.push(slot.label);
    views.push({
      key: slot.key,
      label: slot.label,
      required: slot.required,
      accept: [...slot.accept],
      maxBytes: Math.min(slot.maxBytes, uploadMaxBytes),
      multiple: slot.multiple === true,
      items: slot.items ?? null,
      uploaders: [...slot.uploaders],
      current,
      canUpload: check.ok,
      reason: check.ok ? null : check.message,
      reasonCode: check.ok ? null : check.code,
      requested: open
        ? { note: open.note, dueOn: open.dueOn, requestedAt: open.requestedAt.toISOString(), requestedByOrgName: open.requestedByOrgName ?? '' }
        : null,
      present,
      files: currentFiles.map((r) => fileView(r, actor, check.ok)),
      versions: list.length,
    });
  }
  return { projectId: p.id, state: p.state, stateLabel: getState(a.table, p.state)?.label ?? { zh: p.state, en: p.state }, slots: views, missing, uploadMaxBytes };
}

function unknownSlot(key: string): MaterialSlot {
  return { key, label: { zh: key, en: key }, required: false, accept: [], maxBytes: 0, uploaders: [] };
}

// ---- uploads -------------------------------------------------------------------------------------------

export interface UploadPlan {
  slot: MaterialSlot;
  /** The slot's limit, capped by the server's UPLOAD_MAX_MB. */
  maxBytes: number;
}

/**
 * Before a byte is read: the project is visible (else 404), the slot is open in the current state and the
 * caller's role may fill it (else the table's refusal).
 */
export async function prepareUpload(db: DbOrTx, actor: Actor, projectId: string, slotKey: string, uploadMaxBytes: number, itemId?: string): Promise<UploadPlan> {
  const a = acting(actor, await loadProjectFor(db, actor, projectId));
  const check = uploadCheck(actor, a, slotKey);
  if (!check.ok) throw refusalError(check, slotKey);
  const slot = currentSlots(a.table, a.project.state).find((s) => s.key === slotKey);
  if (!slot) throw new AppError('STAGE_NOT_ALLOWED');
  await checkSlotItem(db, a.table, a.project.id, slotKey, itemId);
  return { slot, maxBytes: Math.min(slot.maxBytes, uploadMaxBytes) };
}

/**
 * Records a stored upload, in one transaction with the project row locked: the blob's row (once per content),
 * the material row, and — for a single-file slot — the previous current file(s) become versions. The slot is
 * checked again under the lock (the project may have moved on while the bytes arrived).
 */
export async function recordUpload(db: DbOrTx, ctx: RequestContext, projectId: string, slotKey: string, stored: StoredFile, fileName: string, itemId?: string): Promise<MaterialFileView> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const a = acting(actor, await loadProjectFor(tx, actor, projectId, { forUpdate: true }));
    const p = a.project;
    const check = uploadCheck(actor, a, slotKey);
    if (!check.ok) throw refusalError(check, slotKey);
    const slot = currentSlots(a.table, p.state).find((s) => s.key === slotKey);
    if (!slot) throw new AppError('STAGE_NOT_ALLOWED');
    await checkSlotItem(tx, a.table, p.id, slotKey, itemId);

    await tx
      .insert(files)
      .values({ sha256: stored.sha256, size: stored.size, format: stored.format, kind: stored.kind, mime: stored.mime })
      .onConflictDoNothing({ target: files.sha256 });

    const now = new Date();
    const superseded = slot.multiple
      ? []
      : await tx
          .update(materials)
          .set({ supersededAt: now })
          .where(
            and(
              eq(materials.objectType, PROJECT_OBJECT),
              eq(materials.objectId, p.id),
              eq(materials.slotKey, slotKey),
              isNull(materials.supersededAt),
              isNull(materials.removedAt),
            ),
          )
          .returning({ id: materials.id });

    const onBehalfOfOrgId = a.role === 'leadingUnitDelegate' ? p.enterpriseId : null;
    const [row] = await tx
      .insert(materials)
      .values({
        objectType: PROJECT_OBJECT,
        objectId: p.id,
        projectId: p.id,
        slotKey,
        itemId: itemId ?? null,
        fileSha256: stored.sha256,
        fileName,
        size: stored.size,
        kind: stored.kind,
        mime: stored.mime,
        state: p.state,
        uploadedBy: actor.userId,
        uploaderOrgId: actor.orgId,
        onBehalfOfOrgId,
        uploadedAt: now,
      })
      .returning();
    if (!row) throw new Error('material insert returned nothing');

    await recordAudit(tx, originOf(ctx), {
      action: 'material.uploaded',
      targetType: 'material',
      targetId: String(row.id),
      projectId: p.id,
      onBehalfOfOrgId,
      summary: {
        slotKey,
        itemId: itemId ?? null,
        fileName,
        size: stored.size,
        sha256: stored.sha256,
        mime: stored.mime,
        state: p.state,
        superseded: superseded.map((s) => String(s.id)),
      },
    });
    return fileView(
      { m: row, uploaderName: actor.name, uploaderOrgName: actor.orgName, onBehalfOfOrgName: onBehalfOfOrgId ? p.enterpriseName : null },
      actor,
      true,
    );
  });
}

// ---- one file ------------------------------------------------------------------------------------------

/** A material the caller may see (404 otherwise; a removed file only for the bureau), with its project. */
async function visibleMaterial(db: DbOrTx, actor: Actor, rawId: string, opts: { forUpdate?: boolean } = {}): Promise<{ m: MaterialRow; project: LoadedProject }> {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id)) throw new AppError('NOT_FOUND');
  const [found] = await db.select({ projectId: materials.projectId, objectType: materials.objectType }).from(materials).where(eq(materials.id, id));
  if (!found || found.objectType !== PROJECT_OBJECT || !found.projectId) throw new AppError('NOT_FOUND');
  const project = await loadProjectFor(db, actor, found.projectId, opts);
  assertCaseVisible(actor, project);
  // read again after the project lock, so a concurrent removal is seen
  const [m] = await db.select().from(materials).where(eq(materials.id, id));
  if (!m || (m.removedAt !== null && !isBureau(actor))) throw new AppError('NOT_FOUND');
  return { m, project };
}

export interface Download {
  sha256: string;
  fileName: string;
  mime: string;
  kind: string;
  size: number;
}

export async function materialForDownload(db: DbOrTx, actor: Actor, id: string): Promise<Download> {
  const { m } = await visibleMaterial(db, actor, id);
  return { sha256: m.fileSha256, fileName: m.fileName, mime: m.mime, kind: m.kind, size: Number(m.size) };
}

/** Every version of a slot, newest first (the bureau sees removed ones too). */
export async function slotVersions(db: DbOrTx, actor: Actor, projectId: string, slotKey: string): Promise<MaterialFileView[]> {
  const a = acting(actor, await loadProjectFor(db, actor, projectId));
  const rows = await materialRows(db, a.project.id, { includeRemoved: isBureau(actor), slotKey });
  if (rows.length === 0 && !slotCatalog(a.table).has(slotKey)) throw new AppError('NOT_FOUND');
  const open = uploadCheck(actor, a, slotKey).ok;
  return rows.map((r) => fileView(r, actor, open));
}

/**
 * The uploader's organisation removes its own current file while the slot is open to it in the current state.
 * The row is marked (removed_at / removed_by) and the blob kept: the history stays whole.
 */
export async function removeMaterial(db: DbOrTx, ctx: RequestContext, id: string): Promise<MaterialFileView> {
  const { actor } = ctx;
  return db.transaction(async (tx) => {
    const { m, project } = await visibleMaterial(tx, actor, id, { forUpdate: true });
    if (m.removedAt !== null) {
      throw new AppError('CONFLICT', { message: { zh: '该文件已删除', en: 'This file has already been removed' }, details: { reason: 'ALREADY_REMOVED' } });
    }
    if (m.uploaderOrgId !== actor.orgId) {
      throw new AppError('FORBIDDEN_ROLE', {
        message: { zh: '只能删除本单位上传的文件', en: 'You can only remove files your organisation uploaded' },
        details: { reason: 'NOT_UPLOADER' },
      });
    }
    if (m.supersededAt !== null) {
      throw new AppError('CONFLICT', {
        message: { zh: '这是已被替换的旧版本，作为历史保留，不能删除', en: 'This is a replaced version, kept as history; it cannot be removed' },
        details: { reason: 'SUPERSEDED' },
      });
    }
    const a = acting(actor, project);
    const check = uploadCheck(actor, a, m.slotKey);
    if (!check.ok) throw refusalError(check, m.slotKey);
    const now = new Date();
    const [row] = await tx
      .update(materials)
      .set({ removedAt: now, removedBy: actor.userId })
      .where(and(eq(materials.id, m.id), isNull(materials.removedAt)))
      .returning();
    if (!row) throw new AppError('CONFLICT');
    await recordAudit(tx, originOf(ctx), {
      action: 'material.removed',
      targetType: 'material',
      targetId: String(m.id),
      projectId: project.id,
      onBehalfOfOrgId: m.onBehalfOfOrgId,
      summary: { slotKey: m.slotKey, fileName: m.fileName, sha256: m.fileSha256, state: project.state },
    });
    const [names] = await tx
      .select({ uploaderName: users.name, onBehalfOfOrgName: sql<string | null>`(select name from organizations where id = ${m.onBehalfOfOrgId})` })
      .from(users)
      .where(eq(users.id, m.uploadedBy));
    return fileView({ m: row, uploaderName: names?.uploaderName ?? '', uploaderOrgName: actor.orgName, onBehalfOfOrgName: names?.onBehalfOfOrgName ?? null }, actor, check.ok);
  });
}
