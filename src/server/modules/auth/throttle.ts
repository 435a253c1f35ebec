/**
 * Sign-in throttling kept in the database so every server instance sees the same counters.
 * Keys: `acct:<identifier>` and `ip:<address>`; the address gets a larger allowance (shared offices).
 */
import { eq, sql } from 'drizzle-orm';
import { loginThrottle } from '../../../db/schema';
import type { DbOrTx } from '../../../db/client';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const IP_ALLOWANCE_FACTOR = 4;

/** Seconds until the key is unlocked, or 0 when it is not locked. */
export async function lockedFor(db: DbOrTx, key: string, now: Date): Promise<number> {
  const rows = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key));
  const until = rows[0]?.lockedUntil;
  if (!until || until <= now) return 0;
  return Math.ceil((until.getTime() - now.getTime()) / 1000);
}

export async function recordFailure(db: DbOrTx, key: string, max: number, policy: ThrottlePolicy, now: Date): Promise<void> {
  const windowStartFloor = new Date(now.getTime() - policy.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
  // One atomic upsert: reset the counter when its window has passed, lock when it reaches the maximum.
  await db.execute(sql`
    insert into login_throttle (key, failures, window_start, locked_until)
    values (${key}, 1, ${now.toISOString()}, ${max <= 1 ? lockUntil.toISOString() : null})
    on conflict (key) do update set
      failures = case when login_throttle.window_start < ${windowStartFloor.toISOString()} then 1 else login_throttle.failures + 1 end,
      window_start = case when login_throttle.window_start < ${windowStartFloor.toISOString()} then ${now.toISOString()}::timestamptz else login_throttle.window_start end,
      locked_until = case
        when (case when login_throttle.window_start < ${windowStartFloor.toISOString()} then 1 else login_throttle.failures + 1 end) >= ${max}
        then ${lockUntil.toISOString()}::timestamptz
        else login_throttle.locked_until end
  `);
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
