/**
 * Instances started together on an empty PostgreSQL database (a release with new migrations) migrate one after
 * the other under an advisory lock: all of them come up and the schema is applied once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../src/db/client';
import { TEST_DB_KIND } from '../support/db';

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.skipIf(TEST_DB_KIND !== 'postgres')('migrations with several instances (PostgreSQL only: PGlite has one process)', () => {
  const name = `zs_test_mig_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const handles: DbHandle[] = [];

  afterAll(async () => {
    for (const h of handles) await h.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('three instances opening an empty database at once all start, and each migration is recorded once', async () => {
    await admin(`create database ${name}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    const opened = await Promise.allSettled([0, 1, 2].map(() => openDb({ databaseUrl: u.toString(), dataDir: '', poolSize: 2 })));
    for (const r of opened) if (r.status === 'fulfilled') handles.push(r.value);
    expect(opened.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    try {
      const rows = await c.query<{ n: string; d: string }>('select count(*) as n, count(distinct hash) as d from drizzle.__drizzle_migrations');
      expect(Number(rows.rows[0]?.n)).toBeGreaterThan(5);
      expect(rows.rows[0]?.n).toBe(rows.rows[0]?.d);
    } finally {
      await c.end();
    }
  });
});
