/**
 * Throw-away databases for one benchmark run: PGlite in a fresh temp directory, or a fresh
 * `zs_bench_<ts>` database on the PostgreSQL server. Both are removed afterwards, also on failure
 * and on Ctrl-C (see `onExit`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, type DbHandle } from '../../src/db/client';
import { loadConfig } from '../../src/server/config';
import type { DbKind } from './types';

export interface BenchDb {
  kind: DbKind;
  handle: DbHandle;
  /** Where it lives: the directory or the database name. */
  location: string;
  /** Milliseconds to create it and run the migrations. */
  openMs: number;
  /** Closes the handle and removes the database; safe to call twice. */
  destroy(): Promise<void>;
}

// ---- clean-up on signals ---------------------------------------------------------------

const pending = new Set<() => Promise<void>>();
let signalsHooked = false;

/** Registers a clean-up to run if the process is interrupted; returns the function to unregister it. */
function onExit(fn: () => Promise<void>): () => void {
  if (!signalsHooked) {
    signalsHooked = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: removing benchmark databases…`);
        void Promise.allSettled([...pending].map((f) => f())).finally(() => process.exit(130));
      });
    }
  }
  pending.add(fn);
  return () => pending.delete(fn);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

// ---- PGlite ----------------------------------------------------------------------------

async function openPglite(): Promise<BenchDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-bench-pglite-'));
  let handle: DbHandle | null = null;
  const destroy = once(async () => {
    try {
      if (handle) await handle.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  const unregister = onExit(destroy);
  const t0 = performance.now();
  try {
    // The buffer pool the server would run with (PGLITE_SHARED_BUFFERS_MB).
    handle = await openDb({ dataDir: dir, sharedBuffersMb: loadConfig().pgliteSharedBuffersMb });
  } catch (err) {
    await destroy();
    unregister();
    throw err;
  }
  return {
    kind: 'pglite',
    handle,
    location: dir,
    openMs: performance.now() - t0,
    destroy: async () => {
      await destroy();
      unregister();
    },
  };
}

// ---- PostgreSQL ------------------------------------------------------------------------

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function openPostgres(adminUrl: string, poolSize: number | undefined): Promise<BenchDb> {
  const name = `zs_bench_${Date.now()}`;
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  let handle: DbHandle | null = null;
  let closing = false;
  const destroy = once(async () => {
    closing = true;
    try {
      if (handle) await handle.close();
    } finally {
      await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    }
  });
  const unregister = onExit(destroy);
  const t0 = performance.now();
  try {
    handle = await openDb({ databaseUrl: withDatabase(adminUrl, name), dataDir: '', poolSize });
    // openDb attaches no 'error' listener to its pool: an idle client whose backend ends (the forced
    // drop below, a server restart) would otherwise crash the process with an unhandled 'error' event.
    (handle.db as unknown as { $client: pg.Pool }).$client.on('error', (err) => {
      if (!closing) console.error(`!! PostgreSQL pool: idle client error: ${err.message}`);
    });
  } catch (err) {
    await destroy();
    unregister();
    throw err;
  }
  return {
    kind: 'postgres',
    handle,
    location: name,
    openMs: performance.now() - t0,
    destroy: async () => {
      await destroy();
      unregister();
    },
  };
}

export function openBenchDb(kind: DbKind, opts: { pgAdminUrl: string; pgPoolSize: number | undefined }): Promise<BenchDb> {
  return kind === 'pglite' ? openPglite() : openPostgres(opts.pgAdminUrl, opts.pgPoolSize);
}
