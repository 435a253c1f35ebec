/**
 * Extra seed data for the list and upload sections, added once per database on top of `seed()`:
 *
 * - a diagnosis institution (组织类型 institution_diagnostic) with a user, holding `institutionProjects`
 *   projects in `institutionDiagnosis` (its 进行中 tasks): seeded projects of stage 2 moved there with set-based
 *   SQL, each with an open diagnosis deadline (20 working days, spread) as the lifecycle would have opened;
 * - `notifications` notifications for the benchmark's enterprise user (a third of them unread), newest first
 *   by id as the list orders them, interleaved with `otherNotifications` for the bureau reviewer (so the
 *   table is bigger than one user's list and the user filter matters);
 * - an enterprise with a user and one project in `institutionDiagnosis` assigned to that institution, whose
 *   `diagnosis.systems` slot (up to 100 MB, capped by UPLOAD_MAX_MB) receives the upload.
 * - the reads of the later stages: one submitted self-assessment (complete answers from the catalog's generator,
 *   scored and frozen as a submission freezes it) on the enterprise user's project; a town office of BENCH_TOWN
 *   with a user; a subsidy review (workflow object of the current subsidy-review table, spread over its steps)
 *   with its application for every seeded project in state `subsidyReview`; `announcements` announcements
 *   (kinds and statuses spread, windows around today) with `announcementLines` lines each taken from the projects.
 * Then ANALYZE of the touched tables. Memoised per database handle: the sections share it.
 */
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';
import { assessments } from '../../src/db/schema';
import { makeEnterprise, makeOrg, makeProject, makeUser } from '../../src/db/factories';
import { assess, getCatalog, randomCompleteAnswers, seededRng } from '../../src/core/assessment';
import { DEFAULT_SUBSIDY_REVIEW_STEPS } from '../../src/core/workflow/subsidy-review';
import { currentVersion } from '../../src/server/workflow/registry';
import { REVIEW_KIND } from '../../src/server/modules/subsidy/service';
import { hashPassword } from '../../src/server/modules/auth/passwords';
import { BENCH_PASSWORD, BENCH_TOWN, type SeedInfo } from './seed';

export interface WorkloadSizes {
  institutionProjects: number;
  /** Notifications of the enterprise user (the list measured). */
  notifications: number;
  /** Notifications of the bureau reviewer: the rest of the table, which the user filter must skip. */
  otherNotifications: number;
  announcements: number;
  announcementLines: number;
}

export const DEFAULT_WORKLOAD: WorkloadSizes = {
  institutionProjects: 300,
  notifications: 200,
  otherNotifications: 10_000,
  announcements: 60,
  announcementLines: 40,
};

/** Kinds and statuses the seeded announcements cycle through (withdrawn ones are not public). */
const ANNOUNCEMENT_KINDS = ['funded', 'pilot', 'benchmark', 'payment', 'pre'];
const ANNOUNCEMENT_STATUSES = ['open', 'final', 'final', 'withdrawn'];
const ASSESSMENT_CATALOG = '2024';

export interface Workload {
  sizes: WorkloadSizes;
  ms: number;
  institution: { orgId: string; account: string; password: string };
  /** Projects the institution holds in institutionDiagnosis (the seeded ones plus the upload project). */
  inProgress: number;
  enterpriseUserId: string;
  /** Notifications of the enterprise user, and how many of them are unread. */
  notifications: number;
  unread: number;
  uploader: { account: string; password: string; orgId: string; projectId: string };
  /** The submitted self-assessment of the enterprise user's project, with its frozen base score and level. */
  assessment: { id: string; base: number; level: number };
  town: { orgId: string; account: string; password: string; townCode: string; projects: number };
  /** Subsidy reviews in a step (what the bureau's queue lists), and those of BENCH_TOWN. */
  subsidyReviews: number;
  subsidyReviewsInTown: number;
  /** A project under subsidy review (its application submitted), as the bureau opens it. */
  reviewedProjectId: string;
  /** Announcements in all, and those the public sees (not withdrawn). */
  announcements: number;
  publicAnnouncements: number;
}

const UPLOADER_USCC_SEQ = 3_000_001;
const raw = (n: number) => sql.raw(String(Math.trunc(n)));

function firstRow<T>(res: { rows: unknown[] }): T {
  const row = res.rows[0];
  if (!row) throw new Error('workload seed: query returned no row');
  return row as T;
}

async function seedWorkload(handle: DbHandle, s: SeedInfo, sizes: WorkloadSizes): Promise<Workload> {
  const t0 = performance.now();
  const db = handle.db;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const out = await db.transaction(async (tx) => {
    const inst = await makeOrg(tx, { type: 'institution_diagnostic', name: '中山市基准数字化诊断服务中心', nameEn: 'Zhongshan Benchmark Digital Diagnosis Centre' });
    const instAccount = 'diagnosis@bench.zs-pilot.cn';
    await makeUser(tx, { orgId: inst.id, name: '基准诊断员', email: instAccount, passwordHash, memberRole: 'owner' });

    // Seeded filed projects of stage 2 (those already in institutionDiagnosis first) become this institution's tasks.
    await tx.execute(sql`
      with picked as (
        select id from projects
        where submitted_at is not null and stage = 2 and diagnosis_institution_id is null
        order by (state = 'institutionDiagnosis') desc, id
        limit ${raw(sizes.institutionProjects)}
      )
      update projects p
      set state = 'institutionDiagnosis', stage = 2, diagnosis_mode = 'institution', diagnosis_institution_id = ${inst.id}
      from picked where p.id = picked.id`);

    const enterprise = await makeEnterprise(tx, UPLOADER_USCC_SEQ, { name: '中山市基准上传测试制造有限公司' });
    const uploaderAccount = '13700000002';
    await makeUser(tx, { orgId: enterprise.id, name: '基准上传用户', mobile: uploaderAccount, passwordHash, memberRole: 'owner' });
    const project = await makeProject(tx, { enterprise, state: 'institutionDiagnosis', diagnosisMode: 'institution', diagnosisInstitutionId: inst.id });

    // The open deadline of each diagnosis (what the task list sorts by), due dates spread over six weeks.
    await tx.execute(sql`
      insert into deadlines (object_type, object_id, project_id, state, assignee_org_id, waiting_role, started_on, due_on, remind_on)
      select 'project', x.id, x.id, 'institutionDiagnosis', ${inst.id}, 'institutionDiagnostic',
             date '2026-11-02' + (x.rn % 30)::int, date '2026-11-30' + (x.rn % 42)::int, date '2026-11-25' + (x.rn % 42)::int
      from (select id, row_number() over (order by id) as rn from projects where diagnosis_institution_id = ${inst.id}) x`);

    const entUser = firstRow<{ id: string; org_id: string }>(await tx.execute(sql`select id, org_id from users where mobile = ${s.enterpriseUser.account}`));
    const bureauUser = firstRow<{ id: string; org_id: string }>(await tx.execute(sql`select id, org_id from users where lower(email) = ${s.bureauUser.account}`));
    // One notification in every `step` is the enterprise user's, the rest the reviewer's, interleaved by id.
    const step = 1 + Math.floor(sizes.otherNotifications / sizes.notifications);
    await tx.execute(sql`
      insert into notifications (user_id, org_id, project_id, kind, title, body, link, read_at, created_at)
      select case when g.i % ${raw(step)} = 0 then ${entUser.id}::uuid else ${bureauUser.id}::uuid end,
             case when g.i % ${raw(step)} = 0 then ${entUser.org_id}::uuid else ${bureauUser.org_id}::uuid end,
             ${s.enterpriseUser.projectId}, k.kinds[1 + (g.i / ${raw(step)}) % 4],
             jsonb_build_object('zh', '项目进展提醒（第' || g.i || '条）', 'en', 'Project progress notice #' || g.i),
             jsonb_build_object('zh', '您的项目有新的进展，请登录平台查看并处理。', 'en', 'Your project has moved on; sign in to see what is needed.'),
             '/workbench/projects/' || ${s.enterpriseUser.projectId},
             case when (g.i / ${raw(step)}) % 3 = 0 then null else timestamptz '2026-06-01 09:00:00+08' + g.i * interval '10 minutes' end,
             timestamptz '2026-06-01 08:00:00+08' + g.i * interval '10 minutes'
      from generate_series(1, ${raw(sizes.notifications * step)}) as g(i)
      cross join (select array['project.transition', 'deadline.reminder', 'material.requested', 'diagnosis.assigned'] as kinds) k`);
    const inProgress = firstRow<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from projects where diagnosis_institution_id = ${inst.id} and state = 'institutionDiagnosis'`),
    ).n;
    const unread = firstRow<{ n: number }>(await tx.execute(sql`select count(*)::int as n from notifications where user_id = ${entUser.id} and read_at is null`)).n;

    // A submitted self-assessment, frozen as submitAssessment freezes it.
    const catalog = getCatalog(ASSESSMENT_CATALOG);
    const answers = randomCompleteAnswers(catalog, seededRng(2026));
    const result = assess(catalog, answers);
    if (!result.valid) throw new Error('workload seed: the generated assessment answers are not valid');
    const submittedAt = new Date('2026-03-02T10:00:00+08:00');
    const [assessment] = await tx
      .insert(assessments)
      .values({
        projectId: s.enterpriseUser.projectId,
        enterpriseId: s.enterpriseUser.orgId,
        mode: 'self',
        catalogVersion: ASSESSMENT_CATALOG,
        status: 'submitted',
        answers: answers as unknown as Record<string, unknown>,
        result: { score: result.score, level: result.level } as unknown as Record<string, unknown>,
        baseMilli: Math.round(result.score.base * 1000),
        level: result.level.level,
        filledByOrgId: s.enterpriseUser.orgId,
        pledgedAt: submittedAt,
        submittedAt,
        revision: 3,
      })
      .returning({ id: assessments.id });
    if (!assessment) throw new Error('workload seed: assessment insert returned nothing');

    // A town office of the benchmark town and its officer.
    const townOrg = await makeOrg(tx, { type: 'town', name: '小榄镇经济发展和科技统计局', nameEn: 'Xiaolan Town Economic Development Office', townCode: BENCH_TOWN });
    const townAccount = 'xiaolan@bench.zs-pilot.cn';
    await makeUser(tx, { orgId: townOrg.id, name: '基准镇街专员', email: townAccount, passwordHash, memberRole: 'owner' });
    const townProjects = firstRow<{ n: number }>(await tx.execute(sql`select count(*)::int as n from projects where town_code = ${BENCH_TOWN}`)).n;

    // A subsidy review with its application for every project waiting in subsidyReview, spread over the steps.
    const steps = DEFAULT_SUBSIDY_REVIEW_STEPS.map((st) => st.id);
    await tx.execute(sql`
      with p as (
        select id, planned_investment_fen, row_number() over (order by id) as rn from projects where state = 'subsidyReview'
      ), wo as (
        insert into workflow_objects (kind, workflow_version, state, project_id, state_changed_at, created_at, updated_at)
        select ${REVIEW_KIND}, ${currentVersion('subsidyReview')}, (string_to_array(${steps.join(',')}, ','))[1 + (p.rn % ${raw(steps.length)})::int], p.id,
               timestamptz '2026-11-30 09:00:00+08' - (p.rn % 40) * interval '1 day',
               timestamptz '2026-10-01 09:00:00+08' + (p.rn % 40) * interval '1 hour',
               timestamptz '2026-11-30 09:00:00+08' - (p.rn % 40) * interval '1 day'
        from p
        returning id, project_id
      )
      insert into subsidy_applications (project_id, round, review_object_id, declarations, verified_investment_fen, suggested_fen, submitted_at, created_at, updated_at)
      select wo.project_id, 1, wo.id,
             jsonb_build_object('noDishonesty', true, 'noViolation3y', true, 'aboveScale', false),
             p.planned_investment_fen, (p.planned_investment_fen / 10 / 100) * 100,
             timestamptz '2026-10-01 09:00:00+08' + (p.rn % 40) * interval '1 hour',
             timestamptz '2026-09-20 09:00:00+08', timestamptz '2026-10-01 09:00:00+08' + (p.rn % 40) * interval '1 hour'
      from wo join p on p.id = wo.project_id`);
    const reviews = firstRow<{ n: number; in_town: number; project_id: string }>(
      await tx.execute(sql`
        select count(*)::int as n, count(*) filter (where p.town_code = ${BENCH_TOWN})::int as in_town, min(p.id::text) as project_id
        from workflow_objects w join projects p on p.id = w.project_id where w.kind = ${REVIEW_KIND}`),
    );

    // Announcements: kinds and statuses spread, windows around today; lines from the projects, in position order.
    await tx.execute(sql`
      with a as (
        insert into announcements (kind, title, body, office_name, office_contact, starts_on, ends_on, working_days, status, final_at, created_at)
        select k.kinds[1 + (g.i % ${raw(ANNOUNCEMENT_KINDS.length)})::int],
               '中山市数字化转型试点公示（第' || g.i || '批）',
               '现将名单予以公示，公示期内如有异议，请以实名书面形式向公示单位反映。',
               '中山市工业和信息化局', '0760-88888888',
               current_date - (g.i * 3), current_date - (g.i * 3) + 9, 7,
               st.statuses[1 + (g.i % ${raw(ANNOUNCEMENT_STATUSES.length)})::int],
               case when st.statuses[1 + (g.i % ${raw(ANNOUNCEMENT_STATUSES.length)})::int] = 'final' then now() - g.i * interval '3 days' end,
               now() - g.i * interval '3 days'
        from generate_series(1, ${raw(sizes.announcements)}) as g(i)
        cross join (select string_to_array(${ANNOUNCEMENT_KINDS.join(',')}, ',') as kinds) k
        cross join (select string_to_array(${ANNOUNCEMENT_STATUSES.join(',')}, ',') as statuses) st
        returning id
      ), an as (
        select id, row_number() over (order by id) as ai from a
      ), pr as (
        select id, enterprise_name, title, town_code, planned_investment_fen, row_number() over (order by id) as pi from projects where submitted_at is not null
      )
      insert into announcement_items (announcement_id, project_id, enterprise_name, project_name, town_code, amount_fen, position)
      select an.id, pr.id, pr.enterprise_name, pr.title, pr.town_code, (pr.planned_investment_fen / 10 / 100) * 100, l.pos
      from an
      cross join generate_series(1, ${raw(sizes.announcementLines)}) as l(pos)
      join pr on pr.pi = 1 + ((an.ai - 1) * ${raw(sizes.announcementLines)} + l.pos - 1) % (select count(*) from pr)`);
    const ann = firstRow<{ n: number; public: number }>(
      await tx.execute(sql`select count(*)::int as n, count(*) filter (where status <> 'withdrawn')::int as public from announcements`),
    );

    return {
      institution: { orgId: inst.id, account: instAccount, password: BENCH_PASSWORD },
      inProgress,
      enterpriseUserId: entUser.id,
      unread,
      uploader: { account: uploaderAccount, password: BENCH_PASSWORD, orgId: enterprise.id, projectId: project.id },
      assessment: { id: assessment.id, base: result.score.base, level: result.level.level },
      town: { orgId: townOrg.id, account: townAccount, password: BENCH_PASSWORD, townCode: BENCH_TOWN, projects: townProjects },
      subsidyReviews: reviews.n,
      subsidyReviewsInTown: reviews.in_town,
      reviewedProjectId: reviews.project_id,
      announcements: ann.n,
      publicAnnouncements: ann.public,
    };
  });
  await db.execute(sql`analyze projects`);
  await db.execute(sql`analyze deadlines`);
  await db.execute(sql`analyze notifications`);
  for (const t of ['assessments', 'workflow_objects', 'subsidy_applications', 'announcements', 'announcement_items']) await db.execute(sql.raw(`analyze ${t}`));
  return { sizes, ms: performance.now() - t0, notifications: sizes.notifications, ...out };
}

const cache = new WeakMap<DbHandle, Promise<Workload>>();

/** The workload of this database, seeded on first use. */
export function ensureWorkload(handle: DbHandle, s: SeedInfo, sizes: WorkloadSizes = DEFAULT_WORKLOAD): Promise<Workload> {
  let p = cache.get(handle);
  if (!p) {
    p = seedWorkload(handle, s, sizes);
    cache.set(handle, p);
  }
  return p;
}
