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
import { getState } from '../../../core/workflow';
import { tableFor } from '../../workflow/registry';

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
  const { enterpriseSmeSize, enterpriseEmployees, delegated, sameNameUsccs, ...project } = row;
  return {
    ...project,
    facts: { enterpriseSmeSize, enterpriseEmployees: enterpriseEmployees === null ? null : Number(enterpriseEmployees), delegated, sameNameUsccs: sameNameUsccs ?? [] },
  };
}

/**
 * Loads and locks a project for an event the platform fires itself (a concluded review moving its project):
 * no caller scope, no delegation.
 */
export async function loadProjectForSystem(db: DbOrTx, id: string): Promise<LoadedProject> {
  const rows = await db
    .select({ ...getTableColumns(projects), enterpriseSmeSize: sql<string | null>`(select o.sme_size from organizations o where o.id = ${qualified(projects.enterpriseId)})`, enterpriseEmployees: sql<number | null>`(select o.employees from organizations o where o.id = ${qualified(projects.enterpriseId)})` })
    .from(projects)
    .where(eq(projects.id, id))
    .for('update', { of: projects });
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const { enterpriseSmeSize, enterpriseEmployees, ...project } = row;
  return { ...project, facts: { enterpriseSmeSize, enterpriseEmployees: enterpriseEmployees === null ? null : Number(enterpriseEmployees), delegated: false, sameNameUsccs: [] } };
}

/**
 * The case (materials, reports, evaluation history) is sealed to the institution an evaluation is assigned to
 * until it has declared no conflict of interest and accepted: while the project's state is, by its table, an
 * evaluation assignment still to accept (`taskBucket` 'toAccept', `assignment` 'evaluation'), that institution
 * sees the assignment only. Sealed reads answer 404.
 */
export function assertCaseVisible(actor: Actor, project: ProjectRow): void {
  if (project.evaluationInstitutionId !== actor.orgId) return;
  const state = getState(tableFor(project.workflowVersion), project.state);
  if (state?.taskBucket === 'toAccept' && state.assignment === 'evaluation') throw new AppError('NOT_FOUND');
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
