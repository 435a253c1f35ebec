/**
 * Test databases: PGlite in memory by default; with TEST_DB=postgres a fresh database on the
 * PostgreSQL server (TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type DbHandle } from '../../src/db/client';

export const TEST_DB_KIND: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  handle: DbHandle;
  url: string | undefined;
  /** Open another handle on the same database (a second server instance). PostgreSQL only. */
  reopen(): Promise<DbHandle>;
  drop(): Promise<void>;
}

/** One statement on the PostgreSQL server's admin database (create / drop a test database). */
export async function adminQuery(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The migrated starting point test/support/global-setup.ts made for this run ('' when there is none). */
function provided(key: 'pgliteSnapshot' | 'pgTemplate'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}

let snapshot: Blob | undefined;
function pgliteSnapshot(): Blob | undefined {
  const file = provided('pgliteSnapshot');
  if (!file) return undefined;
  snapshot ??= new Blob([readFileSync(file)]);
  return snapshot;
}

export async function createTestDb(): Promise<TestDb> {
  if (TEST_DB_KIND === 'pglite') {
    const memorySnapshot = pgliteSnapshot();
    const handle = await openDb({ dataDir: 'memory://', ...(memorySnapshot ? { memorySnapshot } : {}) });
    return {
      handle,
      url: undefined,
      reopen: () => Promise.reject(new Error('PGlite in memory cannot be opened twice')),
      drop: () => handle.close(),
    };
  }
  const name = `zs_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const template = provided('pgTemplate');
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = withDatabase(ADMIN_URL, name);
  const handles: DbHandle[] = [];
  const open = async () => {
    const h = await openDb({ databaseUrl: url, dataDir: '', poolSize: 12 });
    handles.push(h);
    return h;
  };
  const handle = await open();
  return {
    handle,
    url,
    reopen: open,
    drop: async () => {
      for (const h of handles) await h.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
