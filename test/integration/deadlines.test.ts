/**
 * Deadlines in working days: due dates across public holidays and 调休, reminders and escalations sent once
 * (also with two sweepers at once), closed deadlines left alone, notifications through the outbox, list columns,
 * and the app's job wiring (delivery triggered by a write, jobs stopped on close).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { TEST_DB_KIND } from '../support/db';
import { makeProject } from '../../src/db/factories';
import { deadlines, notifications, outbox, projects, users } from '../../src/db/schema';
import type { AppDb } from '../../src/db/client';
import { chinaCalendar, parseIsoDate } from '../../src/core/calendar';
import type { DeadlineRule } from '../../src/core/workflow';
import { closeDeadlines, openDeadline, sweepDeadlines, todayInShanghai } from '../../src/server/deadlines/service';
import { overdueProjectsFilter, projectDueColumns } from '../../src/server/deadlines/sql';
import { deliverPending } from '../../src/server/notifications/deliver';
import { enqueueNotification } from '../../src/server/notifications/outbox';
import { logMailer, logSms, type Channels } from '../../src/server/notifications/channels';
import { fakeClock } from '../../src/server/jobs/clock';

let t: TestApp;
const calendar = chinaCalendar();
const channels: Channels = { mailer: logMailer(), sms: logSms() };
const ENTERPRISE_RULE: DeadlineRule = { workingDays: 5, remindBefore: 2, assignee: 'enterprise', role: 'enterprise' };
const BUREAU_RULE: DeadlineRule = { workingDays: 5, remindBefore: 1, assignee: 'bureau', role: 'bureauReviewer' };

/** 09:00 in Shanghai on a date. */
const at = (d: string) => new Date(`${d}T01:00:00Z`);

let admin: { org: { id: string }; account: string };
let reviewer: { org: { id: string }; account: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  reviewer = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
});
afterAll(async () => {
  await t?.close();
});

async function outboxRows(db: AppDb, ids: number[]) {
  const keys = ids.flatMap((id) => [`deadline:${id}:remind`, `deadline:${id}:escalate`]);
  return db.select().from(outbox).where(inArray(outbox.dedupeKey, keys));
}

async function deadlineId(objectId: string): Promise<number> {
  const [row] = await t.db.select({ id: deadlines.id }).from(deadlines).where(and(eq(deadlines.objectId, objectId), sql`${deadlines.closedAt} is null`));
  if (!row) throw new Error('no open deadline');
  return row.id;
}

/** Moves the sweep past every other test's deadlines: only the given ones are open. */
async function onlyOpen(objectIds: string[]): Promise<void> {
  await t.db.update(deadlines).set({ closedAt: sql`now()` }).where(and(isNull(deadlines.closedAt), notInArray(deadlines.objectId, objectIds)));
}

describe('due dates in working days', () => {
  it('across the 2026 National Day holiday: 10-01..10-07 skipped, the 调休 Saturday 10-10 counted', async () => {
    const e = await enterpriseWithUser(t.db);
    const p = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '国庆跨期项目' });
    const today = parseIsoDate('2026-09-29');
    const r = await openDeadline(t.db, { objectType: 'project', objectId: p.id, projectId: p.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today });
    // 09-30 (1), 10-01..10-07 off, 10-08 (2), 10-09 (3), Sat 10-10 make-up (4), Sun 10-11 off, 10-12 (5).
    expect(r).toEqual({ dueOn: '2026-10-12', remindOn: '2026-10-09' });
    const [row] = await t.db.select().from(deadlines).where(eq(deadlines.objectId, p.id));
    expect(row).toMatchObject({ dueOn: '2026-10-12', remindOn: '2026-10-09', startedOn: '2026-09-29', waitingRole: 'enterprise', assigneeOrgId: e.org.id, closedAt: null });

    // An explicit due date wins; no reminder when the rule has none; a bureau step has no assignee organisation.
    const q = await makeProject(t.db, { enterprise: e.org, state: 'filingReview' });
    const explicit = await openDeadline(t.db, {
      objectType: 'project', objectId: q.id, projectId: q.id, state: 'filingReview', rule: { ...BUREAU_RULE, remindBefore: 0 }, assigneeOrgId: e.org.id, calendar, today, dueOn: '2026-10-20',
    });
    expect(explicit).toEqual({ dueOn: '2026-10-20', remindOn: null });
    const [bureauRow] = await t.db.select().from(deadlines).where(eq(deadlines.objectId, q.id));
    expect(bureauRow?.assigneeOrgId).toBeNull();
    await expect(
      openDeadline(t.db, { objectType: 'project', objectId: q.id, projectId: q.id, state: 'filingReview', rule: BUREAU_RULE, assigneeOrgId: null, calendar, today, dueOn: '2026-02-30' }),
    ).rejects.toThrow(/not a date/);

    // Opening again (the object moved on) closes the earlier one: one open deadline per object.
    await openDeadline(t.db, { objectType: 'project', objectId: q.id, projectId: q.id, state: 'filingReview', rule: BUREAU_RULE, assigneeOrgId: null, calendar, today });
    const open = await t.db.select().from(deadlines).where(and(eq(deadlines.objectId, q.id), sql`${deadlines.closedAt} is null`));
    expect(open).toHaveLength(1);
    expect(open[0]?.dueOn).toBe('2026-10-12');
  });

  it('todayInShanghai turns at 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(todayInShanghai(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });
});

describe('the sweep', () => {
  it('reminds once on the reminder date and escalates once the day after the due date; a closed deadline sends nothing', async () => {
    const e = await enterpriseWithUser(t.db);
    const p = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '灯饰生产线数字化改造' });
    const closed = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '已办结项目' });
    const today = parseIsoDate('2026-09-29');
    const base = { objectType: 'project', state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today };
    await openDeadline(t.db, { ...base, objectId: p.id, projectId: p.id });
    await openDeadline(t.db, { ...base, objectId: closed.id, projectId: closed.id });
    await closeDeadlines(t.db, 'project', closed.id);
    await onlyOpen([p.id]);
    const id = await deadlineId(p.id);
    const [closedRow] = await t.db.select().from(deadlines).where(eq(deadlines.objectId, closed.id));
    const clock = fakeClock(at('2026-10-08'));

    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 0, escalated: 0 });
    clock.set(at('2026-10-09'));
    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 1, escalated: 0 });
    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 0, escalated: 0 });
    clock.set(at('2026-10-12')); // the due date itself: not yet overdue
    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 0, escalated: 0 });
    clock.set(at('2026-10-13'));
    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 0, escalated: 1 });
    clock.advance(86_400_000);
    expect(await sweepDeadlines(t.db, { now: clock.now(), calendar })).toEqual({ reminded: 0, escalated: 0 });

    const [row] = await t.db.select().from(deadlines).where(eq(deadlines.id, id));
    expect(row?.remindedAt?.toISOString()).toBe('2026-10-09T01:00:00.000Z');
    expect(row?.escalatedAt?.toISOString()).toBe('2026-10-13T01:00:00.000Z');
    expect(await outboxRows(t.db, [closedRow!.id])).toHaveLength(0);

    const rows = await outboxRows(t.db, [id]);
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual([`deadline:${id}:escalate`, `deadline:${id}:remind`]);
    const remind = rows.find((r) => r.dedupeKey?.endsWith('remind'))!.payload as Record<string, unknown>;
    expect(remind).toMatchObject({ to: [{ orgId: e.org.id }], projectId: p.id, kind: 'deadline.remind', link: `/workbench/projects/${p.id}` });
    const [proj] = await t.db.select({ filingNo: projects.filingNo }).from(projects).where(eq(projects.id, p.id));
    const body = remind.body as { zh: string; en: string };
    expect(body.zh).toContain('灯饰生产线数字化改造');
    expect(body.zh).toContain(proj!.filingNo!);
    expect(body.zh).toContain('备案退回修改');
    expect(body.zh).toContain('2026-10-12');
    expect(body.en).toContain('Filing returned for revision');
    expect(body.en).toContain('2026-10-12');
    const escalate = rows.find((r) => r.dedupeKey?.endsWith('escalate'))!.payload as Record<string, unknown>;
    expect(escalate).toMatchObject({ to: [{ bureau: ['admin', 'reviewer'] }, { orgId: e.org.id }], kind: 'deadline.escalate' });
    expect((escalate.title as { zh: string }).zh).toContain('已超期');

    // Delivered as in-app notifications: the enterprise's user twice (reminder, escalation), the bureau staff once.
    await deliverPending(t.db, { channels });
    const got = await t.db
      .select({ kind: notifications.kind, orgId: notifications.orgId, userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.projectId, p.id));
    expect(got.filter((n) => n.orgId === e.org.id).map((n) => n.kind).sort()).toEqual(['deadline.escalate', 'deadline.remind']);
    const [adminUser] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, admin.org.id));
    const [reviewerUser] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, reviewer.org.id));
    expect(got.filter((n) => n.userId === adminUser!.id).map((n) => n.kind)).toEqual(['deadline.escalate']);
    expect(got.filter((n) => n.userId === reviewerUser!.id).map((n) => n.kind)).toEqual(['deadline.escalate']);
  });

  it('a bureau step reminds the bureau; a deadline found already overdue is escalated, not reminded', async () => {
    const e = await enterpriseWithUser(t.db);
    const p = await makeProject(t.db, { enterprise: e.org, state: 'filingReview', title: '待审核项目' });
    const late = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '迟到项目' });
    const today = parseIsoDate('2026-11-02');
    await openDeadline(t.db, { objectType: 'project', objectId: p.id, projectId: p.id, state: 'filingReview', rule: BUREAU_RULE, assigneeOrgId: null, calendar, today });
    await openDeadline(t.db, { objectType: 'project', objectId: late.id, projectId: late.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today });
    await onlyOpen([p.id, late.id]);
    const pid = await deadlineId(p.id);
    const lid = await deadlineId(late.id);
    // due 11-09 for both; reminder for the bureau step 11-06
    expect(await sweepDeadlines(t.db, { now: at('2026-11-06'), calendar })).toEqual({ reminded: 2, escalated: 0 });
    const [remind] = await outboxRows(t.db, [pid]);
    expect((remind!.payload as { to: unknown }).to).toEqual([{ bureau: ['admin', 'reviewer'] }]);
    expect((remind!.payload as { body: { zh: string } }).body.zh).toContain('市工信局审核人员');
    await t.db.update(deadlines).set({ remindedAt: null }).where(eq(deadlines.id, lid));
    await t.db.delete(outbox).where(eq(outbox.dedupeKey, `deadline:${lid}:remind`));
    expect(await sweepDeadlines(t.db, { now: at('2026-11-20'), calendar })).toEqual({ reminded: 0, escalated: 2 });
    expect((await outboxRows(t.db, [lid])).map((r) => r.dedupeKey)).toEqual([`deadline:${lid}:escalate`]);
  });

  it('two sweepers at once (two database handles on PostgreSQL) send each reminder and escalation once', async () => {
    const e = await enterpriseWithUser(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const p = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: `并发项目${i}` });
      await openDeadline(t.db, { objectType: 'project', objectId: p.id, projectId: p.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today: parseIsoDate('2026-09-29') });
      ids.push(p.id);
    }
    await onlyOpen(ids);
    const rows = await t.db.select({ id: deadlines.id }).from(deadlines).where(inArray(deadlines.objectId, ids));
    const other = TEST_DB_KIND === 'postgres' ? (await t.testDb.reopen()).db : t.db;
    for (const day of ['2026-10-09', '2026-10-13']) {
      const results = await Promise.all([
        sweepDeadlines(t.db, { now: at(day), calendar, limit: 5 }),
        sweepDeadlines(other, { now: at(day), calendar, limit: 5 }),
        sweepDeadlines(t.db, { now: at(day), calendar, limit: 3 }),
      ]);
      const sum = results.reduce((s, r) => ({ reminded: s.reminded + r.reminded, escalated: s.escalated + r.escalated }), { reminded: 0, escalated: 0 });
      expect(sum).toEqual(day === '2026-10-09' ? { reminded: 24, escalated: 0 } : { reminded: 0, escalated: 24 });
    }
    const sent = await outboxRows(t.db, rows.map((r) => r.id));
    expect(sent).toHaveLength(48);
    expect(new Set(sent.map((r) => r.dedupeKey)).size).toBe(48);
  });
});

describe('list columns', () => {
  it('the earliest open due date and overdue flag per project; the overdue filter', async () => {
    const e = await enterpriseWithUser(t.db);
    const a = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '列表甲' });
    const b = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '列表乙' });
    const c = await makeProject(t.db, { enterprise: e.org, state: 'filingReturned', title: '列表丙' });
    await openDeadline(t.db, { objectType: 'project', objectId: a.id, projectId: a.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today: parseIsoDate('2026-09-29') });
    // A report of project a with its own, earlier deadline.
    await openDeadline(t.db, { objectType: 'diagnosisReport', objectId: b.id, projectId: a.id, state: 'x', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today: parseIsoDate('2026-09-21'), dueOn: '2026-10-09' });
    await openDeadline(t.db, { objectType: 'project', objectId: b.id, projectId: b.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today: parseIsoDate('2026-10-12') });
    await openDeadline(t.db, { objectType: 'project', objectId: c.id, projectId: c.id, state: 'filingReturned', rule: ENTERPRISE_RULE, assigneeOrgId: e.org.id, calendar, today: parseIsoDate('2026-09-01') });
    await closeDeadlines(t.db, 'project', c.id);

    const cols = projectDueColumns({ today: parseIsoDate('2026-10-10') });
    const list = await t.db
      .select({ id: projects.id, ...cols })
      .from(projects)
      .where(inArray(projects.id, [a.id, b.id, c.id]))
      .orderBy(projects.title);
    const byId = new Map(list.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toEqual({ id: a.id, dueOn: '2026-10-09', overdue: true });
    expect(byId.get(b.id)).toEqual({ id: b.id, dueOn: '2026-10-19', overdue: false });
    expect(byId.get(c.id)).toEqual({ id: c.id, dueOn: null, overdue: false });

    const overdue = await t.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(inArray(projects.id, [a.id, b.id, c.id]), overdueProjectsFilter({ today: parseIsoDate('2026-10-10') })));
    expect(overdue.map((r) => r.id)).toEqual([a.id]);
    const none = await t.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(inArray(projects.id, [a.id, b.id, c.id]), overdueProjectsFilter({ today: parseIsoDate('2026-10-09') })));
    expect(none).toHaveLength(0);

    if (TEST_DB_KIND === 'postgres') {
      // The correlated subqueries use the partial index on open deadlines (with sequential scans discouraged,
      // as on a table of realistic size).
      const plan = await t.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const q = tx.select({ id: projects.id, ...cols }).from(projects).where(eq(projects.id, a.id)).toSQL();
        return tx.execute(sql.raw(`explain ${q.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(q.params[Number(n) - 1])}'`)}`));
      });
      expect(JSON.stringify(plan.rows)).toContain('deadlines_open_project_idx');
    }
  });
});

describe('the jobs in the app', () => {
  it('a successful write triggers delivery at once; the runner stops with the app', async () => {
    const app = await startTestApp({}, { jobs: { enabled: true, outboxMs: 3_600_000, deadlinesMs: 3_600_000, clock: fakeClock('2026-10-09T01:00:00Z') }, channels });
    try {
      expect(app.app.jobs?.running).toBe(true);
      const e = await enterpriseWithUser(app.db);
      // The first runs on start find nothing; wait for them to end.
      await app.app.jobs!.runNow('outbox');
      await enqueueNotification(app.db, { to: [{ orgId: e.org.id }], projectId: null, kind: 'test.ping', title: { zh: '测试', en: 'Test' }, body: { zh: '测试', en: 'Test' }, link: null, dedupeKey: `ping:${e.org.id}` });
      const c = new Client(app.app);
      await c.login(e.account, PASSWORD); // a successful POST
      let delivered = 0;
      for (let i = 0; i < 100 && delivered === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        delivered = (await app.db.select().from(notifications).where(and(eq(notifications.orgId, e.org.id), eq(notifications.kind, 'test.ping')))).length;
      }
      expect(delivered).toBe(1);

      // A failed write (wrong password, 401) does not trigger a delivery.
      await enqueueNotification(app.db, { to: [{ orgId: e.org.id }], projectId: null, kind: 'test.pong', title: { zh: '测试', en: 'Test' }, body: { zh: '测试', en: 'Test' }, link: null });
      await new Client(app.app).request('POST', '/api/v1/auth/login', { account: e.account, password: 'wrong-password' });
      await new Promise((r) => setTimeout(r, 150));
      expect(await app.db.select().from(notifications).where(eq(notifications.kind, 'test.pong'))).toHaveLength(0);
    } finally {
      const jobs = app.app.jobs!;
      await app.close();
      expect(jobs.running).toBe(false);
    }
  });

  it('without asking, a test app runs no jobs', () => {
    expect(t.app.jobs).toBeNull();
  });
});
