import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern, qualified } from '../../../db/sql';
import type { AppDb } from '../../../db/client';
import { organizations, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { validateUscc } from '../../../core/identity/uscc';
import { isTownCode } from '../../../core/identity/towns';
import { hashPassword } from '../auth/passwords';
import { normalizeAccount } from '../auth/service';
import type { CreateOrgInput } from './schemas';

function fieldError(ctx: RequestContext, code: 'VALIDATION_FAILED' | 'USCC_TAKEN' | 'ACCOUNT_TAKEN', path: string, zh: string, en: string): AppError {
  return new AppError(code, { details: { fields: [{ path, code, message: ctx.locale === 'en' ? en : zh }] } });
}

export async function createOrganization(db: AppDb, ctx: RequestContext, input: CreateOrgInput) {
  let uscc: string | null = null;
  if (input.uscc) {
    const r = validateUscc(input.uscc);
    if (!r.ok) throw fieldError(ctx, 'VALIDATION_FAILED', 'uscc', r.message.zh, r.message.en);
    uscc = r.value;
  }
  if (input.townCode && !isTownCode(input.townCode)) throw fieldError(ctx, 'VALIDATION_FAILED', 'townCode', '请从列表中选择镇街', 'Choose a town from the list');
  const hash = await hashPassword(input.member.password);
  const email = input.member.email ? normalizeAccount(input.member.email) : null;
  const mobile = input.member.mobile ?? null;
  return db.transaction(async (tx) => {
    if (uscc) {
      const taken = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, uscc));
      if (taken.length) throw fieldError(ctx, 'USCC_TAKEN', 'uscc', '该统一社会信用代码已存在', 'This code already exists');
    }
    const accountConds: SQL[] = [];
    if (mobile) accountConds.push(eq(users.mobile, mobile));
    if (email) accountConds.push(eq(users.email, email));
    const takenAccount = await tx.select({ id: users.id }).from(users).where(or(...accountConds));
    if (takenAccount.length) throw fieldError(ctx, 'ACCOUNT_TAKEN', 'member.mobile', '该手机号或邮箱已被使用', 'This mobile number or email is already in use');
    const [org] = await tx
      .insert(organizations)
      .values({
        type: input.type,
        name: input.name,
        nameEn: input.nameEn ?? null,
        uscc,
        townCode: input.townCode ?? null,
        parentGroup: input.parentGroup ?? null,
        contactName: input.contactName,
        contactMobile: input.contactMobile,
      })
      .returning();
    if (!org) throw new AppError('INTERNAL');
    const [user] = await tx
      .insert(users)
      .values({
        orgId: org.id,
        name: input.member.name,
        mobile,
        email,
        passwordHash: hash,
        memberRole: 'owner',
        bureauRole: input.type === 'bureau' ? (input.member.bureauRole ?? 'reviewer') : null,
      })
      .returning({ id: users.id });
    if (!user) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), {
      action: 'organization.created',
      targetType: 'organization',
      targetId: org.id,
      summary: { type: org.type, name: org.name, firstMemberId: user.id, bureauRole: input.member.bureauRole ?? null, ...(org.parentGroup ? { parentGroup: org.parentGroup } : {}) },
    });
    return { id: org.id, type: org.type, name: org.name, nameEn: org.nameEn, uscc: org.uscc, townCode: org.townCode, contactName: org.contactName, contactMobile: org.contactMobile, parentGroup: org.parentGroup, memberCount: 1, active: org.active, createdAt: org.createdAt.toISOString() };
  });
}

export async function listOrganizations(db: AppDb, q: { page: number; pageSize: number; type?: string | undefined; q?: string | undefined }) {
  const conds: SQL[] = [];
  if (q.type) conds.push(eq(organizations.type, q.type));
  if (q.q) {
    const like = containsPattern(q.q);
    conds.push(or(ilike(organizations.name, like), eq(organizations.uscc, q.q.toUpperCase()))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const memberCount = sql<number>`(select count(*) from ${users} u where u.org_id = ${qualified(organizations.id)})`;
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: organizations.id,
        type: organizations.type,
        name: organizations.name,
        nameEn: organizations.nameEn,
        uscc: organizations.uscc,
        townCode: organizations.townCode,
        contactName: organizations.contactName,
        contactMobile: organizations.contactMobile,
        parentGroup: organizations.parentGroup,
        memberCount,
        active: organizations.active,
        createdAt: organizations.createdAt,
      })
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.type), asc(organizations.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, memberCount: Number(r.memberCount), createdAt: r.createdAt.toISOString() })),
    total: Number(totals[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}
