/**
 * Attempt throttling kept in the database, so every server instance sees the same counters.
 *
 * Sign-in (after OWASP's Authentication Cheat Sheet: slow the attacker down, never lock the owner out):
 * - `pair:<account>|<address>` counts failed sign-ins to one account from one address. The
 *   `maxFailures`-th failure makes that pair wait 1 minute, each further one twice as long as the last
 *   (1, 2, 4, 8 … minutes, at most `lockMinutes`). The same account from another address is not affected,
 *   so an attacker hammering an account cannot lock its owner out.
 * - `addr:<address>` counts the distinct accounts that failed from one address. Only a spray over many
 *   accounts (more than `maxFailures × ADDRESS_ACCOUNTS_FACTOR`) slows the whole address down; one
 *   careless user behind a shared office address only slows down themself.
 * - A counter forgets its failures after `windowMinutes` without a failure (and after its wait is over).
 * - A successful sign-in clears its pair; the bureau admin's unlock clears every pair of an account.
 *
 * Registration: `reg:<address>` counts attempts in a fixed window.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { loginThrottle } from '../../../db/schema';
import type { DbOrTx } from '../../../db/client';

export interface ThrottlePolicy {
  /** Failures per (account, address) at which the waits begin. */
  maxFailures: number;
  /** Quiet minutes after which a counter starts again from zero. */
  windowMinutes: number;
  /** The longest wait in minutes. */
  lockMinutes: number;
}

/** An address may fail on this many times `maxFailures` distinct accounts before it is slowed down as a whole. */
export const ADDRESS_ACCOUNTS_FACTOR = 4;
/** The first wait; each further failure doubles it. */
export const FIRST_WAIT_SECONDS = 60;

/**
 * Throttle keys of one sign-in attempt. A known account is keyed by its id (mobile and email share one counter);
 * an unknown identifier by its hash, so the table holds no typed e-mail addresses or numbers.
 */
export function signInKeys(account: { userId: string | null; identifier: string }, address: string): { pair: string; address: string } {
  const who = account.userId ? `u:${account.userId}` : `a:${createHash('sha256').update(account.identifier).digest('hex').slice(0, 32)}`;
  return { pair: `pair:${who}|${address}`, address: `addr:${address}` };
}

/** Seconds until every given key allows another attempt (0: allowed now). */
export async function waitSeconds(db: DbOrTx, keys: string[], now: Date): Promise<number> {
  const rows = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(inArray(loginThrottle.key, keys));
  let wait = 0;
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) wait = Math.max(wait, Math.ceil((r.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  return wait;
}

/**
 * Counts one failure on `key` atomically and sets its wait once the count passes `free`.
 * Returns the count after this failure (1 means the key starts a new run).
 */
export async function recordFailure(db: DbOrTx, key: string, userId: string | null, free: number, policy: ThrottlePolicy, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const floor = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  const capSeconds = Math.max(1, policy.lockMinutes * 60);
  // The count after this failure: a counter quiet for the whole window (and no longer waiting) starts again.
  const fresh = sql`greatest(login_throttle.last_failure_at, coalesce(login_throttle.locked_until, login_throttle.last_failure_at)) < ${floor}::timestamptz`;
  const next = sql`(case when ${fresh} then 1 else login_throttle.failures + 1 end)`;
  const waitFor = (count: SQL) =>
    sql`case when ${count} >= ${free}::int
      then ${nowIso}::timestamptz + least(${capSeconds}::int, ${FIRST_WAIT_SECONDS}::int * power(2, least(${count} - ${free}::int, 24))) * interval '1 second'
      else null end`;
  const res = await db.execute<{ failures: number }>(sql`
    insert into login_throttle (key, user_id, failures, window_start, last_failure_at, locked_until)
    values (${key}, ${userId}, 1, ${nowIso}::timestamptz, ${nowIso}::timestamptz, ${waitFor(sql`1`)})
    on conflict (key) do update set
      failures = ${next},
      window_start = case when ${fresh} then ${nowIso}::timestamptz else login_throttle.window_start end,
      last_failure_at = ${nowIso}::timestamptz,
      locked_until = ${waitFor(next)}
    returning failures
  `);
  return Number(res.rows[0]?.failures ?? 1);
}

export async function clearKey(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** The admin's unlock: every sign-in counter of the account. Returns how many counters were cleared. */
export async function clearAccount(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db.delete(loginThrottle).where(eq(loginThrottle.userId, userId)).returning({ key: loginThrottle.key });
  return rows.length;
}

/** When the account's slowest counter lets it sign in again (null: not throttled anywhere). */
export async function accountThrottledUntil(db: DbOrTx, userIds: string[], now: Date): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: loginThrottle.userId, until: sql<Date>`max(${loginThrottle.lockedUntil})`.mapWith((v: string | Date) => new Date(v)) })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.userId, userIds), isNotNull(loginThrottle.lockedUntil), sql`${loginThrottle.lockedUntil} > ${now.toISOString()}::timestamptz`))
    .groupBy(loginThrottle.userId);
  for (const r of rows) if (r.userId) out.set(r.userId, r.until);
  return out;
}

/**
 * Counts one attempt on `key` in a fixed window of `windowMinutes`; returns the seconds to wait when the
 * attempt is over `limit` (0: allowed).
 */
export async function countAttempt(db: DbOrTx, key: string, limit: number, windowMinutes: number, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const floor = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  const res = await db.execute<{ failures: number; window_start: string | Date }>(sql`
    insert into login_throttle (key, failures, window_start, last_failure_at)
    values (${key}, 1, ${nowIso}::timestamptz, ${nowIso}::timestamptz)
    on conflict (key) do update set
      failures = case when login_throttle.window_start < ${floor}::timestamptz then 1 else login_throttle.failures + 1 end,
      window_start = case when login_throttle.window_start < ${floor}::timestamptz then ${nowIso}::timestamptz else login_throttle.window_start end,
      last_failure_at = ${nowIso}::timestamptz
    returning failures, window_start
  `);
  const row = res.rows[0];
  if (!row || Number(row.failures) <= limit) return 0;
  const windowEnd = new Date(row.window_start).getTime() + windowMinutes * 60_000;
  return Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
}

/** Drops counters that have been quiet for a day (called now and then; the table stays small). */
export async function sweepThrottle(db: DbOrTx, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.delete(loginThrottle).where(and(lt(loginThrottle.lastFailureAt, dayAgo), sql`coalesce(${loginThrottle.lockedUntil}, ${loginThrottle.lastFailureAt}) < ${dayAgo.toISOString()}::timestamptz`));
}
