/**
 * Three instances of the platform, each its own process (the server as `npm run serve` starts it), against
 * ONE PostgreSQL database, sharing a real S3 server (s3rver) and a real SMTP server, behind a round-robin reverse
 * proxy without sticky sessions: a browser with one cookie jar reaches a different instance on every request.
 * Sessions, caches, jobs and uploads behave as one system, and killing one instance (SIGKILL) loses nothing.
 *
 * PostgreSQL only (TEST_DB=postgres): PGlite is an embedded database inside one process and cannot be shared.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeProject, makeUser, type OrgRow, type ProjectRow } from '../../src/db/factories';
import { deliveries, notifications, outbox, projects, users } from '../../src/db/schema';
import { enqueueNotification } from '../../src/server/notifications/outbox';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../support/db';
import { PASSWORD, enterpriseWithUser, nextSeq } from '../support/fixtures';
import { pdf } from '../support/sample-files';
import { HttpClient, startInstance, startProxy, startS3Server, startSmtp, within, type Instance, type Proxy } from '../support/cluster';

const SKIP_REASON = 'PostgreSQL only: set TEST_DB=postgres (PGlite is one process\'s embedded database; several instances cannot share it)';
/** How long another instance may show an older answer after a write (PUBLIC_CACHE_MS = 1000 and a request's time). */
const CROSS_INSTANCE_BOUND_MS = 1_250;
const BUCKET = 'zs-cluster';
const NAMES = ['i1', 'i2', 'i3'] as const;

interface Me {
  user: { id: string };
}
interface Detail {
  id: string;
  title: string;
  revision: number;
  state: string;
  filingNo: string | null;
}
interface PublicPage {
  items: Array<{ filingNo: string; title: string }>;
}
interface Uploaded {
  id: string;
  size: number;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

if (TEST_DB_KIND !== 'postgres') console.info(`[cluster] skipped: ${SKIP_REASON}`);

describe.skipIf(TEST_DB_KIND !== 'postgres')(`three instances on one PostgreSQL behave as one system (${SKIP_REASON})`, () => {
  let testDb: TestDb;
  let tmp: string;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let instances: Instance[] = [];
  let proxy: Proxy;
  let admin: pg.Client;

  let enterprise: { org: OrgRow; account: string };
  let reviewerEmail: string;
  let adminEmail: string;
  let adminAccount: string;
  let uploadProject: ProjectRow;
  let drafts: ProjectRow[];
  let crowd: OrgRow;
  const CROWD_MEMBERS = 20;

  const db = () => testDb.handle.db;
  const inst = (i: number) => instances[i]!;

  beforeAll(async () => {
    const started = Date.now();
    testDb = await createTestDb();
    tmp = await mkdtemp(join(tmpdir(), 'zs-cluster-'));
    [s3, smtp] = await Promise.all([startS3Server(join(tmp, 's3')), startSmtp()]);

    // One seeded database, through the shared factories, before any instance starts.
    enterprise = await enterpriseWithUser(db());
    const bureau = await makeOrg(db(), { type: 'bureau', name: `市工信局-${nextSeq()}`, townCode: null });
    const n = nextSeq();
    reviewerEmail = `reviewer-${n}@test.local`;
    adminEmail = `admin-${n}@test.local`;
    adminAccount = adminEmail;
    await makeUser(db(), { orgId: bureau.id, name: '审核员', email: reviewerEmail, password: PASSWORD, bureauRole: 'reviewer', memberRole: 'member' });
    await makeUser(db(), { orgId: bureau.id, name: '管理员', email: adminEmail, password: PASSWORD, bureauRole: 'admin', memberRole: 'member' });
    const institution = await makeOrg(db(), { type: 'institution_diagnostic', name: `诊断机构-${nextSeq()}`, townCode: null });
    uploadProject = await makeProject(db(), { enterprise: enterprise.org, state: 'institutionDiagnosis', diagnosisMode: 'institution', diagnosisInstitutionId: institution.id });
    drafts = [];
    for (let i = 0; i < 12; i += 1) drafts.push(await makeProject(db(), { enterprise: enterprise.org, state: 'draft', title: `集群备案${n}-${i}号产线改造` }));
    // An organisation with many members: delivering one message to it writes many rows in one transaction.
    crowd = await makeOrg(db(), { type: 'enterprise', name: `多成员企业-${nextSeq()}`, townCode: null });
    const [{ passwordHash } = { passwordHash: '' }] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, reviewerEmail));
    for (let i = 0; i < CROWD_MEMBERS; i += 1) await makeUser(db(), { orgId: crowd.id, name: `成员${i}`, passwordHash, memberRole: 'member' });

    const env = (name: string): Record<string, string> => {
      const url = new URL(testDb.url!);
      url.searchParams.set('application_name', `zs-cluster-${name}`);
      return {
        DATABASE_URL: url.toString(),
        DATA_DIR: join(tmp, `data-${name}`),
        DEMO_DATA: '0',
        SERVE_WEB: '0',
        LOG_LEVEL: 'warn',
        ARGON_MEMORY_KIB: '1024',
        TRUST_PROXY: '1',
        JOBS: '1',
        JOB_OUTBOX_MS: '200',
        PUBLIC_BASE_URL: 'http://zs-pilot.test',
        S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_CREATE_BUCKET: '1',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_SECURE: '0',
      };
    };
    const seeded = Date.now();
    const results = await Promise.allSettled(NAMES.map((name) => startInstance(name, env(name))));
    instances = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    proxy = await startProxy(instances);
    admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
    console.info(`[cluster] seeded in ${seeded - started} ms; three instances healthy ${Date.now() - seeded} ms later (started in parallel)`);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(instances.map((i) => i.stop()));
    await admin?.end();
    await s3?.stop();
    await smtp?.close();
    await testDb?.drop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('instances are separate processes on separate ports, each connected to the one database', async () => {
    expect(new Set(instances.map((i) => i.pid)).size).toBe(3);
    expect(new Set(instances.map((i) => i.port)).size).toBe(3);
    const res = await admin.query<{ application_name: string }>(
      `select distinct application_name from pg_stat_activity where datname = current_database() and application_name like 'zs-cluster-%' order by 1`,
    );
    expect(res.rows.map((r) => r.application_name)).toEqual(NAMES.map((n) => `zs-cluster-${n}`));
  });

  it('signed in through the proxy, every instance knows the session; signing out on one is refused on all at once', async () => {
    const browser = new HttpClient(proxy.origin);
    await browser.login(enterprise.account, PASSWORD);
    const before = proxy.served.length;
    const me = [];
    for (let i = 0; i < 6; i += 1) me.push(await browser.get<Me>('/api/v1/auth/me'));
    expect(me.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // No stickiness: the six requests went round all three.
    expect(new Set(proxy.served.slice(before))).toEqual(new Set(NAMES));
    expect(new Set(me.map((r) => r.headers.get('x-served-by')))).toEqual(new Set(NAMES));
    const userId = me[0]!.body.user.id;
    // Directly on each instance, the same cookie: the same user.
    for (const i of instances) {
      const r = await browser.via(i.origin).get<Me>('/api/v1/auth/me');
      expect(r.status, i.name).toBe(200);
      expect(r.body.user.id).toBe(userId);
    }
    // A write needs the session's CSRF token on every instance, not only where the session was made.
    expect((await browser.via(inst(2).origin).post('/api/v1/notifications/read-all')).status).toBe(200);

    const kept = browser.snapshot();
    const out = await browser.via(inst(1).origin).post('/api/v1/auth/logout');
    expect(out.status).toBe(200);
    // At once (no waiting): the kept cookie is refused by every instance, directly and through the proxy.
    const after = await Promise.all(instances.map((i) => kept.via(i.origin).get<{ code: string }>('/api/v1/auth/me')));
    expect(after.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(after.map((r) => r.body.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    for (let i = 0; i < 3; i += 1) expect((await kept.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('a password change on one instance ends the other sessions on every instance at once; a deactivated member is refused everywhere at once', async () => {
    const seq = nextSeq();
    const member = await makeUser(db(), { orgId: enterprise.org.id, name: '第二联系人', mobile: `139${String(seq).padStart(8, '0').slice(-8)}`, password: PASSWORD, memberRole: 'member' });
    const laptop = new HttpClient(proxy.origin);
    const phone = new HttpClient(proxy.origin);
    await laptop.login(member.mobile!, PASSWORD);
    await phone.login(member.mobile!, PASSWORD);
    // Both sessions used on every instance first (any per-instance session cache is warm).
    for (const i of instances) {
      expect((await laptop.via(i.origin).get('/api/v1/auth/me')).status).toBe(200);
      expect((await phone.via(i.origin).get('/api/v1/auth/me')).status).toBe(200);
    }
    const changed = await laptop.via(inst(1).origin).post('/api/v1/auth/change-password', { currentPassword: PASSWORD, newPassword: 'Cluster2026!x' });
    expect(changed.status).toBe(200);
    const phoneAfter = await Promise.all(instances.map((i) => phone.via(i.origin).get('/api/v1/auth/me')));
    expect(phoneAfter.map((r) => r.status)).toEqual([401, 401, 401]);
    const laptopAfter = await Promise.all(instances.map((i) => laptop.via(i.origin).get('/api/v1/auth/me')));
    expect(laptopAfter.map((r) => r.status)).toEqual([200, 200, 200]);

    const bureauAdmin = new HttpClient(proxy.origin);
    await bureauAdmin.login(adminAccount, PASSWORD);
    const off = await bureauAdmin.via(inst(2).origin).post(`/api/v1/admin/members/${member.id}/deactivate`, { reason: '人员离职' });
    expect(off.status).toBe(200);
    const laptopOff = await Promise.all(instances.map((i) => laptop.via(i.origin).get('/api/v1/auth/me')));
    expect(laptopOff.map((r) => r.status)).toEqual([401, 401, 401]);
    // And it cannot sign in again on any of them.
    const again = await new HttpClient(inst(0).origin).post<{ code: string }>('/api/v1/auth/login', { account: member.mobile, password: 'Cluster2026!x' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ACCOUNT_DEACTIVATED');
  });

  it('a write is visible to its writer at once and on the other instances within the documented bound', async () => {
    const ent = new HttpClient(proxy.origin);
    await ent.login(enterprise.account, PASSWORD);
    const project = drafts[0]!;
    const path = `/api/v1/projects/${project.id}`;
    // Every instance has answered the page (twice: a response cache would hold it now).
    for (const i of instances) for (let k = 0; k < 2; k += 1) expect((await ent.via(i.origin).get<Detail>(path)).body.title).toBe(project.title);
    const current = await ent.via(inst(0).origin).get<Detail>(path);
    const title = `${project.title}（已修改）`;
    const edit = await ent.via(inst(0).origin).patch<Detail>(path, { title, revision: current.body.revision });
    expect(edit.status).toBe(200);
    // The writer, on the instance that wrote: at once.
    expect((await ent.via(inst(0).origin).get<Detail>(path)).body.title).toBe(title);
    const lags: Array<{ instance: string; ms: number | null; cache: string | null }> = [];
    await Promise.all(
      [inst(1), inst(2)].map(async (i) => {
        let cache: string | null = null;
        const ms = await within(CROSS_INSTANCE_BOUND_MS, async () => {
          const r = await ent.via(i.origin).get<Detail>(path);
          cache = r.headers.get('x-cache');
          return r.body.title === title;
        });
        lags.push({ instance: i.name, ms, cache });
      }),
    );
    console.info(`[cluster] project page after a write on i1: ${lags.map((l) => `${l.instance} ${l.ms ?? 'never'} ms (x-cache ${l.cache ?? 'none'})`).join(', ')}`);
    expect(lags.every((l) => l.ms !== null)).toBe(true);

    // The public list (备案公示, cached per instance): warmed on every instance, then a filing is submitted on i1.
    const list = '/api/v1/public/filings?page=1&pageSize=20';
    const anon = instances.map((i) => new HttpClient(i.origin));
    for (const a of anon) expect((await a.get<PublicPage>(list)).status).toBe(200);
    const submitted = await ent.via(inst(0).origin).post<Detail>(`${path}/transitions`, { event: 'submitFiling' });
    expect(submitted.status).toBe(200);
    const filingNo = submitted.body.filingNo!;
    expect(filingNo).toBeTruthy();
    const shows = async (a: HttpClient) => (await a.get<PublicPage>(list)).body.items.some((f) => f.filingNo === filingNo);
    expect(await shows(anon[0]!)).toBe(true);
    const publicLags = await Promise.all([anon[1]!, anon[2]!].map((a) => within(CROSS_INSTANCE_BOUND_MS, () => shows(a))));
    console.info(`[cluster] public list after a filing on i1: i2 ${publicLags[0] ?? 'never'} ms, i3 ${publicLags[1] ?? 'never'} ms`);
    expect(publicLags.every((ms) => ms !== null)).toBe(true);
  });

  it('a file uploaded through one instance is downloaded from the others, the same bytes, from the shared object store', async () => {
    const ent = new HttpClient(proxy.origin);
    await ent.login(enterprise.account, PASSWORD);
    const content = pdf(300_000);
    const up = await ent.via(inst(0).origin).upload<Uploaded>(`/api/v1/projects/${uploadProject.id}/materials/diagnosis.policies`, content, '组织架构与管理制度.pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    for (const i of [inst(1), inst(2)]) {
      const down = await ent.via(i.origin).get(`/api/v1/materials/${up.body.id}/download`);
      expect(down.status, i.name).toBe(200);
      expect(down.bytes.length).toBe(content.length);
      expect(sha(down.bytes)).toBe(sha(content));
      expect(down.headers.get('content-disposition')).toContain(encodeURIComponent('组织架构与管理制度.pdf'));
    }
    // The bytes are in the bucket (not on one instance's disk): stored once, by content.
    const client = new S3Client({ endpoint: `http://127.0.0.1:${s3.port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'files/' }));
      expect((listed.Contents ?? []).filter((o) => o.Key?.endsWith(sha(content)))).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });

  /** The e-mails received for these projects' filing, by subject and recipient. */
  function mailsFor(titles: string[]): string[] {
    return smtp.mails.flatMap((m) => {
      const title = titles.find((t) => m.subject.includes(t));
      return title ? m.to.map((to) => `${title} → ${to}`) : [];
    });
  }

  it('a notification is delivered exactly once although three job runners sweep at the same time', async () => {
    const batch = drafts.slice(1, 10);
    const titles = batch.map((p) => p.title);
    const clients = await Promise.all(
      batch.map(async () => {
        const c = new HttpClient(proxy.origin);
        await c.login(enterprise.account, PASSWORD);
        return c;
      }),
    );
    // Submitted at the same time through the proxy: three writes per instance, each triggering its runner.
    const results = await Promise.all(batch.map((p, k) => clients[k]!.post<Detail>(`/api/v1/projects/${p.id}/transitions`, { event: 'submitFiling' })));
    expect(results.map((r) => r.status)).toEqual(batch.map(() => 200));
    expect(new Set(results.map((r) => r.headers.get('x-served-by')))).toEqual(new Set(NAMES));
    const expected = titles.flatMap((t) => [`${t} → ${adminEmail}`, `${t} → ${reviewerEmail}`]).sort();
    const ms = await within(15_000, async () => mailsFor(titles).length >= expected.length, 50);
    expect(ms).not.toBeNull();
    // Several more sweeps of every runner: nothing is sent again.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mailsFor(titles).sort()).toEqual(expected);
    console.info(`[cluster] ${expected.length} e-mails for ${batch.length} filings submitted over three instances, each received once, the last ${ms} ms after the submissions`);
    const ids = batch.map((p) => p.id);
    const inApp = await db().select({ n: count() }).from(notifications).where(inArray(notifications.projectId, ids));
    expect(inApp[0]?.n).toBe(batch.length * 2);
    const sent = await db()
      .select({ status: deliveries.status, n: count() })
      .from(deliveries)
      .innerJoin(notifications, and(eq(notifications.outboxId, deliveries.outboxId), eq(notifications.userId, deliveries.userId)))
      .where(inArray(notifications.projectId, ids))
      .groupBy(deliveries.status);
    expect(sent).toEqual([{ status: 'sent', n: batch.length * 2 }]);
  });

  it('one instance killed (SIGKILL) while it holds a claim on the outbox: the others keep serving and deliver what it had claimed, exactly once', async () => {
    const victim = inst(2);
    const ent = new HttpClient(proxy.origin);
    await ent.login(enterprise.account, PASSWORD);

    // Messages to an organisation of 20: each runner's batch (100 messages, 2,000 rows) is a transaction of some
    // length, so the victim can be caught holding its claim (a lock on the outbox, seen in pg_locks). A round the
    // victim took no part in is followed by another.
    const ROUND = 400;
    const kind = `cluster.crowd${nextSeq()}`;
    let messages = 0;
    const enqueueRound = () =>
      db().transaction(async (tx) => {
        for (let i = 0; i < ROUND; i += 1) {
          messages += 1;
          await enqueueNotification(tx, {
            to: [{ orgId: crowd.id }],
            projectId: null,
            kind,
            title: { zh: `集群测试通知 ${messages}`, en: `Cluster notice ${messages}` },
            body: { zh: '三个实例同时投递。', en: 'Three instances deliver at once.' },
            link: '/workbench/notifications',
            email: false,
          });
        }
      });
    const holdsClaim = async () =>
      (
        await admin.query<{ n: string }>(
          `select count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where a.application_name = $1 and l.locktype = 'relation' and l.database = (select oid from pg_database where datname = current_database())
              and l.relation = 'outbox'::regclass and l.mode in ('RowShareLock', 'RowExclusiveLock')`,
          [`zs-cluster-${victim.name}`],
        )
      ).rows[0]!.n !== '0';
    const pending = async () => (await db().select({ n: count() }).from(outbox).where(and(eq(outbox.topic, 'notify'), isNull(outbox.doneAt)))).at(0)?.n ?? 0;
    let caught: number | null = null;
    const hunt = Date.now();
    for (let round = 0; round < 5 && caught === null; round += 1) {
      await enqueueRound();
      for (;;) {
        if (await holdsClaim()) {
          caught = Date.now() - hunt;
          break;
        }
        if ((await pending()) === 0) break;
      }
    }
    await victim.kill('SIGKILL');
    expect(caught, 'the victim was seen delivering before the kill').not.toBeNull();

    // Its connections are gone from PostgreSQL (its transaction rolled back, the rows it had claimed are free).
    expect(
      await within(5_000, async () => (await admin.query(`select 1 from pg_stat_activity where application_name = $1`, [`zs-cluster-${victim.name}`])).rowCount === 0),
    ).not.toBeNull();

    // Through the proxy the browser keeps working on the two others, reads and writes.
    const before = proxy.served.length;
    const me = [];
    for (let i = 0; i < 6; i += 1) me.push(await ent.get('/api/v1/auth/me'));
    expect(me.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(proxy.served.slice(before))).toEqual(new Set([inst(0).name, inst(1).name]));
    const last = drafts[10]!;
    const filed = await ent.post<Detail>(`/api/v1/projects/${last.id}/transitions`, { event: 'submitFiling' });
    expect(filed.status).toBe(200);

    // Every message reaches every member exactly once; the victim's rolled-back claim is delivered by the others.
    const done = await within(30_000, async () => (await pending()) === 0, 100);
    expect(done, 'all outbox rows delivered').not.toBeNull();
    const perUser = await db().select({ n: count() }).from(notifications).where(eq(notifications.kind, kind));
    expect(perUser[0]?.n).toBe(messages * CROWD_MEMBERS);
    const expected = [`${last.title} → ${adminEmail}`, `${last.title} → ${reviewerEmail}`].sort();
    expect(await within(10_000, async () => mailsFor([last.title]).length >= 2)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailsFor([last.title]).sort()).toEqual(expected);
    const [state] = await db().select({ state: projects.state }).from(projects).where(eq(projects.id, last.id));
    expect(state?.state).toBe('selfDiagnosis');
    console.info(`[cluster] victim ${victim.name} (pid ${victim.pid}) killed while holding an outbox claim (${caught} ms into delivering); ${messages * CROWD_MEMBERS} notifications, every one once, the rest delivered by the two others in ${done} ms`);
  });
});
