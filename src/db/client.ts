/**
 * Database client factory: embedded PGlite on disk (default) or PostgreSQL when a URL is given.
 * Both expose the same drizzle API; migrations are the same SQL files.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the application codes against (PGlite's drizzle API is the same). */
export type AppDb = NodePgDatabase<Schema>;
export type AppTx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type DbOrTx = AppDb | AppTx;

export interface DbHandle {
  db: AppDb;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
}

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it.
    pool.on('error', (err) => {
      console.error(`PostgreSQL connection error (the pool will reconnect): ${err.message}`);
    });
    // bigint (int8) and numeric come back as strings by default; our bigint columns are declared mode:number.
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder });
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const dir = opts.dataDir;
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = dir.startsWith('memory://') ? new PGlite() : new PGlite(path.resolve(dir, 'pglite'));
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as AppDb, kind: 'pglite', close: () => client.close() };
}
