/**
 * Account care by the bureau admin: members and their last sign-in, adding a member, deactivating and
 * reactivating members and organisations (their sessions end in the same transaction), one-time password
 * resets, unlocking throttled sign-ins, and the organisation's timeline. Each write is audited.
 */
import { and, desc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { AppTx, AppDb, DbOrTx } from '../../../db/client';
import { auditEvents, organizations, sessions, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { hashPassword, temporaryPassword } from '../auth/passwords';
import { normalizeAccount, isUniqueViolation } from '../auth/service';
import { accountThrottledUntil, clearAccount } from '../auth/throttle';
import { memberForCare, organizationForCare, type OrgRow, type UserRow } from './policy';
import type { AddMemberInput, Member, UpdateOrgInput } from './schemas';

/** How long a temporary password may be used (once). */
export const TEMP_PASSWORD_HOURS = 24;

function fieldError(ctx: RequestContext, code: 'VALIDATION_FAILED' | 'ACCOUNT_TAKEN', path: string, zh: string, en: string): AppError {
  return new AppError(code, { details: { fields: [{ path, code, message: ctx.locale === 'en' ? en : zh }] } });
}

function memberOf(u: UserRow, throttledUntil: Date | undefined): Member {
  return {
    id: u.id,
    orgId: u.orgId,
    name: u.name,
    mobile: u.mobile,
    email: u.email,
    memberRole: u.memberRole,
    bureauRole: u.bureauRole,
    active: u.active,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    throttledUntil: throttledUntil?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function memberView(db: DbOrTx, u: UserRow): Promise<Member> {
  const throttled = await accountThrottledUntil(db, [u.id], new Date());
  return memberOf(u, throttled.get(u.id));
}

function summaryOf(o: OrgRow, memberCount: number) {
  return {
    id: o.id,
    type: o.type,
    name: o.name,
    nameEn: o.nameEn,
    uscc: o.uscc,
    townCode: o.townCode,
    contactName: o.contactName,
    contactMobile: o.contactMobile,
    parentGroup: o.parentGroup,
    memberCount,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function organizationDetail(db: AppDb, orgId: string) {
  const org = await organizationForCare(db, orgId);
  const rows = await db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.createdAt);
  const throttled = await accountThrottledUntil(
    db,
    rows.map((r) => r.id),
    new Date(),
  );
  return { ...summaryOf(org, rows.length), members: rows.map((r) => memberOf(r, throttled.get(r.id))) };
}

/**
 * Refuses when no active bureau admin would remain once `leaving` (users) or the organisation `leavingOrgId`
 * is deactivated. Locks every active admin row first, so two admins cannot deactivate each other at once.
 */
async function keepOneBureauAdmin(tx: AppTx, leaving: { userId?: string; orgId?: string }): Promise<void> {
  const admins = await tx
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.bureauRole, 'admin'), eq(users.active, true), eq(organizations.active, true), eq(organizations.type, 'bureau')))
    .for('update', { of: users });
  const remaining = admins.filter((a) => a.id !== leaving.userId && a.orgId !== leaving.orgId);
  if (remaining.length === 0) throw new AppError('LAST_BUREAU_ADMIN');
}

/**
 * Deactivations that could remove a bureau admin run one at a time: each locks its target row first, so without
 * this two admins deactivating each other would deadlock on the admin rows.
 */
const DEACTIVATION_LOCK = 727_001;
async function serialiseDeactivations(tx: AppTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${DEACTIVATION_LOCK})`);
}

async function endSessions(tx: AppTx, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const ended = await tx.delete(sessions).where(inArray(sessions.userId, userIds)).returning({ id: sessions.id });
  return ended.length;
}

export async function addMember(db: AppDb, ctx: RequestContext, orgId: string, input: AddMemberInput) {
  const org = await organizationForCare(db, orgId);
  if (org.type === 'bureau' && !input.bureauRole) {
    throw fieldError(ctx, 'VALIDATION_FAILED', 'bureauRole', '市工信局成员须指定职责（管理员/审核/财务）', 'A bureau member needs a duty (admin / reviewer / finance)');
  }
  if (org.type !== 'bureau' && input.bureauRole) {
    throw fieldError(ctx, 'VALIDATION_FAILED', 'bureauRole', '只有市工信局成员有职责', 'Only bureau members have a duty');
  }
  const mobile = input.mobile ?? null;
  const email = input.email ? normalizeAccount(input.email) : null;
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const validUntil = new Date(Date.now() + TEMP_PASSWORD_HOURS * 3_600_000);
  try {
    return await db.transaction(async (tx) => {
      const conds = [mobile ? eq(users.mobile, mobile) : undefined, email ? eq(users.email, email) : undefined].filter((c) => c !== undefined);
      const taken = await tx.select({ id: users.id }).from(users).where(or(...conds));
      if (taken.length) throw takenError(ctx, mobile ? 'mobile' : 'email');
      const [user] = await tx
        .insert(users)
        .values({
          orgId,
          name: input.name,
          mobile,
          email,
          passwordHash: hash,
          memberRole: input.memberRole,
          bureauRole: input.bureauRole ?? null,
          mustChangePassword: true,
          tempPasswordUntil: validUntil,
        })
        .returning();
      if (!user) throw new AppError('INTERNAL');
      await recordAudit(tx, originOf(ctx), {
        action: 'member.added',
        targetType: 'user',
        targetId: user.id,
        summary: { orgId, name: user.name, memberRole: user.memberRole, bureauRole: user.bureauRole },
      });
      return { member: memberOf(user, undefined), temporaryPassword: password, validUntil: validUntil.toISOString() };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(ctx, mobile ? 'mobile' : 'email');
    throw err;
  }
}

function takenError(ctx: RequestContext, path: 'mobile' | 'email'): AppError {
  return fieldError(ctx, 'ACCOUNT_TAKEN', path, '该手机号或邮箱已被使用', 'This mobile number or email is already in use');
}

export async function setMemberActive(db: AppDb, ctx: RequestContext, userId: string, active: boolean, reason: string | undefined): Promise<Member> {
  return db.transaction(async (tx) => {
    if (!active) await serialiseDeactivations(tx);
    const { user, org } = await memberForCare(tx, userId, true);
    if (!active && user.id === ctx.actor.userId) throw new AppError('CANNOT_DEACTIVATE_SELF');
    if (user.active === active) return memberView(tx, user);
    if (!active && org.type === 'bureau' && user.bureauRole === 'admin') await keepOneBureauAdmin(tx, { userId: user.id });
    const [updated] = await tx.update(users).set({ active }).where(eq(users.id, userId)).returning();
    if (!updated) throw new AppError('INTERNAL');
    const sessionsEnded = active ? 0 : await endSessions(tx, [userId]);
    await recordAudit(tx, originOf(ctx), {
      action: active ? 'member.reactivated' : 'member.deactivated',
      targetType: 'user',
      targetId: userId,
      summary: { orgId: org.id, name: user.name, ...(reason ? { reason } : {}), ...(active ? {} : { sessionsEnded }) },
    });
    return memberView(tx, updated);
  });
}

export async function resetMemberPassword(db: AppDb, ctx: RequestContext, userId: string) {
  if (userId === ctx.actor.userId) {
    throw new AppError('CANNOT_DEACTIVATE_SELF', { message: { zh: '不能重置自己的密码，请在「修改密码」中修改', en: 'You cannot reset your own password; change it under "Change password"' } });
  }
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const validUntil = new Date(Date.now() + TEMP_PASSWORD_HOURS * 3_600_000);
  return db.transaction(async (tx) => {
    const { user, org } = await memberForCare(tx, userId, true);
    const [updated] = await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: sql`now()`, mustChangePassword: true, tempPasswordUntil: validUntil })
      .where(eq(users.id, userId))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    const sessionsEnded = await endSessions(tx, [userId]);
    // Whoever forgot the password has often been throttled trying: the reset lets them in again.
    const countersCleared = await clearAccount(tx, userId);
    await recordAudit(tx, originOf(ctx), {
      action: 'member.password_reset',
      targetType: 'user',
      targetId: userId,
      summary: { orgId: org.id, name: user.name, sessionsEnded, countersCleared, validUntil: validUntil.toISOString() },
    });
    return { member: memberOf(updated, undefined), temporaryPassword: password, validUntil: validUntil.toISOString() };
  });
}

export async function unlockMember(db: AppDb, ctx: RequestContext, userId: string): Promise<Member> {
  return db.transaction(async (tx) => {
    const { user, org } = await memberForCare(tx, userId);
    const countersCleared = await clearAccount(tx, userId);
    await recordAudit(tx, originOf(ctx), {
      action: 'member.unlocked',
      targetType: 'user',
      targetId: userId,
      summary: { orgId: org.id, name: user.name, countersCleared },
    });
    return memberOf(user, undefined);
  });
}

export async function setOrganizationActive(db: AppDb, ctx: RequestContext, orgId: string, active: boolean, reason: string | undefined) {
  return db.transaction(async (tx) => {
    if (!active) await serialiseDeactivations(tx);
    const org = await organizationForCare(tx, orgId, true);
    if (!active && org.id === ctx.actor.orgId) throw new AppError('CANNOT_DEACTIVATE_SELF');
    const memberIds = (await tx.select({ id: users.id }).from(users).where(eq(users.orgId, orgId))).map((r) => r.id);
    if (org.active === active) return summaryOf(org, memberIds.length);
    if (!active && org.type === 'bureau') await keepOneBureauAdmin(tx, { orgId });
    const [updated] = await tx.update(organizations).set({ active, updatedAt: sql`now()` }).where(eq(organizations.id, orgId)).returning();
    if (!updated) throw new AppError('INTERNAL');
    const sessionsEnded = active ? 0 : await endSessions(tx, memberIds);
    await recordAudit(tx, originOf(ctx), {
      action: active ? 'organization.reactivated' : 'organization.deactivated',
      targetType: 'organization',
      targetId: orgId,
      summary: { name: org.name, ...(reason ? { reason } : {}), ...(active ? {} : { sessionsEnded }) },
    });
    return summaryOf(updated, memberIds.length);
  });
}

/**
 * The admin's edit of an organisation's group (所属集团/上级单位), read by the evaluation conflict-of-interest
 * rule. Audited with the old and new value; an unchanged value writes nothing.
 */
export async function updateOrganization(db: AppDb, ctx: RequestContext, orgId: string, input: UpdateOrgInput) {
  return db.transaction(async (tx) => {
    const org = await organizationForCare(tx, orgId, true);
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.orgId, orgId));
    const next = input.parentGroup;
    if ((org.parentGroup ?? null) === next) return summaryOf(org, Number(n));
    const [updated] = await tx.update(organizations).set({ parentGroup: next, updatedAt: sql`now()` }).where(eq(organizations.id, orgId)).returning();
    if (!updated) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), {
      action: 'organization.updated',
      targetType: 'organization',
      targetId: orgId,
      summary: { name: org.name, parentGroup: { from: org.parentGroup ?? null, to: next } },
    });
    return summaryOf(updated, Number(n));
  });
}

/** Sign-ins and sign-outs are left out (the member list shows the last sign-in); everything else is shown. */
const QUIET_ACTIONS = ['auth.login', 'auth.logout'];

export async function organizationTimeline(db: AppDb, orgId: string, limit = 100) {
  await organizationForCare(db, orgId);
  const memberIds = sql`(select ${users.id}::text from ${users} where ${users.orgId} = ${orgId})`;
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorName: users.name,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      summary: auditEvents.summary,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        or(
          and(eq(auditEvents.targetType, 'organization'), eq(auditEvents.targetId, orgId)),
          and(inArray(auditEvents.targetType, ['user', 'account']), sql`${auditEvents.targetId} in ${memberIds}`),
        ),
        notInArray(auditEvents.action, QUIET_ACTIONS),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  const names = new Map<string, string>();
  for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.orgId, orgId))) names.set(u.id, u.name);
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actorName: r.actorName,
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: r.targetType === 'organization' ? (org?.name ?? null) : (names.get(r.targetId) ?? null),
    summary: r.summary,
  }));
}
