/**
 * Seeds a benchmark database with set-based SQL: a handful of big statements, no row-by-row inserts.
 *
 * - 10,000 enterprises (valid, unique 统一社会信用代码 from `makeUscc`, computed in JS and passed as one
 *   array parameter), spread over the 23 towns and the manufacturing divisions;
 * - one project per enterprise, spread over the lifecycle states (10 % drafts; every other state is
 *   filed and published with a unique ZSSZ-2026-NNNNN number in submission order), `filing_counters` set;
 * - 100,000 audit events spread over the projects (10 each, interleaved like real traffic);
 * - an enterprise user (owner of an enterprise whose project is under implementation) and a bureau
 *   reviewer, with one password hashed once.
 * Then ANALYZE — or VACUUM (ANALYZE) with `vacuum: true`, which also sets the visibility map so that
 * counts can be index-only scans, as on a table autovacuum has visited (PGlite has no autovacuum, and
 * a server may have it off).
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../../src/db/client';
import { makeOrg, makeUser } from '../../src/db/factories';
import { makeUscc } from '../../src/core/identity/uscc';
import { classifySme } from '../../src/core/identity/sme';
import { TOWN_CODES } from '../../src/core/identity/towns';
import { INDUSTRY_CODES } from '../../src/core/identity/industries';
import { PROJECT_LIFECYCLE, PROJECT_STATES, getState } from '../../src/core/workflow';
import { currentVersion } from '../../src/server/workflow/registry';
const PROJECT_WORKFLOW_VERSION = currentVersion('project');
import { FILING_PREFIX } from '../../src/server/modules/projects/filing-number';
import { publicFilingsWhere } from '../../src/server/modules/projects/service';
import { hashPassword } from '../../src/server/modules/auth/passwords';

export interface SeedSizes {
  enterprises: number;
  auditEvents: number;
}

export const DEFAULT_SIZES: SeedSizes = { enterprises: 10_000, auditEvents: 100_000 };

export const BENCH_PASSWORD = 'Bench2026';
export const FILING_YEAR = 2026;
/** makeUscc seeds of the benchmark's enterprises start above the demo data's. */
const USCC_SEED_BASE = 2_000_000;
const EMPLOYEES_MIN = 20;
const EMPLOYEES_SPAN = 280;
/** Revenue 5–50 million yuan, in fen. */
const REVENUE_MIN_FEN = 500_000_000;
const REVENUE_STEP_FEN = 1_000_000;
const REVENUE_STEPS = 4_500;
/** States in which the diagnosis is necessarily done by an institution. */
const INSTITUTION_STATES = ['awaitingDiagnosisAssignment', 'institutionDiagnosis', 'diagnosisConfirmation'];
const SELF_STATES = ['selfDiagnosis'];
const AUDIT_ACTIONS = [
  'project.created',
  'project.updated',
  'project.submitFiling',
  'assessment.saved',
  'assessment.submitted',
  'project.completeSelfDiagnosis',
  'project.chooseProvider',
  'project.updated',
];
/** The project of the enterprise user: mid-lifecycle, in the town the public list is filtered by. */
const ENTERPRISE_USER_STATE = 'implementation';
export const BENCH_TOWN = 'xiaolan';

export interface SeedInfo {
  sizes: SeedSizes;
  ms: { total: number; hash: number; organizations: number; projects: number; auditEvents: number; users: number; analyze: number };
  vacuumed: boolean;
  counts: Record<string, number>;
  enterpriseUser: { account: string; password: string; orgId: string; projectId: string };
  bureauUser: { account: string; password: string; orgId: string };
  /** Projects in stage 2 (what the bureau's stage filter matches) and filings the public list shows in BENCH_TOWN (publicFilingsWhere). */
  stage2Projects: number;
  publishedInTown: number;
}

const raw = (n: number) => sql.raw(String(Math.trunc(n)));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

function firstRow<T>(res: { rows: unknown[] }): T {
  const row = res.rows[0];
  if (!row) throw new Error('seed: query returned no row');
  return row as T;
}

export async function seed(db: AppDb, sizes: SeedSizes = DEFAULT_SIZES, opts: { vacuum?: boolean } = {}): Promise<SeedInfo> {
  const t0 = performance.now();
  const n = sizes.enterprises;
  const nTowns = TOWN_CODES.length;
  const nIndustries = INDUSTRY_CODES.length;
  // The enterprises must be SMEs ('small') across the whole range the SQL below produces.
  for (const [e, r] of [
    [EMPLOYEES_MIN, REVENUE_MIN_FEN],
    [EMPLOYEES_MIN + EMPLOYEES_SPAN - 1, REVENUE_MIN_FEN + (REVENUE_STEPS - 1) * REVENUE_STEP_FEN],
  ] as const) {
    const c = classifySme(e, r);
    if (c.size !== 'small') throw new Error(`seed: ${e} employees / ${r} fen is '${c.size}', expected 'small'`);
  }
  // States in table order with draft first; index 0 = draft, 1..k = the filed states.
  const states = ['draft', ...PROJECT_STATES.filter((s) => s !== 'draft')];
  const stages = states.map((s) => {
    const stage = getState(PROJECT_LIFECYCLE, s)?.stage;
    if (stage === undefined) throw new Error(`seed: state ${s} has no stage`);
    return stage;
  });
  const nFiledStates = states.length - 1;
  const usccCsv = Array.from({ length: n }, (_, i) => makeUscc(USCC_SEED_BASE + i + 1)).join(',');

  const [passwordHash, hashMs] = await timed(() => hashPassword(BENCH_PASSWORD));

  const result = await db.transaction(async (tx) => {
    const [, orgMs] = await timed(() =>
      tx.execute(sql`
        insert into organizations (type, name, name_en, uscc, town_code, industry_code, employees, annual_revenue_fen, sme_size,
                                   contact_name, contact_mobile, address, created_at, updated_at)
        select 'enterprise',
               '中山市基准' || u.n || '号制造有限公司',
               'Zhongshan Benchmark Manufacturing No. ' || u.n || ' Co., Ltd.',
               u.uscc,
               t.codes[1 + ((u.n - 1) % ${raw(nTowns)})::int],
               i.codes[1 + (((u.n - 1) / ${raw(nTowns)}) % ${raw(nIndustries)})::int],
               ${raw(EMPLOYEES_MIN)} + (u.n % ${raw(EMPLOYEES_SPAN)})::int,
               ${raw(REVENUE_MIN_FEN)}::bigint + ((u.n * 37) % ${raw(REVENUE_STEPS)}) * ${raw(REVENUE_STEP_FEN)}::bigint,
               'small',
               '联系人' || u.n,
               '139' || lpad(u.n::text, 8, '0'),
               '中山市基准路' || u.n || '号',
               timestamptz '2025-12-01 09:00:00+08' + u.n * interval '1 minute',
               timestamptz '2025-12-01 09:00:00+08' + u.n * interval '1 minute'
        from unnest(string_to_array(${usccCsv}, ',')) with ordinality as u(uscc, n)
        cross join (select string_to_array(${TOWN_CODES.join(',')}, ',') as codes) t
        cross join (select string_to_array(${INDUSTRY_CODES.join(',')}, ',') as codes) i`),
    );

    // One project per enterprise. Its number n (from the contact mobile) drives the spread:
    // town = n mod 23, state cycles per town, every 10th is a draft; filed in n order, 13 minutes apart.
    const [, projectMs] = await timed(() =>
      tx.execute(sql`
        insert into projects (enterprise_id, filing_no, workflow_version, state, stage, title, situation, needs, scope,
                              planned_investment_fen, planned_start, planned_end, diagnosis_mode, town_code, industry_code,
                              enterprise_name, uscc, published, submitted_at, revision, state_changed_at, created_at, updated_at)
        with e as (
          select o.id, o.name, o.uscc, o.town_code, o.industry_code, substr(o.contact_mobile, 4)::int as n
          from organizations o
          where o.type = 'enterprise' and o.name like '中山市基准%'
        ), st as (
          select s.state, s.stage::smallint as stage, (s.k - 1)::int as k
          from unnest(string_to_array(${states.join(',')}, ','), string_to_array(${stages.join(',')}, ',')) with ordinality as s(state, stage, k)
        ), chosen as (
          select e.*, st.state, st.stage, st.state <> 'draft' as filed,
                 timestamptz '2026-01-05 09:00:00+08' + e.n * interval '13 minutes' as at
          from e
          join st on st.k = case when e.n % 10 = 0 then 0 else 1 + ((e.n - 1) / ${raw(nTowns)}) % ${raw(nFiledStates)} end
        ), numbered as (
          select c.*, row_number() over (partition by c.filed order by c.at, c.n) as seq from chosen c
        )
        select id,
               case when filed then ${FILING_PREFIX + '-' + FILING_YEAR + '-'} || lpad(seq::text, 5, '0') end,
               ${PROJECT_WORKFLOW_VERSION}, state, stage,
               name || '数字化改造项目',
               '现有生产以人工排产和纸质工单为主，设备数据未采集。',
               '希望实现生产订单、工单报工和设备联网的数字化管理。',
               '生产管控、设备管理、仓储物流',
               (50 + n % 450) * 1000000::bigint,
               date '2026-02-01', date '2026-12-31',
               case when state = any(string_to_array(${INSTITUTION_STATES.join(',')}, ',')) then 'institution'
                    when state = any(string_to_array(${SELF_STATES.join(',')}, ',')) then 'self'
                    when n % 3 = 0 then 'institution' else 'self' end,
               town_code, industry_code, name, uscc,
               filed,
               case when filed then at end,
               1 + n % 3,
               case when filed then at + ((n * 7) % 240) * interval '1 hour' else at end,
               at - interval '3 days',
               case when filed then at + ((n * 7) % 240) * interval '1 hour' else at end
        from numbered`),
    );

    await tx.execute(sql`
      insert into filing_counters (year, last)
      select ${raw(FILING_YEAR)}, count(*)::int from projects where filing_no like ${`${FILING_PREFIX}-${FILING_YEAR}-%`}
      on conflict (year) do update set last = excluded.last`);

    const nProjects = firstRow<{ n: number }>(await tx.execute(sql`select count(*)::int as n from projects`)).n;
    const [, auditMs] = await timed(() =>
      tx.execute(sql`
        insert into audit_events (at, actor_user_id, actor_org_id, action, target_type, target_id, project_id, summary, request_id, ip)
        select p.created_at + (g.i / ${raw(nProjects)}) * interval '6 hours',
               null, p.enterprise_id,
               a.actions[1 + (g.i / ${raw(nProjects)}) % ${raw(AUDIT_ACTIONS.length)}],
               'project', p.id::text, p.id,
               jsonb_build_object('bench', true, 'seq', g.i),
               'bench-' || g.i, '127.0.0.1'
        from generate_series(0, ${raw(sizes.auditEvents - 1)}) as g(i)
        join (select id, enterprise_id, created_at, (row_number() over (order by id) - 1)::int as rn from projects) p
          on p.rn = g.i % ${raw(nProjects)}
        cross join (select string_to_array(${AUDIT_ACTIONS.join(',')}, ',') as actions) a`),
    );

    const [users, usersMs] = await timed(async () => {
      const mine = firstRow<{ project_id: string; enterprise_id: string }>(
        await tx.execute(sql`
          select id as project_id, enterprise_id from projects
          where state = ${ENTERPRISE_USER_STATE} and town_code = ${BENCH_TOWN}
          order by submitted_at limit 1`),
      );
      const enterpriseAccount = '13700000001';
      await makeUser(tx, { orgId: mine.enterprise_id, name: '基准企业用户', mobile: enterpriseAccount, passwordHash, memberRole: 'owner' });
      const bureau = await makeOrg(tx, { type: 'bureau', name: '中山市工业和信息化局', nameEn: 'Zhongshan Bureau of Industry and Information Technology' });
      const bureauAccount = 'reviewer@bench.zs-pilot.cn';
      await makeUser(tx, { orgId: bureau.id, name: '基准审核员', email: bureauAccount, passwordHash, bureauRole: 'reviewer' });
      return {
        enterpriseUser: { account: enterpriseAccount, password: BENCH_PASSWORD, orgId: mine.enterprise_id, projectId: mine.project_id },
        bureauUser: { account: bureauAccount, password: BENCH_PASSWORD, orgId: bureau.id },
      };
    });
    return { ...users, orgMs, projectMs, auditMs, usersMs };
  });

  const [, analyzeMs] = await timed(() => db.execute(opts.vacuum ? sql`vacuum (analyze)` : sql`analyze`));

  const counts = firstRow<Record<string, number>>(
    await db.execute(sql`
      select (select count(*)::int from organizations where type = 'enterprise') as enterprises,
             (select count(*)::int from projects) as projects,
             (select count(*)::int from projects where published) as published,
             (select count(*)::int from projects where filing_no is not null) as filed,
             (select count(distinct filing_no)::int from projects) as distinct_filing_nos,
             (select coalesce(max(last), 0)::int from filing_counters) as filing_counter,
             (select count(*)::int from audit_events) as audit_events,
             (select count(*)::int from users) as users,
             (select count(distinct town_code)::int from projects) as towns,
             (select count(distinct state)::int from projects) as states,
             (select count(*)::int from projects where stage = 2 and submitted_at is not null) as stage2_filed,
             (select count(*)::int from projects where ${publicFilingsWhere()} and town_code = ${BENCH_TOWN}) as published_in_town`),
  );
  if (counts.filed !== counts.distinct_filing_nos || counts.filed !== counts.filing_counter) {
    throw new Error(`seed: filing numbers inconsistent: ${JSON.stringify(counts)}`);
  }

  return {
    sizes,
    ms: {
      total: performance.now() - t0,
      hash: hashMs,
      organizations: result.orgMs,
      projects: result.projectMs,
      auditEvents: result.auditMs,
      users: result.usersMs,
      analyze: analyzeMs,
    },
    vacuumed: opts.vacuum === true,
    counts,
    enterpriseUser: result.enterpriseUser,
    bureauUser: result.bureauUser,
    stage2Projects: counts.stage2_filed ?? 0,
    publishedInTown: counts.published_in_town ?? 0,
  };
}
