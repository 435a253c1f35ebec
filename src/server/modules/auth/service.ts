/**
 * Sign-in, sign-out, registration of enterprises, password change.
 */
import { eq, or, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { organizations, sessions, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { RequestContext } from '../../http/actor';
import { recordAudit } from '../../audit';
import { validateUscc } from '../../../core/identity/uscc';
import { classifySme } from '../../../core/identity/sme';
import { isTownCode } from '../../../core/identity/towns';
import { isIndustryCode } from '../../../core/identity/industries';
import type { Text } from '../../../core/text';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { ADDRESS_ACCOUNTS_FACTOR, clearKey, recordFailure, signInKeys, sweepThrottle, waitSeconds, type ThrottlePolicy } from './throttle';
import { createSession, type NewSession } from './sessions';
import type { RegisterInput } from './schemas';

export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}

export interface LoginInput {
  account: string;
  password: string;
  ip: string;
  requestId: string;
}

export function throttledError(waitSeconds: number, kind: 'login' | 'register' = 'login'): AppError {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  const message: Text =
    kind === 'login'
      ? { zh: `登录失败次数过多，请 ${minutes} 分钟后再试`, en: `Too many failed sign-ins; try again in ${minutes} minute(s)` }
      : { zh: `注册尝试过于频繁，请 ${minutes} 分钟后再试`, en: `Too many registration attempts; try again in ${minutes} minute(s)` };
  return new AppError(kind === 'login' ? 'AUTH_THROTTLED' : 'RATE_LIMITED', { message, details: { retryAfterSeconds: waitSeconds } });
}

export async function login(db: AppDb, policy: ThrottlePolicy & { sessionHours: number }, input: LoginInput): Promise<NewSession & { userId: string }> {
  const identifier = normalizeAccount(input.account);
  const now = new Date();
  const rows = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      hash: users.passwordHash,
      active: users.active,
      orgActive: organizations.active,
      mustChangePassword: users.mustChangePassword,
      tempPasswordUntil: users.tempPasswordUntil,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(or(eq(users.mobile, identifier), eq(users.email, identifier)));
  const user = rows[0];
  const keys = signInKeys({ userId: user?.id ?? null, identifier }, input.ip);
  const wait = await waitSeconds(db, [keys.pair, keys.address], now);
  if (wait > 0) throw throttledError(wait);
  const ok = user ? await verifyPassword(user.hash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  const origin = { userId: user?.id ?? null, orgId: user?.orgId ?? null, requestId: input.requestId, ip: input.ip };
  if (!user || !ok) {
    const count = await recordFailure(db, keys.pair, user?.id ?? null, policy.maxFailures, policy, now);
    // The address counts each account once per run: a spray over many accounts, not one user's typos.
    if (count === 1) await recordFailure(db, keys.address, null, policy.maxFailures * ADDRESS_ACCOUNTS_FACTOR, policy, now);
    await recordAudit(db, origin, { action: 'auth.login_failed', targetType: 'account', targetId: user?.id ?? 'unknown' });
    if (Math.random() < 0.02) await sweepThrottle(db, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  // The right password: from here on the answer may say what stands in the way.
  if (!user.active || !user.orgActive) {
    await recordAudit(db, origin, { action: 'auth.login_refused', targetType: 'user', targetId: user.id, summary: { reason: 'deactivated' } });
    throw new AppError('ACCOUNT_DEACTIVATED');
  }
  const temporary = user.mustChangePassword;
  if (temporary && (!user.tempPasswordUntil || user.tempPasswordUntil <= now)) {
    await recordAudit(db, origin, { action: 'auth.login_refused', targetType: 'user', targetId: user.id, summary: { reason: 'temporary_password_spent' } });
    throw new AppError('TEMP_PASSWORD_EXPIRED');
  }
  await clearKey(db, keys.pair);
  return db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, policy.sessionHours);
    // A temporary password signs in once: this session is the one in which it is changed.
    await tx
      .update(users)
      .set(temporary ? { lastSignInAt: now, tempPasswordUntil: null } : { lastSignInAt: now })
      .where(eq(users.id, user.id));
    await recordAudit(tx, origin, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      ...(temporary ? { summary: { temporaryPassword: true } } : {}),
    });
    return { ...session, userId: user.id };
  });
}

export async function logout(db: AppDb, ctx: RequestContext, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, { userId: ctx.actor.userId, orgId: ctx.actor.orgId, requestId: ctx.requestId, ip: ctx.ip }, {
      action: 'auth.logout',
      targetType: 'user',
      targetId: ctx.actor.userId,
    });
  });
}

export async function changePassword(db: AppDb, ctx: RequestContext, currentPassword: string, newPassword: string, keepSessionId: string): Promise<void> {
  const [user] = await db.select({ hash: users.passwordHash, mustChangePassword: users.mustChangePassword }).from(users).where(eq(users.id, ctx.actor.userId));
  if (!user || !(await verifyPassword(user.hash, currentPassword))) throw new AppError('WRONG_PASSWORD');
  if (newPassword === currentPassword) {
    const message = { zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' };
    throw new AppError('VALIDATION_FAILED', { details: { fields: [{ path: 'newPassword', code: 'SAME_PASSWORD', message: ctx.locale === 'en' ? message.en : message.zh }] } });
  }
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: sql`now()`, mustChangePassword: false, tempPasswordUntil: null })
      .where(eq(users.id, ctx.actor.userId));
    // Every other session of this user ends.
    await tx.execute(sql`delete from sessions where user_id = ${ctx.actor.userId} and id <> ${keepSessionId}`);
    await recordAudit(tx, { userId: ctx.actor.userId, orgId: ctx.actor.orgId, requestId: ctx.requestId, ip: ctx.ip }, {
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: ctx.actor.userId,
      ...(user.mustChangePassword ? { summary: { replacedTemporary: true } } : {}),
    });
  });
}

export interface FieldProblem {
  path: string;
  code: string;
  message: Text;
}

/** Domain checks of a registration that a schema cannot express; every problem at once. */
export function checkRegistration(input: RegisterInput): { problems: FieldProblem[]; uscc: string; smeSize: string | null; notSme: Text | null } {
  const problems: FieldProblem[] = [];
  const uscc = validateUscc(input.uscc);
  if (!uscc.ok) problems.push({ path: 'uscc', code: `USCC_${uscc.reason.toUpperCase()}`, message: uscc.message });
  if (!isTownCode(input.townCode)) problems.push({ path: 'townCode', code: 'UNKNOWN_TOWN', message: { zh: '请从列表中选择中山市的镇街', en: 'Choose a Zhongshan town or street from the list' } });
  if (!isIndustryCode(input.industryCode))
    problems.push({ path: 'industryCode', code: 'UNKNOWN_INDUSTRY', message: { zh: '请选择制造业（C门类 13–43 大类）中的行业', en: 'Choose a manufacturing division (section C, 13–43)' } });
  const sme = classifySme(input.employees, input.annualRevenueFen);
  return { problems, uscc: uscc.ok ? uscc.value : input.uscc, smeSize: sme.isSme ? sme.size : null, notSme: sme.isSme ? null : sme.reason };
}

export async function registerEnterprise(
  db: AppDb,
  input: RegisterInput,
  meta: { ip: string; requestId: string; locale: 'zh-CN' | 'en'; sessionHours: number },
): Promise<NewSession & { userId: string; orgId: string }> {
  const { problems, uscc, smeSize, notSme } = checkRegistration(input);
  const pick = (t: Text) => (meta.locale === 'en' ? t.en : t.zh);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', { details: { fields: problems.map((p) => ({ path: p.path, code: p.code, message: pick(p.message) })) } });
  }
  if (notSme) {
    throw new AppError('NOT_SME', { message: notSme, details: { fields: [{ path: 'employees', code: 'NOT_SME', message: pick(notSme) }] } });
  }
  const mobile = input.contactMobile;
  const email = input.email ? normalizeAccount(input.email) : null;
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const taken = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, uscc));
    if (taken.length > 0) {
      // The enterprise must learn that it already has an account (and sign in, or ask the bureau who holds it).
      throw new AppError('USCC_TAKEN', {
        details: {
          fields: [
            {
              path: 'uscc',
              code: 'USCC_TAKEN',
              message: pick({ zh: '该统一社会信用代码已注册，请直接登录；不清楚账号由谁持有的，请联系市工信局', en: 'This code is already registered; please sign in, or ask the bureau who holds the account' }),
            },
          ],
        },
      });
    }
    const accountTaken = await tx
      .select({ id: users.id })
      .from(users)
      .where(email ? or(eq(users.mobile, mobile), eq(users.email, email)) : eq(users.mobile, mobile));
    if (accountTaken.length > 0) {
      // Says neither which of the two nor whose it is.
      throw new AppError('ACCOUNT_TAKEN', {
        details: {
          fields: [
            {
              path: 'contactMobile',
              code: 'ACCOUNT_TAKEN',
              message: pick({ zh: '该手机号或邮箱不能用于注册，请更换；已有账号请直接登录', en: 'This mobile number or email cannot be used to register; use another, or sign in if you have an account' }),
            },
          ],
        },
      });
    }
    const [org] = await tx
      .insert(organizations)
      .values({
        type: 'enterprise',
        name: input.name,
        uscc,
        townCode: input.townCode,
        industryCode: input.industryCode,
        employees: input.employees,
        annualRevenueFen: input.annualRevenueFen,
        smeSize,
        contactName: input.contactName,
        contactMobile: mobile,
        address: input.address,
      })
      .returning({ id: organizations.id });
    if (!org) throw new AppError('INTERNAL');
    const [user] = await tx
      .insert(users)
      .values({ orgId: org.id, name: input.contactName, mobile, email, passwordHash: hash, memberRole: 'owner', locale: meta.locale })
      .returning({ id: users.id });
    if (!user) throw new AppError('INTERNAL');
    const origin = { userId: user.id, orgId: org.id, requestId: meta.requestId, ip: meta.ip };
    await recordAudit(tx, origin, {
      action: 'enterprise.registered',
      targetType: 'organization',
      targetId: org.id,
      summary: { name: input.name, townCode: input.townCode, industryCode: input.industryCode, smeSize },
    });
    const session = await createSession(tx, user.id, meta.sessionHours);
    return { ...session, userId: user.id, orgId: org.id };
  });
}

/** Unique-violation from either driver (concurrent registrations of the same code). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
