/**
 * Disbursement tranches for the bureau's finance duty (list with filters and totals, detail, pay / fail / retry
 * with idempotency keys, XLSX export), the project's bank account for those who see the project, and the town
 * office's payment-paperwork list. Access is decided in policy.ts; account numbers are masked for everyone but
 * finance (bank.ts `viewAccount`).
 */
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { dateSchema } from '../../http/dates';
import type { DbOrTx } from '../../../db/client';
import { budgetPools, disbursementAttempts, disbursementTranches, projects, workflowObjects, workflowTransitions } from '../../../db/schema';
import { availableEvents, getState, type WorkflowTable } from '../../../core/workflow';
import { TRANCHE_STATES } from '../../../core/workflow/tranche-lifecycle';
import { FUND_SOURCE_LABELS, MONEY_LINES, MONEY_LINE_LABELS, type FundSource, type MoneyLine } from '../../../core/subsidy/policy';
import { formatFenAsYuan } from '../../../core/money';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { t as pick, type Locale, type Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { tableFor } from '../../workflow/registry';
import { fireSubjectEvent, parseInput, projectEnv } from '../../workflow/runtime';
import { loadGuardContext } from '../../workflow/facts';
import { loadProjectFor, loadProjectForSystem } from '../projects/policy';
import { accountById, currentAccounts, viewAccount, type BankAccountView } from './bank';
import { PAPERWORK_STATE, paperworkMissing } from './effects';
import { assertMayExport, paperworkScope, trancheProjectScope } from './policy';


export const trancheQuery = z.strictObject({
  state: z.enum(TRANCHE_STATES).optional(),
  line: z.enum(MONEY_LINES).optional(),
  townCode: z.string().max(20).optional(),
  poolId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  /** Which date `from`/`to` filter on: when the tranche was opened (default) or its value date. */
  dateOf: z.enum(['opened', 'paid']).default('opened'),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TrancheQuery = z.infer<typeof trancheQuery>;

const text = z.object({ zh: z.string(), en: z.string() });
const accountSchema = z.object({
  id: z.string(),
  masked: z.boolean(),
  bankName: z.string(),
  accountName: z.string(),
  accountNumber: z.string(),
  last4: z.string(),
  updatedAt: z.string(),
});

export const trancheView = z.object({
  id: z.string(),
  projectId: z.string(),
  filingNo: z.string().nullable(),
  projectTitle: z.string(),
  enterpriseName: z.string(),
  townCode: z.string(),
  townName: text,
  line: z.string(),
  lineLabel: text,
  poolId: z.string(),
  poolName: z.string(),
  fundSource: z.string(),
  fundSourceLabel: text,
  amountFen: z.number().int(),
  state: z.string(),
  stateLabel: text,
  tone: z.string(),
  attempts: z.number().int(),
  failureReason: z.string().nullable(),
  voucherNo: z.string().nullable(),
  paidOn: z.string().nullable(),
  createdAt: z.string(),
  basis: z.array(text),
  /** The account paid into (once paid) or the enterprise's current one; masked except for finance. */
  bankAccount: accountSchema.nullable(),
  paperworkMissing: z.array(text),
});
export type TrancheView = z.infer<typeof trancheView>;

export const trancheDetailView = trancheView.extend({
  actions: z.array(
    z.object({
      event: z.string(),
      label: text,
      kind: z.string(),
      allowed: z.boolean(),
      reasons: z.array(text),
      needsReason: z.boolean(),
      confirm: text.nullable(),
    }),
  ),
  history: z.array(z.object({ event: z.string(), from: z.string(), to: z.string(), at: z.string(), reason: z.string().nullable() })),
});

export const totalsView = z.object({ count: z.number().int(), amountFen: z.number().int(), paidFen: z.number().int() });

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
function nextDay(day: string): Date {
  return new Date(dayStart(day).getTime() + 86_400_000);
}
function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function whereOf(actor: Actor, q: Omit<TrancheQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [trancheProjectScope(actor), eq(workflowObjects.kind, 'tranche')];
  if (q.state) parts.push(eq(workflowObjects.state, q.state));
  if (q.line) parts.push(eq(disbursementTranches.line, q.line));
  if (q.townCode) parts.push(eq(projects.townCode, q.townCode));
  if (q.poolId) parts.push(eq(disbursementTranches.poolId, q.poolId));
  if (q.projectId) parts.push(eq(disbursementTranches.projectId, q.projectId));
  const col = q.dateOf === 'paid' ? disbursementTranches.paidAt : disbursementTranches.createdAt;
  if (q.from) parts.push(gte(col, dayStart(q.from)));
  if (q.to) parts.push(lt(col, nextDay(q.to)));
  return and(...parts)!;
}

const joined = {
  t: disbursementTranches,
  state: workflowObjects.state,
  workflowVersion: workflowObjects.workflowVersion,
  filingNo: projects.filingNo,
  projectTitle: projects.title,
  enterpriseName: projects.enterpriseName,
  enterpriseId: projects.enterpriseId,
  townCode: projects.townCode,
  projectVersion: projects.workflowVersion,
  poolName: budgetPools.name,
  fundSource: budgetPools.fundSource,
};

function baseSelect(db: DbOrTx) {
  return db
    .select(joined)
    .from(disbursementTranches)
    .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
    .innerJoin(projects, eq(projects.id, disbursementTranches.projectId))
    .innerJoin(budgetPools, eq(budgetPools.id, disbursementTranches.poolId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseSelect>['where']>>[number];

function stepsOf(basis: Record<string, unknown>): Text[] {
  const steps = basis.steps;
  if (!Array.isArray(steps)) return [];
  return steps.filter((s): s is Text => typeof s === 'object' && s !== null && typeof (s as Text).zh === 'string' && typeof (s as Text).en === 'string');
}

async function views(db: DbOrTx, actor: Actor, rows: Joined[]): Promise<TrancheView[]> {
  if (rows.length === 0) return [];
  const paidInto = await accountById(db, rows.map((r) => r.t.bankAccountId).filter((x): x is string => !!x));
  const current = await currentAccounts(db, rows.map((r) => r.enterpriseId));
  const missing = await paperworkMissing(db, [...new Map(rows.map((r) => [r.t.projectId, { id: r.t.projectId, workflowVersion: r.projectVersion }])).values()]);
  return rows.map((r) => {
    const table = tableFor(r.workflowVersion);
    const st = getState(table, r.state);
    const town = getTown(r.townCode);
    const acc = (r.t.bankAccountId ? paidInto.get(r.t.bankAccountId) : undefined) ?? current.get(r.enterpriseId);
    const bankAccount: BankAccountView | null = acc ? viewAccount(actor, acc) : null;
    return {
      id: r.t.id,
      projectId: r.t.projectId,
      filingNo: r.filingNo,
      projectTitle: r.projectTitle,
      enterpriseName: r.enterpriseName,
      townCode: r.townCode,
      townName: town ? townDisplayName(town) : { zh: r.townCode, en: r.townCode },
      line: r.t.line,
      lineLabel: MONEY_LINE_LABELS[r.t.line as MoneyLine] ?? { zh: r.t.line, en: r.t.line },
      poolId: r.t.poolId,
      poolName: r.poolName,
      fundSource: r.fundSource,
      fundSourceLabel: FUND_SOURCE_LABELS[r.fundSource as FundSource] ?? { zh: r.fundSource, en: r.fundSource },
      amountFen: r.t.amountFen,
      state: r.state,
      stateLabel: st?.label ?? { zh: r.state, en: r.state },
      tone: st?.tone ?? 'draft',
      attempts: r.t.attempts,
      failureReason: r.t.failureReason,
      voucherNo: r.t.voucherNo,
      paidOn: r.t.paidAt ? shanghaiDay(r.t.paidAt) : null,
      createdAt: r.t.createdAt.toISOString(),
      basis: stepsOf(r.t.basis),
      bankAccount,
      paperworkMissing: r.state === 'pending' || r.state === 'failed' ? (missing.get(r.t.projectId) ?? []) : [],
    };
  });
}

export async function trancheTotals(db: DbOrTx, where: SQL) {
  const [row] = await db
    .select({
      n: count(),
      amount: sql<string>`coalesce(sum(${disbursementTranches.amountFen}), 0)`,
      paid: sql<string>`coalesce(sum(case when ${workflowObjects.state} = 'paid' then ${disbursementTranches.amountFen} else 0 end), 0)`,
    })
    .from(disbursementTranches)
    .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
    .innerJoin(projects, eq(projects.id, disbursementTranches.projectId))
    .where(where);
  return { count: Number(row?.n ?? 0), amountFen: Number(row?.amount ?? 0), paidFen: Number(row?.paid ?? 0) };
}

export async function listTranches(db: DbOrTx, actor: Actor, q: TrancheQuery) {
  const where = whereOf(actor, q);
  const rows = await baseSelect(db)
    .where(where)
    .orderBy(desc(disbursementTranches.createdAt), desc(disbursementTranches.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const totals = await trancheTotals(db, where);
  return { items: await views(db, actor, rows), total: totals.count, page: q.page, pageSize: q.pageSize, totals };
}

async function loadTrancheRow(db: DbOrTx, actor: Actor, id: string): Promise<Joined> {
  const [row] = await baseSelect(db).where(and(eq(disbursementTranches.id, id), trancheProjectScope(actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function trancheDetail(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadTrancheRow(db, actor, id);
  const [view] = await views(db, actor, [row]);
  if (!view) throw new AppError('NOT_FOUND');
  const table = tableFor(row.workflowVersion);
  const project = await loadProjectFor(db, actor, row.t.projectId);
  const ctx = await loadGuardContext(table, row.state, { tx: db, project, actorOrgId: actor.orgId, input: {} }, { reason: null });
  const history = await db
    .select({ event: workflowTransitions.event, from: workflowTransitions.fromState, to: workflowTransitions.toState, at: workflowTransitions.at, input: workflowTransitions.input })
    .from(workflowTransitions)
    .where(and(eq(workflowTransitions.objectType, 'tranche'), eq(workflowTransitions.objectId, row.t.objectId)))
    .orderBy(asc(workflowTransitions.id));
  return {
    ...view,
    actions: availableEvents(table, row.state, actor.role, ctx)
      .filter((a) => a.event !== 'cancel')
      .map((a) => ({ event: a.event, label: a.label, kind: a.kind, allowed: a.allowed, reasons: [...a.reasons], needsReason: a.needsReason, confirm: a.confirm ?? null })),
    history: history.map((h) => ({ event: h.event, from: h.from, to: h.to, at: h.at.toISOString(), reason: typeof h.input.reason === 'string' ? h.input.reason : null })),
  };
}

/** Whether `role` fires `event` anywhere in the table (a replayed key is answered only to who could have sent it). */
function roleFires(table: WorkflowTable, event: string, role: string): boolean {
  return table.states.some((s) => s.transitions.some((t) => t.event === event && (t.roles as readonly string[]).includes(role)));
}

export type TrancheEvent = 'pay' | 'fail' | 'retry';

/**
 * Fires `event` on the tranche, after locking its project and its workflow object. A pay or fail request carries
 * an idempotency key: a key already stored for this tranche and event answers the stored outcome (nothing moves,
 * `replayed`); a key stored for another tranche or event is IDEMPOTENCY_KEY_REUSED. A concurrent duplicate waits
 * on the project's lock and then finds the key stored.
 */
export async function fireTranche(db: DbOrTx, ctx: RequestContext, id: string, event: TrancheEvent, body: Record<string, unknown>) {
  const replayed = await db.transaction(async (tx) => {
    const row = await loadTrancheRow(tx, ctx.actor, id);
    const project = await loadProjectForSystem(tx, row.t.projectId);
    const [obj] = await tx.select().from(workflowObjects).where(eq(workflowObjects.id, row.t.objectId)).for('update');
    if (!obj) throw new AppError('NOT_FOUND');
    const table = tableFor(obj.workflowVersion);
    if (!roleFires(table, event, ctx.actor.role)) throw new AppError('FORBIDDEN_ROLE', { details: { event, allowedRoles: [] } });
    const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey.trim() : '';
    if (key) {
      const [prev] = await tx.select().from(disbursementAttempts).where(eq(disbursementAttempts.idempotencyKey, key));
      if (prev) {
        if (prev.trancheId !== row.t.id || prev.detail.event !== event) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        return true;
      }
    }
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : null;
    const branch = getState(table, obj.state)?.transitions.find((t) => t.event === event && (t.roles as readonly string[]).includes(ctx.actor.role));
    const { reason: _omit, ...raw } = body;
    void _omit;
    const input = branch ? parseInput(branch.input, raw, ctx.locale) : {};
    const now = new Date();
    try {
      const moved = await fireSubjectEvent(projectEnv(tx, ctx, project, now), obj, event, { role: ctx.actor.role, reason, input });
      await recordAudit(tx, originOf(ctx), {
        action: `tranche.${event}`,
        targetType: 'tranche',
        targetId: row.t.id,
        projectId: row.t.projectId,
        summary: { event, from: obj.state, to: moved.state, amountFen: row.t.amountFen, ...(reason ? { reason } : {}), ...(typeof input.voucherNo === 'string' ? { voucherNo: input.voucherNo } : {}) },
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'STAGE_NOT_ALLOWED') {
        const [last] = await tx
          .select({ event: workflowTransitions.event })
          .from(workflowTransitions)
          .where(and(eq(workflowTransitions.objectType, 'tranche'), eq(workflowTransitions.objectId, obj.id)))
          .orderBy(desc(workflowTransitions.id))
          .limit(1);
        if (last?.event === event) {
          throw new AppError('ALREADY_SUBMITTED', {
            message: event === 'pay' ? { zh: '该笔资金已登记拨付，请勿重复登记', en: 'This tranche was already recorded as paid' } : undefined,
            details: { state: obj.state, event },
          });
        }
      }
      throw e;
    }
    return false;
  });
  return { detail: await trancheDetail(db, ctx.actor, id), replayed };
}

// ---- export ------------------------------------------------------------------------------------------

export const TRANCHE_EXPORT_LIMIT = 20_000;

export async function trancheWorkbook(db: DbOrTx, actor: Actor, q: Omit<TrancheQuery, 'page' | 'pageSize'>, locale: Locale): Promise<Buffer> {
  assertMayExport(actor);
  const where = whereOf(actor, q);
  const totals = await trancheTotals(db, where);
  if (totals.count > TRANCHE_EXPORT_LIMIT) {
    throw new AppError('INPUT_INVALID', {
      message: { zh: `导出不超过 ${TRANCHE_EXPORT_LIMIT} 条，请缩小筛选范围`, en: `Exports hold at most ${TRANCHE_EXPORT_LIMIT} rows; narrow the filters` },
    });
  }
  const rows = await baseSelect(db).where(where).orderBy(desc(disbursementTranches.createdAt), desc(disbursementTranches.id)).limit(TRANCHE_EXPORT_LIMIT);
  const list = await views(db, actor, rows);
  const zh = locale !== 'en';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh ? '资金拨付' : 'Disbursements');
  ws.columns = [
    { header: zh ? '备案编号' : 'Filing no.', key: 'filingNo', width: 18 },
    { header: zh ? '企业' : 'Enterprise', key: 'enterprise', width: 30 },
    { header: zh ? '镇街' : 'Town', key: 'town', width: 12 },
    { header: zh ? '类别' : 'Line', key: 'line', width: 12 },
    { header: zh ? '预算池' : 'Pool', key: 'pool', width: 22 },
    { header: zh ? '资金来源' : 'Fund source', key: 'source', width: 10 },
    { header: zh ? '金额（元）' : 'Amount (yuan)', key: 'amount', width: 16 },
    { header: zh ? '状态' : 'State', key: 'state', width: 10 },
    { header: zh ? '回单号' : 'Voucher no.', key: 'voucher', width: 18 },
    { header: zh ? '拨付日期' : 'Value date', key: 'paidOn', width: 12 },
    { header: zh ? '开户银行' : 'Bank', key: 'bank', width: 20 },
    { header: zh ? '账户名称' : 'Account name', key: 'accountName', width: 28 },
    { header: zh ? '银行账号' : 'Account number', key: 'accountNumber', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const v of list) {
    ws.addRow({
      filingNo: v.filingNo ?? '',
      enterprise: v.enterpriseName,
      town: pick(v.townName, locale),
      line: pick(v.lineLabel, locale),
      pool: v.poolName,
      source: pick(v.fundSourceLabel, locale),
      amount: Number(formatFenAsYuan(v.amountFen).replace(/,/g, '')),
      state: pick(v.stateLabel, locale),
      voucher: v.voucherNo ?? '',
      paidOn: v.paidOn ?? '',
      bank: v.bankAccount?.bankName ?? '',
      accountName: v.bankAccount?.accountName ?? '',
      accountNumber: v.bankAccount?.accountNumber ?? '',
    });
  }
  ws.getColumn('amount').numFmt = '#,##0.00';
  const sum = ws.addRow({ filingNo: zh ? '合计' : 'Total', enterprise: zh ? `${totals.count} 笔` : `${totals.count} tranches`, amount: totals.amountFen / 100 });
  sum.font = { bold: true };
  const paid = ws.addRow({ filingNo: zh ? '其中已拨付' : 'Of which paid', amount: totals.paidFen / 100 });
  paid.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- the project's bank account, the town's paperwork -------------------------------------------------

export async function projectBankAccount(db: DbOrTx, actor: Actor, projectId: string) {
  const project = await loadProjectFor(db, actor, projectId);
  const acc = (await currentAccounts(db, [project.enterpriseId])).get(project.enterpriseId);
  return { account: acc ? viewAccount(actor, acc) : null, onFile: !!acc };
}

/** Days in 待拨付 after which the town's missing paperwork is shown as overdue. */
export const PAPERWORK_DUE_DAYS = 10;

export const paperworkQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const paperworkRow = z.object({
  projectId: z.string(),
  filingNo: z.string().nullable(),
  projectTitle: z.string(),
  enterpriseName: z.string(),
  state: z.string(),
  stateLabel: text,
  since: z.string(),
  missing: z.array(text),
  bankAccountOnFile: z.boolean(),
  pendingTranches: z.number().int(),
  pendingFen: z.number().int(),
  overdue: z.boolean(),
});

export async function paymentPaperwork(db: DbOrTx, actor: Actor, q: z.infer<typeof paperworkQuery>) {
  const open = sql`exists (select 1 from ${disbursementTranches} dt join ${workflowObjects} wo on wo.id = dt.object_id where dt.project_id = ${projects.id} and wo.state in ('pending', 'failed'))`;
  const where = and(paperworkScope(actor), or(eq(projects.state, PAPERWORK_STATE), open))!;
  const rows = await db
    .select()
    .from(projects)
    .where(where)
    .orderBy(asc(projects.stateChangedAt), asc(projects.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(projects).where(where);
  const ids = rows.map((r) => r.id);
  const missing = await paperworkMissing(db, rows);
  const accounts = await currentAccounts(db, rows.map((r) => r.enterpriseId));
  const pending = ids.length
    ? await db
        .select({ projectId: disbursementTranches.projectId, n: count(), fen: sql<string>`coalesce(sum(${disbursementTranches.amountFen}), 0)` })
        .from(disbursementTranches)
        .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
        .where(and(inArray(disbursementTranches.projectId, ids), inArray(workflowObjects.state, ['pending', 'failed'])))
        .groupBy(disbursementTranches.projectId)
    : [];
  const now = Date.now();
  return {
    items: rows.map((p) => {
      const st = getState(tableFor(p.workflowVersion), p.state);
      const m = missing.get(p.id) ?? [];
      const pend = pending.find((x) => x.projectId === p.id);
      return {
        projectId: p.id,
        filingNo: p.filingNo,
        projectTitle: p.title,
        enterpriseName: p.enterpriseName,
        state: p.state,
        stateLabel: st?.label ?? { zh: p.state, en: p.state },
        since: p.stateChangedAt.toISOString(),
        missing: m,
        bankAccountOnFile: accounts.has(p.enterpriseId),
        pendingTranches: Number(pend?.n ?? 0),
        pendingFen: Number(pend?.fen ?? 0),
        overdue: m.length > 0 && now - p.stateChangedAt.getTime() > PAPERWORK_DUE_DAYS * 86_400_000,
      };
    }),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export const poolOption = z.object({ id: z.string(), name: z.string(), year: z.number().int(), fundSource: z.string() });

/** The budget pools for finance's filter (newest year first). */
export async function poolOptions(db: DbOrTx, actor: Actor) {
  assertMayExport(actor);
  const rows = await db
    .select({ id: budgetPools.id, name: budgetPools.name, year: budgetPools.year, fundSource: budgetPools.fundSource })
    .from(budgetPools)
    .orderBy(desc(budgetPools.year), asc(budgetPools.fundSource))
    .limit(200);
  return rows;
}
