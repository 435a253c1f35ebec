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
 * Then ANALYZE of the touched tables. Memoised per database handle: the sections share it.
 */
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';
import { makeEnterprise, makeOrg, makeProject, makeUser } from '../../src/db/factories';
import { hashPassword } from '../../src/server/modules/auth/passwords';
import { BENCH_PASSWORD, type SeedInfo } from './seed';

export interface WorkloadSizes {
  institutionProjects: number;
  /** Notifications of the enterprise user (the list measured). */
  notifications: number;
  /** Notifications of the bureau reviewer: the rest of the table, which the user filter must skip. */
  otherNotifications: number;
}

export const DEFAULT_WORKLOAD: WorkloadSizes = { institutionProjects: 300, notifications: 200, otherNotifications: 10_000 };

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
    return {
      institution: { orgId: inst.id, account: instAccount, password: BENCH_PASSWORD },
      inProgress,
      enterpriseUserId: entUser.id,
      unread,
      uploader: { account: uploaderAccount, password: BENCH_PASSWORD, orgId: enterprise.id, projectId: project.id },
    };
  });
  await db.execute(sql`analyze projects`);
  await db.execute(sql`analyze deadlines`);
  await db.execute(sql`analyze notifications`);
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
