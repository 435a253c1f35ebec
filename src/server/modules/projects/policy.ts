/**
 * Who may see and act on a project — decided here and nowhere else.
 * What a caller may not see is a 404 (never a 403 that would leak existence).
 */
import { and, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { delegations, projects } from '../../../db/schema';
import type { ActorRole } from '../../../core/identity/roles';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';

export type ProjectRow = typeof projects.$inferSelect;

/** A row filter restricting projects to those the actor may see. */
export function projectScope(actor: Actor): SQL {
  switch (actor.orgType) {
    case 'enterprise':
      return eq(projects.enterpriseId, actor.orgId);
    case 'bureau':
      return isNotNull(projects.submittedAt);
    case 'town':
      return actor.townCode ? and(eq(projects.townCode, actor.townCode), isNotNull(projects.submittedAt))! : sql`false`;
    case 'institution_comprehensive':
    case 'institution_diagnostic':
      return or(eq(projects.diagnosisInstitutionId, actor.orgId), eq(projects.evaluationInstitutionId, actor.orgId))!;
    case 'leading_unit':
    case 'catalog_provider':
      return or(
        eq(projects.providerOrgId, actor.orgId),
        and(
          isNotNull(projects.submittedAt),
          sql`exists (select 1 from ${delegations} d where d.enterprise_id = ${projects.enterpriseId} and d.agent_org_id = ${actor.orgId} and d.revoked_at is null)`,
        ),
      )!;
    case 'expert':
      return sql`false`;
  }
}

/** Loads a project the actor may see, optionally locking it for the rest of the transaction; otherwise 404. */
export async function loadProjectFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectRow> {
  const q = db.select().from(projects).where(and(eq(projects.id, id), projectScope(actor)));
  const rows = opts.forUpdate ? await q.for('update') : await q;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function hasActiveDelegation(db: DbOrTx, enterpriseId: string, agentOrgId: string): Promise<boolean> {
  const rows = await db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.enterpriseId, enterpriseId), eq(delegations.agentOrgId, agentOrgId), sql`${delegations.revokedAt} is null`))
    .limit(1);
  return rows.length > 0;
}

/** The workflow role the actor plays on this project. */
export function actingRole(actor: Actor, project: ProjectRow, delegated: boolean): ActorRole {
  if (actor.orgType === 'enterprise') return project.enterpriseId === actor.orgId ? 'enterprise' : actor.role;
  if (actor.orgType === 'leading_unit' && delegated) return 'leadingUnitDelegate';
  return actor.role;
}

export interface ProjectAbilities {
  edit: boolean;
  viewTimeline: boolean;
  withdrawPublication: boolean;
}

export function projectAbilities(actor: Actor, project: ProjectRow, editableState: boolean): ProjectAbilities {
  const isOwner = actor.orgType === 'enterprise' && project.enterpriseId === actor.orgId;
  const isBureau = actor.orgType === 'bureau';
  return {
    edit: isOwner && editableState,
    viewTimeline: isOwner || isBureau || actor.orgType === 'town',
    withdrawPublication: isBureau && (actor.bureauRole === 'admin' || actor.bureauRole === 'reviewer') && project.published,
  };
}
