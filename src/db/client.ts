/**
 * Database client factory: embedded PGlite on disk (default) or PostgreSQL when a URL is given.
 * Both expose the same drizzle API; migrations are the same SQL files.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { clusterExists, copyTemplate, discardTemplate, templateDir, writeTemplate } from './pglite-template';
import { pgliteModule, SHARED_BUFFERS_MB } from './pglite-module';

export type Schema = typeof schema;
/** The one database type the application codes against (PGlite's drizzle API is the same). */
export type AppDb = NodePgDatabase<Schema>;
export type AppTx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type DbOrTx = AppDb | AppTx;

export interface DbHandle {
  db: AppDb;
  kind: 'pglite' | 'postgres';
  /**
   * Listens on a notification channel (the caches' change feed). PostgreSQL: a dedicated connection outside
   * the pool that reconnects with backoff; `onState(false)` when it is lost, `onState(true)` once it listens
   * (again). PGlite: the embedded database's own LISTEN. Resolves after the first attempt (listening or not);
   * the returned function stops it. `close()` stops every listener.
   */
  listen(channel: string, onPayload: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the database's data directory as a tarball (what `memorySnapshot` starts from). */
  dumpDataDir?: () => Promise<Blob>;
  /** PGlite only: the shared_buffers (MB) it runs with; null when its built-in 128 MB could not be changed. */
  sharedBuffersMb?: number | null;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenDbOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL: give up waiting for a connection after this long (ms), so an unreachable server is an error, not a hang. */
  connectTimeoutMs?: number;
  /** PGlite in memory: start from this data directory (a `dumpDataDir` tarball) instead of an empty cluster. */
  memorySnapshot?: Blob;
  /**
   * PGlite on disk: a cache directory for a migrated copy that a new data directory starts from
   * (src/db/pglite-template.ts). Unset: a new data directory runs initdb and every migration.
   */
  templateDir?: string;
  /** PGlite: PostgreSQL's buffer pool in MB (src/db/pglite-module.ts); default 16. */
  sharedBuffersMb?: number;
}

/** PGlite in memory, or on disk — a new data directory from the migrated copy when there is one. */
async function openPglite(opts: OpenDbOptions, wasmModule: WebAssembly.Module): Promise<{ client: PGlite; afterMigrations?: () => Promise<PGlite> }> {
  /** A started PGlite: in memory (no directory) or on disk. */
  const start = async (pgdata: string | null, extra: PGliteOptions = {}) => {
    const options: PGliteOptions = { ...extra, wasmModule };
    const client = pgdata === null ? new PGlite(options) : new PGlite(pgdata, options);
    await client.waitReady;
    return client;
  };
  const dir = opts.dataDir;
  if (dir.startsWith('memory://')) return { client: await start(null, opts.memorySnapshot ? { loadDataDir: opts.memorySnapshot } : {}) };
  mkdirSync(dir, { recursive: true });
  const pgdata = path.resolve(dir, 'pglite');
  if (!opts.templateDir || clusterExists(pgdata)) return { client: await start(pgdata) };
  const template = templateDir(opts.templateDir, migrationsFolder);
  if (copyTemplate(template, pgdata)) {
    try {
      return { client: await start(pgdata) };
    } catch {
      // A damaged copy: removed, and this directory is made the long way (which writes a new copy).
      discardTemplate(template, pgdata);
    }
  }
  const client = await start(pgdata);
  // The copy for the next new data directory, before anything else is stored in this one: taken from the cluster
  // shut down cleanly (a copy then starts without recovery), which is opened again afterwards.
  const afterMigrations = async () => {
    await client.close();
    writeTemplate(pgdata, template);
    return start(pgdata);
  };
  return { client, afterMigrations };
}

// ---- Connection failures -------------------------------------------------------------------------

/** Node socket errors that mean the server cannot be reached or dropped the connection. */
export const SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * SQLSTATEs of a server going away or refusing connections: 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up / shutting down), 53300 too_many_connections, 58030 io_error;
 * and all of class 08 (connection exceptions).
 */
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300', '58030']);

/** Errors pg raises without a code when a connection ends or cannot be made in time; PGlite once closed. */
export const CONNECTION_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/i,
  /^Client has encountered a connection error/i,
  /^Client was closed and is not queryable/i,
  /^Cannot use a pool after calling end/i,
  /PGlite is closed/i,
];

export interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and its causes (drizzle wraps the driver's error; an AggregateError holds one per address tried). */
export function errorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const todo: unknown[] = [err];
  while (todo.length > 0 && out.length < 16) {
    const next = todo.shift();
    if (next === null || typeof next !== 'object') continue;
    const e = next as ErrorLike;
    if (out.includes(e)) continue;
    out.push(e);
    if (e.cause !== undefined) todo.push(e.cause);
    if (Array.isArray(e.errors)) todo.push(...(e.errors as unknown[]));
  }
  return out;
}

function codeOf(e: ErrorLike): string {
  return typeof e.code === 'string' ? e.code : '';
}
function messageOf(e: ErrorLike): string {
  return typeof e.message === 'string' ? e.message : '';
}

/** True when the error (or a cause) means the database is unreachable, restarting or refusing connections. */
export function isDbUnavailable(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const code = codeOf(e);
    if (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    const message = messageOf(e);
    return CONNECTION_MESSAGES.some((re) => re.test(message));
  });
}

/** A connection dropped under a query (server restart, an idle connection cut): a read may be retried once. */
export function isConnectionReset(err: unknown): boolean {
  return errorChain(err).some((e) => {
    const code = codeOf(e);
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === '57P01' || code === '57P02' || /^08[0-9A-Z]{3}$/.test(code)) return true;
    return /^(Connection terminated unexpectedly|Client has encountered a connection error)/i.test(messageOf(e));
  });
}

/** A plain read: one SELECT with nothing that writes, locks or advances a sequence. */
export function isRetryableRead(text: string): boolean {
  return /^\s*select\b/i.test(text) && !/\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*|for\s+(no\s+key\s+)?update|for\s+(key\s+)?share)\b/i.test(text);
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Queries outside transactions go through `pool.query` (a transaction checks a client out instead):
 * a read that failed because its connection was reset is sent once more, on a fresh connection.
 * Writes are never retried (they may have been applied).
 */
function retryReadsOnce(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as QueryFn;
  const wrapped: QueryFn = (...args) => {
    const first = args[0] as { text?: unknown } | string | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    const result = query(...args);
    if (typeof text !== 'string' || !(result instanceof Promise) || !isRetryableRead(text)) return result;
    return result.catch((err: unknown) => {
      if (!isConnectionReset(err)) throw err;
      return query(...args);
    });
  };
  (pool as unknown as { query: QueryFn }).query = wrapped;
}

/** The first reconnect of a lost listener waits this long (ms), doubling up to LISTEN_RETRY_MAX_MS. */
const LISTEN_RETRY_MS = 100;
const LISTEN_RETRY_MAX_MS = 5_000;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The application_name of the connections that LISTEN on `channel`: other sessions count them in
 * pg_stat_activity (how many instances a barrier waits for, src/server/cache/bus.ts).
 */
export function listenerName(channel: string): string {
  return `zs-listen:${channel}`;
}

/** LISTEN on a connection of its own (a pooled one would be handed to other queries and lose the LISTEN). */
async function listenPostgres(
  connectionString: string,
  connectTimeoutMs: number,
  channel: string,
  onPayload: (payload: string) => void,
  onState: (listening: boolean) => void,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let closed = false;
  let delay = LISTEN_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;
  let reported = false;

  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void attempt();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, LISTEN_RETRY_MAX_MS);
  };
  const lost = (c: pg.Client): void => {
    if (current !== c) return;
    current = null;
    onState(false);
    schedule();
  };
  const attempt = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, application_name: listenerName(channel) });
    c.on('error', (err: Error & { code?: string }) => {
      if (!closed && !reported) console.error(`PostgreSQL change-feed connection error${err.code ? ` ${err.code}` : ''} (caches are bypassed until it reconnects)`);
      reported = true;
      lost(c);
    });
    c.on('end', () => lost(c));
    c.on('notification', (m) => {
      if (current === c && m.channel === channel && typeof m.payload === 'string') onPayload(m.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch {
      void c.end().catch(() => undefined);
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    current = c;
    delay = LISTEN_RETRY_MS;
    reported = false;
    onState(true);
  };
  await attempt();
  return async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    const c = current;
    current = null;
    if (c) await c.end().catch(() => undefined);
  };
}

/** Tracks a handle's listeners so that close() stops them before the database goes away. */
function listeners(): { add(stop: () => Promise<void>): () => Promise<void>; stopAll(): Promise<void> } {
  const open = new Set<() => Promise<void>>();
  return {
    add(stop) {
      const once = async (): Promise<void> => {
        if (!open.delete(once)) return;
        await stop();
      };
      open.add(once);
      return once;
    },
    async stopAll() {
      for (const stop of [...open]) await stop();
    },
  };
}

/** The advisory lock key instances take while they migrate (any constant nothing else in the database uses). */
const MIGRATION_LOCK_KEY = 0x7a73_6d69; // 'zsmi'

/**
 * Several instances starting at once on one database (a release with a new migration) migrate one after the
 * other: each holds a session advisory lock on its own connection while it applies what is missing; the later
 * ones then find nothing to do.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it.
    // Connection-level errors carry no query values; only the code and pg's own wording are written.
    pool.on('error', (err: Error & { code?: string }) => {
      console.error(`PostgreSQL connection error${err.code ? ` ${err.code}` : ''} (the pool will reconnect)`);
    });
    retryReadsOnce(pool);
    // bigint (int8) and numeric come back as strings by default; our bigint columns are declared mode:number.
    const db = drizzlePg(pool, { schema });
    await migrateUnderLock(pool);
    const own = listeners();
    const url = opts.databaseUrl;
    const timeout = opts.connectTimeoutMs ?? 5_000;
    return {
      db,
      kind: 'postgres',
      listen: async (channel, onPayload, onState) => own.add(await listenPostgres(url, timeout, channel, onPayload, onState)),
      close: async () => {
        await own.stopAll();
        await pool.end();
      },
    };
  }
  const wasm = await pgliteModule(opts.sharedBuffersMb ?? SHARED_BUFFERS_MB.default);
  const opened = await openPglite(opts, wasm.module);
  await migratePglite(drizzlePglite(opened.client, { schema }), { migrationsFolder });
  const client = opened.afterMigrations ? await opened.afterMigrations() : opened.client;
  const db = drizzlePglite(client, { schema });
  const own = listeners();
  return {
    db: db as unknown as AppDb,
    kind: 'pglite',
    sharedBuffersMb: wasm.sharedBuffersMb,
    dumpDataDir: () => client.dumpDataDir('none'),
    listen: async (channel, onPayload, onState) => {
      const unlisten = await client.listen(channel, onPayload);
      onState(true);
      return own.add(async () => {
        if (!client.closed) await unlisten();
      });
    },
    close: async () => {
      await own.stopAll();
      await client.close();
    },
  };
}
