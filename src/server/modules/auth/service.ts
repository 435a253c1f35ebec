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
import { clearFailures, IP_ALLOWANCE_FACTOR, lockedFor, recordFailure, type ThrottlePolicy } from './throttle';
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

export async function login(db: AppDb, policy: ThrottlePolicy & { sessionHours: number }, input: LoginInput): Promise<NewSession & { userId: string }> {
  const account = normalizeAccount(input.account);
  const acctKey = `acct:${account}`;
  const ipKey = `ip:${input.ip}`;
  const now = new Date();
  const wait = Math.max(await lockedFor(db, acctKey, now), await lockedFor(db, ipKey, now));
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('AUTH_THROTTLED', {
      message: { zh: `登录失败次数过多，请 ${minutes} 分钟后再试`, en: `Too many failed sign-ins; try again in ${minutes} minute(s)` },
      details: { retryAfterSeconds: wait },
    });
  }
  const rows = await db
    .select({ id: users.id, hash: users.passwordHash, active: users.active, orgActive: organizations.active })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(or(eq(users.mobile, account), eq(users.email, account)));
  const user = rows[0];
  const ok = user ? await verifyPassword(user.hash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !ok || !user.active || !user.orgActive) {
    await recordFailure(db, acctKey, policy.maxFailures, policy, now);
    await recordFailure(db, ipKey, policy.maxFailures * IP_ALLOWANCE_FACTOR, policy, now);
    await recordAudit(db, { userId: user?.id ?? null, orgId: null, requestId: input.requestId, ip: input.ip }, {
      action: 'auth.login_failed',
      targetType: 'account',
      targetId: user?.id ?? 'unknown',
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await clearFailures(db, acctKey);
  return db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, policy.sessionHours);
    await recordAudit(tx, { userId: user.id, orgId: null, requestId: input.requestId, ip: input.ip }, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
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
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ctx.actor.userId));
  if (!user || !(await verifyPassword(user.hash, currentPassword))) throw new AppError('WRONG_PASSWORD');
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordChangedAt: sql`now()` }).where(eq(users.id, ctx.actor.userId));
    // Every other session of this user ends.
    await tx.execute(sql`delete from sessions where user_id = ${ctx.actor.userId} and id <> ${keepSessionId}`);
    await recordAudit(tx, { userId: ctx.actor.userId, orgId: ctx.actor.orgId, requestId: ctx.requestId, ip: ctx.ip }, {
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: ctx.actor.userId,
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
      throw new AppError('USCC_TAKEN', { details: { fields: [{ path: 'uscc', code: 'USCC_TAKEN', message: pick({ zh: '该统一社会信用代码已注册，请直接登录', en: 'This code is already registered; please sign in' }) }] } });
    }
    const accountTaken = await tx
      .select({ id: users.id })
      .from(users)
      .where(email ? or(eq(users.mobile, mobile), eq(users.email, email)) : eq(users.mobile, mobile));
    if (accountTaken.length > 0) {
      throw new AppError('ACCOUNT_TAKEN', { details: { fields: [{ path: 'contactMobile', code: 'ACCOUNT_TAKEN', message: pick({ zh: '该手机号或邮箱已被注册', en: 'This mobile number or email is already registered' }) }] } });
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
