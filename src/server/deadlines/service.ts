/**
 * Deadlines of the steps a workflow object waits on, in working days (public holidays and 调休 counted).
 *
 * - `openDeadline` when an object enters a state with a `deadline` rule (the workflow runtime calls it);
 * - `closeDeadlines` when it leaves the state;
 * - `sweepDeadlines` (the 'deadlines' job) reminds the assignee `remindBefore` working days before the due date and
 *   escalates to the bureau the day after it. Each row is claimed with `FOR UPDATE SKIP LOCKED` and its notification
 *   is written to the outbox in the same transaction, with a dedupe key: nothing goes twice, even with several
 *   sweepers (instances) at once.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { deadlines } from '../../db/schema';
import type { AppDb, DbOrTx } from '../../db/client';
import { addDays, addWorkingDays, isIsoDate, isWorkingDay, shanghaiDate, type Calendar, type IsoDate } from '../../core/calendar';
import type { DeadlineRule } from '../../core/workflow';
import { ACTOR_ROLE_LABELS, isActorRole, type BureauRole } from '../../core/identity/roles';
import type { Text } from '../../core/text';
import { hasTable, tableFor } from '../workflow/registry';
import { enqueueNotification } from '../notifications/outbox';

/** The Asia/Shanghai calendar date of an instant. */
export function todayInShanghai(now: Date): IsoDate {
  return shanghaiDate(now);
}

/** The date `n` working days before `due` (a working day itself when n > 0). */
export function subtractWorkingDays(due: IsoDate, n: number, calendar: Calendar): IsoDate {
  let d = due;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** The due date and reminder date of a rule applied on `today` (an explicit `dueOn` wins over the rule's count). */
export function deadlineDates(rule: Pick<DeadlineRule, 'workingDays' | 'remindBefore'>, today: IsoDate, calendar: Calendar, dueOn?: string): { dueOn: IsoDate; remindOn: IsoDate | null } {
  if (dueOn !== undefined && !isIsoDate(dueOn)) throw new Error(`openDeadline: not a date: ${String(dueOn)}`);
  const due = dueOn ?? addWorkingDays(today, rule.workingDays, calendar).value;
  if (rule.remindBefore <= 0) return { dueOn: due, remindOn: null };
  const remind = subtractWorkingDays(due, rule.remindBefore, calendar);
  // A due date closer than the reminder's lead: remind at once (today), never before the step began.
  return { dueOn: due, remindOn: remind < today ? (due < today ? due : today) : remind };
}

/**
 * Opens the deadline of the step `objectType/objectId` now waits on in `state`. Any deadline still open on the
 * object is closed first (an object waits on one step at a time).
 */
export async function openDeadline(
  tx: DbOrTx,
  input: {
    objectType: string;
    objectId: string;
    projectId: string | null;
    state: string;
    rule: DeadlineRule;
    assigneeOrgId: string | null;
    calendar: Calendar;
    today: IsoDate;
    /** An explicit due date (chosen in the assignment dialog), `YYYY-MM-DD`; checked here. */
    dueOn?: IsoDate | string;
  },
): Promise<{ dueOn: IsoDate; remindOn: IsoDate | null }> {
  const dates = deadlineDates(input.rule, input.today, input.calendar, input.dueOn);
  await closeDeadlines(tx, input.objectType, input.objectId);
  await tx.insert(deadlines).values({
    objectType: input.objectType,
    objectId: input.objectId,
    projectId: input.projectId,
    state: input.state,
    assigneeOrgId: input.rule.assignee === 'bureau' ? null : input.assigneeOrgId,
    waitingRole: input.rule.role,
    startedOn: input.today,
    dueOn: dates.dueOn,
    remindOn: dates.remindOn,
  });
  return dates;
}

/** Closes every open deadline of the object (it left the state, or was withdrawn / closed). */
export async function closeDeadlines(tx: DbOrTx, objectType: string, objectId: string): Promise<void> {
  await tx
    .update(deadlines)
    .set({ closedAt: sql`now()` })
    .where(and(eq(deadlines.objectType, objectType), eq(deadlines.objectId, objectId), isNull(deadlines.closedAt)));
}

// ---- The sweep ----------------------------------------------------------------------------------------

interface ClaimedRow extends Record<string, unknown> {
  id: string | number;
  project_id: string | null;
  object_type: string;
  state: string;
  waiting_role: string;
  assignee_org_id: string | null;
  due_on: string;
  title: string | null;
  filing_no: string | null;
  workflow_version: string | null;
}

/** The bureau duties told about a step the bureau itself must do. */
function bureauDutiesFor(role: string): BureauRole[] {
  if (role === 'bureauFinance') return ['finance'];
  return ['admin', 'reviewer'];
}

function stateLabel(version: string | null, state: string): Text {
  if (version && hasTable(version)) {
    const def = tableFor(version).states.find((s) => s.id === state);
    if (def) return def.label;
  }
  return { zh: state, en: state };
}

function roleLabel(role: string): Text {
  return isActorRole(role) ? ACTOR_ROLE_LABELS[role] : { zh: role, en: role };
}

function projectName(row: ClaimedRow): Text {
  const title = row.title ?? '';
  if (!row.filing_no) return { zh: `「${title}」`, en: `"${title}"` };
  return { zh: `「${title}」（备案号 ${row.filing_no}）`, en: `"${title}" (filing no. ${row.filing_no})` };
}

function texts(kind: 'remind' | 'escalate', row: ClaimedRow): { title: Text; body: Text } {
  const p = projectName(row);
  const step = stateLabel(row.workflow_version, row.state);
  const role = roleLabel(row.waiting_role);
  const due = String(row.due_on);
  if (kind === 'remind') {
    return {
      title: { zh: `即将到期：${step.zh}`, en: `Due soon: ${step.en}` },
      body: {
        zh: `项目${p.zh}的「${step.zh}」环节（由${role.zh}办理）将于 ${due} 到期，请及时处理。`,
        en: `The step "${step.en}" of project ${p.en}, for the ${role.en} to do, is due on ${due}. Please act in time.`,
      },
    };
  }
  return {
    title: { zh: `已超期：${step.zh}`, en: `Overdue: ${step.en}` },
    body: {
      zh: `项目${p.zh}的「${step.zh}」环节（由${role.zh}办理）已于 ${due} 到期仍未完成，已提请市工信局督办。`,
      en: `The step "${step.en}" of project ${p.en}, for the ${role.en} to do, was due on ${due} and is not done; the bureau has been notified to follow it up.`,
    },
  };
}

/**
 * Claims up to `limit` rows of one kind and writes their notifications, in one transaction: another sweeper skips
 * the rows this one locked, and sees them done once it commits.
 */
async function sweepBatch(db: AppDb, kind: 'remind' | 'escalate', now: Date, today: IsoDate, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const claim =
      kind === 'remind'
        ? sql`
          update deadlines set reminded_at = ${now.toISOString()}::timestamptz
          where reminded_at is null and closed_at is null and id in (
            select id from deadlines
            where closed_at is null and reminded_at is null and remind_on <= ${today}::date and due_on >= ${today}::date
            order by id limit ${limit}
            for update skip locked)
          returning id, project_id, object_id, object_type, state, waiting_role, assignee_org_id, due_on`
        : sql`
          update deadlines set escalated_at = ${now.toISOString()}::timestamptz
          where escalated_at is null and closed_at is null and id in (
            select id from deadlines
            where closed_at is null and escalated_at is null and due_on < ${today}::date
            order by id limit ${limit}
            for update skip locked)
          returning id, project_id, object_id, object_type, state, waiting_role, assignee_org_id, due_on`;
    const res = await tx.execute<ClaimedRow>(sql`
      with claimed as (${claim})
      select c.id, c.project_id, c.object_type, c.state, c.waiting_role, c.assignee_org_id, c.due_on::text as due_on,
             p.title, p.filing_no,
             coalesce(case when c.object_type = 'project' then p.workflow_version end, w.workflow_version, p.workflow_version) as workflow_version
      from claimed c
      left join projects p on p.id = c.project_id
      left join workflow_objects w on w.id = c.object_id and c.object_type <> 'project'
      order by c.id`);
    for (const row of res.rows) {
      const { title, body } = texts(kind, row);
      const bureau = { bureau: kind === 'escalate' ? (['admin', 'reviewer'] as BureauRole[]) : bureauDutiesFor(row.waiting_role) };
      const assignee = row.assignee_org_id ? [{ orgId: row.assignee_org_id }] : [];
      const to = kind === 'remind' ? (assignee.length > 0 ? assignee : [bureau]) : [bureau, ...assignee];
      await enqueueNotification(tx, {
        to,
        projectId: row.project_id,
        kind: kind === 'remind' ? 'deadline.remind' : 'deadline.escalate',
        title,
        body,
        link: row.project_id ? `/workbench/projects/${row.project_id}` : null,
        dedupeKey: `deadline:${String(row.id)}:${kind}`,
        email: kind === 'escalate',
      });
    }
    return res.rows.length;
  });
}

/** Sends the reminders and escalations due at `now` (Asia/Shanghai date); at most `limit` per batch, batches until done. */
export async function sweepDeadlines(db: AppDb, opts: { now: Date; calendar: Calendar; limit?: number }): Promise<{ reminded: number; escalated: number }> {
  const limit = Math.max(1, Math.min(opts.limit ?? 200, 1000));
  const today = todayInShanghai(opts.now);
  const result = { reminded: 0, escalated: 0 };
  // Bounded, so a sweep always ends; what is left goes on the next run.
  for (let i = 0; i < 50; i++) {
    const n = await sweepBatch(db, 'remind', opts.now, today, limit);
    result.reminded += n;
    if (n < limit) break;
  }
  for (let i = 0; i < 50; i++) {
    const n = await sweepBatch(db, 'escalate', opts.now, today, limit);
    result.escalated += n;
    if (n < limit) break;
  }
  return result;
}
