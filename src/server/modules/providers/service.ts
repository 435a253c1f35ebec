/**
 * Provider accountability (服务商考核): ratings, measures (warning · correction · suspension), the provider's
 * multi-client view. Other modules read `activeSuspensions` to keep suspended providers out of new choices.
 */
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { containsPattern, pageTotal, qualified } from '../../../db/sql';
import { delegations, organizations, projects, providerRatings, providerSanctions } from '../../../db/schema';
import { ACTOR_ROLE_LABELS, type ActorRole } from '../../../core/identity/roles';
import type { Text } from '../../../core/text';
import { getState } from '../../../core/workflow';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { enqueueNotification } from '../../notifications/outbox';
import { projectDueColumns, overdueProjectsFilter } from '../../deadlines/sql';
import { todayInShanghai } from '../../deadlines/service';
import { tablesOf } from '../../workflow/registry';
import { projectScope } from '../projects/policy';
import { ENDED_UNFINISHED_STATES, TERMINAL_STATES, projectTable, stateInfo } from '../projects/workflow';

/** The organisations among `orgIds` with a suspension in force (kind 'suspension', not lifted). */
export async function activeSuspensions(db: DbOrTx, orgIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ orgId: providerSanctions.providerOrgId })
    .from(providerSanctions)
    .where(and(inArray(providerSanctions.providerOrgId, ids), eq(providerSanctions.kind, 'suspension'), isNull(providerSanctions.liftedAt)));
  return new Set(rows.map((r) => r.orgId));
}

// ---- the provider's clients (我的客户) ------------------------------------------------------------------

export interface ClientsQuery {
  page: number;
  pageSize: number;
  stage?: number | undefined;
  overdue?: string | undefined;
  waitingOnMe?: string | undefined;
}

export interface ClientRow {
  projectId: string;
  title: string;
  filingNo: string | null;
  enterpriseId: string;
  enterpriseName: string;
  townCode: string;
  stage: number;
  state: string;
  stateLabel: Text;
  waitingOn: Text[];
  waitingOnMe: boolean;
  dueOn: string | null;
  overdue: boolean;
  /** I am the project's chosen provider (not only a delegate). */
  isProvider: boolean;
  /** The enterprise's authorisation to me is in force. */
  delegated: boolean;
}

export interface ClientCounts {
  all: number;
  overdue: number;
  waitingOnMe: number;
  byStage: Array<{ stage: number; count: number }>;
}

const BUREAU_LABEL: Text = { zh: '市工信局', en: 'The bureau' };

/** The roles a state waits on, as labels (the bureau's duties as one). */
function waitingLabels(roles: readonly ActorRole[]): Text[] {
  const out: Text[] = [];
  const seen = new Set<string>();
  for (const r of roles) {
    const label = r === 'bureauAdmin' || r === 'bureauReviewer' || r === 'bureauFinance' ? BUREAU_LABEL : ACTOR_ROLE_LABELS[r];
    if (seen.has(label.zh)) continue;
    seen.add(label.zh);
    out.push(label);
  }
  return out;
}

/** The states (of every registered project table) whose waitingOn includes the role — read from the tables. */
function statesWaitingOn(role: ActorRole): string[] {
  const out = new Set<string>();
  for (const table of tablesOf('project')) for (const s of table.states) if (s.waitingOn.includes(role)) out.add(s.id);
  return [...out];
}

function inStates(states: readonly string[]): SQL {
  return states.length ? inArray(projects.state, [...states]) : sql`false`;
}

function delegatedColumn(actor: Actor): SQL<boolean> {
  return actor.orgType === 'leading_unit'
    ? sql<boolean>`exists (select 1 from ${delegations} d where d.enterprise_id = ${qualified(projects.enterpriseId)} and d.agent_org_id = ${actor.orgId} and d.revoked_at is null)`
    : sql<boolean>`false`;
}

/** Waiting on me: on my role as the project's provider, or on the enterprise's delegate when I hold its authorisation. */
function waitingOnMeFilter(actor: Actor): SQL {
  const asProvider = and(eq(projects.providerOrgId, actor.orgId), inStates(statesWaitingOn(actor.role)))!;
  if (actor.orgType !== 'leading_unit') return asProvider;
  return or(asProvider, and(delegatedColumn(actor), inStates(statesWaitingOn('leadingUnitDelegate'))))!;
}

function requireProvider(actor: Actor): void {
  if (actor.orgType !== 'leading_unit' && actor.orgType !== 'catalog_provider') throw new AppError('FORBIDDEN_ROLE');
}

/**
 * Every project where the caller's organisation is the chosen provider or an authorised delegate (the scope of
 * projects/policy.ts), with who acts next and the due date; counts per filter in one grouped statement.
 */
export async function listClients(db: DbOrTx, actor: Actor, q: ClientsQuery): Promise<{ items: ClientRow[]; total: number; page: number; pageSize: number; counts: ClientCounts }> {
  requireProvider(actor);
  const scope = projectScope(actor);
  const due = projectDueColumns();
  const mine = waitingOnMeFilter(actor);
  const filters: SQL[] = [scope];
  if (q.stage) filters.push(eq(projects.stage, q.stage));
  if (q.overdue) filters.push(overdueProjectsFilter());
  if (q.waitingOnMe) filters.push(mine);
  const where = and(...filters);
  const rows = await db
    .select({
      projectId: projects.id,
      title: projects.title,
      filingNo: projects.filingNo,
      enterpriseId: projects.enterpriseId,
      enterpriseName: projects.enterpriseName,
      townCode: projects.townCode,
      stage: projects.stage,
      state: projects.state,
      workflowVersion: projects.workflowVersion,
      providerOrgId: projects.providerOrgId,
      dueOn: due.dueOn,
      overdue: due.overdue,
      delegated: delegatedColumn(actor),
      waitingOnMe: sql<boolean>`(${mine})`,
    })
    .from(projects)
    .where(where)
    .orderBy(sql`${due.overdue} desc`, sql`${due.dueOn} asc nulls last`, desc(projects.stateChangedAt), desc(projects.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const groups = await db
    .select({ stage: projects.stage, overdue: due.overdue, waitingOnMe: sql<boolean>`(${mine})`, n: count() })
    .from(projects)
    .where(scope)
    .groupBy(projects.stage, sql`2`, sql`3`);
  const counts: ClientCounts = { all: 0, overdue: 0, waitingOnMe: 0, byStage: [] };
  const byStage = new Map<number, number>();
  let total = 0;
  for (const g of groups) {
    const n = Number(g.n);
    counts.all += n;
    if (g.overdue) counts.overdue += n;
    if (g.waitingOnMe) counts.waitingOnMe += n;
    byStage.set(g.stage, (byStage.get(g.stage) ?? 0) + n);
    if ((!q.stage || g.stage === q.stage) && (!q.overdue || g.overdue) && (!q.waitingOnMe || g.waitingOnMe)) total += n;
  }
  counts.byStage = [...byStage].sort((a, b) => a[0] - b[0]).map(([stage, count]) => ({ stage, count }));
  const items = rows.map((r): ClientRow => {
    const table = projectTable(r);
    const st = getState(table, r.state);
    return {
      projectId: r.projectId,
      title: r.title,
      filingNo: r.filingNo,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      townCode: r.townCode,
      stage: r.stage,
      state: r.state,
      stateLabel: stateInfo(r.state, table).label,
      waitingOn: waitingLabels(st?.waitingOn ?? []),
      waitingOnMe: Boolean(r.waitingOnMe),
      dueOn: r.dueOn ?? null,
      overdue: Boolean(r.overdue),
      isProvider: r.providerOrgId === actor.orgId,
      delegated: Boolean(r.delegated),
    };
  });
  return { items, total, page: q.page, pageSize: q.pageSize, counts };
}

// ---- accountability (服务商考核) -----------------------------------------------------------------------

export const PROVIDER_TYPES = ['leading_unit', 'catalog_provider'] as const;
export const MEASURE_KINDS = ['warning', 'correction', 'suspension'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_LABELS: Record<MeasureKind, Text> = {
  warning: { zh: '警告', en: 'Warning' },
  correction: { zh: '限期整改', en: 'Correction by a date' },
  suspension: { zh: '暂停被选择', en: 'Suspension from new choices' },
};

export interface RatingAverages {
  count: number;
  overall: number | null;
  timeliness: number | null;
  quality: number | null;
  service: number | null;
  price: number | null;
}

export interface ProviderSummary {
  orgId: string;
  name: string;
  type: string;
  active: boolean;
  ratings: RatingAverages;
  openProjects: number;
  overdueSteps: number;
  activeMeasures: number;
  suspended: boolean;
}

const ORG_ID = qualified(organizations.id);

function openStatesFilter(alias: string): SQL {
  return TERMINAL_STATES.length ? sql`${sql.identifier(alias)}.state not in (${sql.join(TERMINAL_STATES.map((s) => sql`${s}`), sql`, `)})` : sql`true`;
}

function summaryColumns(today: string) {
  const avg = (expr: SQL) => sql<string | null>`(select round(avg(${expr}), 2)::text from provider_ratings r where r.provider_org_id = ${ORG_ID})`;
  return {
    orgId: organizations.id,
    name: organizations.name,
    type: organizations.type,
    active: organizations.active,
    ratingCount: sql<number>`(select count(*)::int from provider_ratings r where r.provider_org_id = ${ORG_ID})`,
    overall: avg(sql`(r.timeliness + r.quality + r.service + r.price) / 4.0`),
    timeliness: avg(sql`r.timeliness`),
    quality: avg(sql`r.quality`),
    service: avg(sql`r.service`),
    price: avg(sql`r.price`),
    openProjects: sql<number>`(select count(*)::int from projects p where p.provider_org_id = ${ORG_ID} and ${openStatesFilter('p')})`,
    overdueSteps: sql<number>`(select count(*)::int from deadlines d join projects p on p.id = d.project_id where p.provider_org_id = ${ORG_ID} and d.closed_at is null and d.due_on < ${today}::date)`,
    activeMeasures: sql<number>`(select count(*)::int from provider_sanctions s where s.provider_org_id = ${ORG_ID} and s.lifted_at is null)`,
    suspended: sql<boolean>`exists (select 1 from provider_sanctions s where s.provider_org_id = ${ORG_ID} and s.kind = 'suspension' and s.lifted_at is null)`,
  };
}

type SummaryDbRow = { orgId: string; name: string; type: string; active: boolean; ratingCount: number; overall: string | null; timeliness: string | null; quality: string | null; service: string | null; price: string | null; openProjects: number; overdueSteps: number; activeMeasures: number; suspended: boolean };

const num = (v: string | null): number | null => (v === null ? null : Number(v));

function toProviderSummary(r: SummaryDbRow): ProviderSummary {
  return {
    orgId: r.orgId,
    name: r.name,
    type: r.type,
    active: r.active,
    ratings: { count: Number(r.ratingCount), overall: num(r.overall), timeliness: num(r.timeliness), quality: num(r.quality), service: num(r.service), price: num(r.price) },
    openProjects: Number(r.openProjects),
    overdueSteps: Number(r.overdueSteps),
    activeMeasures: Number(r.activeMeasures),
    suspended: Boolean(r.suspended),
  };
}

export interface ProvidersQuery {
  page: number;
  pageSize: number;
  type?: (typeof PROVIDER_TYPES)[number] | undefined;
  q?: string | undefined;
  measures?: 'active' | 'suspended' | undefined;
  overdue?: string | undefined;
}

/** Leading units and catalog providers with their ratings, open projects, overdue steps and measures in force. */
export async function listProviders(db: DbOrTx, q: ProvidersQuery): Promise<{ items: ProviderSummary[]; total: number; page: number; pageSize: number }> {
  const today = todayInShanghai(new Date());
  const cols = summaryColumns(today);
  const where: SQL[] = [q.type ? eq(organizations.type, q.type) : inArray(organizations.type, [...PROVIDER_TYPES])];
  if (q.q) where.push(ilike(organizations.name, containsPattern(q.q)));
  if (q.measures === 'suspended') where.push(sql`${cols.suspended}`);
  if (q.measures === 'active') where.push(sql`exists (select 1 from provider_sanctions s where s.provider_org_id = ${ORG_ID} and s.lifted_at is null)`);
  if (q.overdue) where.push(sql`exists (select 1 from deadlines d join projects p on p.id = d.project_id where p.provider_org_id = ${ORG_ID} and d.closed_at is null and d.due_on < ${today}::date)`);
  const rows = await db
    .select(cols)
    .from(organizations)
    .where(and(...where))
    .orderBy(asc(organizations.type), asc(organizations.name), asc(organizations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await pageTotal(q.page, q.pageSize, rows.length, async () => Number((await db.select({ n: count() }).from(organizations).where(and(...where)))[0]?.n ?? 0));
  return { items: rows.map(toProviderSummary), total, page: q.page, pageSize: q.pageSize };
}

export interface MeasureView {
  id: number;
  kind: MeasureKind;
  kindLabel: Text;
  reason: string;
  dueOn: string | null;
  response: string | null;
  respondedAt: string | null;
  liftedAt: string | null;
  liftReason: string | null;
  createdAt: string;
  inForce: boolean;
}

export interface RatingView {
  id: number;
  projectId: string;
  projectTitle: string;
  enterpriseName: string;
  timeliness: number;
  quality: number;
  service: number;
  price: number;
  comment: string;
  createdAt: string;
}

export interface ProviderProfile {
  provider: ProviderSummary & { contactName: string | null; contactMobile: string | null; address: string | null };
  ratings: RatingView[];
  measures: MeasureView[];
  projects: Array<{ projectId: string; title: string; enterpriseName: string; stage: number; state: string; stateLabel: Text; dueOn: string | null; overdue: boolean }>;
}

function toMeasure(r: typeof providerSanctions.$inferSelect): MeasureView {
  const kind = (MEASURE_KINDS as readonly string[]).includes(r.kind) ? (r.kind as MeasureKind) : 'warning';
  return {
    id: r.id,
    kind,
    kindLabel: MEASURE_LABELS[kind],
    reason: r.reason,
    dueOn: r.dueOn,
    response: r.response,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    liftedAt: r.liftedAt?.toISOString() ?? null,
    liftReason: r.liftReason,
    createdAt: r.createdAt.toISOString(),
    inForce: r.liftedAt === null,
  };
}

async function providerRow(db: DbOrTx, orgId: string) {
  const today = todayInShanghai(new Date());
  const [row] = await db
    .select({ ...summaryColumns(today), contactName: organizations.contactName, contactMobile: organizations.contactMobile, address: organizations.address })
    .from(organizations)
    .where(and(eq(organizations.id, orgId), inArray(organizations.type, [...PROVIDER_TYPES])));
  if (!row) throw new AppError('NOT_FOUND');
  return { ...toProviderSummary(row), contactName: row.contactName, contactMobile: row.contactMobile, address: row.address };
}

async function ratingsOf(db: DbOrTx, orgId: string): Promise<RatingView[]> {
  const rows = await db
    .select({
      id: providerRatings.id,
      projectId: providerRatings.projectId,
      projectTitle: projects.title,
      enterpriseName: projects.enterpriseName,
      timeliness: providerRatings.timeliness,
      quality: providerRatings.quality,
      service: providerRatings.service,
      price: providerRatings.price,
      comment: providerRatings.comment,
      createdAt: providerRatings.createdAt,
    })
    .from(providerRatings)
    .innerJoin(projects, eq(projects.id, providerRatings.projectId))
    .where(eq(providerRatings.providerOrgId, orgId))
    .orderBy(desc(providerRatings.createdAt), desc(providerRatings.id))
    .limit(200);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

async function measuresOf(db: DbOrTx, orgId: string): Promise<MeasureView[]> {
  const rows = await db.select().from(providerSanctions).where(eq(providerSanctions.providerOrgId, orgId)).orderBy(desc(providerSanctions.createdAt), desc(providerSanctions.id)).limit(200);
  return rows.map(toMeasure);
}

/** A provider's page for the bureau: figures, ratings with comments, its projects, the history of measures. */
export async function providerProfile(db: DbOrTx, orgId: string): Promise<ProviderProfile> {
  const provider = await providerRow(db, orgId);
  const due = projectDueColumns();
  const rows = await db
    .select({ projectId: projects.id, title: projects.title, enterpriseName: projects.enterpriseName, stage: projects.stage, state: projects.state, workflowVersion: projects.workflowVersion, dueOn: due.dueOn, overdue: due.overdue })
    .from(projects)
    .where(eq(projects.providerOrgId, orgId))
    .orderBy(desc(projects.stateChangedAt), desc(projects.id))
    .limit(200);
  return {
    provider,
    ratings: await ratingsOf(db, orgId),
    measures: await measuresOf(db, orgId),
    projects: rows.map((r) => ({ projectId: r.projectId, title: r.title, enterpriseName: r.enterpriseName, stage: r.stage, state: r.state, stateLabel: stateInfo(r.state, projectTable(r)).label, dueOn: r.dueOn ?? null, overdue: Boolean(r.overdue) })),
  };
}

export interface MeasureInput {
  kind: MeasureKind;
  reason: string;
  dueOn?: string | undefined;
}

const MEASURE_NOTICE: Record<MeasureKind, Text> = {
  warning: { zh: '市工信局对贵单位作出警告', en: 'The bureau has issued you a warning' },
  correction: { zh: '市工信局要求贵单位限期整改', en: 'The bureau requires a correction by a date' },
  suspension: { zh: '贵单位已被暂停参与企业新的服务商选择', en: 'You are suspended from new provider choices' },
};

/** The bureau takes a measure against a provider; the provider is notified and sees it under 服务评价与整改. */
export async function takeMeasure(db: AppDb, ctx: RequestContext, orgId: string, input: MeasureInput): Promise<MeasureView> {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, orgId), inArray(organizations.type, [...PROVIDER_TYPES])))
      .for('update');
    if (!org) throw new AppError('NOT_FOUND');
    if (input.kind === 'correction' && !input.dueOn) {
      throw new AppError('VALIDATION_FAILED', {
        message: { zh: '限期整改须填写整改期限', en: 'A correction needs its due date' },
        details: { fields: [{ path: 'dueOn', code: 'REQUIRED', message: ctx.locale === 'en' ? 'Enter the due date' : '请填写整改期限' }] },
      });
    }
    if (input.dueOn && input.dueOn < todayInShanghai(new Date())) {
      throw new AppError('VALIDATION_FAILED', {
        message: { zh: '整改期限不能早于今天', en: 'The due date cannot be before today' },
        details: { fields: [{ path: 'dueOn', code: 'IN_PAST', message: ctx.locale === 'en' ? 'The due date cannot be before today' : '整改期限不能早于今天' }] },
      });
    }
    if (input.kind === 'suspension' && (await activeSuspensions(tx, [orgId])).size > 0) {
      throw new AppError('MEASURE_CONFLICT', { message: { zh: '该服务商已处于暂停状态，无需重复暂停', en: 'The provider is already suspended' } });
    }
    const [row] = await tx
      .insert(providerSanctions)
      .values({ providerOrgId: orgId, kind: input.kind, reason: input.reason, dueOn: input.kind === 'correction' ? (input.dueOn ?? null) : null, createdBy: ctx.actor.userId })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: `provider.${input.kind}`, targetType: 'organization', targetId: orgId, summary: { measureId: row.id, reason: input.reason, dueOn: row.dueOn } });
    const due = row.dueOn ? { zh: `，整改期限：${row.dueOn}`, en: `; due by ${row.dueOn}` } : { zh: '', en: '' };
    await enqueueNotification(tx, {
      to: [{ orgId }],
      projectId: null,
      kind: `provider.${input.kind}`,
      title: MEASURE_NOTICE[input.kind],
      body: { zh: `原因：${input.reason}${due.zh}。请在“服务评价与整改”中查看并答复。`, en: `Reason: ${input.reason}${due.en}. See it and answer under “Ratings and measures”.` },
      link: '/workbench/standing',
      dedupeKey: `provider-measure:${row.id}`,
    });
    return toMeasure(row);
  });
}

/** Lifts a measure in force (a suspension ends: the provider can be chosen again). */
export async function liftMeasure(db: AppDb, ctx: RequestContext, orgId: string, measureId: number, reason: string): Promise<MeasureView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(providerSanctions)
      .where(and(eq(providerSanctions.id, measureId), eq(providerSanctions.providerOrgId, orgId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.liftedAt) throw new AppError('MEASURE_CONFLICT', { message: { zh: '该措施已解除，请勿重复操作', en: 'This measure was already lifted' } });
    const [updated] = await tx
      .update(providerSanctions)
      .set({ liftedAt: sql`now()`, liftedBy: ctx.actor.userId, liftReason: reason })
      .where(eq(providerSanctions.id, measureId))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'provider.measureLifted', targetType: 'organization', targetId: orgId, summary: { measureId, kind: row.kind, reason } });
    await enqueueNotification(tx, {
      to: [{ orgId }],
      projectId: null,
      kind: 'provider.measureLifted',
      title: { zh: `市工信局已解除对贵单位的“${MEASURE_LABELS[toMeasure(row).kind].zh}”措施`, en: `The bureau lifted the measure “${MEASURE_LABELS[toMeasure(row).kind].en}”` },
      body: { zh: `解除原因：${reason}`, en: `Reason: ${reason}` },
      link: '/workbench/standing',
      dedupeKey: `provider-measure-lifted:${measureId}`,
    });
    return toMeasure(updated);
  });
}

/** The provider's own standing: its figures, the ratings it received and the measures taken against it. */
export async function myStanding(db: DbOrTx, actor: Actor): Promise<{ provider: ProviderSummary; ratings: RatingView[]; measures: MeasureView[] }> {
  requireProvider(actor);
  const provider = await providerRow(db, actor.orgId);
  const { contactName: _c, contactMobile: _m, address: _a, ...summary } = provider;
  return { provider: summary, ratings: await ratingsOf(db, actor.orgId), measures: await measuresOf(db, actor.orgId) };
}

/** The provider answers a measure (once); the bureau is told. Another provider's measure is a 404. */
export async function answerMeasure(db: AppDb, ctx: RequestContext, measureId: number, response: string): Promise<MeasureView> {
  requireProvider(ctx.actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(providerSanctions)
      .where(and(eq(providerSanctions.id, measureId), eq(providerSanctions.providerOrgId, ctx.actor.orgId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.response !== null) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '已答复该措施，请勿重复提交', en: 'You already answered this measure' } });
    const [updated] = await tx
      .update(providerSanctions)
      .set({ response, respondedBy: ctx.actor.userId, respondedAt: sql`now()` })
      .where(eq(providerSanctions.id, measureId))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'provider.measureAnswered', targetType: 'organization', targetId: ctx.actor.orgId, summary: { measureId } });
    await enqueueNotification(tx, {
      to: [{ bureau: ['admin', 'reviewer'] }],
      projectId: null,
      kind: 'provider.measureAnswered',
      title: { zh: `${ctx.actor.orgName}答复了“${MEASURE_LABELS[toMeasure(row).kind].zh}”措施`, en: `${ctx.actor.orgName} answered the measure “${MEASURE_LABELS[toMeasure(row).kind].en}”` },
      body: { zh: response.slice(0, 200), en: response.slice(0, 200) },
      link: `/workbench/providers/${ctx.actor.orgId}`,
      excludeUserId: ctx.actor.userId,
      dedupeKey: `provider-measure-answered:${measureId}`,
    });
    return toMeasure(updated);
  });
}

// ---- the funnel (bureau dashboard) ---------------------------------------------------------------------

/** Running and completed filed projects the actor may see, by town and stage (withdrawn and closed ones apart). */
export async function funnel(db: DbOrTx, actor: Actor): Promise<{ cells: Array<{ townCode: string; stage: number; count: number }> }> {
  if (actor.orgType !== 'bureau' && actor.orgType !== 'town') throw new AppError('FORBIDDEN_ROLE');
  const rows = await db
    .select({ townCode: projects.townCode, stage: projects.stage, count: count() })
    .from(projects)
    .where(and(projectScope(actor), isNotNull(projects.submittedAt), ENDED_UNFINISHED_STATES.length ? notInArray(projects.state, [...ENDED_UNFINISHED_STATES]) : undefined))
    .groupBy(projects.townCode, projects.stage);
  return { cells: rows.map((r) => ({ townCode: r.townCode, stage: r.stage, count: Number(r.count) })) };
}
