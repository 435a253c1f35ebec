/**
 * A database outage is a 503 with Retry-After, not a 500; readiness follows the database, liveness does not;
 * the app recovers when the database is back, without a restart; a read whose connection was reset is
 * retried once, a write never. Runs on a PostgreSQL server this test starts and stops itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { Client, testConfig } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { PASSWORD, completeFiling, enterpriseWithUser } from '../support/fixtures';
import { ownPgUnavailableReason, startOwnPgServer, type OwnPgServer } from '../support/pg-server';
import { buildApp } from '../../src/server/app';
import { isDbUnavailable, openDb, type DbHandle } from '../../src/db/client';

const skipReason = TEST_DB_KIND !== 'postgres' ? 'runs with TEST_DB=postgres only (it starts and stops its own PostgreSQL server)' : ownPgUnavailableReason();

if (skipReason) {
  describe('database outage', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
} else {
  let server: OwnPgServer;
  let handle: DbHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    server = await startOwnPgServer();
    handle = await openDb({ databaseUrl: server.url, dataDir: '', poolSize: 4, connectTimeoutMs: 2_000 });
    app = await buildApp(testConfig({ retryAfterSeconds: 7 }), handle);
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close().catch(() => undefined);
    server?.destroy();
  });

  describe('database outage', () => {
    it('answers 503 with Retry-After while the server is down, readiness 503 and liveness 200, and recovers without a restart', async () => {
      const { account } = await enterpriseWithUser(handle.db);
      const c = new Client(app);
      await c.login(account, PASSWORD);
      const created = await c.post<{ id: string }>('/api/v1/projects', completeFiling);
      expect(created.status).toBe(201);
      expect((await c.get('/api/v1/projects')).status).toBe(200);

      server.stop('fast');
      // The instance notices the lost change feed (its listening connection is cut with the others) and from then
      // on serves nothing from its caches: every answer below comes from the database, which is down.
      for (let i = 0; i < 100 && app.cacheBus.enabled; i++) await new Promise((r) => setTimeout(r, 20));
      expect(app.cacheBus.enabled).toBe(false);
      const anon = new Client(app, '127.0.0.1', 'en');
      const answers = [
        await c.get<{ code: string }>('/api/v1/projects'),
        await c.get<{ code: string }>(`/api/v1/projects/${created.body.id}`),
        await c.patch<{ code: string }>(`/api/v1/projects/${created.body.id}`, { revision: 1, title: 'x' }),
        await anon.get<{ code: string }>('/api/v1/public/stats'),
        await anon.post<{ code: string }>('/api/v1/auth/login', { account, password: PASSWORD }),
        await anon.get<{ code: string }>('/api/health/ready'),
        await anon.get<{ code: string }>('/api/health'),
      ];
      for (const res of answers) {
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(res.body.code).toBe('DB_UNAVAILABLE');
        expect(res.headers['retry-after']).toBe('7');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      expect((answers[3]!.body as unknown as { message: string }).message).toMatch(/temporarily unavailable/);
      const live = await anon.get<{ status: string }>('/api/health/live');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');

      server.start();
      // Back without restarting the app: the same session, reads and writes.
      expect((await anon.get('/api/health/ready')).status).toBe(200);
      const list = await c.get<{ items: Array<{ id: string }> }>('/api/v1/projects');
      expect(list.status).toBe(200);
      expect(list.body.items.map((p) => p.id)).toContain(created.body.id);
      expect((await c.post('/api/v1/projects', completeFiling)).status).toBe(201);
    });

    it('retries a read once when its connection is reset, and never a write', async () => {
      const killer = new pg.Client({ connectionString: server.url });
      await killer.connect();
      const killWhenRunning = async (marker: string) => {
        for (let i = 0; i < 100; i++) {
          const r = await killer.query(`select pg_terminate_backend(pid) as killed from pg_stat_activity where query like $1 and pid <> pg_backend_pid()`, [`%${marker}%`]);
          if (r.rowCount) return true;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return false;
      };
      try {
        // A read that runs long enough to be cut: its connection is terminated (57P01), it is sent again and answers.
        // drizzle's queries are lazy: `then` sends it.
        const read = handle.db.execute<{ marker: string }>(sql`select 'read-retry-probe' as marker, pg_sleep(0.6) is not null as slept`).then((r) => r);
        const killedRead = await killWhenRunning('read-retry-probe');
        expect(killedRead).toBe(true);
        const rows = await read;
        expect(rows.rows[0]?.marker).toBe('read-retry-probe');

        // A write cut the same way fails (it may have been applied), as a database outage: 503, not 500.
        await handle.db.execute(sql`create table if not exists outage_probe (n int)`);
        const write = handle.db.execute(sql`insert into outage_probe select 1 from pg_sleep(0.6) where 'write-retry-probe' is not null`);
        const settled = write.then(
          () => null,
          (err: unknown) => err,
        );
        expect(await killWhenRunning('write-retry-probe')).toBe(true);
        const err = await settled;
        expect(err).not.toBeNull();
        expect(isDbUnavailable(err)).toBe(true);
        const count = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from outage_probe`);
        expect(Number(count.rows[0]!.n)).toBe(0);
      } finally {
        await killer.end();
      }
    });
  });
}
