/**
 * A new PGlite data directory starts from the migrated copy in the cache (src/db/pglite-template.ts): the first one
 * writes it, the next ones start from it with every migration applied and none of the first one's data; a damaged
 * copy is replaced; other migrations get another copy.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client';
import { clusterExists, templateDir } from '../../src/db/pglite-template';
import { TEST_DB_KIND } from '../support/db';

const root = mkdtempSync(path.join(tmpdir(), 'zs-pglite-template-'));
const cache = path.join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function openAt(name: string) {
  return openDb({ dataDir: path.join(root, name), templateDir: cache });
}

async function migrationsApplied(h: Awaited<ReturnType<typeof openDb>>): Promise<number> {
  const r = await h.db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return r.rows[0]!.n;
}

const migrationCount = readdirSync(path.resolve('src/db/migrations')).filter((f) => f.endsWith('.sql')).length;

describe.skipIf(TEST_DB_KIND !== 'pglite')('a new PGlite data directory from the migrated copy', () => {
  it('the first new directory writes the copy; the next starts from it, migrated and without the first one\'s data', async () => {
    const first = await openAt('one');
    expect(readdirSync(cache)).toHaveLength(1);
    await first.db.execute(sql`create table only_in_one (x int)`);
    expect(await migrationsApplied(first)).toBe(migrationCount);
    await first.close();

    const second = await openAt('two');
    expect(await migrationsApplied(second)).toBe(migrationCount);
    const t = await second.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_tables where tablename = 'only_in_one'`);
    expect(t.rows[0]!.n).toBe(0);
    await second.db.execute(sql`create table only_in_two (x int)`);
    await second.close();

    // Reopening keeps what was stored (the copy is used only for a new directory).
    const again = await openAt('two');
    const kept = await again.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_tables where tablename = 'only_in_two'`);
    expect(kept.rows[0]!.n).toBe(1);
    await again.close();
  });

  it('a damaged copy is removed, the directory is made the long way and a good copy written', async () => {
    const template = readdirSync(cache).map((f) => path.join(cache, f))[0]!;
    writeFileSync(path.join(template, 'global', 'pg_control'), 'not a control file');
    const h = await openAt('three');
    expect(await migrationsApplied(h)).toBe(migrationCount);
    await h.close();
    // Written again from the new directory: the damaged control file is gone.
    expect(clusterExists(template)).toBe(true);
    expect(readFileSync(path.join(template, 'global', 'pg_control'), 'utf8')).not.toBe('not a control file');
    const next = await openAt('four');
    expect(await migrationsApplied(next)).toBe(migrationCount);
    await next.close();
  });

  it('other migrations have another copy', () => {
    const a = path.join(root, 'migrations-a');
    mkdirSync(a);
    writeFileSync(path.join(a, '0000_x.sql'), 'create table x (id int);');
    const before = templateDir(cache, a);
    writeFileSync(path.join(a, '0001_y.sql'), 'create table y (id int);');
    expect(templateDir(cache, a)).not.toBe(before);
    expect(templateDir(cache, path.resolve('src/db/migrations'))).toBe(templateDir(cache, path.resolve('src/db/migrations')));
  });
});
