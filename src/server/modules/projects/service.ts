/**
 * Project use-cases: one function each, one transaction each, audit event in the same transaction.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern, pageTotal, qualified } from '../../../db/sql';
import type { AppDb, DbOrTx } from '../../../db/client';
import { auditEvents, organizations, projectRevisions, projects, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { diffSummary, originOf, recordAudit } from '../../audit';
import { normalizeUscc } from '../../../core/identity/uscc';
import { actingRole, loadProjectFor, projectAbilities, projectScope, type LoadedProject, type ProjectRow } from './policy';
import { nextFilingNo, FILING_NO_PATTERN } from './filing-number';
import { invalidatePublicCache } from '../public/cache';
import type { CreateProjectInput, ExportQuery, ListQuery, ProjectDetail, ProjectSummary, UpdateProjectInput } from './schemas';
import {
  PROJECT_WORKFLOW_VERSION,
  INITIAL_STATE,
  ENDED_UNFINISHED_STATES,
  actionLabel,
  actionsFor,
  decideOrThrow,
  guardContextFor,
  isEditableFor,
  outcomeOf,
  statesOf,
  TERMINAL_STATES,
  stageOf,
  stateInfo,
} from './workflow';
import { hasSameNameEnterprise, sameNameUsccsColumn } from './same-name';

/** The columns a list row needs (lists never fetch the long text fields). */
const summaryColumns = {
  id: projects.id,
  filingNo: projects.filingNo,
  title: projects.title,
  enterpriseId: projects.enterpriseId,
  enterpriseName: projects.enterpriseName,
  uscc: projects.uscc,
  townCode: projects.townCode,
  industryCode: projects.industryCode,
  stage: projects.stage,
  state: projects.state,
  plannedInvestmentFen: projects.plannedInvestmentFen,
  published: projects.published,
  submittedAt: projects.submittedAt,
  updatedAt: projects.updatedAt,
};
type SummaryRow = Pick<ProjectRow, keyof typeof summaryColumns> & { sameNameUsccs?: string[] | null };

function toSummary(p: SummaryRow): ProjectSummary {
  return {
    id: p.id,
    filingNo: p.filingNo,
    title: p.title,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    uscc: p.uscc,
    townCode: p.townCode,
    industryCode: p.industryCode,
    stage: p.stage,
    state: p.state,
    stateLabel: stateInfo(p.state).label,
    plannedInvestmentFen: p.plannedInvestmentFen,
    published: p.published,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
    sameNameUsccs: p.sameNameUsccs ?? [],
  };
}

function roleOn(actor: Actor, p: LoadedProject): ReturnType<typeof actingRole> {
  return actingRole(actor, p, p.facts.delegated);
}

export function toDetail(actor: Actor, p: LoadedProject): ProjectDetail {
  const role = roleOn(actor, p);
  const ctx = guardContextFor(p, actor.orgId, null);
  const info = stateInfo(p.state);
  return {
    ...toSummary({ ...p, sameNameUsccs: p.facts.sameNameUsccs }),
    situation: p.situation,
    needs: p.needs,
    scope: p.scope,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    diagnosisMode: p.diagnosisMode as 'self' | 'institution',
    publicationWithdrawnReason: p.publicationWithdrawnReason,
    returnReason: p.returnReason,
    revision: p.revision,
    workflowVersion: p.workflowVersion,
    stateInfo: info,
    abilities: projectAbilities(actor, p, isEditableFor(p, role, ctx)),
    actions: actionsFor(p, role, ctx),
  };
}

export async function createProject(db: AppDb, ctx: RequestContext, input: CreateProjectInput): Promise<ProjectDetail> {
  if (ctx.actor.orgType !== 'enterprise') throw new AppError('FORBIDDEN_ROLE');
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(organizations).where(eq(organizations.id, ctx.actor.orgId));
    if (!e) throw new AppError('NOT_FOUND');
    const [row] = await tx
      .insert(projects)
      .values({
        enterpriseId: e.id,
        workflowVersion: PROJECT_WORKFLOW_VERSION,
        state: INITIAL_STATE,
        stage: stageOf(INITIAL_STATE),
        ...input,
        townCode: e.townCode ?? '',
        industryCode: e.industryCode ?? '',
        enterpriseName: e.name,
        uscc: e.uscc ?? '',
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'project.created', targetType: 'project', targetId: row.id, projectId: row.id, summary: { title: row.title, diagnosisMode: row.diagnosisMode } });
    return toDetail(ctx.actor, { ...row, facts: { enterpriseSmeSize: e.smeSize, enterpriseEmployees: e.employees, assessmentsDone: [], delegated: false, sameNameUsccs: [] } });
  });
}

export async function getProject(db: AppDb, actor: Actor, id: string): Promise<ProjectDetail> {
  const p = await loadProjectFor(db, actor, id);
  return toDetail(actor, p);
}

export async function updateProject(db: AppDb, ctx: RequestContext, id: string, input: UpdateProjectInput): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    const guardCtx = guardContextFor(p, ctx.actor.orgId, null);
    if (!projectAbilities(ctx.actor, p, isEditableFor(p, roleOn(ctx.actor, p), guardCtx)).edit) {
      if (ctx.actor.orgType !== 'enterprise') throw new AppError('FORBIDDEN_ROLE');
      throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '项目已提交备案，不能再修改备案信息', en: 'The filing was submitted and can no longer be edited' } });
    }
    if (input.revision !== p.revision) throw new AppError('CONFLICT');
    const { revision: _r, ...fields } = input;
    const merged = { ...p, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as ProjectRow;
    if (merged.plannedStart && merged.plannedEnd && merged.plannedEnd < merged.plannedStart) {
      throw new AppError('VALIDATION_FAILED', {
        details: { fields: [{ path: 'plannedEnd', code: 'custom', message: ctx.locale === 'en' ? 'The planned end cannot be before the planned start' : '计划完成日期不能早于计划开始日期' }] },
      });
    }
    const { facts, ...before } = p;
    const changes = diffSummary(before as unknown as Record<string, unknown>, fields);
    const [row] = await tx
      .update(projects)
      .set({ ...fields, revision: p.revision + 1, updatedAt: sql`now()` })
      .where(eq(projects.id, p.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'project.updated', targetType: 'project', targetId: p.id, projectId: p.id, summary: { changes } });
    return toDetail(ctx.actor, { ...row, facts });
  });
}

function snapshotOf(p: LoadedProject): Record<string, unknown> {
  return {
    title: p.title,
    situation: p.situation,
    needs: p.needs,
    scope: p.scope,
    plannedInvestmentFen: p.plannedInvestmentFen,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    diagnosisMode: p.diagnosisMode,
    enterpriseName: p.enterpriseName,
    uscc: p.uscc,
    townCode: p.townCode,
    industryCode: p.industryCode,
  };
}

export async function transitionProject(db: AppDb, ctx: RequestContext, id: string, event: string, reason: string | undefined): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    const row = await applyProjectEvent(tx, ctx, p, event, reason);
    return toDetail(ctx.actor, row);
  });
}

/**
 * Fires a lifecycle event on a project already loaded (and locked) in the caller's transaction:
 * decides by the table, carries out the effects, records the audit event. Other modules use it too
 * (e.g. submitting the self-assessment completes the self-diagnosis).
 */
export async function applyProjectEvent(tx: DbOrTx, ctx: RequestContext, p: LoadedProject, event: string, reason: string | undefined): Promise<LoadedProject> {
  const role = roleOn(ctx.actor, p);
  if (event === 'submitFiling' && p.filingNo && p.state !== 'filingReturned' && p.state !== INITIAL_STATE) throw new AppError('ALREADY_SUBMITTED');
  const guardCtx = guardContextFor(p, ctx.actor.orgId, reason ?? null);
  const decision = decideOrThrow(p, event, role, guardCtx);
  const now = new Date();
  const patch: Partial<typeof projects.$inferInsert> = {
    revision: p.revision + 1,
    state: decision.to,
    stage: stageOf(decision.to),
    stateChangedAt: now,
    updatedAt: now,
  };
  const summary: Record<string, unknown> = { event, from: p.state, to: decision.to };
  if (reason) summary.reason = reason;
  for (const effect of decision.effects) {
    switch (effect) {
      case 'assignFilingNo':
        if (!p.filingNo) {
          patch.filingNo = await nextFilingNo(tx, now);
          summary.filingNo = patch.filingNo;
        }
        patch.submittedAt = p.submittedAt ?? now;
        break;
      case 'publishFiling':
        patch.published = true;
        patch.publicationWithdrawnReason = null;
        break;
      case 'recordRevision':
        await tx.insert(projectRevisions).values({ projectId: p.id, revision: p.revision + 1, snapshot: snapshotOf(p), submittedBy: ctx.actor.userId });
        break;
      case 'storeReturnReason':
        patch.returnReason = reason ?? null;
        break;
      case 'clearReturnReason':
        patch.returnReason = null;
        break;
      default:
        // Notifications and the effects of later stages are carried out by their modules.
        break;
    }
  }
  // A project withdrawn by the enterprise or closed by the bureau leaves 备案公示 (the lifecycle table says which end states those are).
  if (outcomeOf(decision.to) === 'withdrawn' || outcomeOf(decision.to) === 'closed') patch.published = false;
  const [row] = await tx.update(projects).set(patch).where(eq(projects.id, p.id)).returning();
  if (!row) throw new AppError('INTERNAL');
  invalidatePublicCache();
  await recordAudit(tx, originOf(ctx), {
    action: `project.${event}`,
    targetType: 'project',
    targetId: p.id,
    projectId: p.id,
    onBehalfOfOrgId: role === 'leadingUnitDelegate' ? p.enterpriseId : null,
    summary,
  });
  return { ...row, facts: p.facts };
}

export async function withdrawPublication(db: AppDb, ctx: RequestContext, id: string, reason: string): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    if (!projectAbilities(ctx.actor, p, false).withdrawPublication) {
      if (!p.published) throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '该备案未在公示中', en: 'This filing is not published' } });
      throw new AppError('FORBIDDEN_ROLE');
    }
    const [row] = await tx
      .update(projects)
      .set({ published: false, publicationWithdrawnReason: reason, revision: p.revision + 1, updatedAt: sql`now()` })
      .where(eq(projects.id, p.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    invalidatePublicCache();
    await recordAudit(tx, originOf(ctx), { action: 'project.publication_withdrawn', targetType: 'project', targetId: p.id, projectId: p.id, summary: { reason } });
    return toDetail(ctx.actor, { ...row, facts: p.facts });
  });
}

export type ListFilters = Partial<Pick<ListQuery, 'townCode' | 'industryCode' | 'stage' | 'state' | 'from' | 'to' | 'q'>>;

/** Row filters of the lists (every one backed by an index). */
export function listFilters(q: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (q.townCode) where.push(eq(projects.townCode, q.townCode));
  if (q.industryCode) where.push(eq(projects.industryCode, q.industryCode));
  if (q.stage) where.push(eq(projects.stage, q.stage));
  if (q.state) where.push(eq(projects.state, q.state));
  if (q.from) where.push(gte(projects.submittedAt, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) where.push(lt(projects.submittedAt, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  if (q.q) {
    const term = q.q.trim();
    const upper = term.toUpperCase();
    if (FILING_NO_PATTERN.test(upper)) where.push(eq(projects.filingNo, upper));
    else if (/^[0-9A-Z]{18}$/.test(normalizeUscc(term))) where.push(eq(projects.uscc, normalizeUscc(term)));
    else {
      const like = containsPattern(term);
      where.push(or(ilike(projects.enterpriseName, like), ilike(projects.title, like), ilike(projects.filingNo, like))!);
    }
  }
  return where;
}

/** The staff-only filters (同名企业) and the actor's scope, with the list filters. */
function listWhere(actor: Actor, q: ExportQuery): SQL | undefined {
  const where = [projectScope(actor), ...listFilters(q)];
  if (q.outcome) where.push(q.outcome === 'open' ? notInArray(projects.state, [...TERMINAL_STATES]) : inArray(projects.state, [...statesOf(q.outcome)]));
  if (q.sameName && actor.orgType === 'bureau') where.push(hasSameNameEnterprise());
  return and(...where);
}

/**
 * The order of a list: the one the page shows — newest filing first (drafts, which have no filing time, before
 * them), the id breaking ties — or by stage, ties by filing time in the same direction. A stage that a filter
 * fixes is left out of the order, so the filter's index serves the order too (schema.ts lists the indexes).
 */
export function listOrder(q: Pick<ExportQuery, 'sort' | 'order' | 'stage' | 'state'>): SQL[] {
  const dir = q.order === 'asc' ? asc : desc;
  const keys: SQL[] = [];
  if (q.sort === 'stage' && !q.stage && !q.state) keys.push(dir(projects.stage));
  keys.push(dir(projects.submittedAt), dir(projects.id));
  return keys;
}

function columnsFor(actor: Actor) {
  return actor.orgType === 'bureau' ? { ...summaryColumns, sameNameUsccs: sameNameUsccsColumn() } : summaryColumns;
}

export async function listProjects(db: AppDb, actor: Actor, q: ListQuery): Promise<{ items: ProjectSummary[]; total: number; page: number; pageSize: number }> {
  const where = listWhere(actor, q);
  const rows: SummaryRow[] = await db
    .select(columnsFor(actor))
    .from(projects)
    .where(where)
    .orderBy(...listOrder(q))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await pageTotal(q.page, q.pageSize, rows.length, async () => Number((await db.select({ n: count() }).from(projects).where(where))[0]?.n ?? 0));
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

export async function exportRows(db: AppDb, actor: Actor, q: ExportQuery, limit: number): Promise<ProjectSummary[]> {
  const rows: SummaryRow[] = await db
    .select(columnsFor(actor))
    .from(projects)
    .where(listWhere(actor, q))
    .orderBy(...listOrder(q))
    .limit(limit);
  return rows.map(toSummary);
}

export interface ProjectStats {
  filed: number;
  open: number;
  completed: number;
  withdrawn: number;
  closed: number;
  /** Projects per stage that are still running or completed (withdrawn and closed ones are counted apart). */
  byStage: Array<{ stage: number; count: number }>;
}

/** Counts of filed projects by how they stand, decided by the lifecycle table (see `outcomeOf`). */
export function statsFromCounts(rows: Array<{ state: string; stage: number; count: number }>): ProjectStats {
  const out: ProjectStats = { filed: 0, open: 0, completed: 0, withdrawn: 0, closed: 0, byStage: [] };
  const byStage = new Map<number, number>();
  for (const r of rows) {
    const n = Number(r.count);
    out.filed += n;
    const outcome = outcomeOf(r.state);
    out[outcome] += n;
    if (outcome === 'open' || outcome === 'completed') byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + n);
  }
  out.byStage = [...byStage].sort((a, b) => a[0] - b[0]).map(([stage, count]) => ({ stage, count }));
  return out;
}

/** The figures of a staff dashboard, over the filed projects the actor may see (one grouped statement). */
export async function projectStats(db: AppDb, actor: Actor, q: Pick<ListQuery, 'from' | 'to'> = {}): Promise<ProjectStats> {
  const rows = await db
    .select({ state: projects.state, stage: projects.stage, count: count() })
    .from(projects)
    .where(and(projectScope(actor), sql`${projects.submittedAt} is not null`, ...listFilters({ from: q.from, to: q.to })))
    .groupBy(projects.state, projects.stage);
  return statsFromCounts(rows);
}

/** What 备案公示 shows: published, not withdrawn from publication, and not withdrawn or closed as a project. */
export function publicFilingsWhere(): SQL {
  return and(sql`${projects.published}`, sql`${projects.publicationWithdrawnReason} is null`, notInArray(projects.state, [...ENDED_UNFINISHED_STATES]))!;
}

export async function projectTimeline(db: AppDb, actor: Actor, id: string) {
  const p = await loadProjectFor(db, actor, id);
  if (!projectAbilities(actor, p, false).viewTimeline) throw new AppError('FORBIDDEN_ROLE');
  const actorOrg = sql<string | null>`(select name from ${organizations} o where o.id = ${qualified(auditEvents.actorOrgId)})`;
  const behalfOrg = sql<string | null>`(select name from ${organizations} o where o.id = ${qualified(auditEvents.onBehalfOfOrgId)})`;
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      summary: auditEvents.summary,
      actorName: users.name,
      actorOrgName: actorOrg,
      onBehalfOfOrgName: behalfOrg,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.projectId, p.id))
    .orderBy(desc(auditEvents.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actionLabel: actionLabel(r.action),
    actorName: r.actorName,
    actorOrgName: r.actorOrgName,
    onBehalfOfOrgName: r.onBehalfOfOrgName,
    summary: r.summary,
  }));
}
