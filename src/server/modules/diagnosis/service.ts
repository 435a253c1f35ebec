/**
 * Stage 2b use-cases around the institutions: their open workload (for the bureau's assignment dialog and its
 * suggestion), batch assignment, and an institution's task list. Which states are tasks, and in which bucket,
 * is the project table's (`taskBucket`); which institutions an assignment may pick is its guard's argument.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { qualified } from '../../../db/sql';
import { deadlines, organizations, projects } from '../../../db/schema';
import { ASSIGNMENT_INPUTS, getState, type InstitutionKind, type Transition, type WorkflowTable } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { todayInShanghai } from '../../deadlines/service';
import { tablesOf } from '../../workflow/registry';
import { loadProjectFor, projectScope } from '../projects/policy';
import { applyProjectEvent, listRowsWhere } from '../projects/service';
import { projectTable } from '../projects/workflow';
import { conflictsWithAny, institutionConflicts } from '../evaluation/conflict';

export const TASK_BUCKETS = ['toAccept', 'inProgress', 'awaitingConfirmation', 'done'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

const KIND_OF_TYPE: Record<string, InstitutionKind> = { institution_comprehensive: 'comprehensive', institution_diagnostic: 'diagnostic' };

/** The states of every project table that are an assignee's task, by bucket. */
function bucketStates(): Record<Exclude<TaskBucket, 'done'>, string[]> {
  const out: Record<Exclude<TaskBucket, 'done'>, string[]> = { toAccept: [], inProgress: [], awaitingConfirmation: [] };
  for (const table of tablesOf('project')) for (const s of table.states) if (s.taskBucket && !out[s.taskBucket].includes(s.id)) out[s.taskBucket].push(s.id);
  return out;
}

const BUCKETS = bucketStates();
const OPEN_TASK_STATES = [...BUCKETS.toAccept, ...BUCKETS.inProgress, ...BUCKETS.awaitingConfirmation];

type Assignment = 'diagnosis' | 'evaluation';
const ASSIGNMENTS: readonly Assignment[] = ['diagnosis', 'evaluation'];
/** The project column naming the institution of each assignment. */
const ASSIGNEE_COLUMN = { diagnosis: projects.diagnosisInstitutionId, evaluation: projects.evaluationInstitutionId } as const;

/** The states of every project table with this assignment (and, if given, in these task states). */
function assignmentStates(a: Assignment, among?: readonly string[]): string[] {
  const out = new Set<string>();
  for (const table of tablesOf('project')) for (const s of table.states) if (s.assignment === a && (!among || among.includes(s.id))) out.add(s.id);
  return [...out];
}

/**
 * Projects in these states that are the institution's task: the state's assignment names which institution
 * (the diagnosing one is not the evaluating one).
 */
function taskOf(orgId: SQL | string, states: readonly string[]): SQL {
  const parts = ASSIGNMENTS.map((a) => ({ a, states: assignmentStates(a, states) }))
    .filter((x) => x.states.length > 0)
    .map((x) => sql`(${ASSIGNEE_COLUMN[x.a]} = ${orgId} and ${projects.state} in (${sql.join(x.states.map((st) => sql`${st}`), sql`, `)}))`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** The institution kinds an assignment's transitions accept, from their guards (null = any kind). */
function kindsOf(a: Assignment): Set<InstitutionKind> | null {
  const out = new Set<InstitutionKind>();
  for (const table of tablesOf('project'))
    for (const s of table.states) {
      if (s.assignment !== a) continue;
      const t = assignTransition(table, s.id);
      if (!t) continue;
      const k = allowedKind(t);
      if (k === null) return null;
      out.add(k);
    }
  return out.size === 0 ? null : out;
}

/** Whether the assignment's transitions check conflicts of interest (the table's noConflictOfInterest guard). */
function checksConflicts(t: Transition): boolean {
  return t.guards.some((g) => g.id === 'noConflictOfInterest');
}

export interface InstitutionLoad {
  id: string;
  name: string;
  kind: InstitutionKind;
  /** Projects assigned to it that are still its task (to accept, in progress, awaiting confirmation). */
  open: number;
  /** Its open deadlines past their due date. */
  overdue: number;
  suggested: boolean;
  /** Why it may not take the given projects' evaluation (conflict of interest), null if it may. */
  conflict: Text | null;
}

export interface WorkloadOptions {
  /** Only the kinds this assignment's table entries accept. */
  assignment?: Assignment | undefined;
  /** Flag the institutions that have a conflict of interest with any of these projects. */
  projectIds?: readonly string[] | undefined;
  excludesDiagnoser?: boolean | undefined;
}

/**
 * Every active institution with its open workload; the least loaded (then the fewest overdue, then by name)
 * of those that may be picked is suggested. With an assignment, only the kinds it accepts; with projects, the
 * institutions in conflict with them are flagged with the reason (and never suggested).
 */
export async function institutionWorkload(db: AppDb, opts: WorkloadOptions = {}): Promise<InstitutionLoad[]> {
  const today = todayInShanghai(new Date());
  const openCount = sql<number>`(select count(*) from ${projects} where ${taskOf(qualified(organizations.id), OPEN_TASK_STATES)})`;
  const overdueCount = sql<number>`(select count(*) from ${deadlines} d where d.assignee_org_id = ${qualified(organizations.id)} and d.closed_at is null and d.due_on < ${today}::date)`;
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, open: openCount, overdue: overdueCount })
    .from(organizations)
    .where(and(inArray(organizations.type, Object.keys(KIND_OF_TYPE)), eq(organizations.active, true)))
    .orderBy(asc(organizations.name));
  const kinds = opts.assignment ? kindsOf(opts.assignment) : null;
  const loads = rows
    .map((r) => ({ id: r.id, name: r.name, kind: KIND_OF_TYPE[r.type] ?? ('diagnostic' as InstitutionKind), open: Number(r.open), overdue: Number(r.overdue), suggested: false, conflict: null as Text | null }))
    .filter((l) => kinds === null || kinds.has(l.kind));
  if (opts.projectIds && opts.projectIds.length > 0) {
    const conflicts = await conflictsWithAny(db, opts.projectIds, loads.map((l) => l.id), opts.excludesDiagnoser);
    for (const l of loads) l.conflict = conflicts.get(l.id) ?? null;
  }
  const best = leastLoaded(loads.filter((l) => l.conflict === null), null);
  return loads.map((l) => ({ ...l, suggested: l.id === best?.id }));
}

function leastLoaded<T extends { id: string; name: string; kind: InstitutionKind; open: number; overdue: number }>(loads: readonly T[], kind: InstitutionKind | null): T | undefined {
  return [...loads]
    .filter((l) => kind === null || l.kind === kind)
    .sort((a, b) => a.open - b.open || a.overdue - b.overdue || a.name.localeCompare(b.name, 'zh-CN'))[0];
}

/** The transition of the project's state that assigns an institution (it takes the assignment input). */
function assignTransition(table: WorkflowTable, state: string): Transition | undefined {
  return getState(table, state)?.transitions.find((t) => t.input !== undefined && ASSIGNMENT_INPUTS.includes(t.input) && t.roles.some((r) => r === 'bureauAdmin' || r === 'bureauReviewer'));
}

/** The institution kind the assignment's guard allows (null = any). */
function allowedKind(t: Transition): InstitutionKind | null {
  const g = t.guards.find((x) => x.id === 'institutionSelected');
  return g && 'arg' in g && g.arg !== 'any' ? (g.arg as InstitutionKind) : null;
}

export interface AssignResult {
  projectId: string;
  ok: boolean;
  institution?: { id: string; name: string };
  dueOn?: string;
  code?: string;
  message?: Text;
}

/**
 * Assigns an institution to each project, each in its own transaction (one refusal does not undo the others):
 * the chosen one, or — when none is chosen — the least-loaded institution the project's table allows, the
 * counts rising as the batch goes so the batch is spread.
 */
export async function assignInstitutions(db: AppDb, ctx: RequestContext, input: { projectIds: string[]; institutionId?: string | undefined; dueOn?: string | undefined; note?: string | undefined }): Promise<AssignResult[]> {
  const loads = await institutionWorkload(db);
  const results: AssignResult[] = [];
  for (const projectId of [...new Set(input.projectIds)]) {
    try {
      const result = await db.transaction(async (tx) => {
        const p = await loadProjectFor(tx, ctx.actor, projectId, { forUpdate: true });
        const t = assignTransition(projectTable(p), p.state);
        if (!t) {
          const label = getState(projectTable(p), p.state)?.label ?? { zh: p.state, en: p.state };
          throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: `项目处于“${label.zh}”，不是待分配机构`, en: `The project is at "${label.en}", not waiting for an institution` } });
        }
        // Automatic choice: never an institution in conflict with this project, when the table checks it.
        const conflicts = !input.institutionId && checksConflicts(t) ? await institutionConflicts(tx, p.id, loads.map((l) => l.id)) : new Map<string, Text>();
        const chosen = input.institutionId ? loads.find((l) => l.id === input.institutionId) : leastLoaded(loads.filter((l) => !conflicts.has(l.id)), allowedKind(t));
        if (!chosen) throw new AppError('INPUT_INVALID', { message: { zh: '所选服务机构不存在或已停用', en: 'The chosen institution does not exist or is deactivated' } });
        const after = await applyProjectEvent(tx, ctx, p, t.event, undefined, { institutionId: chosen.id, ...(input.dueOn ? { dueOn: input.dueOn } : {}), ...(input.note ? { note: input.note } : {}) });
        const [d] = await tx.select({ dueOn: deadlines.dueOn }).from(deadlines).where(and(eq(deadlines.objectType, 'project'), eq(deadlines.objectId, after.id), isNull(deadlines.closedAt))).limit(1);
        chosen.open += 1;
        return { projectId, ok: true, institution: { id: chosen.id, name: chosen.name }, ...(d ? { dueOn: d.dueOn } : {}) };
      });
      results.push(result);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ projectId, ok: false, code: e.code, message: e.text });
    }
  }
  return results;
}

/** The signed-in institution's tasks in one bucket, soonest due first, with the count of every bucket. */
export async function institutionTasks(db: AppDb, actor: Actor, q: { bucket: TaskBucket; page: number; pageSize: number }) {
  if (actor.orgType !== 'institution_comprehensive' && actor.orgType !== 'institution_diagnostic') throw new AppError('FORBIDDEN_ROLE');
  const scope = projectScope(actor);
  // A state is the institution's task only when its assignment names this institution (a diagnosing
  // institution does not see the project's evaluation as its task); every other project it sees is done.
  const open = taskOf(actor.orgId, OPEN_TASK_STATES);
  const inBucket = q.bucket === 'done' ? sql`not ${open}` : taskOf(actor.orgId, BUCKETS[q.bucket]);
  const [rows, byState] = await Promise.all([
    listRowsWhere(db, actor, and(scope, inBucket), { page: q.page, pageSize: q.pageSize, dueFirst: q.bucket !== 'done' }),
    db.select({ state: projects.state, mine: sql<number>`count(*) filter (where ${open})`, n: count() }).from(projects).where(scope).groupBy(projects.state),
  ]);
  const counts: Record<TaskBucket, number> = { toAccept: 0, inProgress: 0, awaitingConfirmation: 0, done: 0 };
  for (const r of byState) {
    const bucket = (Object.keys(BUCKETS) as Array<keyof typeof BUCKETS>).find((b) => BUCKETS[b].includes(r.state)) ?? 'done';
    counts[bucket] += Number(r.mine);
    counts.done += Number(r.n) - Number(r.mine);
  }
  const total = counts[q.bucket];
  return { items: rows.map((r) => ({ ...r, bucket: q.bucket })), total, page: q.page, pageSize: q.pageSize, counts };
}

