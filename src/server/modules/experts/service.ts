/**
 * 专家评审: the bureau assigns review experts to an application in the expert step and withdraws them; each expert
 * declares (no conflict of interest, or recuses with a reason), scores against the rubric (drafts saved, one
 * submission) and recommends an amount no higher than the platform's suggestion; the bureau reads every expert's
 * result and the statistics (mean, spread, outliers). Access is decided in policy.ts.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { expertReviews, materials, organizations, projects, subsidyApplications, subsidyInvoices, subsidyPayments, users, workflowObjects } from '../../../db/schema';
import { RUBRIC, RUBRIC_MAX, expertStats, rubricTotal, type ExpertStats, type ScoreProblem } from '../../../core/subsidy/rubric';
import { shanghaiDate } from '../../../core/calendar';
import type { Locale, Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { enqueueNotification } from '../../notifications/outbox';
import { tableFor } from '../../workflow/registry';
import { EXPERT_STEP, REVIEW_KIND, loadOwnAssignment, loadReviewForBureau, type AssignmentRow, type ExpertAccess } from './policy';

/** Days an expert has for a review, from the assignment. */
export const EXPERT_REVIEW_DAYS = 7;

export type AssignmentStatus = 'toDeclare' | 'toScore' | 'submitted' | 'recused' | 'withdrawn';

export function statusOf(a: Pick<AssignmentRow, 'withdrawnAt' | 'recused' | 'submittedAt' | 'declaredAt'>): AssignmentStatus {
  if (a.withdrawnAt) return 'withdrawn';
  if (a.recused) return 'recused';
  if (a.submittedAt) return 'submitted';
  if (a.declaredAt) return 'toScore';
  return 'toDeclare';
}

export function dueOnOf(assignedAt: Date): string {
  return shanghaiDate(new Date(assignedAt.getTime() + EXPERT_REVIEW_DAYS * 86_400_000));
}

const tx = (t: Text, locale: Locale) => (locale === 'en' ? t.en : t.zh);

export function rubricView(locale: Locale) {
  return { max: RUBRIC_MAX, items: RUBRIC.map((i) => ({ id: i.id, label: tx(i.label, locale), max: i.max, guidance: tx(i.guidance, locale) })) };
}

function scoreError(problems: readonly ScoreProblem[]): AppError {
  const first = problems[0]!;
  return new AppError('VALIDATION_FAILED', {
    message: first.message,
    details: { reason: 'SCORE_INVALID', fields: problems.map((p) => ({ path: `scores.${p.item}`, code: 'SCORE_INVALID', message: p.message.zh, messageEn: p.message.en })) },
  });
}

function fenText(fen: number): string {
  return `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
}

function checkRecommendation(fen: number | undefined | null, suggestedFen: number | null): void {
  if (fen === undefined || fen === null || suggestedFen === null) return;
  if (fen > suggestedFen) {
    throw new AppError('AMOUNT_ABOVE_SUGGESTION', {
      message: { zh: `建议支持金额不能超过系统测算的建议金额 ${fenText(suggestedFen)} 元`, en: `The recommended amount cannot exceed the suggested amount of ${fenText(suggestedFen)} yuan` },
      details: { suggestedFen, fields: [{ path: 'recommendedFen', code: 'AMOUNT_ABOVE_SUGGESTION', message: `不能超过 ${fenText(suggestedFen)} 元` }] },
    });
  }
}

// ---- the bureau ----------------------------------------------------------------------------------------

export interface ExpertAccount {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  openAssignments: number;
}

/** Active expert accounts (active users of active 'expert' organisations), by name; `q` filters name or organisation. */
export async function listExperts(db: DbOrTx, query: { q?: string; page: number; pageSize: number }): Promise<{ items: ExpertAccount[]; total: number; page: number; pageSize: number }> {
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(organizations.type, 'expert'),
    eq(organizations.active, true),
    eq(users.active, true),
    like ? or(sql`${users.name} ilike ${like}`, sql`${organizations.name} ilike ${like}`) : undefined,
  );
  const [totalRow] = await db.select({ n: count() }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(where);
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      orgId: organizations.id,
      orgName: organizations.name,
      openAssignments: sql<number>`(select count(*) from ${expertReviews} er where er.expert_user_id = ${users.id} and er.withdrawn_at is null and er.submitted_at is null and not er.recused)`,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map((r) => ({ ...r, openAssignments: Number(r.openAssignments) })), total: Number(totalRow?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

export interface ExpertSummary {
  assigned: number;
  submitted: number;
  recused: number;
  withdrawn: number;
  stats: ExpertStats;
}

/** The statistics of an application's expert reviews: only submitted, non-recused, non-withdrawn reviews count. */
export async function expertSummary(db: DbOrTx, applicationId: string): Promise<ExpertSummary> {
  const rows = await db
    .select({ id: expertReviews.id, recused: expertReviews.recused, submittedAt: expertReviews.submittedAt, withdrawnAt: expertReviews.withdrawnAt, totalScore: expertReviews.totalScore, recommendedFen: expertReviews.recommendedFen })
    .from(expertReviews)
    .where(eq(expertReviews.applicationId, applicationId));
  const live = rows.filter((r) => !r.withdrawnAt && !r.recused);
  const done = live.filter((r) => r.submittedAt && r.totalScore !== null && r.recommendedFen !== null);
  return {
    assigned: live.length,
    submitted: done.length,
    recused: rows.filter((r) => !r.withdrawnAt && r.recused).length,
    withdrawn: rows.filter((r) => r.withdrawnAt).length,
    stats: expertStats(done.map((r) => ({ id: r.id, totalScore: r.totalScore!, recommendedFen: r.recommendedFen! }))),
  };
}

export interface BureauAssignmentView {
  id: string;
  expertUserId: string;
  expertName: string;
  orgName: string;
  status: AssignmentStatus;
  assignedAt: string;
  dueOn: string;
  declaredAt: string | null;
  recusalReason: string | null;
  scores: Record<string, number> | null;
  totalScore: number | null;
  recommendedFen: number | null;
  opinion: string | null;
  submittedAt: string | null;
  withdrawnAt: string | null;
  outlier: boolean;
}

export async function reviewExperts(db: DbOrTx, actor: Actor, reviewId: string, locale: Locale) {
  const r = await loadReviewForBureau(db, actor, reviewId);
  const rows = await db
    .select({ a: expertReviews, expertName: users.name, orgName: organizations.name })
    .from(expertReviews)
    .innerJoin(users, eq(users.id, expertReviews.expertUserId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(expertReviews.applicationId, r.application.id))
    .orderBy(sql`${expertReviews.withdrawnAt} is not null`, asc(expertReviews.assignedAt), asc(expertReviews.id));
  const summary = await expertSummary(db, r.application.id);
  const outliers = new Set(summary.stats.outliers);
  const items: BureauAssignmentView[] = rows.map(({ a, expertName, orgName }) => {
    const submitted = a.submittedAt !== null;
    return {
      id: a.id,
      expertUserId: a.expertUserId,
      expertName,
      orgName,
      status: statusOf(a),
      assignedAt: a.assignedAt.toISOString(),
      dueOn: dueOnOf(a.assignedAt),
      declaredAt: a.declaredAt?.toISOString() ?? null,
      recusalReason: a.recusalReason,
      // drafts stay the expert's own until submitted
      scores: submitted ? a.scores : null,
      totalScore: submitted ? a.totalScore : null,
      recommendedFen: submitted ? a.recommendedFen : null,
      opinion: submitted ? a.opinion : null,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
      outlier: outliers.has(a.id),
    };
  });
  return {
    reviewId: r.reviewId,
    reviewState: r.reviewState,
    applicationId: r.application.id,
    canAssign: r.reviewState === EXPERT_STEP,
    suggestedFen: r.application.suggestedFen,
    rubric: rubricView(locale),
    items,
    summary,
  };
}

function notInExpertStep(): AppError {
  return new AppError('STAGE_NOT_ALLOWED', {
    message: { zh: '只有处于“专家评审”环节的申请才能分配或撤回评审专家', en: 'Experts can be assigned or withdrawn only while the application is in the expert review step' },
  });
}

/** Assigns experts (active expert accounts) to a review in the expert step; a withdrawn assignment is renewed. */
export async function assignExperts(db: DbOrTx, ctx: RequestContext, reviewId: string, userIds: readonly string[]) {
  const ids = [...new Set(userIds)];
  await db.transaction(async (t) => {
    const r = await loadReviewForBureau(t, ctx.actor, reviewId, { forUpdate: true });
    if (r.reviewState !== EXPERT_STEP) throw notInExpertStep();
    const found = await t
      .select({ id: users.id })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .where(and(inArray(users.id, ids), eq(organizations.type, 'expert'), eq(organizations.active, true), eq(users.active, true)));
    const ok = new Set(found.map((f) => f.id));
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length) {
      throw new AppError('VALIDATION_FAILED', {
        message: { zh: '所选人员不是在用的评审专家账号', en: 'Some of the chosen people are not active review expert accounts' },
        details: { reason: 'NOT_AN_EXPERT', userIds: bad, fields: [{ path: 'userIds', code: 'NOT_AN_EXPERT', message: '所选人员不是在用的评审专家账号' }] },
      });
    }
    const existing = await t.select().from(expertReviews).where(and(eq(expertReviews.applicationId, r.application.id), inArray(expertReviews.expertUserId, ids)));
    const byUser = new Map(existing.map((e) => [e.expertUserId, e]));
    const now = new Date();
    const fresh = ids.filter((id) => !byUser.has(id));
    const renewed = existing.filter((e) => e.withdrawnAt !== null);
    let created: Array<{ id: string; expertUserId: string }> = [];
    if (fresh.length) {
      created = await t
        .insert(expertReviews)
        .values(fresh.map((u) => ({ applicationId: r.application.id, projectId: r.projectId, expertUserId: u, assignedBy: ctx.actor.userId, assignedAt: now })))
        .returning({ id: expertReviews.id, expertUserId: expertReviews.expertUserId });
    }
    if (renewed.length) {
      await t
        .update(expertReviews)
        .set({ withdrawnAt: null, assignedAt: now, assignedBy: ctx.actor.userId })
        .where(inArray(expertReviews.id, renewed.map((e) => e.id)));
    }
    const notified = [...created, ...renewed.map((e) => ({ id: e.id, expertUserId: e.expertUserId }))];
    const dueOn = dueOnOf(now);
    for (const n of notified) {
      await enqueueNotification(t, {
        to: [{ userId: n.expertUserId }],
        projectId: null,
        kind: 'expertReview.assigned',
        title: { zh: `评审任务：${r.projectTitle}`, en: `Review task: ${r.projectTitle}` },
        body: {
          zh: `市工信局邀请您评审奖补申请「${r.projectTitle}」。请先声明利益冲突情况，再按评分表评分，并于 ${dueOn} 前提交。`,
          en: `The bureau asks you to review the subsidy application "${r.projectTitle}". Declare any conflict of interest first, then score it against the rubric by ${dueOn}.`,
        },
        link: `/workbench/expert-reviews/${n.id}`,
        dedupeKey: `expertReview.assigned:${n.id}:${now.getTime()}`,
      });
    }
    if (notified.length) {
      await recordAudit(t, originOf(ctx), { action: 'expertReview.assign', targetType: 'subsidyReview', targetId: reviewId, projectId: r.projectId, summary: { userIds: notified.map((n) => n.expertUserId) } });
    }
  });
  return reviewExperts(db, ctx.actor, reviewId, ctx.locale);
}

/** Withdraws an assignment (the row stays, marked) with the reason, in the expert step. */
export async function withdrawExpert(db: DbOrTx, ctx: RequestContext, reviewId: string, assignmentId: string, reason: string) {
  await db.transaction(async (t) => {
    const r = await loadReviewForBureau(t, ctx.actor, reviewId, { forUpdate: true });
    if (r.reviewState !== EXPERT_STEP) throw notInExpertStep();
    const [a] = await t.select().from(expertReviews).where(and(eq(expertReviews.id, assignmentId), eq(expertReviews.applicationId, r.application.id))).for('update');
    if (!a) throw new AppError('NOT_FOUND');
    if (a.withdrawnAt) throw new AppError('ALREADY_CONFIRMED', { message: { zh: '该专家的评审任务已撤回', en: 'This assignment has already been withdrawn' } });
    await t.update(expertReviews).set({ withdrawnAt: new Date() }).where(eq(expertReviews.id, a.id));
    await enqueueNotification(t, {
      to: [{ userId: a.expertUserId }],
      projectId: null,
      kind: 'expertReview.withdrawn',
      title: { zh: `评审任务已撤回：${r.projectTitle}`, en: `Review task withdrawn: ${r.projectTitle}` },
      body: { zh: `市工信局撤回了「${r.projectTitle}」的评审任务。原因：${reason}`, en: `The bureau withdrew the review of "${r.projectTitle}". Reason: ${reason}` },
      link: '/workbench',
    });
    await recordAudit(t, originOf(ctx), { action: 'expertReview.withdraw', targetType: 'expertReview', targetId: a.id, projectId: r.projectId, summary: { expertUserId: a.expertUserId, reason } });
  });
  return reviewExperts(db, ctx.actor, reviewId, ctx.locale);
}

// ---- the expert ----------------------------------------------------------------------------------------

export interface ExpertTaskRow {
  id: string;
  projectTitle: string;
  enterpriseName: string;
  filingNo: string | null;
  status: AssignmentStatus;
  assignedAt: string;
  dueOn: string;
  overdue: boolean;
  active: boolean;
  submittedAt: string | null;
}

/**
 * The caller's own assignments: those whose review is in the expert step, and those already submitted (read-only
 * afterwards); what is still to do first, then by due date.
 */
export async function myAssignments(db: DbOrTx, actor: Actor, query: { status?: 'open' | 'done'; page: number; pageSize: number }, now = new Date()) {
  if (actor.orgType !== 'expert') throw new AppError('FORBIDDEN_ROLE');
  const open = and(eq(workflowObjects.state, EXPERT_STEP), isNull(expertReviews.submittedAt), eq(expertReviews.recused, false));
  const visible = or(eq(workflowObjects.state, EXPERT_STEP), sql`${expertReviews.submittedAt} is not null`);
  const where = and(
    eq(expertReviews.expertUserId, actor.userId),
    isNull(expertReviews.withdrawnAt),
    visible,
    query.status === 'open' ? open : query.status === 'done' ? sql`not (${open})` : undefined,
  );
  const base = () =>
    db
      .select({ n: count() })
      .from(expertReviews)
      .innerJoin(subsidyApplications, eq(subsidyApplications.id, expertReviews.applicationId))
      .innerJoin(workflowObjects, and(eq(workflowObjects.id, subsidyApplications.reviewObjectId), eq(workflowObjects.kind, REVIEW_KIND)))
      .where(where);
  const [totalRow] = await base();
  const rows = await db
    .select({ a: expertReviews, state: workflowObjects.state, title: projects.title, enterpriseName: projects.enterpriseName, filingNo: projects.filingNo })
    .from(expertReviews)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, expertReviews.applicationId))
    .innerJoin(workflowObjects, and(eq(workflowObjects.id, subsidyApplications.reviewObjectId), eq(workflowObjects.kind, REVIEW_KIND)))
    .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
    .where(where)
    .orderBy(sql`case when ${open} then 0 else 1 end`, asc(expertReviews.assignedAt), desc(expertReviews.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const today = shanghaiDate(now);
  const items: ExpertTaskRow[] = rows.map(({ a, state, title, enterpriseName, filingNo }) => {
    const status = statusOf(a);
    const dueOn = dueOnOf(a.assignedAt);
    const active = state === EXPERT_STEP;
    return {
      id: a.id,
      projectTitle: title,
      enterpriseName,
      filingNo,
      status,
      assignedAt: a.assignedAt.toISOString(),
      dueOn,
      overdue: active && (status === 'toDeclare' || status === 'toScore') && dueOn < today,
      active,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    };
  });
  return { items, total: Number(totalRow?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/** The facts an expert needs to review the application (only once they have declared no conflict). */
async function caseFacts(db: DbOrTx, access: ExpertAccess, locale: Locale) {
  const appId = access.application.id;
  const [invoices, payments, files] = await Promise.all([
    db.select().from(subsidyInvoices).where(eq(subsidyInvoices.applicationId, appId)).orderBy(asc(subsidyInvoices.position), asc(subsidyInvoices.issuedOn)),
    db.select().from(subsidyPayments).where(eq(subsidyPayments.applicationId, appId)).orderBy(asc(subsidyPayments.position), asc(subsidyPayments.paidOn)),
    db
      .select({ id: materials.id, slotKey: materials.slotKey, fileName: materials.fileName, size: materials.size, kind: materials.kind, uploadedAt: materials.uploadedAt })
      .from(materials)
      .where(and(eq(materials.projectId, access.project.id), eq(materials.objectType, 'project'), isNull(materials.supersededAt), isNull(materials.removedAt)))
      .orderBy(asc(materials.slotKey), asc(materials.id)),
  ]);
  const labels = new Map<string, Text>();
  for (const s of tableFor(access.project.workflowVersion).states) for (const m of s.materials) if (!labels.has(m.key)) labels.set(m.key, m.label);
  return {
    calculation: access.application.calculation,
    verifiedInvestmentFen: access.application.verifiedInvestmentFen,
    suggestedFen: access.application.suggestedFen,
    otherFundingFen: access.application.otherFundingFen,
    invoices: invoices.map((i) => ({ id: i.id, number: i.number, issuedOn: i.issuedOn, amountFen: i.amountFen, taxFen: i.taxFen, costClass: i.costClass, seller: i.seller, description: i.description })),
    payments: payments.map((p) => ({ id: p.id, paidOn: p.paidOn, amountFen: p.amountFen, payee: p.payee, reference: p.reference })),
    materials: files.map((f) => {
      const label = labels.get(f.slotKey);
      return { id: String(f.id), slotKey: f.slotKey, slotLabel: label ? tx(label, locale) : f.slotKey, fileName: f.fileName, size: Number(f.size), kind: f.kind, uploadedAt: f.uploadedAt.toISOString() };
    }),
  };
}

export type ExpertCaseFacts = Awaited<ReturnType<typeof caseFacts>>;

/** The caller's assignment: during the step the case (after the declaration), afterwards their own submitted review only. */
export async function myAssignment(db: DbOrTx, actor: Actor, id: string, locale: Locale, now = new Date()) {
  const access = await loadOwnAssignment(db, actor, id);
  const a = access.assignment;
  const status = statusOf(a);
  const dueOn = dueOnOf(a.assignedAt);
  const readOnly = !access.active || a.submittedAt !== null || a.recused;
  const mayRead = access.active && a.declaredAt !== null && !a.recused;
  return {
    id: a.id,
    status,
    active: access.active,
    readOnly,
    project: { title: access.project.title, enterpriseName: access.project.enterpriseName, filingNo: access.project.filingNo },
    assignedAt: a.assignedAt.toISOString(),
    dueOn,
    overdue: access.active && (status === 'toDeclare' || status === 'toScore') && dueOn < shanghaiDate(now),
    declaredAt: a.declaredAt?.toISOString() ?? null,
    recusalReason: a.recusalReason,
    scores: a.scores,
    totalScore: a.totalScore,
    recommendedFen: a.recommendedFen,
    opinion: a.opinion,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    suggestedFen: access.active ? access.application.suggestedFen : null,
    rubric: rubricView(locale),
    facts: mayRead ? await caseFacts(db, access, locale) : null,
  };
}

export type Declaration = { noConflict: true } | { noConflict: false; reason: string };

/** The conflict-of-interest declaration, once: no conflict (the case opens) or a recusal with its reason. */
export async function declare(db: DbOrTx, ctx: RequestContext, id: string, body: Declaration) {
  await db.transaction(async (t) => {
    const access = await loadOwnAssignment(t, ctx.actor, id, { forUpdate: true, mustBeActive: true });
    if (access.assignment.declaredAt) throw new AppError('ALREADY_CONFIRMED', { message: { zh: '已作出利益冲突声明，请勿重复声明', en: 'You have already made your declaration' } });
    const recused = !body.noConflict;
    await t
      .update(expertReviews)
      .set({ declaredAt: new Date(), recused, recusalReason: body.noConflict ? null : body.reason })
      .where(eq(expertReviews.id, id));
    await recordAudit(t, originOf(ctx), { action: recused ? 'expertReview.recuse' : 'expertReview.declare', targetType: 'expertReview', targetId: id, projectId: access.project.id, summary: recused ? { reason: body.noConflict ? null : body.reason } : {} });
    if (recused) {
      await enqueueNotification(t, {
        to: [{ bureau: ['admin', 'reviewer'] }],
        projectId: access.project.id,
        kind: 'expertReview.recused',
        title: { zh: `评审专家申请回避：${access.project.title}`, en: `An expert recused: ${access.project.title}` },
        body: {
          zh: `${ctx.actor.name}声明与「${access.project.title}」存在利益冲突并回避评审。原因：${body.noConflict ? '' : body.reason}。如需要，请另行分配专家。`,
          en: `${ctx.actor.name} declared a conflict of interest with "${access.project.title}" and recused. Reason: ${body.noConflict ? '' : body.reason}. Assign another expert if needed.`,
        },
        link: '/workbench/subsidy-review',
        excludeUserId: ctx.actor.userId,
      });
    }
  });
  return myAssignment(db, ctx.actor, id, ctx.locale);
}

export interface ReviewInput {
  scores?: Record<string, number>;
  recommendedFen?: number | null;
  opinion?: string | null;
}

async function writable(t: DbOrTx, actor: Actor, id: string): Promise<ExpertAccess> {
  const access = await loadOwnAssignment(t, actor, id, { forUpdate: true, mustBeActive: true });
  const a = access.assignment;
  if (a.recused) throw new AppError('CONFLICT_DECLARATION_REQUIRED', { message: { zh: '您已声明回避，不能评审该项目', en: 'You recused yourself; you cannot review this application' }, details: { reason: 'RECUSED' } });
  if (!a.declaredAt) throw new AppError('CONFLICT_DECLARATION_REQUIRED');
  if (a.submittedAt) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '评审意见已提交，不能再修改', en: 'Your review has been submitted and can no longer change' } });
  return access;
}

/** Saves a draft: the scores given so far (each checked against its range), the recommendation and the opinion. */
export async function saveDraft(db: DbOrTx, ctx: RequestContext, id: string, body: ReviewInput) {
  await db.transaction(async (t) => {
    const access = await writable(t, ctx.actor, id);
    const r = rubricTotal(body.scores ?? {}, { partial: true });
    if (!r.ok) throw scoreError(r.problems);
    checkRecommendation(body.recommendedFen, access.application.suggestedFen);
    await t
      .update(expertReviews)
      .set({ ...(body.scores !== undefined ? { scores: body.scores } : {}), ...(body.recommendedFen !== undefined ? { recommendedFen: body.recommendedFen } : {}), ...(body.opinion !== undefined ? { opinion: body.opinion } : {}) })
      .where(eq(expertReviews.id, id));
  });
  return myAssignment(db, ctx.actor, id, ctx.locale);
}

/** Submits the review once: every item scored, a recommendation ≤ the suggestion, an opinion. */
export async function submitReview(db: DbOrTx, ctx: RequestContext, id: string, body: { scores: Record<string, number>; recommendedFen: number; opinion: string }) {
  await db.transaction(async (t) => {
    const access = await writable(t, ctx.actor, id);
    const r = rubricTotal(body.scores);
    if (!r.ok) throw scoreError(r.problems);
    checkRecommendation(body.recommendedFen, access.application.suggestedFen);
    const updated = await t
      .update(expertReviews)
      .set({ scores: body.scores, totalScore: r.total, recommendedFen: body.recommendedFen, opinion: body.opinion, submittedAt: new Date() })
      .where(and(eq(expertReviews.id, id), isNull(expertReviews.submittedAt)))
      .returning({ id: expertReviews.id });
    if (updated.length === 0) throw new AppError('ALREADY_SUBMITTED');
    await recordAudit(t, originOf(ctx), { action: 'expertReview.submit', targetType: 'expertReview', targetId: id, projectId: access.project.id, summary: { totalScore: r.total, recommendedFen: body.recommendedFen } });
    await enqueueNotification(t, {
      to: [{ bureau: ['admin', 'reviewer'] }],
      projectId: access.project.id,
      kind: 'expertReview.submitted',
      title: { zh: `专家评审意见已提交：${access.project.title}`, en: `Expert review submitted: ${access.project.title}` },
      body: { zh: `${ctx.actor.name}提交了「${access.project.title}」的评审意见（${r.total}分）。`, en: `${ctx.actor.name} submitted a review of "${access.project.title}" (${r.total} points).` },
      link: '/workbench/subsidy-review',
      excludeUserId: ctx.actor.userId,
    });
  });
  return myAssignment(db, ctx.actor, id, ctx.locale);
}

/** A material of the assigned application, for download: only during the step, only after declaring no conflict. */
export async function materialForExpert(db: DbOrTx, actor: Actor, id: string, materialId: number) {
  const access = await loadOwnAssignment(db, actor, id, { mustBeActive: true });
  if (!access.assignment.declaredAt || access.assignment.recused) throw new AppError('CONFLICT_DECLARATION_REQUIRED');
  const [m] = await db
    .select()
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.projectId, access.project.id), eq(materials.objectType, 'project'), isNull(materials.removedAt)));
  if (!m) throw new AppError('NOT_FOUND');
  return { sha256: m.fileSha256, fileName: m.fileName, mime: m.mime, kind: m.kind, size: Number(m.size) };
}
