/**
 * Project use-cases: one function each, one transaction each, audit event in the same transaction.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern, pageTotal, qualified } from '../../../db/sql';
import type { AppDb, DbOrTx } from '../../../db/client';
import { auditEvents, deadlines, organizations, projectRevisions, projects, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { diffSummary, originOf, recordAudit } from '../../audit';
import { normalizeUscc } from '../../../core/identity/uscc';
import type { Text } from '../../../core/text';
import { canEdit, canWriteFields, getState } from '../../../core/workflow';
import { actingRole, assertCaseVisible, loadProjectFor, loadProjectPage, projectAbilities, projectScope, type LoadedProject, type ProjectPageExtras, type ProjectRow } from './policy';
import { FILING_NO_PATTERN } from './filing-number';
import { invalidatePublicCache } from '../public/cache';
import type { CreateProjectInput, ExportQuery, ListQuery, ProjectDetail, ProjectSummary, UpdateProjectInput } from './schemas';
import {
  ENDED_UNFINISHED_STATES,
  actionLabel,
  actionsFor,
  guardContextFor,
  newProjectStart,
  outcomeOf,
  projectTable,
  statesOf,
  TERMINAL_STATES,
  stateInfo,
  writableFieldsFor,
} from './workflow';
import { snapshotOf } from './snapshot';
import { fillableModeFor } from '../assessments/policy';
import { REPORT_OBJECT_KINDS, reportVersions } from '../reports/objects';
import { fireProjectEvent } from '../../workflow/runtime';
import { tableFor } from '../../workflow/registry';
import { loadGuardContext } from '../../workflow/facts';
import '../../workflow/providers';
import { todayInShanghai } from '../../deadlines/service';
import { enqueueNotification } from '../../notifications/outbox';
import { projectDueColumns, overdueProjectsFilter } from '../../deadlines/sql';
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
  workflowVersion: projects.workflowVersion,
};
type SummaryRow = Pick<ProjectRow, keyof typeof summaryColumns> & { sameNameUsccs?: string[] | null; dueOn?: string | null; overdue?: boolean | null };

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
    stateLabel: stateInfo(p.state, projectTable(p)).label,
    plannedInvestmentFen: p.plannedInvestmentFen,
    published: p.published,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
    sameNameUsccs: p.sameNameUsccs ?? [],
    dueOn: p.dueOn ?? null,
    overdue: Boolean(p.overdue),
  };
}

function roleOn(actor: Actor, p: LoadedProject): ReturnType<typeof actingRole> {
  return actingRole(actor, p, p.facts.delegated);
}

/** The open deadline of the project's current step (one indexed lookup). */
async function openDeadlineOf(db: DbOrTx, projectId: string): Promise<{ dueOn: string; overdue: boolean; waitingRole: string } | null> {
  const [d] = await db
    .select({ dueOn: deadlines.dueOn, waitingRole: deadlines.waitingRole })
    .from(deadlines)
    .where(and(eq(deadlines.objectType, 'project'), eq(deadlines.objectId, projectId), isNull(deadlines.closedAt)))
    .orderBy(asc(deadlines.dueOn))
    .limit(1);
  return openDeadlineFrom(d ?? null);
}

function openDeadlineFrom(d: { dueOn: string; waitingRole: string } | null): { dueOn: string; overdue: boolean; waitingRole: string } | null {
  if (!d) return null;
  return { dueOn: d.dueOn, overdue: d.dueOn < todayInShanghai(new Date()), waitingRole: d.waitingRole };
}

async function institutionOf(db: DbOrTx, id: string | null): Promise<{ id: string; name: string } | null> {
  if (!id) return null;
  const [o] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return o ?? null;
}

/**
 * The project as the caller sees it: its table's state info with the caller's hint, abilities, actions, deadline.
 * `extras` are the deadline and institution when they were loaded with the project (the project page's read).
 */
export async function detailOf(db: DbOrTx, actor: Actor, p: LoadedProject, extras?: ProjectPageExtras): Promise<ProjectDetail> {
  const role = roleOn(actor, p);
  const table = projectTable(p);
  // One statement at a time: `db` may be the caller's transaction.
  const ctx = await loadGuardContext(table, p.state, { tx: db, project: p, actorOrgId: actor.orgId, input: {} }, { reason: null });
  const deadline = extras ? openDeadlineFrom(extras.deadline) : await openDeadlineOf(db, p.id);
  const institution = extras ? (p.diagnosisInstitutionId && extras.institutionName !== null ? { id: p.diagnosisInstitutionId, name: extras.institutionName } : null) : await institutionOf(db, p.diagnosisInstitutionId);
  const writable = writableFieldsFor(table, p, role);
  const editable = writable.length > 0 && canEdit(table, p.state, role, ctx).ok;
  return {
    ...toSummary({ ...p, sameNameUsccs: p.facts.sameNameUsccs, dueOn: deadline?.dueOn ?? null, overdue: deadline?.overdue ?? false }),
    stateLabel: stateInfo(p.state, table).label,
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
    stateInfo: stateInfo(p.state, table, role),
    abilities: projectAbilities(actor, p, editable),
    writableFields: editable ? writable : [],
    editsAreRevisions: Boolean(getState(table, p.state)?.editsAreRevisions),
    actions: actionsFor(table, p, role, ctx),
    deadline,
    diagnosisInstitution: institution,
    fillableAssessment: fillableModeFor(actor, p),
    pilotManagedAt: p.pilotManagedAt?.toISOString() ?? null,
    pilotEnterpriseAt: p.pilotEnterpriseAt?.toISOString() ?? null,
  };
}

export async function createProject(db: AppDb, ctx: RequestContext, input: CreateProjectInput): Promise<ProjectDetail> {
  if (ctx.actor.orgType !== 'enterprise') throw new AppError('FORBIDDEN_ROLE');
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(organizations).where(eq(organizations.id, ctx.actor.orgId));
    if (!e) throw new AppError('NOT_FOUND');
    const start = newProjectStart();
    const [row] = await tx
      .insert(projects)
      .values({
        enterpriseId: e.id,
        workflowVersion: start.version,
        state: start.state,
        stage: start.stage,
        ...input,
        townCode: e.townCode ?? '',
        industryCode: e.industryCode ?? '',
        enterpriseName: e.name,
        uscc: e.uscc ?? '',
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'project.created', targetType: 'project', targetId: row.id, projectId: row.id, summary: { title: row.title, diagnosisMode: row.diagnosisMode } });
    return detailOf(tx, ctx.actor, { ...row, facts: { enterpriseSmeSize: e.smeSize, enterpriseEmployees: e.employees, delegated: false, sameNameUsccs: [] } });
  });
}

export async function getProject(db: AppDb, actor: Actor, id: string): Promise<ProjectDetail> {
  const { project, extras } = await loadProjectPage(db, actor, id);
  return detailOf(db, actor, project, extras);
}

const FIELD_LABELS: Record<string, Text> = {
  title: { zh: '项目名称', en: 'project title' },
  situation: { zh: '企业现状', en: 'current situation' },
  needs: { zh: '改造需求', en: 'transformation needs' },
  scope: { zh: '计划改造范围', en: 'planned scope' },
  plannedInvestmentFen: { zh: '计划投资金额', en: 'planned investment' },
  plannedStart: { zh: '计划开始日期', en: 'planned start' },
  plannedEnd: { zh: '计划完成日期', en: 'planned end' },
  diagnosisMode: { zh: '诊断方式', en: 'diagnosis mode' },
};

/**
 * Edits the filing's fields as the table's field rights allow in the current state. A field outside them is
 * refused by name (FIELD_NOT_EDITABLE, `details.fields`); in a state whose edits change a published filing the
 * change is stored as a new revision the bureau can diff, and the bureau is told.
 */
export async function updateProject(db: AppDb, ctx: RequestContext, id: string, input: UpdateProjectInput): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    const table = projectTable(p);
    const role = roleOn(ctx.actor, p);
    if (ctx.actor.orgType !== 'enterprise' || p.enterpriseId !== ctx.actor.orgId) throw new AppError('FORBIDDEN_ROLE');
    const { revision, ...fields } = input;
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
    const current = p as unknown as Record<string, unknown>;
    const changed = Object.keys(given).filter((k) => JSON.stringify(given[k]) !== JSON.stringify(current[k]));
    const check = canWriteFields(table, p.state, role, guardContextFor(p, ctx.actor.orgId), changed);
    if (!check.ok) {
      const refused = check.details.fields ?? changed;
      const names = refused.map((f) => FIELD_LABELS[f] ?? { zh: f, en: f });
      const stateLabel = getState(table, p.state)?.label ?? { zh: p.state, en: p.state };
      throw new AppError(check.code === 'FIELD_NOT_EDITABLE' ? 'FIELD_NOT_EDITABLE' : check.code, {
        message:
          check.code === 'FIELD_NOT_EDITABLE'
            ? { zh: `项目处于“${stateLabel.zh}”，不能再修改：${names.map((n) => n.zh).join('、')}`, en: `The project is at "${stateLabel.en}": these can no longer be changed: ${names.map((n) => n.en).join(', ')}` }
            : check.message,
        details: { state: p.state, fields: refused.map((f, i) => ({ path: f, code: 'FIELD_NOT_EDITABLE', message: ctx.locale === 'en' ? `The ${names[i]?.en ?? f} can no longer be changed` : `${names[i]?.zh ?? f}已不能修改` })) },
      });
    }
    if (revision !== p.revision) throw new AppError('CONFLICT');
    const merged = { ...p, ...given } as ProjectRow;
    if (merged.plannedStart && merged.plannedEnd && merged.plannedEnd < merged.plannedStart) {
      throw new AppError('VALIDATION_FAILED', {
        details: { fields: [{ path: 'plannedEnd', code: 'custom', message: ctx.locale === 'en' ? 'The planned end cannot be before the planned start' : '计划完成日期不能早于计划开始日期' }] },
      });
    }
    const { facts, ...before } = p;
    const changes = diffSummary(before as unknown as Record<string, unknown>, given);
    const [row] = await tx
      .update(projects)
      .set({ ...given, revision: p.revision + 1, updatedAt: sql`now()` })
      .where(eq(projects.id, p.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    const asRevision = Boolean(getState(table, p.state)?.editsAreRevisions) && changed.length > 0;
    if (asRevision) {
      await tx.insert(projectRevisions).values({ projectId: p.id, revision: row.revision, snapshot: snapshotOf(row), kind: 'edit', changedFields: changed, submittedBy: ctx.actor.userId });
      await enqueueNotification(tx, {
        to: [{ bureau: ['admin', 'reviewer'] }],
        projectId: p.id,
        kind: 'project.revised',
        title: { zh: `备案信息变更：${row.title}`, en: `Filing changed: ${row.title}` },
        body: {
          zh: `企业变更了已公示的备案信息（${changed.map((f) => FIELD_LABELS[f]?.zh ?? f).join('、')}），可在项目页查看变更对比。`,
          en: `The enterprise changed its published filing (${changed.map((f) => FIELD_LABELS[f]?.en ?? f).join(', ')}); the project page shows the differences.`,
        },
        link: `/workbench/projects/${p.id}`,
      });
    }
    // A published filing (returned for revision, or revised) shows its new content on 备案公示.
    if (row.published) invalidatePublicCache();
    await recordAudit(tx, originOf(ctx), { action: asRevision ? 'project.revised' : 'project.updated', targetType: 'project', targetId: p.id, projectId: p.id, summary: { changes } });
    return detailOf(tx, ctx.actor, { ...row, facts });
  });
}

export async function transitionProject(db: AppDb, ctx: RequestContext, id: string, body: { event: string; reason?: string | undefined; input?: unknown }): Promise<ProjectDetail> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    const row = await applyProjectEvent(tx, ctx, p, body.event, body.reason, body.input);
    return detailOf(tx, ctx.actor, row);
  });
}

/**
 * Fires a lifecycle event on a project already loaded (and locked) in the caller's transaction, as the role the
 * caller plays on it. Other modules use it too (submitting the self-assessment completes the self-diagnosis).
 */
export async function applyProjectEvent(tx: DbOrTx, ctx: RequestContext, p: LoadedProject, event: string, reason: string | undefined, input?: unknown): Promise<LoadedProject> {
  const result = await fireProjectEvent(tx, ctx, p, event, { role: roleOn(ctx.actor, p), reason, input });
  // A project withdrawn by the enterprise or closed by the bureau leaves 备案公示 (the table says which end states those are).
  const outcome = outcomeOf(result.project.state);
  if ((outcome === 'withdrawn' || outcome === 'closed') && result.project.published) {
    const [row] = await tx.update(projects).set({ published: false }).where(eq(projects.id, p.id)).returning();
    if (row) return { ...row, facts: p.facts };
  }
  return result.project;
}

/** The institution reports of a project, every version newest first, with their summaries. */
export async function projectReports(db: AppDb, actor: Actor, id: string) {
  const p = await loadProjectFor(db, actor, id);
  assertCaseVisible(actor, p);
  const table = (version: string) => tableFor(version);
  const out = [];
  for (const kind of Object.keys(REPORT_OBJECT_KINDS) as Array<keyof typeof REPORT_OBJECT_KINDS>) {
    const versions = await reportVersions(db, p.id, kind);
    const orgIds = [...new Set(versions.map((v) => v.assigneeOrgId).filter((x): x is string => !!x))];
    const orgs = orgIds.length ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds)) : [];
    for (const v of versions) {
      out.push({
        id: v.id,
        kind,
        version: v.version,
        state: v.state,
        stateLabel: getState(table(v.workflowVersion), v.state)?.label ?? { zh: v.state, en: v.state },
        institutionName: orgs.find((o) => o.id === v.assigneeOrgId)?.name ?? null,
        data: v.data,
        createdAt: v.createdAt.toISOString(),
        updatedAt: v.updatedAt.toISOString(),
      });
    }
  }
  return out;
}

/** The revisions of a filing, each with what changed against the one before (the bureau's diff). */
export async function projectRevisionsOf(db: AppDb, actor: Actor, id: string) {
  const p = await loadProjectFor(db, actor, id);
  if (!projectAbilities(actor, p, false).viewTimeline) throw new AppError('FORBIDDEN_ROLE');
  const rows = await db
    .select({ revision: projectRevisions.revision, kind: projectRevisions.kind, snapshot: projectRevisions.snapshot, changedFields: projectRevisions.changedFields, submittedAt: projectRevisions.submittedAt, submittedBy: users.name })
    .from(projectRevisions)
    .leftJoin(users, eq(users.id, projectRevisions.submittedBy))
    .where(eq(projectRevisions.projectId, p.id))
    .orderBy(asc(projectRevisions.revision));
  return rows.map((r, i) => {
    const prev = rows[i - 1]?.snapshot ?? null;
    const diff = prev
      ? Object.keys(r.snapshot)
          .filter((k) => JSON.stringify(r.snapshot[k]) !== JSON.stringify(prev[k]))
          .map((k) => ({ field: k, label: FIELD_LABELS[k] ?? { zh: k, en: k }, before: prev[k] ?? null, after: r.snapshot[k] ?? null }))
      : [];
    return { revision: r.revision, kind: r.kind, submittedAt: r.submittedAt.toISOString(), submittedBy: r.submittedBy, changedFields: r.changedFields, diff };
  });
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
    return detailOf(tx, ctx.actor, { ...row, facts: p.facts });
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
  if (q.overdue) where.push(overdueProjectsFilter());
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
  const due = projectDueColumns();
  const base = { ...summaryColumns, dueOn: due.dueOn, overdue: due.overdue };
  return actor.orgType === 'bureau' ? { ...base, sameNameUsccs: sameNameUsccsColumn() } : base;
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

/** A page of list rows under any filter (task lists), soonest due first when asked. */
export async function listRowsWhere(db: DbOrTx, actor: Actor, where: SQL | undefined, q: { page: number; pageSize: number; dueFirst?: boolean }): Promise<ProjectSummary[]> {
  const due = projectDueColumns();
  const order = q.dueFirst ? [sql`${due.dueOn} asc nulls last`, desc(projects.submittedAt), desc(projects.id)] : [desc(projects.submittedAt), desc(projects.id)];
  const rows: SummaryRow[] = await db
    .select(columnsFor(actor))
    .from(projects)
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return rows.map(toSummary);
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
    actionLabel: actionLabel(r.action, projectTable(p)),
    actorName: r.actorName,
    actorOrgName: r.actorOrgName,
    onBehalfOfOrgName: r.onBehalfOfOrgName,
    summary: r.summary,
  }));
}
