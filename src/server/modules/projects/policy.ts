/**
 * Who may see and act on a project — decided here and nowhere else.
 * What a caller may not see is a 404 (never a 403 that would leak existence).
 */
import { and, eq, getTableColumns, isNotNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { qualified } from '../../../db/sql';
import type { DbOrTx } from '../../../db/client';
import { deadlines, delegations, organizations, projects } from '../../../db/schema';
import type { ActorRole } from '../../../core/identity/roles';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { sameNameUsccsColumn } from './same-name';
import { getState } from '../../../core/workflow';
import { tableFor } from '../../workflow/registry';
import { preparedOn } from '../../prepared';

export type ProjectRow = typeof projects.$inferSelect;

/** A value of the actor in a statement: the value itself, or a placeholder of a prepared statement. */
type ActorValue = string | Placeholder;

/** A row filter restricting projects to those the actor may see. */
export function projectScope(actor: Actor): SQL {
  return scopeOf(actor.orgType, actor.orgId, actor.townCode);
}

function scopeOf(orgType: Actor['orgType'], orgId: ActorValue, townCode: ActorValue | null): SQL {
  switch (orgType) {
    case 'enterprise':
      return eq(projects.enterpriseId, orgId);
    case 'bureau':
      return isNotNull(projects.submittedAt);
    case 'town':
      return townCode ? and(eq(projects.townCode, townCode), isNotNull(projects.submittedAt))! : sql`false`;
    case 'institution_comprehensive':
    case 'institution_diagnostic':
      return or(eq(projects.diagnosisInstitutionId, orgId), eq(projects.evaluationInstitutionId, orgId))!;
    case 'leading_unit':
    case 'catalog_provider':
      return or(
        eq(projects.providerOrgId, orgId),
        and(
          isNotNull(projects.submittedAt),
          sql`exists (select 1 from ${delegations} d where d.enterprise_id = ${qualified(projects.enterpriseId)} and d.agent_org_id = ${orgId} and d.revoked_at is null)`,
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

function factColumns(orgType: Actor['orgType'], orgId: ActorValue) {
  return {
    enterpriseSmeSize: sql<string | null>`(select o.sme_size from organizations o where o.id = ${qualified(projects.enterpriseId)})`,
    enterpriseEmployees: sql<number | null>`(select o.employees from organizations o where o.id = ${qualified(projects.enterpriseId)})`,
    delegated:
      orgType === 'leading_unit'
        ? sql<boolean>`exists (select 1 from ${delegations} d where d.enterprise_id = ${qualified(projects.enterpriseId)} and d.agent_org_id = ${orgId} and d.revoked_at is null)`
        : sql<boolean>`false`,
    sameNameUsccs: orgType === 'bureau' ? sameNameUsccsColumn() : sql<string[]>`'[]'::json`,
  };
}

/** What the project page shows besides the project: the open deadline of its current step and its institution's name. */
export interface ProjectPageExtras {
  deadline: { dueOn: string; waitingRole: string } | null;
  institutionName: string | null;
}

/** The open deadline of the project's current step (the soonest) and the diagnosis institution's name, as columns. */
function pageColumns() {
  const open = sql`from ${deadlines} d where d.object_type = 'project' and d.object_id = ${qualified(projects.id)} and d.closed_at is null order by d.due_on asc limit 1`;
  return {
    deadlineDueOn: sql<string | null>`(select d.due_on::text ${open})`,
    deadlineWaitingRole: sql<string | null>`(select d.waiting_role ${open})`,
    institutionName: sql<string | null>`(select o.name from ${organizations} o where o.id = ${qualified(projects.diagnosisInstitutionId)})`,
  };
}

function loadStatement(db: DbOrTx, orgType: Actor['orgType'], hasTown: boolean, page: boolean) {
  const key = `project_load_${orgType}${hasTown ? '' : '_notown'}${page ? '_page' : ''}`;
  return preparedOn(db, key, (name) =>
    db
      .select({ ...getTableColumns(projects), ...factColumns(orgType, sql.placeholder('orgId')), ...(page ? pageColumns() : {}) })
      .from(projects)
      .where(and(eq(projects.id, sql.placeholder('id')), scopeOf(orgType, sql.placeholder('orgId'), hasTown ? sql.placeholder('townCode') : null)))
      .prepare(name),
  );
}

type LoadedRow = ProjectRow & { enterpriseSmeSize: string | null; enterpriseEmployees: number | null; delegated: boolean; sameNameUsccs: string[] | null };

function loadedOf(row: LoadedRow): LoadedProject {
  const { enterpriseSmeSize, enterpriseEmployees, delegated, sameNameUsccs, ...project } = row;
  return {
    ...project,
    facts: { enterpriseSmeSize, enterpriseEmployees: enterpriseEmployees === null ? null : Number(enterpriseEmployees), delegated, sameNameUsccs: sameNameUsccs ?? [] },
  };
}

/**
 * Loads a project the actor may see, with the facts its guards need, in one statement; optionally locks the
 * project row for the rest of the transaction. Anything the actor may not see is a 404. Reads without a lock run
 * a statement prepared once per database handle and kind of caller.
 */
export async function loadProjectFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<LoadedProject> {
  if (!opts.forUpdate) {
    const rows = await loadStatement(db, actor.orgType, actor.townCode !== null, false).execute({ id, orgId: actor.orgId, townCode: actor.townCode });
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    return loadedOf(row);
  }
  const rows = await db
    .select({ ...getTableColumns(projects), ...factColumns(actor.orgType, actor.orgId) })
    .from(projects)
    .where(and(eq(projects.id, id), projectScope(actor)))
    .for('update', { of: projects });
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return loadedOf(row);
}

/** The project page's read: the project as `loadProjectFor` loads it, with its deadline and institution (one statement). */
export async function loadProjectPage(db: DbOrTx, actor: Actor, id: string): Promise<{ project: LoadedProject; extras: ProjectPageExtras }> {
  const rows = await loadStatement(db, actor.orgType, actor.townCode !== null, true).execute({ id, orgId: actor.orgId, townCode: actor.townCode });
  const row = rows[0] as (LoadedRow & { deadlineDueOn: string | null; deadlineWaitingRole: string | null; institutionName: string | null }) | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const { deadlineDueOn, deadlineWaitingRole, institutionName, ...rest } = row;
  return {
    project: loadedOf(rest),
    extras: { deadline: deadlineDueOn !== null && deadlineWaitingRole !== null ? { dueOn: deadlineDueOn, waitingRole: deadlineWaitingRole } : null, institutionName },
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
