/**
 * Dates in requests are real calendar dates within 2000–2100, checked by one shared schema; every date field and
 * filter of the API refuses an impossible date with a 400 that names the field, and ranges must be in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { operationsOf } from '../support/fuzz/openapi';
import { fieldsOf, type JsonSchema } from '../support/fuzz/schema';
import { dateProblem, isCalendarDate } from '../../src/server/http/dates';
import { DEFAULT_POLICY_RULES } from '../../src/core/subsidy/policy';

interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; code: string; message: string }> };
}

const IMPOSSIBLE = ['0000-00-00', '2026-02-30', '2025-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '1999-12-31', '2101-01-01', '2026-1-1', '20260101', '2026-03-31T00:00:00Z', '+2026-03-31', '２０２６-０３-３１', ''];

describe('the shared date rule', () => {
  it('accepts real days of the Gregorian calendar within 2000–2100, leap days included', () => {
    for (const d of ['2000-01-01', '2000-02-29', '2024-02-29', '2026-03-31', '2026-12-31', '2100-12-31']) expect(isCalendarDate(d), d).toBe(true);
  });
  it('says why a string is not a date', () => {
    expect(dateProblem('2026/03/31')).toBe('format');
    expect(dateProblem('2026-02-29')).toBe('calendar');
    expect(dateProblem('1900-02-29')).toBe('calendar');
    expect(dateProblem('0000-00-00')).toBe('calendar');
    expect(dateProblem('1999-12-31')).toBe('range');
    expect(dateProblem('2101-01-01')).toBe('range');
  });
});

let t: TestApp;
let enterprise: Client;
let reviewer: Client;
let draftId = '';
let draftRevision = 1;
let admin: Client;
let policyId = '';
const policyBody = { code: 'zs-dates', name: '中山市数字化转型城市试点专项资金（日期校验）', effectiveFrom: '2024-01-01', effectiveTo: null, rules: DEFAULT_POLICY_RULES };

beforeAll(async () => {
  t = await startTestApp();
  const e = await enterpriseWithUser(t.db);
  enterprise = new Client(t.app);
  await enterprise.login(e.account, PASSWORD);
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  reviewer = new Client(t.app, '127.0.0.2', 'en');
  await reviewer.login(r.account, PASSWORD);
  const d = await enterprise.post<{ id: string; revision: number }>('/api/v1/projects', completeFiling);
  draftId = d.body.id;
  draftRevision = d.body.revision;
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  admin = new Client(t.app, '127.0.0.3', 'en');
  await admin.login(a.account, PASSWORD);
  const p = await admin.post<{ id: string }>('/api/v1/policies', policyBody);
  expect(p.status).toBe(201);
  policyId = p.body.id;
});
afterAll(async () => {
  await t?.close();
});

/** Every date field and filter of the API, with a request that is valid apart from the date. */
const BODY_FIELDS: Record<string, { fields: string[]; send: (field: string, value: string) => Promise<{ status: number; body: Err }> }> = {
  'POST /api/v1/projects': {
    fields: ['plannedStart', 'plannedEnd'],
    send: (field, value) => enterprise.post<Err>('/api/v1/projects', { ...completeFiling, [field]: value }),
  },
  'PATCH /api/v1/projects/{id}': {
    fields: ['plannedStart', 'plannedEnd'],
    send: (field, value) => enterprise.patch<Err>(`/api/v1/projects/${draftId}`, { [field]: value, revision: draftRevision }),
  },
  'POST /api/v1/projects/assign-institutions': {
    fields: ['dueOn'],
    send: (field, value) => reviewer.post<Err>('/api/v1/projects/assign-institutions', { projectIds: [draftId], [field]: value }),
  },
  'POST /api/v1/projects/{id}/training-sessions': {
    fields: ['heldOn'],
    send: (field, value) => enterprise.post<Err>(`/api/v1/projects/${draftId}/training-sessions`, { heldOn: '2026-10-15', topic: '培训', trainer: '李工', trainees: 5, [field]: value }),
  },
  'PATCH /api/v1/projects/{id}/training-sessions/{sessionId}': {
    fields: ['heldOn'],
    send: (field, value) => enterprise.patch<Err>(`/api/v1/projects/${draftId}/training-sessions/${draftId}`, { [field]: value }),
  },
  'POST /api/v1/providers/{id}/measures': {
    fields: ['dueOn'],
    send: (field, value) => reviewer.post<Err>(`/api/v1/providers/${draftId}/measures`, { kind: 'correction', reason: '整改原因', [field]: value }),
  },
  'PUT /api/v1/projects/{id}/acceptance': {
    fields: ['acceptedOn'],
    send: (field, value) => enterprise.request<Err>('PUT', `/api/v1/projects/${draftId}/acceptance`, { [field]: value }),
  },
  'PUT /api/v1/projects/{id}/contract': {
    fields: ['signedOn', 'periodStart', 'periodEnd'],
    send: (field, value) => enterprise.request<Err>('PUT', `/api/v1/projects/${draftId}/contract`, { [field]: value }),
  },
  'POST /api/v1/policies': {
    fields: ['effectiveFrom', 'effectiveTo'],
    send: (field, value) => admin.post<Err>('/api/v1/policies', { ...policyBody, code: 'zs-dates-new', [field]: value }),
  },
  'PATCH /api/v1/policies/{id}': {
    fields: ['effectiveFrom', 'effectiveTo'],
    send: (field, value) => admin.patch<Err>(`/api/v1/policies/${policyId}`, { [field]: value }),
  },
  'POST /api/v1/disbursements/{id}/pay': {
    fields: ['paidOn'],
    send: (field, value) => admin.post<Err>(`/api/v1/disbursements/${draftId}/pay`, { idempotencyKey: 'dates-pay-0001', voucherNo: 'HD2026033100001', paidOn: '2026-03-31', [field]: value }),
  },
  'POST /api/v1/announcements': {
    fields: ['startsOn'],
    send: (field, value) => admin.post<Err>('/api/v1/announcements', { kind: 'pilot', title: '试点企业名单公示', officeName: '中山市工业和信息化局', workingDays: 5, [field]: value }),
  },
};
const QUERY_FILTERS: Record<string, { params: string[]; as: () => Client; path: string }> = {
  'GET /api/v1/projects': { params: ['from', 'to'], as: () => reviewer, path: '/api/v1/projects' },
  'GET /api/v1/projects/export.xlsx': { params: ['from', 'to'], as: () => reviewer, path: '/api/v1/projects/export.xlsx' },
  'GET /api/v1/projects/stats': { params: ['from', 'to'], as: () => reviewer, path: '/api/v1/projects/stats' },
  'GET /api/v1/budget/ledger': { params: ['from', 'to'], as: () => admin, path: '/api/v1/budget/ledger' },
  'GET /api/v1/budget/ledger/export.xlsx': { params: ['from', 'to'], as: () => admin, path: '/api/v1/budget/ledger/export.xlsx' },
  'GET /api/v1/disbursements': { params: ['from', 'to'], as: () => admin, path: '/api/v1/disbursements' },
  'GET /api/v1/disbursements/export.xlsx': { params: ['from', 'to'], as: () => admin, path: '/api/v1/disbursements/export.xlsx' },
};

/** Single date parameters (not a from–to range): checked for impossible dates like the filters. */
/** `path` may depend on the parameter under test, for a request that needs the other parameters set. */
const DATE_PARAMS: Record<string, { params: string[]; as: () => Client; path: string | ((param: string) => string) }> = {
  'GET /api/v1/calendar/working-days': { params: ['from'], as: () => reviewer, path: '/api/v1/calendar/working-days?days=5' },
  'GET /api/v1/policies/in-force': { params: ['on'], as: () => admin, path: '/api/v1/policies/in-force' },
  // The performance report needs both ends and spans at most ten years (test/integration/dashboards.test.ts), so it is no open filter.
  'GET /api/v1/dashboards/performance': { params: ['from', 'to'], as: () => admin, path: (p) => `/api/v1/dashboards/performance?${p === 'from' ? 'to=2026-12-31' : 'from=2026-01-01'}` },
  'GET /api/v1/dashboards/performance.xlsx': { params: ['from', 'to'], as: () => admin, path: (p) => `/api/v1/dashboards/performance.xlsx?${p === 'from' ? 'to=2026-12-31' : 'from=2026-01-01'}` },
};

/** camelCase names that hold a date: plannedStart, submittedAt, dueDate, from, to, … */
const DATE_NAME = /[a-z](Start|End|At|On|Date|Day|Deadline)$|^(from|to|since|until|date|day|deadline|start|end)$/;

function isDateLike(name: string, s: JsonSchema): boolean {
  return s.format === 'date' || s.format === 'date-time' || (DATE_NAME.test(name) && (s.type === 'string' || s.type === undefined));
}

describe('every date field and filter of the API', () => {
  it('is known to this test and uses the shared date schema (format: date)', async () => {
    const doc = await new Client(t.app).get('/api/openapi.json');
    const found: string[] = [];
    for (const op of operationsOf(doc.body)) {
      for (const p of op.params.filter((x) => x.in === 'query' && isDateLike(x.name, x.schema))) {
        expect(p.schema.format, `${op.key} ?${p.name}`).toBe('date');
        found.push(`${op.key} ?${p.name}`);
      }
      for (const f of op.body ? fieldsOf(op.body) : []) {
        const name = f.path.join('.');
        if (!isDateLike(f.path[f.path.length - 1] ?? '', f.schema)) continue;
        expect(f.schema.format, `${op.key} ${name}`).toBe('date');
        found.push(`${op.key} ${name}`);
      }
    }
    const covered = [
      ...Object.entries(BODY_FIELDS).flatMap(([op, v]) => v.fields.map((f) => `${op} ${f}`)),
      ...Object.entries({ ...QUERY_FILTERS, ...DATE_PARAMS }).flatMap(([op, v]) => v.params.map((p) => `${op} ?${p}`)),
    ];
    expect(found.sort()).toEqual(covered.sort());
  });

  it('refuses an impossible date in a body field with a 400 naming the field', async () => {
    for (const [op, { fields, send }] of Object.entries(BODY_FIELDS)) {
      for (const field of fields) {
        for (const value of IMPOSSIBLE) {
          const res = await send(field, value);
          expect(res.status, `${op} ${field}=${value}`).toBe(400);
          expect(res.body.code).toBe('VALIDATION_FAILED');
          expect(res.body.details.fields?.map((f) => f.path), `${op} ${field}=${value}`).toContain(field);
        }
      }
    }
    // Nothing was changed by the refused edits.
    const still = await enterprise.get<{ plannedStart: string; revision: number }>(`/api/v1/projects/${draftId}`);
    expect(still.body).toMatchObject({ plannedStart: completeFiling.plannedStart, revision: draftRevision });
  });

  it('refuses an impossible date in a filter with a 400 naming the parameter, in the caller\'s language', async () => {
    for (const [op, { params, as, path: pathOf }] of Object.entries({ ...QUERY_FILTERS, ...DATE_PARAMS })) {
      for (const param of params) {
        const path = typeof pathOf === 'string' ? pathOf : pathOf(param);
        for (const value of IMPOSSIBLE.filter((v) => v !== '')) {
          const res = await as().get<Err>(`${path}${path.includes('?') ? '&' : '?'}${param}=${encodeURIComponent(value)}`);
          expect(res.status, `${op} ${param}=${value}`).toBe(400);
          expect(String(res.headers['content-type'])).toContain('application/json');
          const field = res.body.details.fields?.find((f) => f.path === `querystring.${param}`);
          expect(field, `${op} ${param}=${value}`).toBeDefined();
          expect(field?.message).toMatch(/^(Dates are written|Not a real calendar date|Dates must lie between)/);
        }
      }
    }
    const zh = await enterprise.get<Err>('/api/v1/projects?from=2026-02-30');
    expect(zh.body.details.fields?.[0]?.message).toContain('不是有效的日期');
  });

  it('accepts the edge days and leap days', async () => {
    for (const [from, to] of [['2000-01-01', '2100-12-31'], ['2024-02-29', '2024-02-29']] as const) {
      for (const { path, as } of Object.values(QUERY_FILTERS)) {
        const res = await as().get(`${path}?from=${from}&to=${to}`);
        expect(res.status, `${path} ${from}..${to}`).toBe(200);
      }
    }
    const created = await enterprise.post<{ plannedStart: string; plannedEnd: string }>('/api/v1/projects', { ...completeFiling, plannedStart: '2024-02-29', plannedEnd: '2100-12-31' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ plannedStart: '2024-02-29', plannedEnd: '2100-12-31' });
  });

  it('refuses a range whose start is after its end, naming both fields', async () => {
    for (const { path, as } of Object.values(QUERY_FILTERS)) {
      const res = await as().get<Err>(`${path}?from=2026-04-01&to=2026-03-31`);
      expect(res.status, path).toBe(400);
      expect(res.body.details.fields?.map((f) => f.path).sort(), path).toEqual(['querystring.from', 'querystring.to']);
      expect(res.body.details.fields?.[0]?.message).toContain('"from" date cannot be after the "to" date');
      const same = await as().get(`${path}?from=2026-03-31&to=2026-03-31`);
      expect(same.status, path).toBe(200);
    }
    const planned = await enterprise.post<Err>('/api/v1/projects', { ...completeFiling, plannedStart: '2027-01-01', plannedEnd: '2026-12-31' });
    expect(planned.status).toBe(400);
    expect(planned.body.details.fields?.map((f) => f.path)).toContain('plannedEnd');
  });
});
