import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makeProject } from '../../src/db/factories';

interface Detail {
  id: string;
  filingNo: string | null;
  state: string;
  stage: number;
  revision: number;
  published: boolean;
  abilities: { edit: boolean; withdrawPublication: boolean };
  writableFields: string[];
  editsAreRevisions: boolean;
  actions: Array<{ event: string; allowed: boolean; reasons: Array<{ zh: string }> }>;
}
interface Err {
  code: string;
  message: string;
  details: Record<string, unknown> & { fields?: Array<{ path: string; message: string }> };
}

let t: TestApp;
let reviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
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

describe('stage 1 filing', () => {
  it('creates a draft, lists what is missing, edits, submits and gets a 备案号; the filing is published', async () => {
    const { c } = await signedInEnterprise();
    const draft = await c.post<Detail>('/api/v1/projects', { title: '仓储数字化改造', diagnosisMode: 'self' });
    expect(draft.status).toBe(201);
    expect(draft.body.state).toBe('draft');
    expect(draft.body.filingNo).toBeNull();
    expect(draft.body.abilities.edit).toBe(true);
    const submit = draft.body.actions.find((a) => a.event === 'submitFiling');
    expect(submit?.allowed).toBe(false);
    expect(submit?.reasons.map((r) => r.zh).join()).toContain('计划投资金额');

    const early = await c.post<Err>(`/api/v1/projects/${draft.body.id}/transitions`, { event: 'submitFiling' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('GUARD_FAILED');

    const edited = await c.patch<Detail>(`/api/v1/projects/${draft.body.id}`, { ...completeFiling, revision: draft.body.revision });
    expect(edited.status).toBe(200);
    const stale = await c.patch<Err>(`/api/v1/projects/${draft.body.id}`, { title: '另一个标题名称', revision: draft.body.revision });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');

    const done = await c.post<Detail>(`/api/v1/projects/${draft.body.id}/transitions`, { event: 'submitFiling' });
    expect(done.status).toBe(200);
    expect(done.body.filingNo).toMatch(/^ZSSZ-\d{4}-\d{5}$/);
    expect(done.body.state).toBe('selfDiagnosis');
    expect(done.body.stage).toBe(2);
    expect(done.body.published).toBe(true);
    // Published: only the schedule and the scope may still change, each change a revision the bureau can diff.
    expect(done.body.writableFields.sort()).toEqual(['plannedEnd', 'plannedStart', 'scope']);
    expect(done.body.editsAreRevisions).toBe(true);
    const rename = await c.patch<Err>(`/api/v1/projects/${draft.body.id}`, { title: '改名后的项目名称', diagnosisMode: 'institution', revision: done.body.revision });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('FIELD_NOT_EDITABLE');
    expect((rename.body.details.fields ?? []).map((f) => f.path).sort()).toEqual(['diagnosisMode', 'title']);

    const pub = await new Client(t.app).get<{ items: Array<{ filingNo: string }> }>(`/api/v1/public/filings?q=${done.body.filingNo}`);
    expect(pub.body.items.map((i) => i.filingNo)).toEqual([done.body.filingNo]);

    const again = await c.post<Err>(`/api/v1/projects/${draft.body.id}/transitions`, { event: 'submitFiling' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    const editAfter = await c.patch<Err>(`/api/v1/projects/${draft.body.id}`, { title: '提交后再修改标题', revision: done.body.revision });
    expect(editAfter.status).toBe(409);
    expect(editAfter.body.code).toBe('FIELD_NOT_EDITABLE');
  });

  it('routes institution diagnosis to waiting for the bureau', async () => {
    const { c } = await signedInEnterprise();
    const d = await c.post<Detail>('/api/v1/projects', { ...completeFiling, diagnosisMode: 'institution' });
    const done = await c.post<Detail>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    expect(done.body.state).toBe('awaitingDiagnosisAssignment');
  });

  it('rejects bad filing input with field messages and keeps what was saved', async () => {
    const { c } = await signedInEnterprise();
    const bad = await c.post<Err>('/api/v1/projects', { ...completeFiling, plannedInvestmentFen: 12.5, plannedEnd: '2026-01-01', diagnosisMode: 'other' });
    expect(bad.status).toBe(400);
    const paths = bad.body.details.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['plannedInvestmentFen', 'diagnosisMode']));
    const ok = await c.post<Detail>('/api/v1/projects', completeFiling);
    const order = await c.patch<Err>(`/api/v1/projects/${ok.body.id}`, { plannedEnd: '2026-01-01', revision: ok.body.revision });
    expect(order.status).toBe(400);
    expect(order.body.details.fields?.[0]?.path).toBe('plannedEnd');
    const still = await c.get<Detail & { plannedEnd: string }>(`/api/v1/projects/${ok.body.id}`);
    expect(still.body.plannedEnd).toBe(completeFiling.plannedEnd);
  });

  it('refuses long text over the limit with the field named, never cuts it, and the draft keeps its content', async () => {
    const { c } = await signedInEnterprise();
    const draft = await c.post<Detail & { situation: string }>('/api/v1/projects', { ...completeFiling, situation: '原有内容：人工排产。' });
    const tooLong = '数'.repeat(4001);
    const bad = await c.patch<Err>(`/api/v1/projects/${draft.body.id}`, { situation: tooLong, needs: 'x'.repeat(4000), revision: draft.body.revision });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = bad.body.details.fields ?? [];
    expect(fields.map((f) => f.path)).toEqual(['situation']);
    expect(fields[0]?.message).toContain('数字化现状');
    expect(fields[0]?.message).toContain('4000');
    expect(fields[0]?.message).toContain('4001');
    const kept = await c.get<Detail & { situation: string; needs: string }>(`/api/v1/projects/${draft.body.id}`);
    expect(kept.body.situation).toBe('原有内容：人工排产。');
    expect(kept.body.needs).toBe(completeFiling.needs);
    expect(kept.body.revision).toBe(draft.body.revision);
    // Exactly at the limit is accepted and stored whole.
    const full = await c.patch<Detail & { situation: string }>(`/api/v1/projects/${draft.body.id}`, { situation: '数'.repeat(4000), revision: draft.body.revision });
    expect(full.status).toBe(200);
    expect(full.body.situation).toHaveLength(4000);
    // A new filing over the limit is not created at all; English readers get the message in English.
    const before = await c.get<{ total: number }>('/api/v1/projects');
    const en = await c.request<Err>('POST', '/api/v1/projects', { ...completeFiling, scope: 's'.repeat(4500), title: 't'.repeat(101) }, { 'x-lang': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.details.fields?.map((f) => f.path).sort()).toEqual(['scope', 'title']);
    expect(en.body.details.fields?.find((f) => f.path === 'scope')?.message).toContain('4500');
    expect((await c.get<{ total: number }>('/api/v1/projects')).body.total).toBe(before.body.total);
  });

  it('20 concurrent submissions get 20 distinct, gap-free 备案号', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => signedInEnterprise()));
    const drafts = await Promise.all(clients.map(({ c }) => c.post<Detail>('/api/v1/projects', completeFiling)));
    const results = await Promise.all(drafts.map((d, i) => clients[i]!.c.post<Detail>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const numbers = results.map((r) => Number(r.body.filingNo!.slice(-5))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });

  it('the same submission sent twice at once is done once', async () => {
    const { c } = await signedInEnterprise();
    const d = await c.post<Detail>('/api/v1/projects', completeFiling);
    const [a, b] = await Promise.all([
      c.post<Detail | Err>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' }),
      c.post<Detail | Err>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const timeline = await c.get<Array<{ action: string }>>(`/api/v1/projects/${d.body.id}/timeline`);
    expect(timeline.body.filter((e) => e.action === 'project.submitFiling')).toHaveLength(1);
  });
});

describe('access', () => {
  it("another enterprise's project is a 404, for reading and for writing", async () => {
    const owner = await signedInEnterprise();
    const other = await signedInEnterprise();
    const d = await owner.c.post<Detail>('/api/v1/projects', completeFiling);
    expect((await other.c.get<Err>(`/api/v1/projects/${d.body.id}`)).status).toBe(404);
    expect((await other.c.patch<Err>(`/api/v1/projects/${d.body.id}`, { title: '越权修改标题', revision: 1 })).status).toBe(404);
    const tr = await other.c.post<Err>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    expect(tr.status).toBe(404);
    expect(tr.body.code).toBe('NOT_FOUND');
    const list = await other.c.get<{ items: Array<{ id: string }> }>('/api/v1/projects');
    expect(list.body.items.some((i) => i.id === d.body.id)).toBe(false);
  });

  it('wrong roles are refused: a bureau user cannot file, an enterprise cannot return or withdraw publication', async () => {
    const created = await reviewer.post<Err>('/api/v1/projects', completeFiling);
    expect(created.status).toBe(403);
    expect(created.body.code).toBe('FORBIDDEN_ROLE');
    const { c, org } = await signedInEnterprise();
    const p = await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis' });
    const ret = await c.post<Err>(`/api/v1/projects/${p.id}/transitions`, { event: 'returnFiling', reason: '自己退回自己' });
    expect(ret.status).toBe(403);
    expect(ret.body.code).toBe('ROLE_NOT_ALLOWED');
    const w = await c.post<Err>(`/api/v1/projects/${p.id}/withdraw-publication`, { reason: '不想公示了' });
    expect(w.status).toBe(403);
    const orgs = await c.get<Err>('/api/v1/admin/organizations');
    expect(orgs.status).toBe(403);
  });

  it('unauthenticated calls get 401', async () => {
    const anon = new Client(t.app);
    expect((await anon.get<Err>('/api/v1/projects')).status).toBe(401);
    expect((await anon.post<Err>('/api/v1/projects', completeFiling)).status).toBe(401);
  });

  it('a town office sees its own town only; drafts stay private to the enterprise', async () => {
    const town = await orgWithUser(t.db, 'town', { townCode: 'sanjiao' });
    const tc = new Client(t.app);
    await tc.login(town.account, PASSWORD);
    const inTown = await signedInEnterprise({ townCode: 'sanjiao' });
    const elsewhere = await signedInEnterprise({ townCode: 'banfu' });
    const p1 = await makeProject(t.db, { enterprise: inTown.org, state: 'selfDiagnosis' });
    const p2 = await makeProject(t.db, { enterprise: elsewhere.org, state: 'selfDiagnosis' });
    const draft = await makeProject(t.db, { enterprise: inTown.org });
    const list = await tc.get<{ items: Array<{ id: string }> }>('/api/v1/projects?pageSize=100');
    const ids = list.body.items.map((i) => i.id);
    expect(ids).toContain(p1.id);
    expect(ids).not.toContain(p2.id);
    expect(ids).not.toContain(draft.id);
    expect((await tc.get(`/api/v1/projects/${p2.id}`)).status).toBe(404);
    expect((await reviewer.get(`/api/v1/projects/${draft.id}`)).status).toBe(404);
  });
});

describe('bureau', () => {
  it('finds filings by 备案号, USCC and name, filters by town, stage and date, and exports Excel', async () => {
    const { org } = await signedInEnterprise({ townCode: 'shenwan', industryCode: '21', name: '中山市检索测试家具有限公司' });
    const p = await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis', submittedAt: new Date('2026-03-15T04:00:00Z') });
    for (const q of [p.filingNo!, org.uscc!, '检索测试家具']) {
      const r = await reviewer.get<{ items: Array<{ id: string }>; total: number }>(`/api/v1/projects?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((i) => i.id)).toContain(p.id);
    }
    const filtered = await reviewer.get<{ items: Array<{ id: string; townCode: string; stage: number }> }>('/api/v1/projects?townCode=shenwan&industryCode=21&stage=2&from=2026-03-15&to=2026-03-15');
    expect(filtered.body.items.map((i) => i.id)).toEqual([p.id]);
    const none = await reviewer.get<{ total: number }>('/api/v1/projects?townCode=shenwan&from=2026-03-16');
    expect(none.body.total).toBe(0);
    const x = await reviewer.request('GET', '/api/v1/projects/export.xlsx?townCode=shenwan');
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(x.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('withdraws a publication with a reason; the public list no longer shows it; the timeline records who and why', async () => {
    const { org, c } = await signedInEnterprise();
    const d = await c.post<Detail>('/api/v1/projects', completeFiling);
    const filed = await c.post<Detail>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    const noReason = await reviewer.post<Err>(`/api/v1/projects/${d.body.id}/withdraw-publication`, { reason: '' });
    expect(noReason.status).toBe(400);
    const w = await reviewer.post<Detail>(`/api/v1/projects/${d.body.id}/withdraw-publication`, { reason: '企业名称与营业执照不一致' });
    expect(w.status).toBe(200);
    expect(w.body.published).toBe(false);
    const pub = await new Client(t.app).get<{ total: number }>(`/api/v1/public/filings?q=${filed.body.filingNo}`);
    expect(pub.body.total).toBe(0);
    const tl = await reviewer.get<Array<{ action: string; summary: Record<string, unknown>; actorOrgName: string }>>(`/api/v1/projects/${d.body.id}/timeline`);
    expect(tl.body.map((e) => e.action)).toEqual(['project.publication_withdrawn', 'project.submitFiling', 'project.updated', 'project.created'].filter((a) => a !== 'project.updated'));
    expect(tl.body[0]?.summary.reason).toBe('企业名称与营业执照不一致');
    expect(org.id).toBeTruthy();
  });

  it('returns a filing for revision; the enterprise edits and resubmits keeping its 备案号', async () => {
    const { c } = await signedInEnterprise();
    const d = await c.post<Detail>('/api/v1/projects', completeFiling);
    const filed = await c.post<Detail>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    const noReason = await reviewer.post<Err>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'returnFiling' });
    expect(noReason.status).toBe(422);
    const ret = await reviewer.post<Detail & { returnReason: string }>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'returnFiling', reason: '改造范围描述过于笼统' });
    expect(ret.status).toBe(200);
    expect(ret.body.state).toBe('filingReturned');
    const mine = await c.get<Detail & { returnReason: string }>(`/api/v1/projects/${d.body.id}`);
    expect(mine.body.returnReason).toBe('改造范围描述过于笼统');
    expect(mine.body.abilities.edit).toBe(true);
    const edited = await c.patch<Detail>(`/api/v1/projects/${d.body.id}`, { scope: '生产管控（MES）、设备联网（20台注塑机）', revision: mine.body.revision });
    const again = await c.post<Detail>(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    expect(again.status).toBe(200);
    expect(again.body.filingNo).toBe(filed.body.filingNo);
    expect(edited.status).toBe(200);
  });
});

describe('organisations (bureau admin)', () => {
  it('creates an institution with its first member, who can then sign in; a reviewer may not create', async () => {
    const admin = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const a = new Client(t.app);
    await a.login(admin.account, PASSWORD);
    const body = {
      type: 'institution_diagnostic',
      name: '中山市新认定诊断机构',
      contactName: '刘工',
      contactMobile: '13712345678',
      member: { name: '刘工', email: 'new-inst@test.local', password: 'Inst2026pass' },
    };
    expect((await reviewer.post<Err>('/api/v1/admin/organizations', body)).status).toBe(403);
    const created = await a.post<{ id: string }>('/api/v1/admin/organizations', body);
    expect(created.status).toBe(201);
    const listed = await a.get<{ items: Array<{ id: string; memberCount: number }> }>('/api/v1/admin/organizations?type=institution_diagnostic&q=新认定诊断机构');
    expect(listed.body.items.find((o) => o.id === created.body.id)?.memberCount).toBe(1);
    await new Client(t.app).login('new-inst@test.local', 'Inst2026pass');
    // The exact same create repeated (a double click) is given the first answer; another organisation with the
    // same sign-in account is refused.
    const again = await a.post<{ id: string }>('/api/v1/admin/organizations', body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(created.body.id);
    const dup = await a.post<Err>('/api/v1/admin/organizations', { ...body, name: '中山市另一家诊断机构' });
    expect(dup.body.code).toBe('ACCOUNT_TAKEN');
    const town = await a.post<Err>('/api/v1/admin/organizations', { ...body, type: 'town', member: { ...body.member, email: 'town-x@test.local' } });
    expect(town.status).toBe(400);
    expect(town.body.details.fields?.[0]?.path).toBe('townCode');
  });
});
