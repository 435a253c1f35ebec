/**
 * 授权管理: an enterprise authorises a leading unit / industry provider to submit on its behalf
 * (stages 4, 6 and 7 of the flowchart), and can revoke it. Every delegated action records both parties.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { qualified } from '../../../db/sql';
import type { AppDb } from '../../../db/client';
import { delegations, organizations, projects, users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';

export interface DelegationView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  agentOrgId: string;
  agentName: string;
  grantedAt: string;
  grantedByName: string | null;
  revokedAt: string | null;
}

const enterpriseOrg = sql<string>`(select name from ${organizations} o where o.id = ${qualified(delegations.enterpriseId)})`;
const agentOrg = sql<string>`(select name from ${organizations} o where o.id = ${qualified(delegations.agentOrgId)})`;
const grantedByUser = sql<string | null>`(select name from ${users} u where u.id = ${qualified(delegations.grantedBy)})`;

function view(r: { id: string; enterpriseId: string; agentOrgId: string; grantedAt: Date; revokedAt: Date | null; enterpriseName: string; agentName: string; grantedByName: string | null }): DelegationView {
  return { ...r, grantedAt: r.grantedAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null };
}

const columns = {
  id: delegations.id,
  enterpriseId: delegations.enterpriseId,
  agentOrgId: delegations.agentOrgId,
  grantedAt: delegations.grantedAt,
  revokedAt: delegations.revokedAt,
  enterpriseName: enterpriseOrg,
  agentName: agentOrg,
  grantedByName: grantedByUser,
};

/** Granting and revoking are the enterprise owner's: a member account may look, not sign for the enterprise. */
function requireOwner(ctx: RequestContext): void {
  if (ctx.actor.orgType !== 'enterprise') throw new AppError('FORBIDDEN_ROLE');
  if (ctx.actor.memberRole !== 'owner') throw new AppError('OWNER_ONLY');
}

/** An enterprise sees the authorisations it gave; a leading unit those it holds; the bureau all of them. */
export async function listDelegations(db: AppDb, actor: Actor): Promise<DelegationView[]> {
  const where =
    actor.orgType === 'enterprise'
      ? eq(delegations.enterpriseId, actor.orgId)
      : actor.orgType === 'leading_unit'
        ? and(eq(delegations.agentOrgId, actor.orgId), isNull(delegations.revokedAt))
        : actor.orgType === 'bureau'
          ? undefined
          : sql`false`;
  const rows = await db.select(columns).from(delegations).where(where).orderBy(desc(delegations.grantedAt)).limit(500);
  return rows.map(view);
}

export async function grantDelegation(db: AppDb, ctx: RequestContext, agentOrgId: string): Promise<DelegationView> {
  requireOwner(ctx);
  return db.transaction(async (tx) => {
    const [agent] = await tx.select({ type: organizations.type, active: organizations.active }).from(organizations).where(eq(organizations.id, agentOrgId));
    if (!agent || agent.type !== 'leading_unit' || !agent.active) {
      throw new AppError('VALIDATION_FAILED', {
        message: { zh: '只能授权经认定的数字化牵引单位/行业型服务商', en: 'Only a certified leading unit / industry provider can be authorised' },
        details: { fields: [{ path: 'agentOrgId', code: 'NOT_LEADING_UNIT', message: ctx.locale === 'en' ? 'Choose a certified leading unit' : '请选择经认定的牵引单位/行业型服务商' }] },
      });
    }
    // One active authorisation per pair: granting again returns the existing one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ctx.actor.orgId + agentOrgId}))`);
    const [existing] = await tx
      .select(columns)
      .from(delegations)
      .where(and(eq(delegations.enterpriseId, ctx.actor.orgId), eq(delegations.agentOrgId, agentOrgId), isNull(delegations.revokedAt)));
    if (existing) return view(existing);
    const [row] = await tx.insert(delegations).values({ enterpriseId: ctx.actor.orgId, agentOrgId, grantedBy: ctx.actor.userId }).returning({ id: delegations.id });
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'delegation.granted', targetType: 'delegation', targetId: row.id, summary: { agentOrgId } });
    const [created] = await tx.select(columns).from(delegations).where(eq(delegations.id, row.id));
    if (!created) throw new AppError('INTERNAL');
    return view(created);
  });
}

export async function revokeDelegation(db: AppDb, ctx: RequestContext, id: string): Promise<DelegationView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select(columns)
      .from(delegations)
      .where(and(eq(delegations.id, id), eq(delegations.enterpriseId, ctx.actor.orgId)))
      .for('update');
    if (!row || ctx.actor.orgType !== 'enterprise') throw new AppError('NOT_FOUND');
    requireOwner(ctx);
    if (row.revokedAt) return view(row);
    await tx.update(delegations).set({ revokedAt: sql`now()` }).where(eq(delegations.id, id));
    await recordAudit(tx, originOf(ctx), { action: 'delegation.revoked', targetType: 'delegation', targetId: id, summary: { agentOrgId: row.agentOrgId } });
    return view({ ...row, revokedAt: new Date() });
  });
}

/**
 * Leading units an enterprise can choose from; `suggested` marks (for an enterprise) the leading units chosen as
 * the provider of one of its projects.
 */
export async function listLeadingUnits(db: AppDb, actor?: Actor): Promise<Array<{ id: string; name: string; nameEn: string | null; suggested: boolean }>> {
  const suggested =
    actor?.orgType === 'enterprise'
      ? sql<boolean>`exists (select 1 from ${projects} p where p.enterprise_id = ${actor.orgId} and p.provider_org_id = ${qualified(organizations.id)})`
      : sql<boolean>`false`;
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, nameEn: organizations.nameEn, suggested })
    .from(organizations)
    .where(and(eq(organizations.type, 'leading_unit'), eq(organizations.active, true)))
    .orderBy(organizations.name);
  return rows.map((r) => ({ ...r, suggested: Boolean(r.suggested) }));
}
