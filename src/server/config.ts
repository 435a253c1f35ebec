import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_BUFFERS_MB } from '../db/pglite-module';

/** Configuration from environment variables, each with a default that works with no set-up. */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; unset → embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * PGlite: where the migrated copy a new data directory starts from is kept ('' = none: initdb and every
   * migration on each new data directory). Default: the project's node_modules/.cache/zssz-pglite.
   */
  pgliteTemplateDir: string;
  /** PGlite: PostgreSQL's buffer pool in MB (PGLITE_SHARED_BUFFERS_MB, 1–128, default 16; see src/db/pglite-module.ts). */
  pgliteSharedBuffersMb: number;
  /** Session lifetime in hours. */
  sessionHours: number;
  /**
   * The platform is reached over HTTPS (HTTPS=1): browsers are told to upgrade every request
   * (CSP upgrade-insecure-requests) and to use HTTPS only (Strict-Transport-Security).
   * Off by default, so the app works over plain HTTP on an intranet address.
   */
  https: boolean;
  /** Set the Secure flag on cookies (on with `https`). */
  secureCookies: boolean;
  /** Maximum JSON body in bytes. */
  bodyLimit: number;
  logLevel: string;
  /** Load demo data on first start of an empty database. */
  demoData: boolean;
  /** Serve the built web app from dist/web. */
  serveWeb: boolean;
  /** Sign-in throttling: failures allowed per window, window and lock length in minutes. */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  loginLockMinutes: number;
  /** Argon2 memory cost in KiB (lower only in tests). */
  argonMemoryKib: number;
  trustProxy: boolean;
  /** How long the public pages' answers may be reused (ms); 0 turns the micro-cache off. */
  publicCacheMs: number;
  /** PostgreSQL: how long to wait for a connection before the request answers 503 (ms). */
  dbConnectTimeoutMs: number;
  /** The Retry-After (seconds) sent with 503 DB_UNAVAILABLE. */
  retryAfterSeconds: number;
  /** Shutdown: how long requests in flight may take before the remaining connections are cut (ms). */
  shutdownGraceMs: number;
  /** An effect evaluation may not go to the institution that diagnosed the project (EVALUATION_EXCLUDES_DIAGNOSER, default on). */
  evaluationExcludesDiagnoser: boolean;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n)) throw new Error(`Environment variable ${name} must be an integer`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw === '1' || raw.toLowerCase() === 'true';
}

function sharedBuffersMb(): number {
  const mb = int('PGLITE_SHARED_BUFFERS_MB', SHARED_BUFFERS_MB.default);
  if (mb < SHARED_BUFFERS_MB.min || mb > SHARED_BUFFERS_MB.max) {
    throw new Error(`Environment variable PGLITE_SHARED_BUFFERS_MB must be between ${SHARED_BUFFERS_MB.min} and ${SHARED_BUFFERS_MB.max}`);
  }
  return mb;
}

/** node_modules/.cache/zssz-pglite of the project this file belongs to (whatever the working directory). */
const DEFAULT_PGLITE_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/zssz-pglite');

export function loadConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  // SECURE_COOKIES=1 predates HTTPS=1 and meant "behind HTTPS": either one turns everything HTTPS-only on
  // (an explicit 0 of the other does not undo it).
  const https = bool('HTTPS', false) || bool('SECURE_COOKIES', false);
  return {
    port: int('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR ?? './data',
    pgliteTemplateDir: process.env.PGLITE_TEMPLATE_DIR ?? DEFAULT_PGLITE_TEMPLATE_DIR,
    pgliteSharedBuffersMb: sharedBuffersMb(),
    sessionHours: int('SESSION_HOURS', 12),
    https,
    secureCookies: https,
    bodyLimit: int('BODY_LIMIT_BYTES', 1_048_576),
    logLevel: process.env.LOG_LEVEL ?? 'info',
    demoData: bool('DEMO_DATA', true),
    serveWeb: bool('SERVE_WEB', true),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', 15),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', 15),
    argonMemoryKib: int('ARGON_MEMORY_KIB', 19_456),
    trustProxy: bool('TRUST_PROXY', false),
    publicCacheMs: int('PUBLIC_CACHE_MS', 1_000),
    dbConnectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 5_000),
    retryAfterSeconds: int('RETRY_AFTER_SECONDS', 5),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000),
    evaluationExcludesDiagnoser: bool('EVALUATION_EXCLUDES_DIAGNOSER', true),
    ...overrides,
  };
}

/**
 * The bank-account encryption keys: BANK_ACCOUNT_KEYS="id1:base64-of-32-bytes,id2:…" and BANK_ACCOUNT_KEY_ID (the
 * key new and re-encrypted rows use). Both unset → a fixed development key (id 'dev'), with a warning.
 */
export function bankKeyConfig(): { keys: string | undefined; currentId: string | undefined } {
  return { keys: process.env.BANK_ACCOUNT_KEYS || undefined, currentId: process.env.BANK_ACCOUNT_KEY_ID || undefined };
}
