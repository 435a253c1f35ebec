/**
 * The bureau's subsidy policy versions (政策配置) and budget pools (预算池) with their ledger (资金台账).
 *
 * A policy version is a draft until it is published; published it never changes (a change is a new version made
 * from it), and it can be retired. Versions of the same code may overlap: the computation takes the highest
 * version in force on the day (`policyInForce`). A pool's total may change but never below what is committed —
 * the conditional update and the table's check constraint stand behind the message. Every write is audited.
 */
import { and, asc, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppDb, DbOrTx } from '../../../db/client';
import { budgetPools, ledgerEntries, projects, subsidyPolicies, users } from '../../../db/schema';
import { formatFenEn, formatFenZh } from '../../../core/money';
import type { Text } from '../../../core/text';
import { policyInForce } from '../../../core/subsidy/compute';
import { FUND_SOURCE_LABELS, FUND_SOURCES, MONEY_LINE_LABELS, subsidyPolicyRulesSchema, type FundSource, type MoneyLine, type SubsidyPolicy, type SubsidyPolicyRules } from '../../../core/subsidy/policy';
import { diffSummary, originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { sqlState } from '../../http/db-errors';
import { todayInShanghai } from '../../deadlines/service';
import type {
  LedgerExportQuery,
  LedgerQuery,
  LedgerRowView,
  PolicyCreateInput,
  PolicyListQuery,
  PolicyPatchInput,
  PolicyView,
  PoolCreateInput,
  PoolListQuery,
  PoolPatchInput,
  PoolView,
} from './schemas';
import { LEDGER_KINDS, POLICY_STATUSES } from './schemas';

type PolicyRow = typeof subsidyPolicies.$inferSelect;
type PoolRow = typeof budgetPools.$inferSelect;
type PolicyStatus = (typeof POLICY_STATUSES)[number];
type LedgerKind = (typeof LEDGER_KINDS)[number];

export const POLICY_STATUS_LABELS: Record<PolicyStatus, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  active: { zh: '已发布', en: 'Published' },
  retired: { zh: '已废止', en: 'Retired' },
};

export const LEDGER_KIND_LABELS: Record<LedgerKind, Text> = {
  commit: { zh: '占用', en: 'Committed' },
  release: { zh: '释放', en: 'Released' },
  pay: { zh: '拨付', en: 'Paid' },
};

// ---- Who may do what (decided here, nowhere else) ----------------------------------------------------------

/** Policy versions: the bureau's admin writes; every bureau duty reads. */
export function mayWritePolicies(actor: Actor): boolean {
  return actor.orgType === 'bureau' && actor.bureauRole === 'admin';
}

/** Budget pools: the bureau's admin and finance duties write; every bureau duty reads. */
export function mayWritePools(actor: Actor): boolean {
  return actor.orgType === 'bureau' && (actor.bureauRole === 'admin' || actor.bureauRole === 'finance');
}

function assertBureau(actor: Actor): void {
  if (actor.orgType !== 'bureau' || !actor.bureauRole) throw new AppError('FORBIDDEN_ROLE');
}

function assertPolicyWriter(actor: Actor): void {
  if (!mayWritePolicies(actor)) {
    throw new AppError('FORBIDDEN_ROLE', { message: { zh: '只有市工信局管理员可以维护奖补政策', en: "Only the bureau's administrator maintains subsidy policies" } });
  }
}

function assertPoolWriter(actor: Actor): void {
  if (!mayWritePools(actor)) {
    throw new AppError('FORBIDDEN_ROLE', { message: { zh: '只有市工信局管理员或财务可以维护预算池', en: "Only the bureau's administrator or finance maintains budget pools" } });
  }
}

// ---- Policies ----------------------------------------------------------------------------------------------

const creator = alias(users, 'policy_creator');
const publisher = alias(users, 'policy_publisher');

const policyColumns = { p: subsidyPolicies, createdByName: creator.name, publishedByName: publisher.name };

function policyQuery(db: DbOrTx) {
  return db
    .select(policyColumns)
    .from(subsidyPolicies)
    .leftJoin(creator, eq(creator.id, subsidyPolicies.createdBy))
    .leftJoin(publisher, eq(publisher.id, subsidyPolicies.publishedBy));
}

/** The stored rules, parsed by the core schema (a row written before a rule existed gets nothing invented). */
export function rulesOf(row: PolicyRow): SubsidyPolicyRules {
  const parsed = subsidyPolicyRulesSchema.safeParse(row.rules);
  if (!parsed.success) throw new AppError('INTERNAL');
  return parsed.data;
}

export function asCorePolicy(row: PolicyRow): SubsidyPolicy {
  return { id: row.id, code: row.code, version: row.version, name: row.name, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, status: row.status, rules: rulesOf(row) };
}

function statusOf(s: string): PolicyStatus {
  return (POLICY_STATUSES as readonly string[]).includes(s) ? (s as PolicyStatus) : 'draft';
}

function toPolicyView(r: { p: PolicyRow; createdByName: string | null; publishedByName: string | null }, actor: Actor, inForceId: string | null): PolicyView {
  const status = statusOf(r.p.status);
  const writer = mayWritePolicies(actor);
  return {
    id: r.p.id,
    code: r.p.code,
    version: r.p.version,
    name: r.p.name,
    effectiveFrom: r.p.effectiveFrom,
    effectiveTo: r.p.effectiveTo,
    status,
    statusLabel: POLICY_STATUS_LABELS[status],
    rules: rulesOf(r.p),
    note: r.p.note,
    createdByName: r.createdByName,
    publishedByName: r.publishedByName,
    publishedAt: r.p.publishedAt?.toISOString() ?? null,
    createdAt: r.p.createdAt.toISOString(),
    updatedAt: r.p.updatedAt.toISOString(),
    inForceToday: r.p.id === inForceId,
    canEdit: writer && status === 'draft',
    canPublish: writer && status === 'draft',
    canRetire: writer && status === 'active',
  };
}

/** The active versions in force on `day`, as rows. */
async function activeOn(db: DbOrTx, day: string): Promise<PolicyRow[]> {
  return db
    .select()
    .from(subsidyPolicies)
    .where(and(eq(subsidyPolicies.status, 'active'), lte(subsidyPolicies.effectiveFrom, day), or(isNull(subsidyPolicies.effectiveTo), gte(subsidyPolicies.effectiveTo, day))))
    .limit(200);
}

/** The policy version in force on `day` (the highest active version whose dates include it), or null. */
export async function policyRowInForce(db: DbOrTx, day: string): Promise<PolicyRow | null> {
  const rows = await activeOn(db, day);
  const picked = policyInForce(
    rows.map((r) => ({ ...asCorePolicy(r), row: r })),
    day,
  );
  return picked?.row ?? null;
}

export async function listPolicies(db: AppDb, actor: Actor, q: PolicyListQuery) {
  assertBureau(actor);
  const conds: SQL[] = [];
  if (q.code) conds.push(eq(subsidyPolicies.code, q.code));
  if (q.status) conds.push(eq(subsidyPolicies.status, q.status));
  const where = conds.length ? and(...conds) : undefined;
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(subsidyPolicies).where(where);
  const rows = await policyQuery(db)
    .where(where)
    .orderBy(asc(subsidyPolicies.code), desc(subsidyPolicies.version))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const today = todayInShanghai(new Date());
  const inForce = await policyRowInForce(db, today);
  return { items: rows.map((r) => toPolicyView(r, actor, inForce?.id ?? null)), total: Number(countRow?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

async function loadPolicy(db: DbOrTx, id: string) {
  const [row] = await policyQuery(db).where(eq(subsidyPolicies.id, id));
  if (!row) throw notFound();
  return row;
}

export async function getPolicy(db: AppDb, actor: Actor, id: string): Promise<PolicyView> {
  assertBureau(actor);
  const row = await loadPolicy(db, id);
  const inForce = await policyRowInForce(db, todayInShanghai(new Date()));
  return toPolicyView(row, actor, inForce?.id ?? null);
}

/** The version in force on `on` (default: today in Shanghai) — readable by every signed-in user: the rules of public money. */
export async function policyInForceOn(db: AppDb, actor: Actor, on: string | undefined): Promise<{ on: string; policy: PolicyView | null }> {
  const day = on ?? todayInShanghai(new Date());
  const row = await policyRowInForce(db, day);
  if (!row) return { on: day, policy: null };
  const full = await loadPolicy(db, row.id);
  const todays = on === undefined ? row : await policyRowInForce(db, todayInShanghai(new Date()));
  return { on: day, policy: toPolicyView(full, actor, todays?.id ?? null) };
}

/** Parses rules with the core schema too (the route's schema mirrors it): one source of truth for the computation. */
function coreRules(rules: unknown): SubsidyPolicyRules {
  const parsed = subsidyPolicyRulesSchema.safeParse(rules);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      details: { fields: parsed.error.issues.map((i) => ({ path: ['rules', ...i.path.map(String)].join('.'), code: i.code, message: '政策规则不符合要求' })) },
    });
  }
  return parsed.data;
}

async function nextVersion(tx: DbOrTx, code: string): Promise<number> {
  const [row] = await tx.select({ v: sql<number | null>`max(${subsidyPolicies.version})` }).from(subsidyPolicies).where(eq(subsidyPolicies.code, code));
  return Number(row?.v ?? 0) + 1;
}

/** Inserts a new draft version of `code`; a concurrent insert of the same version is retried with the next one. */
async function insertDraft(db: AppDb, ctx: RequestContext, values: { code: string; name: string; effectiveFrom: string; effectiveTo: string | null; rules: SubsidyPolicyRules; note: string | null }, from: PolicyRow | null): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const version = await nextVersion(tx, values.code);
        const [row] = await tx
          .insert(subsidyPolicies)
          .values({ ...values, version, rules: values.rules as unknown as Record<string, unknown>, status: 'draft', createdBy: ctx.actor.userId })
          .returning();
        if (!row) throw new AppError('INTERNAL');
        await recordAudit(tx, originOf(ctx), {
          action: from ? 'policy.versionCreated' : 'policy.created',
          targetType: 'subsidyPolicy',
          targetId: row.id,
          summary: { code: row.code, version: row.version, name: row.name, ...(from ? { fromId: from.id, fromVersion: from.version } : {}) },
        });
        return row.id;
      });
    } catch (err) {
      if (sqlState(err) !== '23505') throw err;
    }
  }
  throw new AppError('CONFLICT');
}

export async function createPolicy(db: AppDb, ctx: RequestContext, input: PolicyCreateInput): Promise<PolicyView> {
  assertPolicyWriter(ctx.actor);
  const rules = coreRules(input.rules);
  const id = await insertDraft(db, ctx, { code: input.code, name: input.name, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null, rules, note: input.note ?? null }, null);
  return getPolicy(db, ctx.actor, id);
}

function publishedError(row: PolicyRow): AppError {
  const status = statusOf(row.status);
  return new AppError('POLICY_PUBLISHED', {
    message:
      status === 'retired'
        ? { zh: `政策“${row.name}”第 ${row.version} 版已废止，不能修改；如需调整请基于它新建版本`, en: `Version ${row.version} of "${row.name}" is retired and cannot change; create a new version from it` }
        : { zh: `政策“${row.name}”第 ${row.version} 版已发布，不能修改；如需调整请基于它新建版本`, en: `Version ${row.version} of "${row.name}" is published and cannot change; create a new version from it` },
    details: { status },
  });
}

export async function updateDraft(db: AppDb, ctx: RequestContext, id: string, input: PolicyPatchInput): Promise<PolicyView> {
  assertPolicyWriter(ctx.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'draft') throw publishedError(row);
    const effectiveFrom = input.effectiveFrom ?? row.effectiveFrom;
    const effectiveTo = input.effectiveTo === undefined ? row.effectiveTo : input.effectiveTo;
    if (effectiveTo !== null && effectiveTo < effectiveFrom) {
      throw new AppError('VALIDATION_FAILED', {
        message: { zh: '生效日期不能晚于失效日期', en: 'The start date cannot be after the end date' },
        details: { fields: [{ path: input.effectiveTo !== undefined ? 'effectiveTo' : 'effectiveFrom', code: 'custom', message: ctx.locale === 'en' ? 'The start date cannot be after the end date' : '生效日期不能晚于失效日期' }] },
      });
    }
    const rules = input.rules ? coreRules(input.rules) : undefined;
    const next = {
      name: input.name,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo,
      rules: rules as unknown as Record<string, unknown> | undefined,
      note: input.note,
    };
    const changes = diffSummary(row as unknown as Record<string, unknown>, next);
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(subsidyPolicies)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(subsidyPolicies.id, id), eq(subsidyPolicies.status, 'draft')));
    await recordAudit(tx, originOf(ctx), { action: 'policy.draftChanged', targetType: 'subsidyPolicy', targetId: id, summary: { version: row.version, changes } });
  });
  return getPolicy(db, ctx.actor, id);
}

export async function publishPolicy(db: AppDb, ctx: RequestContext, id: string): Promise<PolicyView> {
  assertPolicyWriter(ctx.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'draft') throw publishedError(row);
    coreRules(row.rules);
    const now = new Date();
    const [done] = await tx
      .update(subsidyPolicies)
      .set({ status: 'active', publishedBy: ctx.actor.userId, publishedAt: now, updatedAt: now })
      .where(and(eq(subsidyPolicies.id, id), eq(subsidyPolicies.status, 'draft')))
      .returning({ id: subsidyPolicies.id });
    if (!done) throw publishedError(row);
    await recordAudit(tx, originOf(ctx), {
      action: 'policy.published',
      targetType: 'subsidyPolicy',
      targetId: id,
      summary: { code: row.code, version: row.version, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo },
    });
  });
  return getPolicy(db, ctx.actor, id);
}

export async function retirePolicy(db: AppDb, ctx: RequestContext, id: string, reason: string): Promise<PolicyView> {
  assertPolicyWriter(ctx.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'active') {
      throw new AppError('POLICY_NOT_DRAFT', {
        message:
          row.status === 'draft'
            ? { zh: '草稿版本尚未发布，无需废止，可直接删除', en: 'A draft was never published: delete it instead of retiring it' }
            : { zh: '该版本已废止', en: 'This version is already retired' },
        details: { status: row.status },
      });
    }
    const now = new Date();
    await tx
      .update(subsidyPolicies)
      .set({ status: 'retired', note: row.note ? `${row.note}\n废止原因：${reason}` : `废止原因：${reason}`, updatedAt: now })
      .where(and(eq(subsidyPolicies.id, id), eq(subsidyPolicies.status, 'active')));
    await recordAudit(tx, originOf(ctx), { action: 'policy.retired', targetType: 'subsidyPolicy', targetId: id, summary: { code: row.code, version: row.version, reason } });
  });
  return getPolicy(db, ctx.actor, id);
}

export async function deleteDraft(db: AppDb, ctx: RequestContext, id: string): Promise<{ ok: true }> {
  assertPolicyWriter(ctx.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'draft') throw publishedError(row);
    await tx.delete(subsidyPolicies).where(and(eq(subsidyPolicies.id, id), eq(subsidyPolicies.status, 'draft')));
    await recordAudit(tx, originOf(ctx), { action: 'policy.draftDeleted', targetType: 'subsidyPolicy', targetId: id, summary: { code: row.code, version: row.version, name: row.name } });
  });
  return { ok: true };
}

/** A new draft version of the same code, a copy of `id`'s name, dates and rules. */
export async function newVersionFrom(db: AppDb, ctx: RequestContext, id: string): Promise<PolicyView> {
  assertPolicyWriter(ctx.actor);
  const [from] = await db.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id));
  if (!from) throw notFound();
  const newId = await insertDraft(db, ctx, { code: from.code, name: from.name, effectiveFrom: from.effectiveFrom, effectiveTo: from.effectiveTo, rules: rulesOf(from), note: null }, from);
  return getPolicy(db, ctx.actor, newId);
}

// ---- Budget pools ------------------------------------------------------------------------------------------

function sourceOf(s: string): FundSource {
  return (FUND_SOURCES as readonly string[]).includes(s) ? (s as FundSource) : 'city';
}

export function toPoolView(p: PoolRow): PoolView {
  const fundSource = sourceOf(p.fundSource);
  return {
    id: p.id,
    year: p.year,
    fundSource,
    fundSourceLabel: FUND_SOURCE_LABELS[fundSource],
    name: p.name,
    totalFen: p.totalFen,
    committedFen: p.committedFen,
    paidFen: p.paidFen,
    unpaidFen: p.committedFen - p.paidFen,
    remainingFen: p.totalFen - p.committedFen,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function poolWhere(q: { year?: number | undefined; fundSource?: FundSource | undefined }): SQL | undefined {
  const conds: SQL[] = [];
  if (q.year !== undefined) conds.push(eq(budgetPools.year, q.year));
  if (q.fundSource) conds.push(eq(budgetPools.fundSource, q.fundSource));
  return conds.length ? and(...conds) : undefined;
}

export async function listPools(db: AppDb, actor: Actor, q: PoolListQuery) {
  assertBureau(actor);
  const where = poolWhere(q);
  const rows = await db
    .select()
    .from(budgetPools)
    .where(where)
    .orderBy(desc(budgetPools.year), asc(budgetPools.fundSource))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const sums = await db
    .select({
      fundSource: budgetPools.fundSource,
      n: sql<number>`count(*)::int`,
      totalFen: sql<string>`coalesce(sum(${budgetPools.totalFen}), 0)`,
      committedFen: sql<string>`coalesce(sum(${budgetPools.committedFen}), 0)`,
      paidFen: sql<string>`coalesce(sum(${budgetPools.paidFen}), 0)`,
    })
    .from(budgetPools)
    .where(where)
    .groupBy(budgetPools.fundSource);
  const bySource = FUND_SOURCES.map((fundSource) => {
    const s = sums.find((x) => x.fundSource === fundSource);
    const totalFen = Number(s?.totalFen ?? 0);
    const committedFen = Number(s?.committedFen ?? 0);
    return { fundSource, fundSourceLabel: FUND_SOURCE_LABELS[fundSource], totalFen, committedFen, paidFen: Number(s?.paidFen ?? 0), remainingFen: totalFen - committedFen };
  });
  const totals = bySource.reduce((a, s) => ({ totalFen: a.totalFen + s.totalFen, committedFen: a.committedFen + s.committedFen, paidFen: a.paidFen + s.paidFen, remainingFen: a.remainingFen + s.remainingFen }), {
    totalFen: 0,
    committedFen: 0,
    paidFen: 0,
    remainingFen: 0,
  });
  const total = sums.reduce((a, s) => a + Number(s.n), 0);
  return { items: rows.map(toPoolView), total, page: q.page, pageSize: q.pageSize, totals, bySource, canWrite: mayWritePools(actor) };
}

export async function getPool(db: AppDb, actor: Actor, id: string): Promise<PoolView> {
  assertBureau(actor);
  const [row] = await db.select().from(budgetPools).where(eq(budgetPools.id, id));
  if (!row) throw notFound();
  return toPoolView(row);
}

function poolExists(year: number, source: FundSource): AppError {
  const label = FUND_SOURCE_LABELS[source];
  return new AppError('POOL_EXISTS', {
    message: { zh: `${year}年度${label.zh}预算池已存在，请调整该预算池的总额，不要重复创建`, en: `A ${year} pool of ${label.en.toLowerCase()} already exists; change its total instead of creating another` },
    details: { fields: [{ path: 'fundSource', code: 'POOL_EXISTS', message: `${year}年度${label.zh}预算池已存在` }] },
  });
}

export async function createPool(db: AppDb, ctx: RequestContext, input: PoolCreateInput): Promise<PoolView> {
  assertPoolWriter(ctx.actor);
  const name = input.name ?? `${input.year}年度${FUND_SOURCE_LABELS[input.fundSource].zh}`;
  try {
    const row = await db.transaction(async (tx) => {
      const [dup] = await tx
        .select({ id: budgetPools.id })
        .from(budgetPools)
        .where(and(eq(budgetPools.year, input.year), eq(budgetPools.fundSource, input.fundSource)));
      if (dup) throw poolExists(input.year, input.fundSource);
      const [created] = await tx
        .insert(budgetPools)
        .values({ year: input.year, fundSource: input.fundSource, name, totalFen: input.totalFen, note: input.note ?? null, createdBy: ctx.actor.userId })
        .returning();
      if (!created) throw new AppError('INTERNAL');
      await recordAudit(tx, originOf(ctx), { action: 'budgetPool.created', targetType: 'budgetPool', targetId: created.id, summary: { year: created.year, fundSource: created.fundSource, name, totalFen: created.totalFen } });
      return created;
    });
    return toPoolView(row);
  } catch (err) {
    if (sqlState(err) === '23505') throw poolExists(input.year, input.fundSource);
    throw err;
  }
}

export async function updatePool(db: AppDb, ctx: RequestContext, id: string, input: PoolPatchInput): Promise<PoolView> {
  assertPoolWriter(ctx.actor);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(budgetPools).where(eq(budgetPools.id, id));
    if (!before) throw notFound();
    const set: Partial<typeof budgetPools.$inferInsert> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.note !== undefined) set.note = input.note;
    if (input.totalFen !== undefined) set.totalFen = input.totalFen;
    const changes = diffSummary(before as unknown as Record<string, unknown>, set as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return before;
    // The total moves only while it stays at or above what is committed, whatever commits concurrently.
    const guard = input.totalFen !== undefined ? sql`${budgetPools.committedFen} <= ${input.totalFen}` : undefined;
    // (The row lock of the update re-reads `committed` after a concurrent commitment: the guard sees the latest.)
    const [updated] = await tx
      .update(budgetPools)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(budgetPools.id, id), guard))
      .returning();
    if (!updated) {
      const [now] = await tx.select().from(budgetPools).where(eq(budgetPools.id, id));
      const committed = now?.committedFen ?? before.committedFen;
      throw new AppError('POOL_TOTAL_BELOW_COMMITTED', {
        message: {
          zh: `预算池“${before.name}”已占用 ${formatFenZh(committed)}，总额不能调低至 ${formatFenZh(input.totalFen ?? 0)}；总额未修改`,
          en: `The pool "${before.name}" has ${formatFenEn(committed)} committed; its total cannot go down to ${formatFenEn(input.totalFen ?? 0)}. The total was not changed`,
        },
        details: { committedFen: committed, requestedFen: input.totalFen, fields: [{ path: 'totalFen', code: 'POOL_TOTAL_BELOW_COMMITTED', message: `总额不能低于已占用金额 ${formatFenZh(committed)}` }] },
      });
    }
    await recordAudit(tx, originOf(ctx), { action: 'budgetPool.changed', targetType: 'budgetPool', targetId: id, summary: { changes, ...(input.reason ? { reason: input.reason } : {}) } });
    return updated;
  });
  return toPoolView(row);
}

// ---- Ledger ------------------------------------------------------------------------------------------------

const ledgerActor = alias(users, 'ledger_actor');

/** A Shanghai calendar day's first instant (UTC + 8 h, no daylight saving). */
function shanghaiMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

function ledgerWhere(q: LedgerExportQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.poolId) conds.push(eq(ledgerEntries.poolId, q.poolId));
  if (q.projectId) conds.push(eq(ledgerEntries.projectId, q.projectId));
  if (q.line) conds.push(eq(ledgerEntries.line, q.line));
  if (q.kind) conds.push(eq(ledgerEntries.kind, q.kind));
  if (q.from) conds.push(gte(ledgerEntries.at, shanghaiMidnight(q.from)));
  if (q.to) conds.push(lt(ledgerEntries.at, new Date(shanghaiMidnight(q.to).getTime() + 86_400_000)));
  return conds.length ? and(...conds) : undefined;
}

function kindOf(k: string): LedgerKind {
  return (LEDGER_KINDS as readonly string[]).includes(k) ? (k as LedgerKind) : 'commit';
}

function lineOf(l: string): MoneyLine {
  return l in MONEY_LINE_LABELS ? (l as MoneyLine) : 'final';
}

async function ledgerRows(db: DbOrTx, where: SQL | undefined, limit: number, offset: number): Promise<LedgerRowView[]> {
  const rows = await db
    .select({
      e: ledgerEntries,
      poolName: budgetPools.name,
      poolYear: budgetPools.year,
      fundSource: budgetPools.fundSource,
      projectTitle: projects.title,
      filingNo: projects.filingNo,
      enterpriseName: projects.enterpriseName,
      actorName: ledgerActor.name,
    })
    .from(ledgerEntries)
    .innerJoin(budgetPools, eq(budgetPools.id, ledgerEntries.poolId))
    .leftJoin(projects, eq(projects.id, ledgerEntries.projectId))
    .leftJoin(ledgerActor, eq(ledgerActor.id, ledgerEntries.actorUserId))
    .where(where)
    .orderBy(desc(ledgerEntries.at), desc(ledgerEntries.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => {
    const kind = kindOf(r.e.kind);
    const line = lineOf(r.e.line);
    return {
      id: r.e.id,
      at: r.e.at.toISOString(),
      poolId: r.e.poolId,
      poolName: r.poolName,
      poolYear: r.poolYear,
      fundSource: sourceOf(r.fundSource),
      projectId: r.e.projectId,
      projectTitle: r.projectTitle,
      filingNo: r.filingNo,
      enterpriseName: r.enterpriseName,
      kind,
      kindLabel: LEDGER_KIND_LABELS[kind],
      line,
      lineLabel: MONEY_LINE_LABELS[line],
      amountFen: r.e.amountFen,
      refType: r.e.refType,
      refId: r.e.refId,
      reason: r.e.reason,
      actorName: r.actorName,
    };
  });
}

async function ledgerSums(db: DbOrTx, where: SQL | undefined): Promise<{ n: number; commitFen: number; releaseFen: number; payFen: number }> {
  const rows = await db
    .select({ kind: ledgerEntries.kind, n: sql<number>`count(*)::int`, sum: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)` })
    .from(ledgerEntries)
    .where(where)
    .groupBy(ledgerEntries.kind);
  const get = (k: LedgerKind) => Number(rows.find((r) => r.kind === k)?.sum ?? 0);
  return { n: rows.reduce((a, r) => a + Number(r.n), 0), commitFen: get('commit'), releaseFen: get('release'), payFen: get('pay') };
}

export async function listLedger(db: AppDb, actor: Actor, q: LedgerQuery) {
  assertBureau(actor);
  const where = ledgerWhere(q);
  const sums = await ledgerSums(db, where);
  const items = await ledgerRows(db, where, q.pageSize, (q.page - 1) * q.pageSize);
  return { items, total: sums.n, page: q.page, pageSize: q.pageSize, sums: { commitFen: sums.commitFen, releaseFen: sums.releaseFen, payFen: sums.payFen } };
}

export const LEDGER_EXPORT_LIMIT = 20_000;

/** Rows for the export (at most the limit + 1, so the caller can tell it was cut). */
export async function ledgerExportRows(db: AppDb, actor: Actor, q: LedgerExportQuery): Promise<LedgerRowView[]> {
  assertBureau(actor);
  return ledgerRows(db, ledgerWhere(q), LEDGER_EXPORT_LIMIT + 1, 0);
}

/** Per pool: the pool row's figures and the same figures summed from its whole ledger (they must agree). */
export async function poolReconciliation(db: AppDb, actor: Actor, poolId?: string) {
  assertBureau(actor);
  const pools = await db
    .select()
    .from(budgetPools)
    .where(poolId ? eq(budgetPools.id, poolId) : undefined)
    .orderBy(desc(budgetPools.year), asc(budgetPools.fundSource))
    .limit(1000);
  const sums = await db
    .select({
      poolId: ledgerEntries.poolId,
      commitFen: sql<string>`coalesce(sum(case when ${ledgerEntries.kind} = 'commit' then ${ledgerEntries.amountFen} else 0 end), 0)`,
      releaseFen: sql<string>`coalesce(sum(case when ${ledgerEntries.kind} = 'release' then ${ledgerEntries.amountFen} else 0 end), 0)`,
      payFen: sql<string>`coalesce(sum(case when ${ledgerEntries.kind} = 'pay' then ${ledgerEntries.amountFen} else 0 end), 0)`,
    })
    .from(ledgerEntries)
    .where(poolId ? eq(ledgerEntries.poolId, poolId) : undefined)
    .groupBy(ledgerEntries.poolId);
  return pools.map((p) => {
    const s = sums.find((x) => x.poolId === p.id);
    const ledgerCommittedFen = Number(s?.commitFen ?? 0) - Number(s?.releaseFen ?? 0);
    const ledgerPaidFen = Number(s?.payFen ?? 0);
    return { pool: toPoolView(p), ledgerCommittedFen, ledgerPaidFen, matches: ledgerCommittedFen === p.committedFen && ledgerPaidFen === p.paidFen };
  });
}
