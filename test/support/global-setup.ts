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
import type { TestProject } from 'vitest/node';
import { openDb } from '../../src/db/client';
import { ADMIN_URL, adminQuery, withDatabase } from './db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a migrated PGlite data directory (tar). */
    pgliteSnapshot: string;
    /** A migrated PostgreSQL database to create test databases from. */
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DB === 'postgres') {
    const name = `zs_tpl_${Date.now()}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const handle = await openDb({ databaseUrl: withDatabase(ADMIN_URL, name), dataDir: '', poolSize: 2 });
    await handle.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
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
