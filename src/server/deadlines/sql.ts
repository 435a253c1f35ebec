/**
 * Deadline columns and filters for project lists: correlated subqueries on the open deadlines of the listed
 * project, each an index lookup on `deadlines_open_project_idx` (project_id where closed_at is null).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../core/calendar';
import { todayInShanghai } from './service';

/**
 * The listed project's id, always qualified: drizzle writes a single table's columns unqualified ("id"), which
 * inside the subquery would name the deadline's own id. The list must select from `projects` without an alias.
 */
const PROJECT_ID = sql`${sql.identifier('projects')}.${sql.identifier('id')}`;

/** The Shanghai date the list is computed for (default: now). */
function todayOf(today?: IsoDate): IsoDate {
  return today ?? todayInShanghai(new Date());
}

/**
 * `dueOn`: the earliest due date among the project's open deadlines (`YYYY-MM-DD`, null when none);
 * `overdue`: an open deadline of the project was due before today (Asia/Shanghai).
 */
export function projectDueColumns(opts: { today?: IsoDate } = {}): { dueOn: SQL<string | null>; overdue: SQL<boolean> } {
  const today = todayOf(opts.today);
  return {
    dueOn: sql<string | null>`(select min(d.due_on)::text from deadlines d where d.project_id = ${PROJECT_ID} and d.closed_at is null)`,
    overdue: sql<boolean>`exists (select 1 from deadlines d where d.project_id = ${PROJECT_ID} and d.closed_at is null and d.due_on < ${today}::date)`,
  };
}

/** Projects with an open deadline due before today (Asia/Shanghai). */
export function overdueProjectsFilter(opts: { today?: IsoDate } = {}): SQL {
  const today = todayOf(opts.today);
  return sql`exists (select 1 from deadlines d where d.project_id = ${PROJECT_ID} and d.closed_at is null and d.due_on < ${today}::date)`;
}
