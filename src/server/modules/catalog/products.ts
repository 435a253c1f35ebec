/**
 * A provider's own products and their catalog entries (kind 'productEntry', table zs-product-entry-v1, no project).
 * The product row is the provider's working copy; `status` mirrors its latest entry and `entryId` points at it.
 *
 * Rules: a product is edited while it is a draft, returned, rejected or withdrawn; under review it is frozen
 * (withdraw first). Editing an approved product takes it out of the public catalog (status back to draft) until
 * the changed version is approved again; enterprises that already chose it keep their choice. Submitting reuses the
 * open entry (draft or returned) or starts a new one; the entry keeps the submitted snapshot and the one before, so
 * the reviewer sees what changed.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { organizations, products, workflowObjects, workflowTransitions } from '../../../db/schema';
import { availableEvents, eventLabel, makeGuardContext, type EventOption } from '../../../core/workflow';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { originOf, recordAudit, diffSummary } from '../../audit';
import { invalidatePublicCache } from '../public/cache';
import { currentTable, currentVersion, tableFor } from '../../workflow/registry';
import { fireStandaloneEvent, standaloneContext } from '../../workflow/standalone';
import type { WorkflowObjectRow } from '../../workflow/runtime';
import type { ProductInput, ProductSnapshot } from './schemas';
import { PROVIDER_ORG_TYPES } from './service';
import { productMissing, snapshotOf } from './entry';

export const ENTRY_KIND = 'productEntry';
const OPEN_STATES = ['draft', 'underReview', 'returned'];
const EDITABLE_STATUSES = ['draft', 'returned', 'rejected', 'withdrawn', 'approved'];

type ProductRow = typeof products.$inferSelect;

export const SNAPSHOT_FIELDS = ['name', 'nameEn', 'summary', 'scenes', 'indicators', 'industries', 'priceMinFen', 'priceMaxFen', 'deliveryDays', 'description', 'references'] as const;

/** The fields that differ between two snapshots (none when there is no earlier one). */
export function snapshotDiff(before: ProductSnapshot | null, after: ProductSnapshot): Array<{ field: string; before: unknown; after: unknown }> {
  if (!before) return [];
  return SNAPSHOT_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

function requireProvider(actor: Actor): void {
  if (!(PROVIDER_ORG_TYPES as readonly string[]).includes(actor.orgType)) {
    throw new AppError('FORBIDDEN_ROLE', { message: { zh: '只有牵引单位/行业型服务商和入库服务商可以维护产品', en: 'Only leading units / industry providers and catalog providers maintain products' } });
  }
}

async function ownProduct(db: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<ProductRow> {
  requireProvider(actor);
  const q = db.select().from(products).where(and(eq(products.id, id), eq(products.providerOrgId, actor.orgId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function entryOf(db: DbOrTx, id: string | null, forUpdate = false): Promise<WorkflowObjectRow | null> {
  if (!id) return null;
  const q = db.select().from(workflowObjects).where(and(eq(workflowObjects.id, id), eq(workflowObjects.kind, ENTRY_KIND)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

function actionsOf(options: EventOption[]) {
  return options.map((o) => ({ event: o.event, label: o.label, kind: o.kind, needsReason: o.needsReason, confirm: o.confirm ?? null, allowed: o.allowed, reasons: [...o.reasons] }));
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

async function myProductView(db: DbOrTx, actor: Actor, p: ProductRow) {
  const entry = await entryOf(db, p.entryId);
  const open = entry && OPEN_STATES.includes(entry.state) ? entry : null;
  const table = open ? tableFor(open.workflowVersion) : currentTable(ENTRY_KIND);
  // A product without an open entry can be submitted as a new one (the table's first state).
  const state = open ? open.state : p.status === 'approved' ? null : table.initial;
  const ctx = makeGuardContext({ formMissing: productMissing(p), presentMaterials: [] });
  const options = state ? availableEvents(table, state, actor.role, ctx).filter((o) => open || o.event !== 'withdraw') : [];
  return {
    id: p.id,
    ...snapshotOf(p),
    status: p.status as ProductStatus,
    entryId: p.entryId,
    returnReason: open?.state === 'returned' ? str(open.data.returnReason) : null,
    decisionReason: entry && entry.state === 'rejected' ? str(entry.data.decisionReason) : null,
    updatedAt: p.updatedAt.toISOString(),
    actions: actionsOf(options),
    editable: EDITABLE_STATUSES.includes(p.status),
  };
}
type ProductStatus = 'draft' | 'underReview' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type MyProductView = Awaited<ReturnType<typeof myProductView>>;

export async function listMyProducts(db: AppDb, actor: Actor): Promise<MyProductView[]> {
  requireProvider(actor);
  const rows = await db.select().from(products).where(eq(products.providerOrgId, actor.orgId)).orderBy(desc(products.updatedAt), asc(products.id));
  const out: MyProductView[] = [];
  for (const r of rows) out.push(await myProductView(db, actor, r));
  return out;
}

export async function getMyProduct(db: AppDb, actor: Actor, id: string): Promise<MyProductView> {
  return myProductView(db, actor, await ownProduct(db, actor, id));
}

function columnsOf(input: ProductInput) {
  return {
    name: input.name,
    nameEn: input.nameEn,
    summary: input.summary,
    scenes: input.scenes,
    indicators: input.indicators,
    industries: input.industries,
    priceMinFen: input.priceMinFen,
    priceMaxFen: input.priceMaxFen,
    priceFen: input.priceMinFen,
    deliveryDays: input.deliveryDays,
    description: input.description,
    references: input.references,
  };
}

export async function createProduct(db: AppDb, ctx: RequestContext, input: ProductInput): Promise<MyProductView> {
  requireProvider(ctx.actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(products).values({ providerOrgId: ctx.actor.orgId, ...columnsOf(input), status: 'draft' }).returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'product.create', targetType: 'product', targetId: row.id, summary: { name: row.name } });
    return myProductView(tx, ctx.actor, row);
  });
}

export async function updateProduct(db: AppDb, ctx: RequestContext, id: string, input: ProductInput): Promise<MyProductView> {
  return db.transaction(async (tx) => {
    const p = await ownProduct(tx, ctx.actor, id, true);
    if (!EDITABLE_STATUSES.includes(p.status)) {
      throw new AppError('FIELD_NOT_EDITABLE', { message: { zh: '产品正在入库审核中，不能修改；如需修改请先撤回', en: 'The product is under review and cannot be changed; withdraw it first' }, details: { status: p.status } });
    }
    const cols = columnsOf(input);
    // An approved product that changes leaves the public catalog until the changed version is approved again.
    const status = p.status === 'approved' ? 'draft' : p.status;
    const [row] = await tx.update(products).set({ ...cols, status, updatedAt: new Date() }).where(eq(products.id, id)).returning();
    if (!row) throw new AppError('INTERNAL');
    if (p.status === 'approved') invalidatePublicCache();
    await recordAudit(tx, originOf(ctx), { action: 'product.update', targetType: 'product', targetId: id, summary: { changes: diffSummary(snapshotOf(p) as unknown as Record<string, unknown>, snapshotOf(row) as unknown as Record<string, unknown>), ...(status !== p.status ? { status: [p.status, status] } : {}) } });
    return myProductView(tx, ctx.actor, row);
  });
}

async function mirrorStatus(tx: DbOrTx, productId: string, entry: WorkflowObjectRow): Promise<void> {
  await tx.update(products).set({ status: entry.state, entryId: entry.id, updatedAt: new Date() }).where(eq(products.id, productId));
}

export async function submitProduct(db: AppDb, ctx: RequestContext, id: string): Promise<MyProductView> {
  return db.transaction(async (tx) => {
    const p = await ownProduct(tx, ctx.actor, id, true);
    const last = await entryOf(tx, p.entryId, true);
    let entry = last && OPEN_STATES.includes(last.state) ? last : null;
    if (!entry) {
      const table = currentTable(ENTRY_KIND);
      const previous = last && last.data.snapshot ? last.data.snapshot : null;
      const [created] = await tx
        .insert(workflowObjects)
        .values({
          kind: ENTRY_KIND,
          workflowVersion: currentVersion(ENTRY_KIND),
          state: table.initial,
          projectId: null,
          assigneeOrgId: ctx.actor.orgId,
          data: { productId: p.id, submitterOrgId: ctx.actor.orgId, previous, submissions: 0 },
          createdBy: ctx.actor.userId,
        })
        .returning();
      if (!created) throw new AppError('INTERNAL');
      entry = created;
    }
    const moved = await fireStandaloneEvent(tx, ctx, entry, 'submit', { role: ctx.actor.role });
    await mirrorStatus(tx, p.id, moved);
    const [row] = await tx.select().from(products).where(eq(products.id, id));
    return myProductView(tx, ctx.actor, row!);
  });
}

export async function withdrawProduct(db: AppDb, ctx: RequestContext, id: string): Promise<MyProductView> {
  return db.transaction(async (tx) => {
    const p = await ownProduct(tx, ctx.actor, id, true);
    const entry = await entryOf(tx, p.entryId, true);
    if (!entry || !OPEN_STATES.includes(entry.state)) {
      if (entry?.state === 'withdrawn') throw new AppError('ALREADY_SUBMITTED', { message: { zh: '入库申请已撤回，请勿重复操作', en: 'The entry was already withdrawn' } });
      throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '该产品没有进行中的入库申请，无需撤回', en: 'The product has no open catalog entry to withdraw' } });
    }
    const moved = await fireStandaloneEvent(tx, ctx, entry, 'withdraw', { role: ctx.actor.role });
    await mirrorStatus(tx, p.id, moved);
    const [row] = await tx.select().from(products).where(eq(products.id, id));
    return myProductView(tx, ctx.actor, row!);
  });
}

// ——— the bureau's review ———

export interface EntriesQuery {
  page: number;
  pageSize: number;
  state: 'underReview' | 'returned' | 'approved' | 'rejected' | 'withdrawn' | 'all';
  q?: string | undefined;
  providerType?: 'leading_unit' | 'catalog_provider' | undefined;
}

function snapshotIn(v: unknown): ProductSnapshot | null {
  return v && typeof v === 'object' ? (v as ProductSnapshot) : null;
}

function summaryOf(r: { id: string; state: string; data: Record<string, unknown>; productId: string; productName: string; orgId: string; orgName: string; orgType: string }) {
  const snap = snapshotIn(r.data.snapshot);
  return {
    id: r.id,
    state: r.state,
    productId: r.productId,
    productName: snap?.name ?? r.productName,
    provider: { id: r.orgId, name: r.orgName, type: r.orgType },
    submissions: typeof r.data.submissions === 'number' ? r.data.submissions : 0,
    submittedAt: str(r.data.submittedAt),
    changedFields: snap ? snapshotDiff(snapshotIn(r.data.previous), snap).map((d) => d.field) : [],
  };
}

const entryColumns = {
  id: workflowObjects.id,
  state: workflowObjects.state,
  data: workflowObjects.data,
  productId: products.id,
  productName: products.name,
  orgId: organizations.id,
  orgName: organizations.name,
  orgType: organizations.type,
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listEntries(db: AppDb, query: EntriesQuery) {
  const conds: SQL[] = [eq(workflowObjects.kind, ENTRY_KIND)];
  if (query.state !== 'all') conds.push(eq(workflowObjects.state, query.state));
  else conds.push(inArray(workflowObjects.state, ['underReview', 'returned', 'approved', 'rejected', 'withdrawn']));
  if (query.q) conds.push(or(ilike(products.name, `%${escapeLike(query.q)}%`), ilike(organizations.name, `%${escapeLike(query.q)}%`))!);
  if (query.providerType) conds.push(eq(organizations.type, query.providerType));
  const where = and(...conds);
  const base = () =>
    db
      .select(entryColumns)
      .from(workflowObjects)
      .innerJoin(products, sql`${products.id} = (${workflowObjects.data} ->> 'productId')::uuid`)
      .innerJoin(organizations, eq(organizations.id, products.providerOrgId));
  const rows = await base()
    .where(where)
    .orderBy(asc(workflowObjects.stateChangedAt), asc(workflowObjects.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [n] = await db
    .select({ n: count() })
    .from(workflowObjects)
    .innerJoin(products, sql`${products.id} = (${workflowObjects.data} ->> 'productId')::uuid`)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(where);
  return { items: rows.map(summaryOf), total: n?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

async function entryRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select(entryColumns)
    .from(workflowObjects)
    .innerJoin(products, sql`${products.id} = (${workflowObjects.data} ->> 'productId')::uuid`)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(and(eq(workflowObjects.id, id), eq(workflowObjects.kind, ENTRY_KIND)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function entryDetail(db: DbOrTx, actor: Actor, id: string) {
  const row = await entryRow(db, id);
  const [obj] = await db.select().from(workflowObjects).where(eq(workflowObjects.id, id));
  if (!obj) throw new AppError('NOT_FOUND');
  const table = tableFor(obj.workflowVersion);
  const snapshot = snapshotIn(obj.data.snapshot);
  if (!snapshot) throw new AppError('NOT_FOUND');
  const previous = snapshotIn(obj.data.previous);
  const ctx = await standaloneContext(db, obj, null);
  const history = await db
    .select({ event: workflowTransitions.event, from: workflowTransitions.fromState, to: workflowTransitions.toState, at: workflowTransitions.at, input: workflowTransitions.input, orgName: organizations.name })
    .from(workflowTransitions)
    .leftJoin(organizations, eq(organizations.id, workflowTransitions.actorOrgId))
    .where(and(eq(workflowTransitions.objectType, ENTRY_KIND), eq(workflowTransitions.objectId, id)))
    .orderBy(asc(workflowTransitions.id));
  return {
    ...summaryOf(row),
    snapshot,
    previous,
    diff: snapshotDiff(previous, snapshot),
    returnReason: str(obj.data.returnReason),
    actions: actionsOf(availableEvents(table, obj.state, actor.role, ctx)),
    history: history.map((h) => ({ event: h.event, label: eventLabel(table, h.event), from: h.from, to: h.to, at: h.at.toISOString(), actorOrgName: h.orgName ?? null, reason: str((h.input as Record<string, unknown>).reason) })),
  };
}

export async function decideEntry(db: AppDb, ctx: RequestContext, id: string, body: { event: 'approve' | 'returnForRevision' | 'reject'; reason?: string | undefined }) {
  await db.transaction(async (tx) => {
    const entry = await entryOf(tx, id, true);
    if (!entry) throw new AppError('NOT_FOUND');
    const productId = str(entry.data.productId);
    if (!productId) throw new AppError('NOT_FOUND');
    await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for('update');
    const moved = await fireStandaloneEvent(tx, ctx, entry, body.event, { role: ctx.actor.role, reason: body.reason ?? null });
    await mirrorStatus(tx, productId, moved);
  });
  return entryDetail(db, ctx.actor, id);
}
