/**
 * The benchmark's vocabulary: options, the per-database context every section receives,
 * the rows sections return, and the section contract itself.
 */
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/client';
import type { SeedInfo } from './seed';

export type DbKind = DbHandle['kind'];

export interface BenchOptions {
  /** Seconds per measured run (BENCH_SECONDS; 10, or 3 with BENCH_QUICK=1). */
  seconds: number;
  /** Seconds of warm-up per endpoint before its measured runs. */
  warmupSeconds: number;
  quick: boolean;
  /** Concurrent connections of the measured runs (BENCH_CONNECTIONS, default 16,64). */
  connections: number[];
  /** autocannon worker threads (BENCH_WORKERS, default 1: the load generator off the server's thread; 0 = same thread). */
  workers: number;
  databases: DbKind[];
  /** PostgreSQL pool size for the app (BENCH_PG_POOL; default: openDb's, as in production). */
  pgPoolSize: number | undefined;
  /** Admin URL of the PostgreSQL server (BENCH_PG_URL). */
  pgAdminUrl: string;
  /** Run the query-profile section (BENCH_EXPLAIN=0 turns it off). */
  explain: boolean;
  /** VACUUM (ANALYZE) after seeding instead of ANALYZE (BENCH_VACUUM=1). */
  vacuum: boolean;
  /** Only run sections whose name is listed (BENCH_SECTIONS=http,queries); empty = all. */
  sections: string[];
  /** The app's response cache on (default) or off (BENCH_CACHE=0 runs the app with CACHE_TTL_MS=0). */
  cache: boolean;
}

/** A signed-in user: the cookie header value to send and what the benchmark knows about them. */
export interface SignedIn {
  account: string;
  cookie: string;
  csrfToken: string;
}

/** What a section gets for one database: the seeded database, the running app and signed-in users. */
export interface BenchContext {
  dbKind: DbKind;
  handle: DbHandle;
  /** The PostgreSQL database's name (null on PGlite), e.g. to find its backends' CPU time. */
  pgDatabase: string | null;
  app: FastifyInstance;
  /** http://127.0.0.1:<port> of the app listening in this process. */
  baseUrl: string;
  /** Root of the app's disk file store for this database (FILES_DIR, a fresh temporary directory). */
  filesDir: string;
  seed: SeedInfo;
  users: { enterprise: SignedIn; bureau: SignedIn };
  options: BenchOptions;
  /** Rows the earlier sections returned for this database. */
  previous: readonly Row[];
  log(message: string): void;
}

export interface TargetCheck {
  /** Short label, e.g. "≥30% of ceiling". */
  label: string;
  met: boolean;
  /** What was measured against the target, for the report. */
  actual: string;
  /**
   * Shown for comparison only, not counted in the summary: the target binds another database
   * (e.g. the PostgreSQL CPU budget printed for PGlite too).
   */
  reference?: boolean;
}

/** The `x-cache` header of sampled responses during a measured run (absent: the response had none). */
export interface CacheSample {
  hit: number;
  miss: number;
  absent: number;
}

/** One line of a result table. Fields that do not apply to a section are null. */
export interface Row {
  section: string;
  /** What was measured: an endpoint, an operation. */
  name: string;
  connections: number | null;
  /** Completed operations per second. */
  throughput: number | null;
  unit: string;
  p50Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
  /** CPU ms per operation of the app's main thread (on PGlite this includes the database) and of the PostgreSQL backends. */
  appCpuMsPerOp: number | null;
  dbCpuMsPerOp: number | null;
  /** Throughput as a percentage of the section's reference (the HTTP ceiling). */
  ratioPct: number | null;
  /** Completed operations in the measured run. */
  total: number | null;
  /** Non-2xx responses and connection errors/timeouts: any is a failed benchmark. */
  non2xx: number;
  errors: number;
  targets: TargetCheck[];
  /** A short free-text remark printed in the table. */
  note?: string;
  /** How the app's response cache answered a sample of this run's requests (HTTP rows only). */
  cache?: CacheSample;
  /** Anything else worth keeping in the JSON results. */
  details?: Record<string, unknown>;
}

/**
 * A benchmark section. Sections run in order for each database (`once: true`: only for the first
 * database, for measurements that do not touch the database, e.g. pure scoring).
 */
export interface Section {
  name: string;
  once?: boolean;
  run(ctx: BenchContext): Promise<Row[]>;
}

export function emptyRow(section: string, name: string, unit = 'ops/s'): Row {
  return {
    section,
    name,
    connections: null,
    throughput: null,
    unit,
    p50Ms: null,
    p99Ms: null,
    meanMs: null,
    appCpuMsPerOp: null,
    dbCpuMsPerOp: null,
    ratioPct: null,
    total: null,
    non2xx: 0,
    errors: 0,
    targets: [],
  };
}
