/**
 * The caches across instances: the change feed (triggers → pg_notify → LISTEN) keeps sessions and cached
 * answers correct on every instance. Single-instance cases run on both databases; two instances (two apps,
 * each with its own handle and listener, on one PostgreSQL database) on PostgreSQL only.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { Client, startTestApp, testConfig, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { TEST_DB_KIND } from '../support/db';
import { organizations, projects, users } from '../../src/db/schema';
import { resolveSession } from '../../src/server/modules/auth/sessions';
import { FLUSH_ALL, NOT_NOTIFIED, ROW_TAGGED, USER_PRIVATE_COLUMNS } from '../../src/server/cache/tables';
import { BARRIER_WAIT_MS, feedSender } from '../../src/server/cache/bus';

interface Detail {
  id: string;
  title: string;
  revision: number;
}

const NEW_PASSWORD = 'N3wPassw0rd!';

async function signedIn(app: FastifyInstance, account: string): Promise<Client> {
  const c = new Client(app);
  await c.login(account, PASSWORD);
  return c;
}

/** Reads twice: the first answer is made (miss), the second served from memory (hit) and identical. */
async function cachedTwice(c: Client, url: string): Promise<string> {
  const first = await c.get(url);
  expect(first.status, url).toBe(200);
  expect(first.headers['x-cache'], url).toBe('miss');
  const second = await c.get(url);
  expect(second.headers['x-cache'], url).toBe('hit');
  expect(second.raw.body, url).toBe(first.raw.body);
  expect(second.headers['content-type']).toBe(first.headers['content-type']);
  return first.raw.body;
}

describe('caches on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('every table of the schema is in the change feed table or named as not notified, and the triggers match it', async () => {
    const tables = (await t.db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).rows.map((r) => r.name);
    const named = [...Object.keys(ROW_TAGGED), 'users', ...FLUSH_ALL, ...Object.keys(NOT_NOTIFIED)];
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual(tables);
    const rows = (
      await t.db.execute<{ tbl: string; fn: string; args: string; truncate: boolean }>(
        sql`select c.relname as tbl, p.proname as fn, encode(t.tgargs, 'escape') as args, (t.tgtype & 32) <> 0 as truncate
            from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
            where not t.tgisinternal and p.proname like 'zs_notify_%' order by 1, 2`,
      )
    ).rows;
    const args = (s: string) => s.split('\\000').filter((x) => x !== '');
    const rowTriggers = new Map(rows.filter((r) => !r.truncate).map((r) => [r.tbl, { fn: r.fn, args: args(r.args) }]));
    const truncates = new Set(rows.filter((r) => r.truncate && r.fn === 'zs_notify_all').map((r) => r.tbl));
    for (const [table, spec] of Object.entries(ROW_TAGGED)) expect(rowTriggers.get(table), table).toEqual({ fn: 'zs_notify_rows', args: [spec.untagged, ...spec.columns.flat()] });
    for (const table of FLUSH_ALL) expect(rowTriggers.get(table), table).toEqual({ fn: 'zs_notify_rows', args: ['*'] });
    expect(rowTriggers.get('users')).toEqual({ fn: 'zs_notify_users', args: [...USER_PRIVATE_COLUMNS] });
    for (const table of Object.keys(NOT_NOTIFIED)) expect(rowTriggers.has(table), table).toBe(false);
    expect(rowTriggers.size).toBe(Object.keys(ROW_TAGGED).length + FLUSH_ALL.length + 1);
    expect([...truncates].sort()).toEqual([...Object.keys(ROW_TAGGED), 'users', ...FLUSH_ALL].sort());
  });

  it('a cached hit is the fresh answer; the writer sees its own write at once; another enterprise never gets it', async () => {
    const a = await enterpriseWithUser(t.db);
    const b = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const cb = await signedIn(t.app, b.account);
    const draft = await ca.post<Detail>('/api/v1/projects', completeFiling);
    expect(draft.status).toBe(201);
    const url = `/api/v1/projects/${draft.body.id}`;
    for (const u of [url, '/api/v1/projects', '/api/v1/notifications', '/api/v1/auth/me', `/api/v1/projects/${draft.body.id}/timeline`]) await cachedTwice(ca, u);
    // Enterprise B asks for A's cached URL: still 404, never A's answer.
    for (let i = 0; i < 2; i++) {
      const other = await cb.get(url);
      expect(other.status).toBe(404);
      expect(other.headers['x-cache']).toBe('miss');
    }
    // A second session of the same user has its own entries (/auth/me carries the session's CSRF token).
    const laptop = await signedIn(t.app, a.account);
    const me = await laptop.get<{ csrfToken: string }>('/api/v1/auth/me');
    expect(me.headers['x-cache']).toBe('miss');
    expect(me.body.csrfToken).toBe(laptop.csrf);
    const edited = await ca.patch<Detail>(url, { title: '改过的标题', revision: draft.body.revision });
    expect(edited.status).toBe(200);
    const after = await ca.get<Detail>(url);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.title).toBe('改过的标题');
  });

  it('a write made outside the API (any write path) drops the cached answers through the triggers', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const draft = await ca.post<Detail>('/api/v1/projects', completeFiling);
    const url = `/api/v1/projects/${draft.body.id}`;
    await cachedTwice(ca, url);
    await t.db.update(projects).set({ title: '数据库直接改' }).where(eq(projects.id, draft.body.id));
    await t.app.cacheBus.barrier(t.db);
    const r = await ca.get<Detail>(url);
    expect(r.headers['x-cache']).toBe('miss');
    expect(r.body.title).toBe('数据库直接改');
  });

  it('a public page is kept once per URL and locale for every visitor, and a submitted filing shows on it at once', async () => {
    const url = '/api/v1/public/filings?townCode=xiaolan&pageSize=50';
    const a = await enterpriseWithUser(t.db, { townCode: 'xiaolan' });
    const ca = await signedIn(t.app, a.account);
    const anonymous = new Client(t.app);
    const body = await cachedTwice(anonymous, url);
    // A signed-in visitor gets the same public copy (the answer depends on no session).
    const same = await ca.get(url);
    expect(same.headers['x-cache']).toBe('hit');
    expect(same.raw.body).toBe(body);
    // Another locale is its own copy.
    const english = new Client(t.app, '127.0.0.1', 'en');
    expect((await english.get(url)).headers['x-cache']).toBe('miss');
    // The enterprise submits its filing: the public list shows it on the next read.
    const draft = await ca.post<Detail>('/api/v1/projects', completeFiling);
    const filed = await ca.post<{ filingNo: string; published: boolean }>(`/api/v1/projects/${draft.body.id}/transitions`, { event: 'submitFiling' });
    expect(filed.body.published, JSON.stringify(filed.body)).toBe(true);
    const after = await anonymous.get<{ items: Array<{ filingNo: string }> }>(url);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.items.map((i) => i.filingNo)).toContain(filed.body.filingNo);
  });

  it('a rolled-back write sends nothing and drops nothing', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const draft = await ca.post<Detail>('/api/v1/projects', completeFiling);
    const url = `/api/v1/projects/${draft.body.id}`;
    await cachedTwice(ca, url);
    const before = t.app.cacheBus.generation;
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(projects).set({ title: '不会提交' }).where(eq(projects.id, draft.body.id));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await t.app.cacheBus.barrier(t.db);
    expect(t.app.cacheBus.generation).toBe(before);
    const r = await ca.get<Detail>(url);
    expect(r.headers['x-cache']).toBe('hit');
    expect(r.body.title).toBe(completeFiling.title);
  });

  it('a session read racing a change is not kept', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const token = (ca as unknown as { cookies: Map<string, string> }).cookies.get('zs_sid') ?? '';
    const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.mobile, a.account));
    const bus = t.app.cacheBus;
    // The change arrives while the lookup is on its way to the database: the lookup must not store.
    const racing = resolveSession(t.db, token);
    bus.receive(`u:${user!.id}`);
    expect(await racing).not.toBeNull();
    await t.db.update(users).set({ active: false }).where(eq(users.id, user!.id));
    // Had the racing lookup been stored before the deactivation's message, the message drops it anyway;
    // had it been stored after, it would be stale. Either way the next lookup must see the deactivation.
    await bus.barrier(t.db);
    expect(await resolveSession(t.db, token)).toBeNull();
  });

  it('while the change feed is lost nothing is cached, and caching resumes when it listens again', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const bus = t.app.cacheBus;
    if (TEST_DB_KIND === 'postgres') {
      await t.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
      for (let i = 0; i < 100 && bus.listening; i++) await new Promise((r) => setTimeout(r, 10));
    } else {
      bus.setListening(false);
    }
    expect(bus.listening).toBe(false);
    for (let i = 0; i < 2; i++) {
      const r = await ca.get('/api/v1/notifications');
      expect(r.status).toBe(200);
      expect(r.headers['x-cache']).toBeUndefined();
    }
    if (TEST_DB_KIND === 'postgres') {
      for (let i = 0; i < 300 && !bus.listening; i++) await new Promise((r) => setTimeout(r, 10));
    } else {
      bus.setListening(true);
    }
    expect(bus.listening).toBe(true);
    await cachedTwice(ca, '/api/v1/notifications');
  });
});

describe.skipIf(TEST_DB_KIND !== 'postgres')('caches across two instances on one PostgreSQL', () => {
  let t: TestApp;
  let other: FastifyInstance;
  beforeAll(async () => {
    t = await startTestApp();
    other = await buildApp(testConfig(), await t.testDb.reopen());
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('a write is visible to its writer at once and to the other instance by the time it is answered', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const cb = ca.via(other);
    const draft = await ca.post<Detail>('/api/v1/projects', completeFiling);
    const url = `/api/v1/projects/${draft.body.id}`;
    await cachedTwice(ca, url);
    await cachedTwice(cb, url);
    const edited = await ca.patch<Detail>(url, { title: '两个实例', revision: draft.body.revision });
    expect(edited.status).toBe(200);
    expect((await ca.get<Detail>(url)).body.title).toBe('两个实例');
    const seen = await cb.get<Detail>(url);
    expect(seen.headers['x-cache']).toBe('miss');
    expect(seen.body.title).toBe('两个实例');
  });

  it('a write answers once the other instance has acknowledged that it handled the write\'s messages', async () => {
    const t0 = performance.now();
    await t.app.cacheBus.barrier(t.db);
    expect(performance.now() - t0).toBeLessThan(BARRIER_WAIT_MS);
    // The other instance stops acknowledging: the barrier now waits for it, up to its bound.
    other.cacheBus.attach(async () => undefined);
    try {
      const t1 = performance.now();
      await t.app.cacheBus.barrier(t.db);
      expect(performance.now() - t1).toBeGreaterThanOrEqual(BARRIER_WAIT_MS - 5);
    } finally {
      other.cacheBus.attach(feedSender(other.db));
    }
    const t2 = performance.now();
    await t.app.cacheBus.barrier(t.db);
    expect(performance.now() - t2).toBeLessThan(BARRIER_WAIT_MS);
  });

  it('sign-out and a password change hold on the other instance at once', async () => {
    const a = await enterpriseWithUser(t.db);
    const ca = await signedIn(t.app, a.account);
    const laptop = await signedIn(t.app, a.account);
    const cb = ca.via(other);
    const laptopB = laptop.via(other);
    for (const c of [cb, laptopB]) await cachedTwice(c, '/api/v1/auth/me');
    expect((await ca.post('/api/v1/auth/change-password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await laptopB.get('/api/v1/auth/me')).status).toBe(401);
    expect((await cb.get('/api/v1/auth/me')).status).toBe(200);
    expect((await ca.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await ca.via(other).get('/api/v1/auth/me')).status).toBe(401);
  });

  it('a deactivated user and a deactivated organisation are refused on the other instance at once', async () => {
    const a = await enterpriseWithUser(t.db);
    const b = await orgWithUser(t.db, 'institution_diagnostic');
    const ca = (await signedIn(t.app, a.account)).via(other);
    const cb = (await signedIn(t.app, b.account)).via(other);
    await cachedTwice(ca, '/api/v1/notifications');
    await cachedTwice(cb, '/api/v1/notifications');
    await t.db.update(users).set({ active: false }).where(eq(users.mobile, a.account));
    await t.app.cacheBus.barrier(t.db);
    expect((await ca.get('/api/v1/notifications')).status).toBe(401);
    await t.db.update(organizations).set({ active: false }).where(eq(organizations.id, b.org.id));
    await t.app.cacheBus.barrier(t.db);
    expect((await cb.get('/api/v1/notifications')).status).toBe(401);
  });
});
