/**
 * Once per test run: a migrated database every test file starts from, instead of each file creating an empty one
 * and running every migration again (seconds per file on PGlite).
 * - PGlite: the migrated in-memory cluster's data directory, as a file test/support/db.ts loads (`loadDataDir`).
 * - PostgreSQL (TEST_DB=postgres): a template database each file's database is created from (`create database … template`).
 * Both are removed when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb } from '../../src/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a migrated PGlite data directory (tar). */
    pgliteSnapshot: string;
    /** A migrated PostgreSQL database to create test databases from. */
    pgTemplate: string;
  }
}

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DB === 'postgres') {
    const name = `zs_tpl_${Date.now()}_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const handle = await openDb({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
    await handle.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    };
  }
  const handle = await openDb({ dataDir: 'memory://' });
  if (!handle.dumpDataDir) throw new Error('an in-memory PGlite handle dumps its data directory');
  const tarball = await handle.dumpDataDir();
  await handle.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'zs-test-db-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
