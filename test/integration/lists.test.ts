/**
 * Lists and figures: withdrawn projects are never 完成 and leave 备案公示; lists are in the order the page shows
 * (newest filing first) and the bureau sorts by the columns it filters on; 同名企业 is flagged to the bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, nextSeq, orgWithUser, registrationBody } from '../support/fixtures';
import { makeEnterprise, makeProject } from '../../src/db/factories';
import { makeUscc } from '../../src/core/identity/uscc';
import { COMPLETED_STATES, CLOSED_STATES, WITHDRAWN_STATES, outcomeOf } from '../../src/server/modules/projects/workflow';
import { PROJECT_LIFECYCLE } from '../../src/core/workflow';

interface Summary {
  id: string;
  filingNo: string | null;
  state: string;
  stage: number;
  submittedAt: string | null;
  sameNameUsccs: string[];
}
interface Page {
  items: Summary[];
  total: number;
}
interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; message: string }> };
}
interface PublicStats {
  filed: number;
  completed: number;
  withdrawn: number;
  closed: number;
  byStage: Array<{ stage: number; count: number }>;
  byTown: Array<{ townCode: string; count: number }>;
}
interface StaffStats {
  filed: number;
  open: number;
  completed: number;
  withdrawn: number;
  closed: number;
  byStage: Array<{ stage: number; count: number }>;
}

let t: TestApp;
let reviewer: Client;
const anon = () => new Client(t.app);

beforeAll(async () => {
  // No public micro-cache: rows made by the factories do not pass through the writes that clear it.
  t = await startTestApp({ publicCacheMs: 0 });
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  reviewer = new Client(t.app);
  await reviewer.login(r.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

async function signedInEnterprise(overrides: Parameters<typeof enterpriseWithUser>[1] = {}) {
  const e = await enterpriseWithUser(t.db, overrides);
  const c = new Client(t.app);
  await c.login(e.account, PASSWORD);
  return { ...e, c };
}

const stage8 = (s: { byStage: Array<{ stage: number; count: number }> }) => s.byStage.find((x) => x.stage === 8)?.count ?? 0;

describe('how a project ended comes from the lifecycle table', () => {
  it('withdrawn and closed are the end states of withdraw and close; every other end state is completed', () => {
    expect(WITHDRAWN_STATES).toEqual(['withdrawn']);
    expect(CLOSED_STATES).toEqual(['closed']);
    expect([...COMPLETED_STATES].sort()).toEqual(['completed', 'honourOnly', 'subsidyRejected']);
    const terminal = PROJECT_LIFECYCLE.states.filter((s) => s.terminal).map((s) => s.id);
    for (const s of PROJECT_LIFECYCLE.states) expect(outcomeOf(s.id) === 'open').toBe(!terminal.includes(s.id));
  });
});

describe('withdrawn projects', () => {
  it('are not counted as completed, are counted apart, and leave 备案公示 (public home and bureau dashboard)', async () => {
    const before = (await anon().get<PublicStats>('/api/v1/public/stats')).body;
    const staffBefore = (await reviewer.get<StaffStats>('/api/v1/projects/stats')).body;

    // Filed and published, then withdrawn by the enterprise through the API.
    const { c, org } = await signedInEnterprise({ townCode: 'nanlang' });
    const d = await c.post<{ id: string }>('/api/v1/projects', completeFiling);
    const filed = await c.post<{ filingNo: string; published: boolean }>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    expect(filed.body.published).toBe(true);
    const listed = await anon().get<{ items: Array<{ filingNo: string }> }>(`/api/v1/public/filings?q=${filed.body.filingNo}`);
    expect(listed.body.items).toHaveLength(1);
    const w = await c.post<{ state: string; stage: number; published: boolean }>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'withdraw', reason: '企业经营调整，暂不参加' });
    expect(w.status).toBe(200);
    expect(w.body.state).toBe('withdrawn');
    expect(w.body.stage).toBe(8);
    expect(w.body.published).toBe(false);
    const gone = await anon().get<Page>(`/api/v1/public/filings?q=${filed.body.filingNo}`);
    expect(gone.body.total).toBe(0);

    // A row withdrawn before this rule (still flagged published) and one closed by the bureau: not listed either.
    const legacy = await makeProject(t.db, { enterprise: org, state: 'withdrawn' });
    expect(legacy.published).toBe(true);
    const closed = await makeProject(t.db, { enterprise: org, state: 'closed' });
    for (const p of [legacy, closed]) {
      expect((await anon().get<Page>(`/api/v1/public/filings?q=${p.filingNo}`)).body.total).toBe(0);
    }
    // A completed project is 完成.
    await makeProject(t.db, { enterprise: org, state: 'completed' });

    const after = (await anon().get<PublicStats>('/api/v1/public/stats')).body;
    expect(after.filed - before.filed).toBe(4);
    expect(after.completed - before.completed).toBe(1);
    expect(after.withdrawn - before.withdrawn).toBe(2);
    expect(after.closed - before.closed).toBe(1);
    expect(stage8(after) - stage8(before)).toBe(1);
    const town = (s: PublicStats) => s.byTown.find((x) => x.townCode === 'nanlang')?.count ?? 0;
    // Of the four, only the completed project is still on 备案公示.
    expect(town(after) - town(before)).toBe(1);

    const staffAfter = (await reviewer.get<StaffStats>('/api/v1/projects/stats')).body;
    expect(staffAfter.completed - staffBefore.completed).toBe(1);
    expect(staffAfter.withdrawn - staffBefore.withdrawn).toBe(2);
    expect(staffAfter.closed - staffBefore.closed).toBe(1);
    expect(stage8(staffAfter) - stage8(staffBefore)).toBe(1);
    expect(staffAfter.filed).toBe(staffAfter.open + staffAfter.completed + staffAfter.withdrawn + staffAfter.closed);
  });

  it('the staff figures follow the caller’s scope and refuse bad dates with the field named', async () => {
    const town = await orgWithUser(t.db, 'town', { townCode: 'dachong' });
    const tc = new Client(t.app);
    await tc.login(town.account, PASSWORD);
    const e = await makeEnterprise(t.db, nextSeq(), { townCode: 'dachong' });
    await makeProject(t.db, { enterprise: e, state: 'withdrawn' });
    await makeProject(t.db, { enterprise: e, state: 'honourOnly' });
    await makeProject(t.db, { enterprise: e, state: 'contracting' });
    const s = await tc.get<StaffStats>('/api/v1/projects/stats');
    expect(s.body).toMatchObject({ filed: 3, open: 1, completed: 1, withdrawn: 1, closed: 0 });
    expect(s.body.byStage).toEqual([
      { stage: 4, count: 1 },
      { stage: 8, count: 1 },
    ]);
    // The list filters by the same outcomes, so a figure's link shows exactly what it counts.
    for (const [outcome, states] of [
      ['open', ['contracting']],
      ['completed', ['honourOnly']],
      ['withdrawn', ['withdrawn']],
      ['closed', []],
    ] as const) {
      const l = await tc.get<Page>(`/api/v1/projects?outcome=${outcome}`);
      expect(l.body.items.map((i) => i.state), outcome).toEqual(states);
    }
    const badOutcome = await tc.get<Err>('/api/v1/projects?outcome=done');
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.details.fields?.map((f) => f.path)).toContain('querystring.outcome');
    const bad = await tc.get<Err>('/api/v1/projects/stats?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields?.map((f) => f.path)).toContain('querystring.from');
  });
});

describe('list order', () => {
  async function filedSet(townCode: string) {
    const e = await makeEnterprise(t.db, nextSeq(), { townCode, name: `中山市排序${nextSeq()}测试有限公司` });
    const at = (d: string) => new Date(`${d}T02:00:00Z`);
    // Made in an order unlike their filing times, and updated afterwards in yet another order.
    const p3 = await makeProject(t.db, { enterprise: e, state: 'contracting', submittedAt: at('2026-03-03') });
    const p1 = await makeProject(t.db, { enterprise: e, state: 'selfDiagnosis', submittedAt: at('2026-03-01') });
    const p4 = await makeProject(t.db, { enterprise: e, state: 'selfDiagnosis', submittedAt: at('2026-03-04') });
    const p2 = await makeProject(t.db, { enterprise: e, state: 'implementation', submittedAt: at('2026-03-02') });
    const same = await makeProject(t.db, { enterprise: e, state: 'selfDiagnosis', submittedAt: at('2026-03-04') });
    return { e, p1, p2, p3, p4, same };
  }

  it('is newest filing first by default (not last update), the id breaking ties, for the bureau, the town office and 备案公示', async () => {
    const { p1, p2, p3, p4, same } = await filedSet('tanzhou');
    const tie = [p4, same].sort((a, b) => (a.id < b.id ? 1 : -1)).map((p) => p.id);
    const expected = [...tie, p3.id, p2.id, p1.id];
    const bureau = await reviewer.get<Page>('/api/v1/projects?townCode=tanzhou');
    expect(bureau.body.items.map((i) => i.id)).toEqual(expected);
    const town = await orgWithUser(t.db, 'town', { townCode: 'tanzhou' });
    const tc = new Client(t.app);
    await tc.login(town.account, PASSWORD);
    expect((await tc.get<Page>('/api/v1/projects')).body.items.map((i) => i.id)).toEqual(expected);
    const pub = await anon().get<{ items: Array<{ filingNo: string }> }>('/api/v1/public/filings?townCode=tanzhou');
    const byId = new Map([p1, p2, p3, p4, same].map((p) => [p.id, p.filingNo]));
    expect(pub.body.items.map((i) => i.filingNo)).toEqual(expected.map((id) => byId.get(id)));
    // Pagination keeps that order across pages, and the total is right on every page.
    const page1 = await reviewer.get<Page>('/api/v1/projects?townCode=tanzhou&pageSize=2');
    const page3 = await reviewer.get<Page>('/api/v1/projects?townCode=tanzhou&pageSize=2&page=3');
    expect(page1.body.items.map((i) => i.id)).toEqual(expected.slice(0, 2));
    expect(page3.body.items.map((i) => i.id)).toEqual(expected.slice(4));
    expect([page1.body.total, page3.body.total]).toEqual([5, 5]);
  });

  it('an enterprise sees its drafts first, then its filings newest first', async () => {
    const { c, org } = await signedInEnterprise();
    const old = await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis', submittedAt: new Date('2026-01-05T02:00:00Z') });
    const newer = await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis', submittedAt: new Date('2026-02-05T02:00:00Z') });
    const draft = await makeProject(t.db, { enterprise: org });
    expect((await c.get<Page>('/api/v1/projects')).body.items.map((i) => i.id)).toEqual([draft.id, newer.id, old.id]);
  });

  it('the bureau sorts by filing time and by stage, both directions, also within a filter', async () => {
    const { p1, p2, p3, p4, same } = await filedSet('wuguishan');
    const tie = [p4, same].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => p.id);
    const ids = async (qs: string) => (await reviewer.get<Page>(`/api/v1/projects?townCode=wuguishan&${qs}`)).body.items.map((i) => i.id);
    expect(await ids('sort=submittedAt&order=asc')).toEqual([p1.id, p2.id, p3.id, ...tie]);
    expect(await ids('sort=submittedAt&order=desc')).toEqual([...tie].reverse().concat([p3.id, p2.id, p1.id]));
    // Stage: selfDiagnosis (2) · contracting (4) · implementation (5); ties by filing time in the same direction.
    expect(await ids('sort=stage&order=asc')).toEqual([p1.id, ...tie, p3.id, p2.id]);
    expect(await ids('sort=stage&order=desc')).toEqual([p2.id, p3.id, ...[...tie].reverse(), p1.id]);
    expect(await ids('sort=stage&order=asc&stage=2')).toEqual([p1.id, ...tie]);
    expect(await ids('sort=stage&order=desc&state=selfDiagnosis')).toEqual([...[...tie].reverse(), p1.id]);
    // The export follows the same order.
    const x = await reviewer.request('GET', '/api/v1/projects/export.xlsx?townCode=wuguishan&sort=stage&order=asc');
    expect(x.status).toBe(200);
  });

  it('refuses unknown sort fields and directions with a 400 naming the field', async () => {
    for (const [qs, field] of [
      ['sort=updatedAt', 'sort'],
      ['sort=1;drop', 'sort'],
      ['order=up', 'order'],
      ['sort=', 'sort'],
    ] as const) {
      const r = await reviewer.get<Err>(`/api/v1/projects?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.fields?.map((f) => f.path)).toContain(`querystring.${field}`);
      const x = await reviewer.get<Err>(`/api/v1/projects/export.xlsx?${qs}`);
      expect(x.status, `export ${qs}`).toBe(400);
    }
    const msg = (await reviewer.get<Err>('/api/v1/projects?sort=updatedAt')).body.details.fields?.[0]?.message ?? '';
    expect(msg).toContain('submittedAt');
  });
});

describe('同名企业 (one name, two credit codes)', () => {
  it('is flagged to the bureau on the list and the project, with a filter; not for another name, not for others', async () => {
    const seq = nextSeq();
    const name = `中山市同名测试${seq}电器有限公司`;
    const a = await makeEnterprise(t.db, seq, { name, uscc: makeUscc(seq) });
    // Same name written with full-width brackets and a space elsewhere: still the same company name.
    const b = await makeEnterprise(t.db, seq + 1, { name: name.replace('有限公司', ' 有限公司'), uscc: makeUscc(seq + 1) });
    const lone = await makeEnterprise(t.db, seq + 2, { name: `中山市独有名称${seq}有限公司`, uscc: makeUscc(seq + 2) });
    const pa = await makeProject(t.db, { enterprise: a, state: 'selfDiagnosis' });
    const pl = await makeProject(t.db, { enterprise: lone, state: 'selfDiagnosis' });

    const listed = await reviewer.get<Page>(`/api/v1/projects?q=${encodeURIComponent(`同名测试${seq}`)}`);
    expect(listed.body.items.map((i) => [i.id, i.sameNameUsccs])).toEqual([[pa.id, [b.uscc]]]);
    const loneRow = await reviewer.get<Page>(`/api/v1/projects?q=${encodeURIComponent(`独有名称${seq}`)}`);
    expect(loneRow.body.items.map((i) => i.sameNameUsccs)).toEqual([[]]);

    const detail = await reviewer.get<{ sameNameUsccs: string[] }>(`/api/v1/projects/${pa.id}`);
    expect(detail.body.sameNameUsccs).toEqual([b.uscc]);
    expect((await reviewer.get<{ sameNameUsccs: string[] }>(`/api/v1/projects/${pl.id}`)).body.sameNameUsccs).toEqual([]);

    const flagged = await reviewer.get<Page>('/api/v1/projects?sameName=1&pageSize=100');
    const ids = flagged.body.items.map((i) => i.id);
    expect(ids).toContain(pa.id);
    expect(ids).not.toContain(pl.id);
    expect(flagged.body.items.every((i) => i.sameNameUsccs.length > 0)).toBe(true);
    expect((await reviewer.get<Err>('/api/v1/projects?sameName=yes')).body.details.fields?.[0]?.path).toBe('querystring.sameName');

    // Nobody else is told: the town office sees the project without the flag, and its filter does nothing.
    const town = await orgWithUser(t.db, 'town', { townCode: a.townCode ?? 'xiaolan' });
    const tc = new Client(t.app);
    await tc.login(town.account, PASSWORD);
    const seen = await tc.get<Page>(`/api/v1/projects?q=${encodeURIComponent(`同名测试${seq}`)}`);
    expect(seen.body.items.map((i) => i.sameNameUsccs)).toEqual([[]]);
    expect((await tc.get<{ sameNameUsccs: string[] }>(`/api/v1/projects/${pa.id}`)).body.sameNameUsccs).toEqual([]);
  });

  it('registering the same name under another credit code is not blocked, and the bureau then sees the flag', async () => {
    const seq = nextSeq();
    const name = `中山市重名注册${seq}五金有限公司`;
    const first = await makeEnterprise(t.db, seq, { name });
    const c = new Client(t.app, '10.44.0.1');
    const reg = await c.post<{ orgId: string }>('/api/v1/auth/register', registrationBody(seq + 1, { name }));
    expect(reg.status).toBe(201);
    const d = await c.post<{ id: string }>('/api/v1/projects', completeFiling);
    expect(d.status).toBe(201);
    await c.post(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    const row = await reviewer.get<Page>(`/api/v1/projects?q=${encodeURIComponent(`重名注册${seq}`)}`);
    expect(row.body.items.map((i) => i.sameNameUsccs)).toEqual([[first.uscc]]);
  });
});
