/**
 * Decision batches (局党组审议): the bureau lists applications waiting for the leadership's decision, sets each
 * approved amount (≤ the suggestion; the suggestion by default) and the pool, and the admin decides the batch once.
 * Deciding opens one announcement (公示) for the batch, then passes each item in its own savepoint: an item the
 * pool cannot cover (BUDGET_EXCEEDED) or that fails otherwise stays in 局党组审议 with its result recorded, the
 * others are committed and published.
 */
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { announcements, budgetPools, decisionBatches, projects, subsidyApplications, users, workflowObjects } from '../../../db/schema';
import type { Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import type { RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { openAnnouncement } from '../announcements/service';
import { PUBLICITY_OFFICE, PUBLICITY_WORKING_DAYS } from './effects';
import { fireReviewEvent, REVIEW_KIND } from './service';

export const DECISION_STEP = 'partyGroupDecision';
export const MAX_BATCH_ITEMS = 200;

export interface BatchItem {
  reviewId: string;
  applicationId: string;
  approvedFen: number;
  ok?: boolean;
  code?: string;
  message?: Text;
}

type BatchRow = typeof decisionBatches.$inferSelect;

function itemsOf(b: BatchRow): BatchItem[] {
  return (b.results as unknown as BatchItem[]) ?? [];
}

async function loadBatch(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<BatchRow> {
  const q = db.select().from(decisionBatches).where(and(eq(decisionBatches.id, id), eq(decisionBatches.kind, 'subsidy')));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function assertPool(db: DbOrTx, poolId: string): Promise<void> {
  const [pool] = await db.select({ id: budgetPools.id }).from(budgetPools).where(eq(budgetPools.id, poolId));
  if (!pool) throw new AppError('POOL_NOT_FOUND');
}

function fieldError(path: string, zh: string, en: string, code: 'VALIDATION_FAILED' | 'AMOUNT_ABOVE_SUGGESTION' = 'VALIDATION_FAILED'): AppError {
  return new AppError(code, { message: { zh, en }, details: { fields: [{ path, code: 'invalid', message: zh }] } });
}

/**
 * The batch's items as given, checked against the applications (locked): each in 局党组审议, not in another draft
 * batch, the amount ≥ 1 fen and ≤ the suggestion.
 */
async function checkedItems(tx: DbOrTx, batchId: string | null, given: Array<{ reviewId: string; approvedFen?: number | undefined }>): Promise<BatchItem[]> {
  const ids = [...new Set(given.map((g) => g.reviewId))];
  if (ids.length !== given.length) throw fieldError('items', '同一申请不能重复加入批次', 'An application appears twice');
  if (ids.length === 0) throw fieldError('items', '请至少选择一项申请', 'Choose at least one application');
  if (ids.length > MAX_BATCH_ITEMS) throw fieldError('items', `一个批次最多 ${MAX_BATCH_ITEMS} 项`, `At most ${MAX_BATCH_ITEMS} items per batch`);
  const rows = await tx
    .select({ reviewId: workflowObjects.id, state: workflowObjects.state, applicationId: subsidyApplications.id, suggestedFen: subsidyApplications.suggestedFen, batchId: subsidyApplications.batchId, batchStatus: decisionBatches.status, enterpriseName: projects.enterpriseName })
    .from(workflowObjects)
    .innerJoin(subsidyApplications, eq(subsidyApplications.reviewObjectId, workflowObjects.id))
    .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
    .leftJoin(decisionBatches, eq(decisionBatches.id, subsidyApplications.batchId))
    .where(and(eq(workflowObjects.kind, REVIEW_KIND), inArray(workflowObjects.id, ids)))
    .for('update', { of: subsidyApplications });
  const byId = new Map(rows.map((r) => [r.reviewId, r]));
  return given.map((g, i) => {
    const r = byId.get(g.reviewId);
    if (!r) throw fieldError(`items.${i}.reviewId`, '申请不存在', 'No such application');
    if (r.state !== DECISION_STEP) throw fieldError(`items.${i}.reviewId`, `“${r.enterpriseName}”的申请不在局党组审议环节`, `${r.enterpriseName}'s application is not awaiting the decision`);
    if (r.batchId && r.batchId !== batchId && r.batchStatus === 'draft') throw fieldError(`items.${i}.reviewId`, `“${r.enterpriseName}”的申请已在另一个待审议批次中`, `${r.enterpriseName}'s application is in another draft batch`);
    const suggested = r.suggestedFen ?? 0;
    const approvedFen = g.approvedFen ?? suggested;
    if (!Number.isSafeInteger(approvedFen) || approvedFen < 1) throw fieldError(`items.${i}.approvedFen`, '审定金额须大于零', 'The approved amount must be positive');
    if (approvedFen > suggested) throw fieldError(`items.${i}.approvedFen`, `“${r.enterpriseName}”的审定金额超过建议金额`, `The amount for ${r.enterpriseName} exceeds the suggestion`, 'AMOUNT_ABOVE_SUGGESTION');
    return { reviewId: r.reviewId, applicationId: r.applicationId, approvedFen };
  });
}

async function attach(tx: DbOrTx, batchId: string, before: BatchItem[], after: BatchItem[]): Promise<void> {
  const keep = new Set(after.map((i) => i.applicationId));
  const dropped = before.filter((i) => !keep.has(i.applicationId)).map((i) => i.applicationId);
  if (dropped.length) await tx.update(subsidyApplications).set({ batchId: null }).where(and(inArray(subsidyApplications.id, dropped), eq(subsidyApplications.batchId, batchId)));
  await tx.update(subsidyApplications).set({ batchId }).where(inArray(subsidyApplications.id, [...keep]));
}

export interface CreateBatchBody {
  name: string;
  minutesRef?: string | undefined;
  poolId: string;
  items: Array<{ reviewId: string; approvedFen?: number | undefined }>;
}

export async function createBatch(db: DbOrTx, ctx: RequestContext, body: CreateBatchBody) {
  const id = await db.transaction(async (tx) => {
    await assertPool(tx, body.poolId);
    const [row] = await tx.insert(decisionBatches).values({ kind: 'subsidy', name: body.name, minutesRef: body.minutesRef ?? null, poolId: body.poolId, createdBy: ctx.actor.userId }).returning();
    if (!row) throw new AppError('INTERNAL');
    const items = await checkedItems(tx, row.id, body.items);
    await tx.update(decisionBatches).set({ results: items as unknown as Array<Record<string, unknown>> }).where(eq(decisionBatches.id, row.id));
    await attach(tx, row.id, [], items);
    await recordAudit(tx, originOf(ctx), { action: 'decisionBatch.created', targetType: 'decisionBatch', targetId: row.id, summary: { name: body.name, items: items.length } });
    return row.id;
  });
  return batchDetail(db, id);
}

export interface UpdateBatchBody {
  name?: string | undefined;
  minutesRef?: string | null | undefined;
  poolId?: string | undefined;
  items?: Array<{ reviewId: string; approvedFen?: number | undefined }> | undefined;
}

export async function updateBatch(db: DbOrTx, ctx: RequestContext, id: string, body: UpdateBatchBody) {
  await db.transaction(async (tx) => {
    const batch = await loadBatch(tx, id, { forUpdate: true });
    if (batch.status !== 'draft') throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该批次已审议，不能再修改', en: 'The batch is decided and cannot change' } });
    if (body.poolId) await assertPool(tx, body.poolId);
    const before = itemsOf(batch);
    const items = body.items ? await checkedItems(tx, id, body.items) : before;
    await tx
      .update(decisionBatches)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.minutesRef !== undefined ? { minutesRef: body.minutesRef } : {}),
        ...(body.poolId ? { poolId: body.poolId } : {}),
        results: items as unknown as Array<Record<string, unknown>>,
      })
      .where(eq(decisionBatches.id, id));
    if (body.items) await attach(tx, id, before, items);
    await recordAudit(tx, originOf(ctx), { action: 'decisionBatch.updated', targetType: 'decisionBatch', targetId: id, summary: { items: items.length } });
  });
  return batchDetail(db, id);
}

export interface DecideBody {
  officeName?: string | undefined;
  officeContact?: string | undefined;
  workingDays?: number | undefined;
}

/** Decides the batch once: one announcement, then each item passed in its own savepoint. */
export async function decideBatch(db: DbOrTx, ctx: RequestContext, id: string, body: DecideBody) {
  await db.transaction(async (tx) => {
    const batch = await loadBatch(tx, id, { forUpdate: true });
    if (batch.status !== 'draft') throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该批次已审议，请勿重复提交', en: 'The batch was already decided' } });
    if (!batch.poolId) throw new AppError('POOL_NOT_FOUND');
    const items = itemsOf(batch);
    if (items.length === 0) throw fieldError('items', '批次中没有申请', 'The batch has no applications');
    const now = new Date();
    const announcement = await openAnnouncement(
      tx,
      {
        kind: 'funded',
        title: `${batch.name}拟支持项目公示`,
        officeName: body.officeName?.trim() || PUBLICITY_OFFICE,
        officeContact: body.officeContact?.trim() || null,
        workingDays: body.workingDays ?? PUBLICITY_WORKING_DAYS,
        batchId: batch.id,
        createdBy: ctx.actor.userId,
        items: [],
      },
      now,
    );
    const results: BatchItem[] = [];
    for (const item of items) {
      try {
        await tx.transaction(async (sp) => {
          await fireReviewEvent(sp, ctx, item.reviewId, 'pass', { input: { approvedFen: item.approvedFen, poolId: batch.poolId, announcementId: announcement.id } });
        });
        results.push({ reviewId: item.reviewId, applicationId: item.applicationId, approvedFen: item.approvedFen, ok: true });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ reviewId: item.reviewId, applicationId: item.applicationId, approvedFen: item.approvedFen, ok: false, code: err.code, message: err.text });
      }
    }
    const passed = results.filter((r) => r.ok).length;
    // Nothing passed: the empty announcement is withdrawn (never shown).
    if (passed === 0) await tx.update(announcements).set({ status: 'withdrawn' }).where(eq(announcements.id, announcement.id));
    await tx
      .update(decisionBatches)
      .set({ status: 'decided', results: results as unknown as Array<Record<string, unknown>>, announcementId: passed ? announcement.id : null, decidedBy: ctx.actor.userId, decidedAt: now })
      .where(eq(decisionBatches.id, id));
    await recordAudit(tx, originOf(ctx), { action: 'decisionBatch.decided', targetType: 'decisionBatch', targetId: id, summary: { items: results.length, passed, announcementId: passed ? announcement.id : null } });
  });
  return batchDetail(db, id);
}

export async function listBatches(db: DbOrTx, q: { status?: 'draft' | 'decided' | undefined; page: number; pageSize: number }) {
  const where: SQL | undefined = and(eq(decisionBatches.kind, 'subsidy'), q.status ? eq(decisionBatches.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select({ b: decisionBatches, poolName: budgetPools.name, decidedByName: users.name })
      .from(decisionBatches)
      .leftJoin(budgetPools, eq(budgetPools.id, decisionBatches.poolId))
      .leftJoin(users, eq(users.id, decisionBatches.decidedBy))
      .where(where)
      .orderBy(desc(decisionBatches.createdAt), desc(decisionBatches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(decisionBatches).where(where),
  ]);
  return {
    items: rows.map(({ b, poolName, decidedByName }) => {
      const items = itemsOf(b);
      return {
        id: b.id,
        name: b.name,
        minutesRef: b.minutesRef,
        poolId: b.poolId,
        poolName,
        status: b.status,
        itemCount: items.length,
        totalFen: items.reduce((s, i) => s + i.approvedFen, 0),
        passedCount: items.filter((i) => i.ok).length,
        failedCount: items.filter((i) => i.ok === false).length,
        decidedAt: b.decidedAt?.toISOString() ?? null,
        decidedByName,
        createdAt: b.createdAt.toISOString(),
      };
    }),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function batchDetail(db: DbOrTx, id: string) {
  const batch = await loadBatch(db, id);
  const items = itemsOf(batch);
  const [pool] = batch.poolId ? await db.select().from(budgetPools).where(eq(budgetPools.id, batch.poolId)) : [];
  const rows = items.length
    ? await db
        .select({ reviewId: workflowObjects.id, state: workflowObjects.state, projectId: projects.id, enterpriseName: projects.enterpriseName, projectTitle: projects.title, townCode: projects.townCode, filingNo: projects.filingNo, suggestedFen: subsidyApplications.suggestedFen })
        .from(workflowObjects)
        .innerJoin(subsidyApplications, eq(subsidyApplications.reviewObjectId, workflowObjects.id))
        .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
        .where(inArray(workflowObjects.id, items.map((i) => i.reviewId)))
        .orderBy(asc(projects.enterpriseName))
    : [];
  const byId = new Map(rows.map((r) => [r.reviewId, r]));
  const [decider] = batch.decidedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, batch.decidedBy)) : [];
  return {
    id: batch.id,
    name: batch.name,
    minutesRef: batch.minutesRef,
    status: batch.status,
    pool: pool ? { id: pool.id, name: pool.name, totalFen: pool.totalFen, committedFen: pool.committedFen, remainingFen: pool.totalFen - pool.committedFen } : null,
    announcementId: batch.announcementId,
    decidedAt: batch.decidedAt?.toISOString() ?? null,
    decidedByName: decider?.name ?? null,
    createdAt: batch.createdAt.toISOString(),
    totalFen: items.reduce((s, i) => s + i.approvedFen, 0),
    items: items.map((i) => {
      const r = byId.get(i.reviewId);
      return {
        reviewId: i.reviewId,
        applicationId: i.applicationId,
        projectId: r?.projectId ?? null,
        enterpriseName: r?.enterpriseName ?? '',
        projectTitle: r?.projectTitle ?? '',
        townCode: r?.townCode ?? '',
        filingNo: r?.filingNo ?? null,
        step: r?.state ?? '',
        suggestedFen: r?.suggestedFen ?? null,
        approvedFen: i.approvedFen,
        ok: i.ok ?? null,
        code: i.code ?? null,
        message: i.message ?? null,
      };
    }),
  };
}
