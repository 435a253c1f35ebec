/**
 * The bureau's dashboards beyond the filing funnel: money per pool, time spent per state (where projects wait),
 * and level uplift (before vs after) per industry, town and provider — each figure computed in the database in
 * one query per figure (never a query per project), and each group carrying what its list link needs.
 */
import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { budgetPools, ledgerEntries, organizations, projects } from '../../../db/schema';
import { PROJECT_LIFECYCLE } from '../../../core/workflow';
import type { Text } from '../../../core/text';

export interface PoolFigure {
  id: string;
  year: number;
  fundSource: string;
  name: string;
  totalFen: number;
  committedFen: number;
  paidFen: number;
  remainingFen: number;
  /** Ledger sums per line: what was committed (net of releases) and paid. */
  byLine: Array<{ line: string; committedFen: number; paidFen: number; releasedFen: number }>;
}

export async function moneyOverview(db: AppDb, year?: number): Promise<PoolFigure[]> {
  const pools = await db
    .select()
    .from(budgetPools)
    .where(year ? eq(budgetPools.year, year) : undefined)
    .orderBy(budgetPools.year, budgetPools.fundSource);
  const sums = await db
    .select({
      poolId: ledgerEntries.poolId,
      line: ledgerEntries.line,
      kind: ledgerEntries.kind,
      fen: sql<string>`sum(${ledgerEntries.amountFen})`,
    })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.poolId, ledgerEntries.line, ledgerEntries.kind);
  return pools.map((p) => {
    const mine = sums.filter((s) => s.poolId === p.id);
    const lines = [...new Set(mine.map((s) => s.line))].sort();
    const of = (line: string, kind: string) => Number(mine.find((s) => s.line === line && s.kind === kind)?.fen ?? 0);
    return {
      id: p.id,
      year: p.year,
      fundSource: p.fundSource,
      name: p.name,
      totalFen: p.totalFen,
      committedFen: p.committedFen,
      paidFen: p.paidFen,
      remainingFen: p.totalFen - p.committedFen,
      byLine: lines.map((line) => ({ line, committedFen: of(line, 'commit') - of(line, 'release'), paidFen: of(line, 'pay'), releasedFen: of(line, 'release') })),
    };
  });
}

export interface StageTime {
  state: string;
  stage: number;
  label: Text;
  /** Stays that ended (the project moved on). */
  completed: number;
  meanDays: number | null;
  medianDays: number | null;
  /** Projects in the state now, and how long they have waited on average. */
  waiting: number;
  waitingMeanDays: number | null;
}

const DAY_SECONDS = 86_400;
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Time per state of the project lifecycle, from the transition history (each stay: entering → the next move). */
export async function stageTimes(db: AppDb): Promise<StageTime[]> {
  const rows = await db.execute<{ state: string; completed: string; mean_s: string | null; median_s: string | null; waiting: string; waiting_mean_s: string | null }>(sql`
    with stays as (
      select object_id, to_state, at, lead(at) over (partition by object_id order by id) as left_at
      from workflow_transitions
      where object_type = 'project' and to_state <> from_state
    )
    select to_state as state,
      count(left_at) as completed,
      avg(extract(epoch from left_at - at)) filter (where left_at is not null) as mean_s,
      percentile_cont(0.5) within group (order by extract(epoch from left_at - at)) filter (where left_at is not null) as median_s,
      count(*) filter (where left_at is null) as waiting,
      avg(extract(epoch from now() - at)) filter (where left_at is null) as waiting_mean_s
    from stays
    group by to_state`);
  const byState = new Map(rows.rows.map((r) => [r.state, r]));
  return PROJECT_LIFECYCLE.states
    .filter((s) => !s.terminal)
    .map((s) => {
      const r = byState.get(s.id);
      return {
        state: s.id,
        stage: s.stage,
        label: s.label,
        completed: Number(r?.completed ?? 0),
        meanDays: r?.mean_s == null ? null : round1(Number(r.mean_s) / DAY_SECONDS),
        medianDays: r?.median_s == null ? null : round1(Number(r.median_s) / DAY_SECONDS),
        waiting: Number(r?.waiting ?? 0),
        waitingMeanDays: r?.waiting_mean_s == null ? null : round1(Number(r.waiting_mean_s) / DAY_SECONDS),
      };
    });
}

import { UPLIFT_DIMENSIONS } from './dimensions';

export { UPLIFT_DIMENSIONS };
export type UpliftDimension = (typeof UPLIFT_DIMENSIONS)[number];

export interface EvaluatedProject {
  projectId: string;
  enterpriseId: string;
  enterpriseName: string;
  industryCode: string;
  townCode: string;
  providerOrgId: string | null;
  providerName: string | null;
  before: number | null;
  after: number;
  aboveScale: boolean | null;
  sptsGrade: string | null;
}

/**
 * Every project with a confirmed effect evaluation: the level after (the latest confirmed evaluation report's) and
 * before (the confirmed diagnosis report's, else the latest submitted diagnosis questionnaire's), from the archive.
 */
export async function evaluatedProjects(db: AppDb, range: { from?: string; to?: string } = {}): Promise<EvaluatedProject[]> {
  const after = sql<number>`(select (w.data->>'levelAfter')::int from workflow_objects w
      where w.project_id = ${projects.id} and w.kind = 'evaluationReport' and w.state = 'confirmed'
      order by w.version desc limit 1)`;
  const before = sql<number | null>`coalesce(
      (select (w.data->>'levelBefore')::int from workflow_objects w
        where w.project_id = ${projects.id} and w.kind = 'diagnosisReport' and w.state = 'confirmed' and w.data ? 'levelBefore'
        order by w.version desc limit 1),
      (select a.level from assessments a where a.project_id = ${projects.id} and a.mode in ('self', 'institution') and a.status = 'submitted' and a.level is not null
        order by a.submitted_at desc nulls last limit 1))`;
  const provider = sql<string | null>`(select o.name from organizations o where o.id = ${projects.providerOrgId})`;
  const rows = await db
    .select({
      projectId: projects.id,
      enterpriseId: projects.enterpriseId,
      enterpriseName: projects.enterpriseName,
      industryCode: projects.industryCode,
      townCode: projects.townCode,
      providerOrgId: projects.providerOrgId,
      providerName: provider,
      before,
      after,
      aboveScale: organizations.aboveScale,
      sptsGrade: organizations.sptsGrade,
    })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.enterpriseId))
    .where(
      and(
        isNotNull(projects.filingNo),
        sql`exists (select 1 from workflow_objects w where w.project_id = ${projects.id} and w.kind = 'evaluationReport' and w.state = 'confirmed')`,
        range.from ? gte(projects.submittedAt, new Date(`${range.from}T00:00:00+08:00`)) : undefined,
        range.to ? lte(projects.submittedAt, new Date(`${range.to}T23:59:59.999+08:00`)) : undefined,
      ),
    );
  return rows
    .filter((r) => r.after !== null)
    .map((r) => ({ ...r, after: Number(r.after), before: r.before === null ? null : Number(r.before) }));
}

export interface UpliftGroup {
  key: string;
  /** For the list link: the projects list filter of this group (industryCode / townCode / providerOrgId). */
  filter: Record<string, string>;
  name: string | null;
  projects: number;
  meanBefore: number | null;
  meanAfter: number;
  meanUplift: number | null;
  atLeastLevel2: number;
}

const mean = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

export function upliftGroups(rows: readonly EvaluatedProject[], by: UpliftDimension): UpliftGroup[] {
  const groups = new Map<string, EvaluatedProject[]>();
  for (const r of rows) {
    const key = by === 'industry' ? r.industryCode : by === 'town' ? r.townCode : (r.providerOrgId ?? 'none');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const withBefore = list.filter((r) => r.before !== null);
      const filter: Record<string, string> = by === 'industry' ? { industryCode: key } : by === 'town' ? { townCode: key } : key === 'none' ? {} : { providerOrgId: key };
      return {
        key,
        filter,
        name: by === 'provider' ? (list[0]?.providerName ?? null) : null,
        projects: list.length,
        meanBefore: mean(withBefore.map((r) => r.before ?? 0)),
        meanAfter: mean(list.map((r) => r.after)) ?? 0,
        meanUplift: mean(withBefore.map((r) => r.after - (r.before ?? 0))),
        atLeastLevel2: list.filter((r) => r.after >= 2).length,
      };
    })
    .sort((a, b) => b.projects - a.projects || a.key.localeCompare(b.key));
}
