/**
 * The subsidy review queue and one review (镇街初审 → 市工信局审查 → 专家评审 → 局党组审议 → 公示): lists for the
 * bureau and the town offices (one query per page, no query per row), the review with its frozen computation,
 * invoices, payments, materials, history and the caller's actions, and the review's events through the runtime.
 */
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import {
  budgetPools,
  decisionBatches,
  materials,
  organizations,
  projects,
  subsidyApplications,
  subsidyInvoices,
  subsidyPayments,
  users,
  workflowObjects,
  workflowTransitions,
} from '../../../db/schema';
import { getState, type WorkflowTable } from '../../../core/workflow';
import { DEFAULT_SUBSIDY_REVIEW_STEPS, isSubsidyReviewOutcome } from '../../../core/workflow/subsidy-review';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import type { Locale, Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { tableFor } from '../../workflow/registry';
import { fireSubjectEvent, projectEnv, type WorkflowObjectRow } from '../../workflow/runtime';
import { loadGuardContext } from '../../workflow/facts';
import { expertSummary, type ExpertSummary } from '../experts/service';
import { actionsFor, type ActionView } from '../projects/workflow';
import { loadProjectFor, loadProjectForSystem } from '../projects/policy';
import { DATE_TIME_FORMAT, EXPORT_LIMIT, YUAN_FORMAT, fenToYuanNumber } from '../projects/export';
import { reviewScope } from './policy';

export const REVIEW_KIND = 'subsidyReview';
/** A step waiting longer than this many days counts as overdue in the queue's counts. */
export const OVERDUE_DAYS = 10;

export const REVIEW_STEP_IDS = DEFAULT_SUBSIDY_REVIEW_STEPS.map((s) => s.id);
export const REVIEW_OUTCOMES = ['approved', 'returned', 'rejected', 'cancelled'] as const;
export const REVIEW_SORTS = ['submittedAt', 'waiting', 'suggested', 'enterprise'] as const;

export interface QueueQuery {
  step?: string | undefined;
  outcome?: string | undefined;
  /** active (default): reviews in a step · concluded: those with an outcome · all */
  status?: 'active' | 'concluded' | 'all' | undefined;
  town?: string | undefined;
  keyword?: string | undefined;
  /** A batch id, or 'none' for applications not in any batch. */
  batch?: string | undefined;
  sort?: (typeof REVIEW_SORTS)[number] | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export interface QueueItem {
  id: string;
  applicationId: string;
  projectId: string;
  round: number;
  filingNo: string | null;
  enterpriseName: string;
  projectTitle: string;
  townCode: string;
  step: string;
  stepLabel: Text;
  tone: string;
  concluded: boolean;
  suggestedFen: number | null;
  approvedFen: number | null;
  submittedAt: string | null;
  stepSince: string;
  waitingDays: number;
  overdue: boolean;
  batchId: string | null;
  batchName: string | null;
}

function scopeOrRefuse(actor: Actor): SQL | undefined {
  const scope = reviewScope(actor);
  if (scope === null) throw new AppError('FORBIDDEN_ROLE');
  return scope;
}

function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function queueWhere(actor: Actor, q: Omit<QueueQuery, 'page' | 'pageSize'>): SQL | undefined {
  const status = q.status ?? (q.outcome ? 'concluded' : 'active');
  const keyword = q.keyword?.trim();
  return and(
    eq(workflowObjects.kind, REVIEW_KIND),
    scopeOrRefuse(actor),
    status === 'active' ? inArray(workflowObjects.state, REVIEW_STEP_IDS) : undefined,
    status === 'concluded' ? inArray(workflowObjects.state, [...REVIEW_OUTCOMES]) : undefined,
    q.step ? eq(workflowObjects.state, q.step) : undefined,
    q.outcome ? eq(workflowObjects.state, q.outcome) : undefined,
    q.town ? eq(projects.townCode, q.town) : undefined,
    keyword ? or(ilike(projects.enterpriseName, likePattern(keyword)), ilike(projects.title, likePattern(keyword)), ilike(projects.filingNo, likePattern(keyword))) : undefined,
    q.batch === 'none' ? isNull(subsidyApplications.batchId) : q.batch ? eq(subsidyApplications.batchId, q.batch) : undefined,
  );
}

const queueColumns = {
  e: workflowObjects,
  applicationId: subsidyApplications.id,
  round: subsidyApplications.round,
  suggestedFen: subsidyApplications.suggestedFen,
  approvedFen: subsidyApplications.approvedFen,
  submittedAt: subsidyApplications.submittedAt,
  batchId: subsidyApplications.batchId,
  batchName: decisionBatches.name,
  filingNo: projects.filingNo,
  enterpriseName: projects.enterpriseName,
  projectTitle: projects.title,
  townCode: projects.townCode,
};

function queueSelect(db: DbOrTx) {
  return db
    .select(queueColumns)
    .from(workflowObjects)
    .innerJoin(subsidyApplications, eq(subsidyApplications.reviewObjectId, workflowObjects.id))
    .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
    .leftJoin(decisionBatches, eq(decisionBatches.id, subsidyApplications.batchId));
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof queueSelect>['where']>>[number];

function orderOf(q: Pick<QueueQuery, 'sort' | 'order'>): SQL[] {
  const dir = q.order === 'asc' ? asc : desc;
  switch (q.sort) {
    case 'waiting':
      // The longest waiting first when descending.
      return [q.order === 'asc' ? desc(workflowObjects.stateChangedAt) : asc(workflowObjects.stateChangedAt), asc(workflowObjects.id)];
    case 'suggested':
      return [dir(subsidyApplications.suggestedFen), asc(workflowObjects.id)];
    case 'enterprise':
      return [dir(projects.enterpriseName), asc(workflowObjects.id)];
    default:
      return [dir(subsidyApplications.submittedAt), desc(workflowObjects.id)];
  }
}

function itemOf(r: QueueRow, now: Date): QueueItem {
  const table = tableFor(r.e.workflowVersion);
  const st = getState(table, r.e.state);
  const since = r.e.stateChangedAt;
  const waitingDays = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
  const concluded = isSubsidyReviewOutcome(r.e.state);
  return {
    id: r.e.id,
    applicationId: r.applicationId,
    projectId: r.e.projectId ?? '',
    round: r.round,
    filingNo: r.filingNo,
    enterpriseName: r.enterpriseName,
    projectTitle: r.projectTitle,
    townCode: r.townCode,
    step: r.e.state,
    stepLabel: st?.label ?? { zh: r.e.state, en: r.e.state },
    tone: st?.tone ?? 'waiting',
    concluded,
    suggestedFen: r.suggestedFen,
    approvedFen: r.approvedFen,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    stepSince: since.toISOString(),
    waitingDays,
    overdue: !concluded && waitingDays > OVERDUE_DAYS,
    batchId: r.batchId,
    batchName: r.batchName,
  };
}

export async function listReviews(db: DbOrTx, actor: Actor, q: QueueQuery) {
  const where = queueWhere(actor, q);
  const now = new Date();
  const overdueBefore = new Date(now.getTime() - OVERDUE_DAYS * 86_400_000);
  const [rows, [total], counted] = await Promise.all([
    queueSelect(db)
      .where(where)
      .orderBy(...orderOf(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(workflowObjects)
      .innerJoin(subsidyApplications, eq(subsidyApplications.reviewObjectId, workflowObjects.id))
      .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
      .where(where),
    // The counts per step of everything the caller sees in a step (the tabs and the overdue figure).
    db
      .select({ state: workflowObjects.state, n: count(), overdue: sql<number>`count(*) filter (where ${lt(workflowObjects.stateChangedAt, overdueBefore)})` })
      .from(workflowObjects)
      .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
      .where(and(eq(workflowObjects.kind, REVIEW_KIND), scopeOrRefuse(actor), inArray(workflowObjects.state, REVIEW_STEP_IDS)))
      .groupBy(workflowObjects.state),
  ]);
  const byStep: Record<string, number> = Object.fromEntries(REVIEW_STEP_IDS.map((s) => [s, 0]));
  let overdue = 0;
  for (const c of counted) {
    byStep[c.state] = Number(c.n);
    overdue += Number(c.overdue);
  }
  return {
    items: rows.map((r) => itemOf(r, now)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    counts: { byStep, waiting: Object.values(byStep).reduce((a, b) => a + b, 0), overdue },
    steps: DEFAULT_SUBSIDY_REVIEW_STEPS.map((s) => ({ id: s.id, label: s.label })),
  };
}

/** The XLSX of the filtered queue (every matching row up to the export limit), amounts in yuan with a total. */
export async function reviewsWorkbook(db: DbOrTx, actor: Actor, q: Omit<QueueQuery, 'page' | 'pageSize'>, locale: Locale): Promise<Buffer> {
  const fetched = await queueSelect(db)
    .where(queueWhere(actor, q))
    .orderBy(...orderOf(q))
    .limit(EXPORT_LIMIT + 1);
  const truncated = fetched.length > EXPORT_LIMIT;
  const now = new Date();
  const rows = (truncated ? fetched.slice(0, EXPORT_LIMIT) : fetched).map((r) => itemOf(r, now));
  const en = locale === 'en';
  const pick = (t: Text) => (en ? t.en : t.zh);
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';
  const ws = wb.addWorksheet(en ? 'Subsidy reviews' : '奖补审核');
  ws.columns = [
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterpriseName', width: 34 },
    { header: en ? 'Project' : '项目名称', key: 'projectTitle', width: 40 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 14 },
    { header: en ? 'Step' : '审核环节', key: 'step', width: 18 },
    { header: en ? 'Days in step' : '本环节停留（天）', key: 'waitingDays', width: 12 },
    { header: en ? 'Suggested (yuan)' : '建议金额（元）', key: 'suggested', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Approved (yuan)' : '审定金额（元）', key: 'approved', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Submitted (Asia/Shanghai)' : '提交时间（北京时间）', key: 'submittedAt', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    { header: en ? 'Decision batch' : '审议批次', key: 'batch', width: 24 },
  ];
  let suggested = 0;
  let approved = 0;
  for (const r of rows) {
    suggested += r.suggestedFen ?? 0;
    approved += r.approvedFen ?? 0;
    const town = getTown(r.townCode);
    ws.addRow({
      filingNo: r.filingNo ?? '',
      enterpriseName: r.enterpriseName,
      projectTitle: r.projectTitle,
      town: town ? pick(townDisplayName(town)) : r.townCode,
      step: pick(r.stepLabel),
      waitingDays: r.concluded ? null : r.waitingDays,
      suggested: r.suggestedFen === null ? null : fenToYuanNumber(r.suggestedFen),
      approved: r.approvedFen === null ? null : fenToYuanNumber(r.approvedFen),
      // Shanghai wall-clock time as the cell's date.
      submittedAt: r.submittedAt ? new Date(Date.parse(r.submittedAt) + 8 * 3_600_000) : null,
      batch: r.batchName ?? '',
    });
  }
  ws.getRow(1).font = { bold: true };
  const last = rows.length + 1;
  const sCol = ws.getColumn('suggested').letter;
  const aCol = ws.getColumn('approved').letter;
  const totals = ws.addRow({
    filingNo: en ? `Total (${rows.length})` : `合计（${rows.length} 项）`,
    suggested: rows.length ? { formula: `SUM(${sCol}2:${sCol}${last})`, result: fenToYuanNumber(suggested) } : 0,
    approved: rows.length ? { formula: `SUM(${aCol}2:${aCol}${last})`, result: fenToYuanNumber(approved) } : 0,
  });
  totals.font = { bold: true };
  if (truncated) {
    ws.addRow({ filingNo: en ? `Only the first ${EXPORT_LIMIT} rows are exported; narrow the filter.` : `仅导出前 ${EXPORT_LIMIT} 行，请缩小筛选范围。` }).font = { italic: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(last, 1), column: ws.columns.length } };
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---- one review --------------------------------------------------------------------------------------------

/** The review the actor may see (another town's, or a caller who sees none: 404), optionally locked. */
export async function loadReview(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<WorkflowObjectRow> {
  const scope = reviewScope(actor);
  if (scope === null) throw new AppError('NOT_FOUND');
  const [found] = await db
    .select({ id: workflowObjects.id })
    .from(workflowObjects)
    .innerJoin(projects, eq(projects.id, workflowObjects.projectId))
    .where(and(eq(workflowObjects.id, id), eq(workflowObjects.kind, REVIEW_KIND), scope));
  if (!found) throw new AppError('NOT_FOUND');
  const q = db.select().from(workflowObjects).where(eq(workflowObjects.id, found.id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function slotLabels(table: WorkflowTable): Map<string, Text> {
  const out = new Map<string, Text>();
  for (const s of table.states) for (const m of s.materials) if (!out.has(m.key)) out.set(m.key, m.label);
  return out;
}

export interface ReviewDetail extends QueueItem {
  hint: Text | null;
  application: {
    id: string;
    round: number;
    policyId: string | null;
    calculation: Record<string, unknown> | null;
    verifiedInvestmentFen: number | null;
    suggestedFen: number | null;
    approvedFen: number | null;
    poolId: string | null;
    poolName: string | null;
    decidedAt: string | null;
    declarations: Record<string, unknown>;
    otherFundingFen: number;
    otherFundingNote: string | null;
    invoices: Array<{ id: string; number: string; issuedOn: string; amountFen: number; taxFen: number; costClass: string; seller: string | null; description: string | null }>;
    payments: Array<{ id: string; paidOn: string; amountFen: number; payee: string | null; reference: string | null }>;
  };
  materials: Array<{ id: string; slotKey: string; slotLabel: Text | null; fileName: string; size: number; uploadedAt: string }>;
  history: Array<{ id: number; event: string; eventLabel: Text; from: string; fromLabel: Text; to: string; toLabel: Text; role: string; actorName: string | null; orgName: string | null; reason: string | null; input: Record<string, unknown>; at: string }>;
  publicity: { announcementId: string | null; startedOn: string | null; endsOn: string | null };
  returnReason: string | null;
  actions: ActionView[];
  expertSummary: ExpertSummary;
}

export async function reviewDetail(db: DbOrTx, actor: Actor, id: string): Promise<ReviewDetail> {
  const review = await loadReview(db, actor, id);
  const [row] = await queueSelect(db).where(eq(workflowObjects.id, review.id));
  if (!row) throw new AppError('NOT_FOUND');
  const now = new Date();
  const item = itemOf(row, now);
  const table = tableFor(review.workflowVersion);
  const project = await loadProjectFor(db, actor, item.projectId);
  const projectTable = tableFor(project.workflowVersion);
  const [[app], invoices, payments, files, history, context] = await Promise.all([
    db
      .select({ a: subsidyApplications, poolName: budgetPools.name })
      .from(subsidyApplications)
      .leftJoin(budgetPools, eq(budgetPools.id, subsidyApplications.poolId))
      .where(eq(subsidyApplications.id, item.applicationId)),
    db.select().from(subsidyInvoices).where(eq(subsidyInvoices.applicationId, item.applicationId)).orderBy(asc(subsidyInvoices.position), asc(subsidyInvoices.issuedOn)),
    db.select().from(subsidyPayments).where(eq(subsidyPayments.applicationId, item.applicationId)).orderBy(asc(subsidyPayments.position), asc(subsidyPayments.paidOn)),
    db
      .select({ id: materials.id, slotKey: materials.slotKey, fileName: materials.fileName, size: materials.size, uploadedAt: materials.uploadedAt })
      .from(materials)
      .where(and(eq(materials.objectType, 'project'), eq(materials.objectId, project.id), isNull(materials.supersededAt), isNull(materials.removedAt)))
      .orderBy(asc(materials.slotKey), asc(materials.id)),
    db
      .select({ t: workflowTransitions, actorName: users.name, orgName: organizations.name })
      .from(workflowTransitions)
      .leftJoin(users, eq(users.id, workflowTransitions.actorUserId))
      .leftJoin(organizations, eq(organizations.id, workflowTransitions.actorOrgId))
      .where(and(eq(workflowTransitions.objectType, REVIEW_KIND), eq(workflowTransitions.objectId, review.id)))
      .orderBy(asc(workflowTransitions.id)),
    loadGuardContext(table, review.state, { tx: db, project, actorOrgId: actor.orgId, input: {} }, { reason: null }),
  ]);
  if (!app) throw new AppError('NOT_FOUND');
  const a = app.a;
  const labels = slotLabels(projectTable);
  const stateLabel = (s: string): Text => getState(table, s)?.label ?? { zh: s, en: s };
  const st = getState(table, review.state);
  const data = review.data;
  return {
    ...item,
    hint: st?.hints?.[actor.role] ?? null,
    application: {
      id: a.id,
      round: a.round,
      policyId: a.policyId,
      calculation: a.calculation ?? null,
      verifiedInvestmentFen: a.verifiedInvestmentFen,
      suggestedFen: a.suggestedFen,
      approvedFen: a.approvedFen,
      poolId: a.poolId,
      poolName: app.poolName,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      declarations: a.declarations,
      otherFundingFen: a.otherFundingFen,
      otherFundingNote: a.otherFundingNote,
      invoices: invoices.map((i) => ({ id: i.id, number: i.number, issuedOn: i.issuedOn, amountFen: i.amountFen, taxFen: i.taxFen, costClass: i.costClass, seller: i.seller, description: i.description })),
      payments: payments.map((p) => ({ id: p.id, paidOn: p.paidOn, amountFen: p.amountFen, payee: p.payee, reference: p.reference })),
    },
    materials: files.map((f) => ({ id: String(f.id), slotKey: f.slotKey, slotLabel: labels.get(f.slotKey) ?? null, fileName: f.fileName, size: Number(f.size), uploadedAt: f.uploadedAt.toISOString() })),
    history: history.map(({ t, actorName, orgName }) => {
      const input = { ...(t.input as Record<string, unknown>) };
      const reason = typeof input.reason === 'string' ? input.reason : null;
      delete input.reason;
      return {
        id: Number(t.id),
        event: t.event,
        eventLabel: table.states.flatMap((s) => s.transitions).find((x) => x.event === t.event && x.to === t.toState)?.label ?? { zh: t.event, en: t.event },
        from: t.fromState,
        fromLabel: stateLabel(t.fromState),
        to: t.toState,
        toLabel: stateLabel(t.toState),
        role: t.actorRole,
        actorName,
        orgName,
        reason,
        input,
        at: t.at.toISOString(),
      };
    }),
    publicity: {
      announcementId: typeof data.announcementId === 'string' ? data.announcementId : null,
      startedOn: typeof data.publicityStartedOn === 'string' ? data.publicityStartedOn : null,
      endsOn: typeof data.publicityEndsOn === 'string' ? data.publicityEndsOn : null,
    },
    returnReason: typeof data.returnReason === 'string' ? data.returnReason : null,
    actions: actionsFor(table, { ...project, state: review.state }, actor.role, context),
    expertSummary: await expertSummary(db, a.id),
  };
}

export interface ReviewEventBody {
  /** The step the caller saw (the UI sends it): another step now means the action was already done. */
  step?: string | undefined;
  reason?: string | undefined;
  input?: Record<string, unknown> | undefined;
}

/**
 * Fires a review event in one transaction: the project locked first (as every transition does), then the review
 * object. An action on a step that has moved on since the caller saw it (`step`; a double click, a second tab),
 * or a repeat of the caller's own last action, is ALREADY_SUBMITTED: it never moves twice.
 */
export async function fireReviewEvent(tx: DbOrTx, ctx: RequestContext, id: string, event: string, body: ReviewEventBody): Promise<WorkflowObjectRow> {
  const seen = await loadReview(tx, ctx.actor, id);
  if (!seen.projectId) throw new AppError('NOT_FOUND');
  const project = await loadProjectForSystem(tx, seen.projectId);
  const [locked] = await tx.select().from(workflowObjects).where(eq(workflowObjects.id, seen.id)).for('update');
  if (!locked) throw new AppError('NOT_FOUND');
  if (body.step && body.step !== locked.state) {
    throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该环节已办理，请刷新后查看', en: 'This step was already concluded; refresh to see it' }, details: { event, state: locked.state } });
  }
  const now = new Date();
  const reason = body.reason?.trim() ? body.reason.trim() : null;
  try {
    const moved = await fireSubjectEvent(projectEnv(tx, ctx, project, now), locked, event, {
      role: ctx.actor.role,
      reason,
      ...(body.input ? { input: body.input } : {}),
      data: { lastDecision: { event, reason, at: now.toISOString(), by: ctx.actor.orgName } },
    });
    await recordAudit(tx, originOf(ctx), {
      action: `subsidyReview.${event}`,
      targetType: REVIEW_KIND,
      targetId: locked.id,
      projectId: locked.projectId,
      summary: { event, from: locked.state, to: moved.state, ...(reason ? { reason } : {}), ...(body.input ? { input: body.input } : {}) },
    });
    return moved;
  } catch (err) {
    if (err instanceof AppError && err.code === 'STAGE_NOT_ALLOWED') {
      const [last] = await tx
        .select({ event: workflowTransitions.event, actorUserId: workflowTransitions.actorUserId })
        .from(workflowTransitions)
        .where(and(eq(workflowTransitions.objectType, REVIEW_KIND), eq(workflowTransitions.objectId, locked.id)))
        .orderBy(desc(workflowTransitions.id))
        .limit(1);
      if (last && last.event === event && last.actorUserId === ctx.actor.userId) {
        throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该环节您已办理，请勿重复提交', en: 'You already did this step' }, details: { event, state: locked.state } });
      }
    }
    throw err;
  }
}

export async function reviewEvent(db: DbOrTx, ctx: RequestContext, id: string, event: string, body: ReviewEventBody): Promise<ReviewDetail> {
  await db.transaction(async (tx) => {
    await fireReviewEvent(tx, ctx, id, event, body);
  });
  return reviewDetail(db, ctx.actor, id);
}

/** The pools a decision may commit against, with what is left in each. */
export async function poolOptions(db: DbOrTx) {
  const rows = await db.select().from(budgetPools).orderBy(desc(budgetPools.year), asc(budgetPools.fundSource)).limit(100);
  return rows.map((p) => ({ id: p.id, name: p.name, year: p.year, fundSource: p.fundSource, totalFen: p.totalFen, committedFen: p.committedFen, paidFen: p.paidFen, remainingFen: p.totalFen - p.committedFen }));
}
