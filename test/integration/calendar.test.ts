/**
 * The bureau's holiday calendar: years listed, a year entered by the bureau admin (validated, audited), read by any
 * bureau staff, refused to others; the working-day preview; deadlines opened afterwards count with the new year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makeProject } from '../../src/db/factories';
import { auditEvents, calendarYears } from '../../src/db/schema';
import { parseIsoDate } from '../../src/core/calendar';
import { openDeadline } from '../../src/server/deadlines/service';
import { clearCalendarCache, loadCalendar } from '../../src/server/deadlines/calendar';

let t: TestApp;
let admin: Client;
let reviewer: Client;
let finance: Client;
let enterprise: Client;
let enterpriseOrg: { id: string };

/** A made-up 2027 schedule for the test (the real one is published in November 2026). */
const ENTRY_2027 = {
  year: 2027,
  source: '测试用：2027年部分节假日安排',
  holidays: [
    { name: { zh: '元旦', en: "New Year's Day" }, days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    { name: { zh: '春节', en: 'Spring Festival' }, days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'] },
  ],
  makeUpWorkdays: ['2027-01-31', '2027-02-20'],
};

beforeAll(async () => {
  t = await startTestApp();
  clearCalendarCache();
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  const f = await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' });
  const e = await enterpriseWithUser(t.db);
  enterpriseOrg = e.org;
  admin = new Client(t.app);
  reviewer = new Client(t.app);
  finance = new Client(t.app);
  enterprise = new Client(t.app);
  await admin.login(a.account, PASSWORD);
  await reviewer.login(r.account, PASSWORD);
  await finance.login(f.account, PASSWORD);
  await enterprise.login(e.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

interface YearRow {
  year: number;
  source: string;
  confirmed: boolean;
  holidays: number;
  makeUpDays: number;
  updatedAt: string | null;
}
interface FieldsError {
  code: string;
  details: { fields: Array<{ path: string; code: string; message: string }> };
}

describe('calendar years', () => {
  it('lists the built-in year; the preview counts across National Day 2026', async () => {
    const list = await reviewer.get<YearRow[]>('/api/v1/calendar/years');
    expect(list.status).toBe(200);
    expect(list.body.find((y) => y.year === 2026)).toMatchObject({ source: 'built-in', confirmed: true, holidays: 33, makeUpDays: 6, updatedAt: null });
    expect(list.body.find((y) => y.year === 2027)).toBeUndefined();

    const preview = await finance.get<{ due: string; confirmed: boolean; crossed: Array<{ date: string; name: { zh: string } }>; makeUpDays: string[] }>(
      '/api/v1/calendar/working-days?from=2026-09-29&days=5',
    );
    expect(preview.status).toBe(200);
    expect(preview.body.due).toBe('2026-10-12');
    expect(preview.body.confirmed).toBe(true);
    expect(preview.body.crossed.map((c) => c.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(preview.body.crossed[0]?.name.zh).toBe('国庆节');
    expect(preview.body.makeUpDays).toEqual(['2026-10-10']);

    const entry = await reviewer.get<{ year: number; holidays: unknown[] }>('/api/v1/calendar/years/2026');
    expect(entry.status).toBe(200);
    expect(entry.body.year).toBe(2026);
    expect(entry.body.holidays).toHaveLength(7);
  });

  it('refuses other roles, bad years and bad queries', async () => {
    expect((await enterprise.get('/api/v1/calendar/years')).status).toBe(403);
    expect((await enterprise.get('/api/v1/calendar/working-days?from=2026-09-29&days=5')).status).toBe(403);
    expect((await new Client(t.app).get('/api/v1/calendar/years')).status).toBe(401);
    expect((await reviewer.request('PUT', '/api/v1/calendar/years/2027', ENTRY_2027)).status).toBe(403);
    expect((await finance.request('PUT', '/api/v1/calendar/years/2027', ENTRY_2027)).status).toBe(403);
    expect((await enterprise.request('PUT', '/api/v1/calendar/years/2027', ENTRY_2027)).status).toBe(403);
    for (const bad of ['abc', '1999', '2101', '2027.5']) {
      const r = await reviewer.get<FieldsError>(`/api/v1/calendar/years/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await reviewer.get('/api/v1/calendar/years/2030')).status).toBe(404);
    expect((await reviewer.get('/api/v1/calendar/working-days?from=2026-02-30&days=5')).status).toBe(400);
    expect((await reviewer.get('/api/v1/calendar/working-days?from=2026-09-29&days=-1')).status).toBe(400);
    expect((await reviewer.get('/api/v1/calendar/working-days?from=2026-09-29&days=99999')).status).toBe(400);
    const beyond = await reviewer.get<FieldsError>('/api/v1/calendar/working-days?from=2100-12-01&days=100');
    expect(beyond.status).toBe(400);
    expect(beyond.body.details.fields[0]?.code).toBe('BEYOND_CALENDAR');
    expect(await t.db.select().from(calendarYears)).toHaveLength(0);
  });

  it('refuses an invalid entry with the field path and a Chinese message', async () => {
    const weekday = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2027', { ...ENTRY_2027, makeUpWorkdays: ['2027-01-31', '2027-02-17'] });
    expect(weekday.status).toBe(400);
    expect(weekday.body.code).toBe('VALIDATION_FAILED');
    expect(weekday.body.details.fields).toEqual([expect.objectContaining({ path: 'makeUpWorkdays.1', message: expect.stringContaining('调休上班日应为周六或周日') })]);

    const both = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2027', { ...ENTRY_2027, makeUpWorkdays: ['2027-02-06'] });
    expect(both.status).toBe(400);
    expect(both.body.details.fields.map((f) => f.path)).toContain('makeUpWorkdays.0');
    expect(both.body.details.fields.find((f) => f.path === 'makeUpWorkdays.0')?.message).toContain('不能既是假日');

    const outside = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2027', {
      ...ENTRY_2027,
      holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, days: ['2026-12-31', '2027-02-30'] }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.details.fields.map((f) => f.path).sort()).toEqual(['holidays.0.days.0', 'holidays.0.days.1']);

    const noName = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2027', { ...ENTRY_2027, holidays: [{ name: { zh: '', en: 'x' }, days: ['2027-01-01'] }] });
    expect(noName.status).toBe(400);
    expect(noName.body.details.fields).toEqual([expect.objectContaining({ path: 'holidays.0.name.zh', message: '请填写中文名称' })]);

    const mismatch = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2028', ENTRY_2027);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details.fields).toEqual([expect.objectContaining({ path: 'year', code: 'YEAR_MISMATCH' })]);

    const extra = await admin.request<FieldsError>('PUT', '/api/v1/calendar/years/2027', { ...ENTRY_2027, note: 'x' });
    expect(extra.status).toBe(400);
    expect(await t.db.select().from(calendarYears)).toHaveLength(0);
  });

  it('the admin enters 2027: listed, readable, audited; deadlines and the preview count with it', async () => {
    // Before: 2027 counts weekends only and says so.
    const before = await reviewer.get<{ due: string; confirmed: boolean; unconfirmedYears: number[] }>('/api/v1/calendar/working-days?from=2027-02-04&days=2');
    expect(before.body).toMatchObject({ due: '2027-02-08', confirmed: false, unconfirmedYears: [2027] });
    const p = await makeProject(t.db, { enterprise: { ...enterpriseOrg } as never, state: 'filingReturned' });
    const rule = { workingDays: 2, remindBefore: 1, assignee: 'enterprise', role: 'enterprise' } as const;
    const early = await openDeadline(t.db, { objectType: 'project', objectId: p.id, projectId: p.id, state: 'filingReturned', rule, assigneeOrgId: enterpriseOrg.id, calendar: await loadCalendar(t.db), today: parseIsoDate('2027-02-04') });
    expect(early.dueOn).toBe('2027-02-08');

    const put = await admin.request<typeof ENTRY_2027>('PUT', '/api/v1/calendar/years/2027', ENTRY_2027);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(ENTRY_2027);

    const list = await reviewer.get<YearRow[]>('/api/v1/calendar/years');
    const y2027 = list.body.find((y) => y.year === 2027);
    expect(y2027).toMatchObject({ source: 'bureau', confirmed: true, holidays: 12, makeUpDays: 2 });
    expect(y2027?.updatedAt).toEqual(expect.any(String));
    expect(list.body.map((y) => y.year)).toEqual([2026, 2027]);
    expect((await finance.get('/api/v1/calendar/years/2027')).body).toEqual(ENTRY_2027);

    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'calendarYear'), eq(auditEvents.targetId, '2027')));
    expect(audit?.action).toBe('calendar.year.create');

    // The loaded calendar was cleared: the next deadline counts the Spring Festival of 2027.
    const after = await reviewer.get<{ due: string; confirmed: boolean; crossed: unknown[] }>('/api/v1/calendar/working-days?from=2027-02-04&days=2');
    expect(after.body).toMatchObject({ due: '2027-02-16', confirmed: true });
    expect(after.body.crossed).toHaveLength(9);
    const later = await openDeadline(t.db, { objectType: 'project', objectId: p.id, projectId: p.id, state: 'filingReturned', rule, assigneeOrgId: enterpriseOrg.id, calendar: await loadCalendar(t.db), today: parseIsoDate('2027-02-04') });
    expect(later).toEqual({ dueOn: '2027-02-16', remindOn: '2027-02-15' });

    // A correction replaces the year (and is audited as an update); the bureau may also correct a built-in year.
    const corrected = { ...ENTRY_2027, makeUpWorkdays: ['2027-01-31'] };
    expect((await admin.request('PUT', '/api/v1/calendar/years/2027', corrected)).status).toBe(200);
    expect((await reviewer.get<YearRow[]>('/api/v1/calendar/years')).body.find((y) => y.year === 2027)?.makeUpDays).toBe(1);
    const updates = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'calendarYear'), eq(auditEvents.action, 'calendar.year.update')));
    expect(updates).toHaveLength(1);
  });

  it('malformed bodies and queries are refused in the error shape, never a 5xx', async () => {
    const bodies: unknown[] = [
      null,
      [],
      'x',
      {},
      { ...ENTRY_2027, year: '2027' },
      { ...ENTRY_2027, year: 2027.5 },
      { ...ENTRY_2027, holidays: null },
      { ...ENTRY_2027, holidays: [{ name: { zh: '春节', en: 'Spring' }, days: Array.from({ length: 40 }, (_, i) => `2027-03-${String((i % 28) + 1).padStart(2, '0')}`) }] },
      { ...ENTRY_2027, holidays: Array.from({ length: 31 }, () => ENTRY_2027.holidays[0]) },
      { ...ENTRY_2027, makeUpWorkdays: ['0000-00-00', '2027-13-01', 20270101, null] },
      { ...ENTRY_2027, source: 'x'.repeat(301) },
      { ...ENTRY_2027, source: '   ' },
      { ...ENTRY_2027, holidays: [{ name: { zh: '春'.repeat(41), en: 'x' }, days: ['2027-01-01'] }] },
      { ...ENTRY_2027, holidays: [{ name: { zh: '春节', en: 'Spring', extra: 1 }, days: [] }] },
    ];
    for (const body of bodies) {
      const r = await admin.request<{ code: string; message: string }>('PUT', '/api/v1/calendar/years/2027', typeof body === 'string' ? body : (JSON.stringify(body) as never), { 'content-type': 'application/json' });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(typeof r.body.code).toBe('string');
      expect(typeof r.body.message).toBe('string');
    }
    for (const q of ['', '?from=2026-01-01', '?days=3', '?from=x&days=3', '?from=2026-01-01&days=abc', '?from=2026-01-01&days=1.5', '?from=2026-01-01&days=3&x=1']) {
      const r = await reviewer.get<{ code: string }>(`/api/v1/calendar/working-days${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
