/**
 * Who may see and act on a project — decided here and nowhere else.
 * What a caller may not see is a 404 (never a 403 that would leak existence).
 */
import { and, eq, getTableColumns, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { qualified } from '../../../db/sql';
import type { DbOrTx } from '../../../db/client';
import { delegations, projects } from '../../../db/schema';
import type { ActorRole } from '../../../core/identity/roles';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { sameNameUsccsColumn } from './same-name';

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
          sql`exists (select 1 from ${delegations} d where d.enterprise_id = ${qualified(projects.enterpriseId)} and d.agent_org_id = ${actor.orgId} and d.revoked_at is null)`,
        ),
      )!;
    case 'expert':
      return sql`false`;
  }
}

/** What the lifecycle guards need besides the project row, loaded in the same statement. */
export interface GuardFacts {
  enterpriseSmeSize: string | null;
  enterpriseEmployees: number | null;
  /** Submitted assessments of the project, oldest first. */
  assessmentsDone: Array<{ mode: string; level: number | null }>;
  /** The actor (a leading unit) holds an unrevoked authorisation from the enterprise. */
  delegated: boolean;
  /** Bureau only (empty otherwise): other enterprises' credit codes registered under the same name (同名企业). */
  sameNameUsccs: string[];
}

export type LoadedProject = ProjectRow & { facts: GuardFacts };

function factColumns(actor: Actor) {
  return {
    enterpriseSmeSize: sql<string | null>`(select o.sme_size from organizations o where o.id = ${qualified(projects.enterpriseId)})`,
    enterpriseEmployees: sql<number | null>`(select o.employees from organizations o where o.id = ${qualified(projects.enterpriseId)})`,
    assessmentsDone: sql<Array<{ mode: string; level: number | null }>>`coalesce((select json_agg(json_build_object('mode', a.mode, 'level', a.level) order by a.submitted_at) from assessments a where a.project_id = ${qualified(projects.id)} and a.status = 'submitted'), '[]'::json)`,
    delegated:
      actor.orgType === 'leading_unit'
        ? sql<boolean>`exists (select 1 from ${delegations} d where d.enterprise_id = ${qualified(projects.enterpriseId)} and d.agent_org_id = ${actor.orgId} and d.revoked_at is null)`
        : sql<boolean>`false`,
    sameNameUsccs: actor.orgType === 'bureau' ? sameNameUsccsColumn() : sql<string[]>`'[]'::json`,
  };
}

/**
 * Loads a project the actor may see, with the facts its guards need, in one statement; optionally locks the
 * project row for the rest of the transaction. Anything the actor may not see is a 404.
 */
export async function loadProjectFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<LoadedProject> {
  const q = db
    .select({ ...getTableColumns(projects), ...factColumns(actor) })
    .from(projects)
    .where(and(eq(projects.id, id), projectScope(actor)));
  const rows = opts.forUpdate ? await q.for('update', { of: projects }) : await q;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const { enterpriseSmeSize, enterpriseEmployees, assessmentsDone, delegated, sameNameUsccs, ...project } = row;
  return {
    ...project,
    facts: { enterpriseSmeSize, enterpriseEmployees: enterpriseEmployees === null ? null : Number(enterpriseEmployees), assessmentsDone, delegated, sameNameUsccs: sameNameUsccs ?? [] },
  };
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
