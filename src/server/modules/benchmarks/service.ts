/**
 * Benchmarks (标杆): every institution recommendation becomes a benchmark object (kind 'benchmark',
 * zs-benchmark-v1, starting `recommended`) with its `benchmarks` row; the bureau lists and reviews them, designates
 * 数字化车间 / 智能车间 (published on the portal) or declines, and the administrator approves an award on its own
 * line. Every move goes through the runtime (`fireSubjectEvent`) with the project and the object locked.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { benchmarkRecommendations, benchmarks, budgetPools, contracts, organizations, projects, subsidyPolicies, users, workflowObjects, workflowTransitions } from '../../../db/schema';
import { availableEvents, getState, hintFor, makeGuardContext, type Transition } from '../../../core/workflow';
import { benchmarkPayable, policyInForce, subsidyPolicyRulesSchema, type ComputationStep, type SubsidyPolicy } from '../../../core/subsidy';
import type { Text } from '../../../core/text';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { todayInShanghai } from '../../deadlines/service';
import { tableFor } from '../../workflow/registry';
import { fireSubjectEvent, inputJsonSchema, parseInput, projectEnv, type WorkflowObjectRow } from '../../workflow/runtime';
import { invalidatePublicCache } from '../public/cache';
import { loadProjectForSystem } from '../projects/policy';
import { evaluationHistory } from '../evaluation/service';
import { benchmarkScope, requireBenchmarkReviewer } from './policy';
import { BENCHMARK_KIND, openBenchmark } from './open';

export { BENCHMARK_KIND, openBenchmark };

export type BenchmarkKind = 'workshop' | 'smart';

export const BENCHMARK_KIND_LABELS: Record<BenchmarkKind, Text> = {
  workshop: { zh: '数字化车间', en: 'Digital workshop' },
  smart: { zh: '智能车间', en: 'Smart workshop' },
};

const asKind = (v: unknown): BenchmarkKind => (v === 'smart' ? 'smart' : 'workshop');
const asLevel = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5 ? v : null);

// ---- opening a benchmark ------------------------------------------------------------------------------------

/**
 * Recommendations made before benchmarks were objects get theirs when the bureau lists them (a one-off catch-up,
 * each with its project locked so two lists at once open one benchmark).
 */
export async function backfillBenchmarks(db: AppDb, limit = 200): Promise<number> {
  const missing = await db
    .select({ id: benchmarkRecommendations.id, projectId: benchmarkRecommendations.projectId, kind: benchmarkRecommendations.kind, createdBy: benchmarkRecommendations.createdBy })
    .from(benchmarkRecommendations)
    .leftJoin(benchmarks, eq(benchmarks.recommendationId, benchmarkRecommendations.id))
    .where(isNull(benchmarks.id))
    .orderBy(asc(benchmarkRecommendations.id))
    .limit(limit);
  for (const r of missing) {
    await db.transaction(async (tx) => {
      const p = await loadProjectForSystem(tx, r.projectId);
      await openBenchmark(tx, { projectId: p.id, enterpriseOrgId: p.enterpriseId, recommendationId: r.id, kind: r.kind, createdBy: r.createdBy });
    });
  }
  return missing.length;
}

// ---- the policy in force ------------------------------------------------------------------------------------

/** The policy version in force on `day`, its rules parsed; POLICY_NOT_IN_FORCE when there is none. */
export async function policyOn(db: DbOrTx, day: string): Promise<SubsidyPolicy> {
  const rows = await db.select().from(subsidyPolicies).where(eq(subsidyPolicies.status, 'active'));
  const policies: SubsidyPolicy[] = [];
  for (const r of rows) {
    const rules = subsidyPolicyRulesSchema.safeParse(r.rules);
    if (!rules.success) continue;
    policies.push({ id: r.id, code: r.code, version: r.version, name: r.name, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, status: r.status, rules: rules.data });
  }
  const found = policyInForce(policies, day);
  if (!found) {
    throw new AppError('POLICY_NOT_IN_FORCE', { message: { zh: `${day} 没有生效的奖补政策，请先在政策配置中发布`, en: `No subsidy policy is in force on ${day}; publish one first` }, details: { day } });
  }
  return found;
}

// ---- previous awards of an enterprise -----------------------------------------------------------------------

export interface PreviousAward {
  benchmarkId: string;
  projectId: string;
  projectTitle: string;
  kind: BenchmarkKind;
  awardFen: number;
  payableFen: number;
  approvedAt: string;
}

/** What the enterprise already received as benchmark awards (approved ones), other than `exceptId`. */
export async function previousAwards(db: DbOrTx, enterpriseOrgId: string, exceptId: string | null): Promise<PreviousAward[]> {
  const rows = await db
    .select({ b: benchmarks, projectTitle: projects.title })
    .from(benchmarks)
    .innerJoin(projects, eq(projects.id, benchmarks.projectId))
    .where(and(eq(benchmarks.enterpriseOrgId, enterpriseOrgId), isNotNull(benchmarks.awardApprovedAt), exceptId ? sql`${benchmarks.id} <> ${exceptId}` : undefined))
    .orderBy(asc(benchmarks.awardApprovedAt));
  return rows.map((r) => ({
    benchmarkId: r.b.id,
    projectId: r.b.projectId,
    projectTitle: r.projectTitle,
    kind: asKind(r.b.kind),
    awardFen: r.b.awardFen ?? 0,
    payableFen: r.b.payableFen ?? 0,
    approvedAt: r.b.awardApprovedAt?.toISOString() ?? '',
  }));
}

export interface AwardPreview {
  policy: { id: string; name: string; benchmarkMaxFen: number; benchmarkPaysDifference: boolean };
  awardFen: number;
  previousAwardFen: number;
  previous: PreviousAward[];
  payableFen: number;
  steps: ComputationStep[];
  refusal: Text | null;
}

/** The award's computation: the policy in force today, the enterprise's previous awards, the payable amount. */
export async function computeAward(db: DbOrTx, b: { id: string; enterpriseOrgId: string }, awardFen: number, now: Date): Promise<AwardPreview> {
  const policy = await policyOn(db, todayInShanghai(now));
  const previous = await previousAwards(db, b.enterpriseOrgId, b.id);
  const previousAwardFen = previous.reduce((s, p) => s + p.payableFen, 0);
  const r = benchmarkPayable(policy.rules, { awardFen, previousAwardFen });
  let refusal = r.refusal ?? null;
  if (!refusal && r.payableFen <= 0) {
    refusal = {
      zh: '该企业已获标杆奖励不低于本次奖励金额，按差额拨付应拨付为 0 元，无需再审定奖励',
      en: 'The enterprise already received at least this award; the difference payable is 0 yuan, so no award is approved',
    };
  }
  return {
    policy: { id: policy.id, name: policy.name, benchmarkMaxFen: policy.rules.benchmarkMaxFen, benchmarkPaysDifference: policy.rules.benchmarkPaysDifference },
    awardFen,
    previousAwardFen,
    previous,
    payableFen: r.payableFen,
    steps: r.steps,
    refusal,
  };
}

// ---- reading ------------------------------------------------------------------------------------------------

const summaryColumns = {
  b: benchmarks,
  state: workflowObjects.state,
  workflowVersion: workflowObjects.workflowVersion,
  stateChangedAt: workflowObjects.stateChangedAt,
  projectTitle: projects.title,
  enterpriseName: projects.enterpriseName,
  filingNo: projects.filingNo,
  townCode: projects.townCode,
  industryCode: projects.industryCode,
  reasons: benchmarkRecommendations.reasons,
  recommendedKind: benchmarkRecommendations.kind,
  institutionName: organizations.name,
};

type SummaryRow = {
  b: typeof benchmarks.$inferSelect;
  state: string;
  workflowVersion: string;
  stateChangedAt: Date;
  projectTitle: string;
  enterpriseName: string;
  filingNo: string | null;
  townCode: string;
  industryCode: string;
  reasons: string | null;
  recommendedKind: string | null;
  institutionName: string | null;
};

function summaryOf(r: SummaryRow) {
  const st = getState(tableFor(r.workflowVersion), r.state);
  const kind = asKind(r.b.kind);
  return {
    id: r.b.id,
    state: r.state,
    stateLabel: st?.label ?? { zh: r.state, en: r.state },
    tone: st?.tone ?? 'waiting',
    kind,
    kindLabel: BENCHMARK_KIND_LABELS[kind],
    recommendedKind: asKind(r.recommendedKind ?? r.b.kind),
    projectId: r.b.projectId,
    projectTitle: r.projectTitle,
    enterpriseName: r.enterpriseName,
    filingNo: r.filingNo,
    townCode: r.townCode,
    industryCode: r.industryCode,
    institutionName: r.institutionName ?? '',
    reasons: r.reasons ?? '',
    awardFen: r.b.awardFen,
    payableFen: r.b.payableFen,
    designatedAt: r.b.designatedAt?.toISOString() ?? null,
    publishedAt: r.b.publishedAt?.toISOString() ?? null,
    createdAt: r.b.createdAt.toISOString(),
    stateChangedAt: r.stateChangedAt.toISOString(),
  };
}

function selectSummaries(db: DbOrTx) {
  return db
    .select(summaryColumns)
    .from(benchmarks)
    .innerJoin(workflowObjects, eq(workflowObjects.id, benchmarks.objectId))
    .innerJoin(projects, eq(projects.id, benchmarks.projectId))
    .leftJoin(benchmarkRecommendations, eq(benchmarkRecommendations.id, benchmarks.recommendationId))
    .leftJoin(organizations, eq(organizations.id, benchmarkRecommendations.institutionOrgId));
}

/** [start, end) of a calendar year in Shanghai time. */
function yearRange(year: number): [Date, Date] {
  return [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];
}

export interface BenchmarkListQuery {
  state?: string[] | undefined;
  kind?: BenchmarkKind | undefined;
  townCode?: string | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listBenchmarks(db: AppDb, actor: Actor, q: BenchmarkListQuery) {
  requireBenchmarkReviewer(actor);
  await backfillBenchmarks(db);
  const range = q.year ? yearRange(q.year) : null;
  const where = and(
    q.state?.length ? inArray(workflowObjects.state, q.state) : undefined,
    q.kind ? eq(benchmarks.kind, q.kind) : undefined,
    q.townCode ? eq(projects.townCode, q.townCode) : undefined,
    range ? and(gte(benchmarks.createdAt, range[0]), lt(benchmarks.createdAt, range[1])) : undefined,
  );
  const [rows, [total], byState] = await Promise.all([
    selectSummaries(db)
      .where(where)
      .orderBy(desc(benchmarks.createdAt), desc(benchmarks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(benchmarks)
      .innerJoin(workflowObjects, eq(workflowObjects.id, benchmarks.objectId))
      .innerJoin(projects, eq(projects.id, benchmarks.projectId))
      .where(where),
    db
      .select({ state: workflowObjects.state, n: count() })
      .from(benchmarks)
      .innerJoin(workflowObjects, eq(workflowObjects.id, benchmarks.objectId))
      .innerJoin(projects, eq(projects.id, benchmarks.projectId))
      .where(
        and(
          q.kind ? eq(benchmarks.kind, q.kind) : undefined,
          q.townCode ? eq(projects.townCode, q.townCode) : undefined,
          range ? and(gte(benchmarks.createdAt, range[0]), lt(benchmarks.createdAt, range[1])) : undefined,
        ),
      )
      .groupBy(workflowObjects.state),
  ]);
  return {
    items: rows.map(summaryOf),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    counts: Object.fromEntries(byState.map((s) => [s.state, Number(s.n)])) as Record<string, number>,
  };
}

async function loadBenchmark(db: DbOrTx, actor: Actor, id: string): Promise<typeof benchmarks.$inferSelect> {
  const scope = benchmarkScope(actor);
  if (scope === null) throw new AppError('NOT_FOUND');
  const [row] = await db.select().from(benchmarks).where(and(eq(benchmarks.id, id), scope));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function actionsFor(obj: WorkflowObjectRow, actor: Actor) {
  const table = tableFor(obj.workflowVersion);
  return availableEvents(table, obj.state, actor.role, makeGuardContext()).map((a) => ({
    event: a.event,
    label: a.label,
    kind: a.kind,
    allowed: a.allowed,
    reasons: [...a.reasons],
    needsReason: a.needsReason,
    confirm: a.confirm ?? null,
    input: inputJsonSchema(a.input),
  }));
}

export async function benchmarkDetail(db: AppDb, actor: Actor, id: string) {
  const b = await loadBenchmark(db, actor, id);
  const [named] = await selectSummaries(db).where(eq(benchmarks.id, b.id));
  const [obj] = await db.select().from(workflowObjects).where(eq(workflowObjects.id, b.objectId));
  if (!named || !obj) throw new AppError('NOT_FOUND');
  const table = tableFor(obj.workflowVersion);
  const [rec] = b.recommendationId
    ? await db
        .select({ r: benchmarkRecommendations, institutionName: organizations.name, byName: users.name })
        .from(benchmarkRecommendations)
        .leftJoin(organizations, eq(organizations.id, benchmarkRecommendations.institutionOrgId))
        .leftJoin(users, eq(users.id, benchmarkRecommendations.createdBy))
        .where(eq(benchmarkRecommendations.id, b.recommendationId))
    : [];
  const [report] = rec?.r.reportObjectId ? await db.select({ data: workflowObjects.data }).from(workflowObjects).where(eq(workflowObjects.id, rec.r.reportObjectId)) : [];
  const history = isBenchmarkBureau(actor) ? await evaluationHistory(db, actor, b.projectId) : null;
  const [contract] = await db.select({ amountFen: contracts.amountFen, signedOn: contracts.signedOn }).from(contracts).where(eq(contracts.projectId, b.projectId));
  const [project] = await db
    .select({ state: projects.state, workflowVersion: projects.workflowVersion, acceptedOn: projects.acceptedOn, providerName: organizations.name })
    .from(projects)
    .leftJoin(organizations, eq(organizations.id, projects.providerOrgId))
    .where(eq(projects.id, b.projectId));
  const transitions = await db
    .select({ t: workflowTransitions, actorName: users.name })
    .from(workflowTransitions)
    .leftJoin(users, eq(users.id, workflowTransitions.actorUserId))
    .where(and(eq(workflowTransitions.objectType, BENCHMARK_KIND), eq(workflowTransitions.objectId, obj.id)))
    .orderBy(asc(workflowTransitions.id));
  const previous = await previousAwards(db, b.enterpriseOrgId, b.id);
  const projectState = project ? getState(tableFor(project.workflowVersion), project.state) : undefined;
  const award = obj.data.award as { steps?: ComputationStep[]; policyName?: string } | undefined;
  return {
    ...summaryOf(named),
    hint: hintFor(table, obj.state, actor.role),
    recommendation: rec
      ? { id: String(rec.r.id), kind: asKind(rec.r.kind), reasons: rec.r.reasons, institutionName: rec.institutionName ?? '', createdByName: rec.byName ?? '', createdAt: rec.r.createdAt.toISOString() }
      : null,
    levelBefore: asLevel(report?.data.levelBefore) ?? history?.levelBefore ?? null,
    levelAfter: asLevel(report?.data.levelAfter) ?? history?.levelAfter ?? null,
    project: {
      id: b.projectId,
      title: named.projectTitle,
      enterpriseName: named.enterpriseName,
      filingNo: named.filingNo,
      townCode: named.townCode,
      industryCode: named.industryCode,
      state: project?.state ?? '',
      stateLabel: projectState?.label ?? { zh: project?.state ?? '', en: project?.state ?? '' },
      providerName: project?.providerName ?? null,
      contractFen: contract?.amountFen ?? null,
      signedOn: contract?.signedOn ?? null,
      acceptedOn: project?.acceptedOn ?? null,
    },
    reviewOpinion: b.reviewOpinion,
    award: b.awardApprovedAt
      ? { awardFen: b.awardFen ?? 0, previousAwardFen: b.previousAwardFen, payableFen: b.payableFen ?? 0, poolId: b.poolId, approvedAt: b.awardApprovedAt.toISOString(), steps: award?.steps ?? [], policyName: award?.policyName ?? '' }
      : null,
    previousAwards: previous,
    history: transitions.map((r) => ({
      event: r.t.event,
      label: eventText(table, r.t.fromState, r.t.event),
      from: r.t.fromState,
      to: r.t.toState,
      toLabel: getState(table, r.t.toState)?.label ?? { zh: r.t.toState, en: r.t.toState },
      actorName: r.actorName ?? '',
      actorRole: r.t.actorRole,
      reason: typeof r.t.input.reason === 'string' ? r.t.input.reason : null,
      at: r.t.at.toISOString(),
    })),
    actions: actionsFor(obj, actor),
  };
}

function isBenchmarkBureau(actor: Actor): boolean {
  return actor.orgType === 'bureau';
}

function eventText(table: ReturnType<typeof tableFor>, from: string, event: string): Text {
  const t = getState(table, from)?.transitions.find((x) => x.event === event);
  return t?.label ?? { zh: event, en: event };
}

export async function awardPreview(db: AppDb, actor: Actor, id: string, awardFen: number): Promise<AwardPreview> {
  requireBenchmarkReviewer(actor);
  const b = await loadBenchmark(db, actor, id);
  return computeAward(db, b, awardFen, new Date());
}

// ---- moving ---------------------------------------------------------------------------------------------------

/** The branch of `event` the caller's role may take in the object's state (its input schema), if any. */
function branchFor(obj: WorkflowObjectRow, event: string, actor: Actor): Transition | undefined {
  return getState(tableFor(obj.workflowVersion), obj.state)?.transitions.find((t) => t.event === event && t.roles.includes(actor.role));
}

export async function fireBenchmark(db: AppDb, ctx: RequestContext, id: string, event: string, body: { reason?: string | undefined; input?: unknown }) {
  requireBenchmarkReviewer(ctx.actor);
  await db.transaction(async (tx) => {
    const b = await loadBenchmark(tx, ctx.actor, id);
    const project = await loadProjectForSystem(tx, b.projectId);
    const [locked] = await tx.select().from(workflowObjects).where(eq(workflowObjects.id, b.objectId)).for('update');
    if (!locked) throw new AppError('NOT_FOUND');
    const table = tableFor(locked.workflowVersion);
    const state = getState(table, locked.state);
    const known = table.states.some((s) => s.transitions.some((t) => t.event === event));
    if (!known) throw new AppError('ROUTE_NOT_FOUND', { message: { zh: '未知的标杆操作', en: 'Unknown benchmark action' } });
    if (!state?.transitions.some((t) => t.event === event)) {
      const [last] = await tx
        .select({ event: workflowTransitions.event })
        .from(workflowTransitions)
        .where(and(eq(workflowTransitions.objectType, BENCHMARK_KIND), eq(workflowTransitions.objectId, locked.id)))
        .orderBy(desc(workflowTransitions.id))
        .limit(1);
      if (last?.event === event) {
        const label = eventText(table, table.states.find((s) => s.transitions.some((t) => t.event === event))?.id ?? locked.state, event);
        throw new AppError('ALREADY_SUBMITTED', { message: { zh: `“${label.zh}”已办理，请勿重复提交`, en: `"${label.en}" was already done` }, details: { event, state: locked.state } });
      }
    }
    const branch = branchFor(locked, event, ctx.actor);
    const input = branch ? parseInput(branch.input, body.input, ctx.locale) : {};
    const now = new Date();
    const reason = body.reason?.trim() ? body.reason.trim() : null;
    const moved = await fireSubjectEvent(projectEnv(tx, ctx, project, now), locked, event, {
      role: ctx.actor.role,
      reason,
      input,
      data: { lastDecision: { event, reason, at: now.toISOString(), by: ctx.actor.name } },
    });
    if (b.recommendationId) await tx.update(benchmarkRecommendations).set({ status: moved.state }).where(eq(benchmarkRecommendations.id, b.recommendationId));
    await tx.update(benchmarks).set({ updatedAt: now }).where(eq(benchmarks.id, b.id));
    invalidatePublicCache();
    await recordAudit(tx, originOf(ctx), {
      action: `benchmark.${event}`,
      targetType: 'benchmark',
      targetId: b.id,
      projectId: b.projectId,
      summary: { event, from: locked.state, to: moved.state, ...(reason ? { reason } : {}), ...(Object.keys(input).length ? { input } : {}) },
    });
  });
  return benchmarkDetail(db, ctx.actor, id);
}

// ---- public -----------------------------------------------------------------------------------------------------

export interface PublicBenchmarkQuery {
  kind?: BenchmarkKind | undefined;
  townCode?: string | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

/** The portal's benchmark page: designated and awarded benchmarks that are published, newest first. */
export async function publicBenchmarks(db: AppDb, q: PublicBenchmarkQuery) {
  const range = q.year ? yearRange(q.year) : null;
  const where: SQL | undefined = and(
    isNotNull(benchmarks.publishedAt),
    inArray(workflowObjects.state, ['designated', 'awarded']),
    q.kind ? eq(benchmarks.kind, q.kind) : undefined,
    q.townCode ? eq(projects.townCode, q.townCode) : undefined,
    range ? and(gte(benchmarks.publishedAt, range[0]), lt(benchmarks.publishedAt, range[1])) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: benchmarks.id,
        kind: benchmarks.kind,
        state: workflowObjects.state,
        awardFen: benchmarks.awardFen,
        publishedAt: benchmarks.publishedAt,
        designatedAt: benchmarks.designatedAt,
        enterpriseName: projects.enterpriseName,
        projectTitle: projects.title,
        filingNo: projects.filingNo,
        townCode: projects.townCode,
        industryCode: projects.industryCode,
      })
      .from(benchmarks)
      .innerJoin(workflowObjects, eq(workflowObjects.id, benchmarks.objectId))
      .innerJoin(projects, eq(projects.id, benchmarks.projectId))
      .where(where)
      .orderBy(desc(benchmarks.publishedAt), desc(benchmarks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(benchmarks)
      .innerJoin(workflowObjects, eq(workflowObjects.id, benchmarks.objectId))
      .innerJoin(projects, eq(projects.id, benchmarks.projectId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => {
      const kind = asKind(r.kind);
      const at = r.designatedAt ?? r.publishedAt;
      return {
        id: r.id,
        kind,
        kindLabel: BENCHMARK_KIND_LABELS[kind],
        enterpriseName: r.enterpriseName,
        projectTitle: r.projectTitle,
        filingNo: r.filingNo ?? '',
        townCode: r.townCode,
        industryCode: r.industryCode,
        year: at ? Number(todayInShanghai(at).slice(0, 4)) : null,
        awarded: r.state === 'awarded',
        awardFen: r.state === 'awarded' ? r.awardFen : null,
        publishedAt: r.publishedAt?.toISOString() ?? '',
      };
    }),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The budget pools to pick for an award or a pre-subsidy, with what is left in each (the bureau). */
export async function poolChoices(db: AppDb, actor: Actor) {
  requireBenchmarkReviewer(actor);
  const rows = await db.select().from(budgetPools).orderBy(desc(budgetPools.year), asc(budgetPools.fundSource)).limit(200);
  return rows.map((p) => ({ id: p.id, name: p.name, year: p.year, fundSource: p.fundSource, totalFen: p.totalFen, committedFen: p.committedFen, remainingFen: p.totalFen - p.committedFen }));
}
