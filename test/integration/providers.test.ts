import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makeProject } from '../../src/db/factories';
import { deadlines, outbox, providerRatings } from '../../src/db/schema';
import { activeSuspensions } from '../../src/server/modules/providers/service';

let t: TestApp;
let bureau: Client;
let finance: Client;
beforeAll(async () => {
  t = await startTestApp();
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = await signIn(b.account);
  const f = await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' });
  finance = await signIn(f.account);
});
afterAll(async () => {
  await t?.close();
});

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(account, PASSWORD);
  return c;
}

interface ClientsPage {
  items: Array<{ projectId: string; enterpriseName: string; state: string; waitingOn: Array<{ zh: string }>; waitingOnMe: boolean; overdue: boolean; dueOn: string | null; isProvider: boolean; delegated: boolean }>;
  total: number;
  counts: { all: number; overdue: number; waitingOnMe: number; byStage: Array<{ stage: number; count: number }> };
}

async function openDeadline(projectId: string, dueOn: string): Promise<void> {
  await t.db.insert(deadlines).values({ objectType: 'project', objectId: projectId, projectId, state: 'x', waitingRole: 'enterprise', startedOn: '2019-12-01', dueOn } as typeof deadlines.$inferInsert);
}

describe('the provider’s clients', () => {
  it('lists the projects it provides for and those it holds an authorisation for, with who acts next, filters and counts', async () => {
    const lu = await orgWithUser(t.db, 'leading_unit');
    const lc = await signIn(lu.account);
    const a = await enterpriseWithUser(t.db);
    const b = await enterpriseWithUser(t.db);
    const c = await enterpriseWithUser(t.db);
    const implementing = await makeProject(t.db, { enterprise: a.org, state: 'implementation', providerOrgId: lu.org.id });
    const contracting = await makeProject(t.db, { enterprise: b.org, state: 'contracting', providerOrgId: lu.org.id });
    const delegatedOnly = await makeProject(t.db, { enterprise: c.org, state: 'implemented' });
    const notMine = await makeProject(t.db, { enterprise: (await enterpriseWithUser(t.db)).org, state: 'implementation' });
    await openDeadline(contracting.id, '2020-01-01');
    const cc = await signIn(c.account);
    expect((await cc.post('/api/v1/delegations', { agentOrgId: lu.org.id })).status).toBe(201);

    const all = await lc.get<ClientsPage>('/api/v1/provider/clients');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((x) => x.projectId);
    expect(ids.sort()).toEqual([implementing.id, contracting.id, delegatedOnly.id].sort());
    expect(ids).not.toContain(notMine.id);
    expect(all.body.counts.all).toBe(3);
    expect(all.body.counts.overdue).toBe(1);
    // The overdue one comes first.
    expect(all.body.items[0]?.projectId).toBe(contracting.id);
    const impl = all.body.items.find((x) => x.projectId === implementing.id);
    expect(impl?.waitingOnMe).toBe(true);
    expect(impl?.isProvider).toBe(true);
    expect(impl?.waitingOn.map((w) => w.zh)).toContain('企业');
    // Contracting waits on the enterprise or its delegate: not on this unit, which holds no authorisation from b.
    expect(all.body.items.find((x) => x.projectId === contracting.id)?.waitingOnMe).toBe(false);
    const del = all.body.items.find((x) => x.projectId === delegatedOnly.id);
    expect(del?.delegated).toBe(true);
    expect(del?.isProvider).toBe(false);
    expect(del?.waitingOnMe).toBe(true);
    expect(all.body.counts.waitingOnMe).toBe(2);
    expect(all.body.counts.byStage).toEqual([
      { stage: 4, count: 1 },
      { stage: 5, count: 1 },
      { stage: 6, count: 1 },
    ]);

    const overdue = await lc.get<ClientsPage>('/api/v1/provider/clients?overdue=1');
    expect(overdue.body.items.map((x) => x.projectId)).toEqual([contracting.id]);
    expect(overdue.body.total).toBe(1);
    const stage5 = await lc.get<ClientsPage>('/api/v1/provider/clients?stage=5');
    expect(stage5.body.items.map((x) => x.projectId)).toEqual([implementing.id]);
    const mine = await lc.get<ClientsPage>('/api/v1/provider/clients?waitingOnMe=1&pageSize=1');
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.total).toBe(2);

    // Bad input and wrong roles.
    const bad = await lc.get<{ code: string; details: { fields: Array<{ message: string }> } }>('/api/v1/provider/clients?stage=9');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields[0]?.message).toMatch(/环节/);
    expect((await lc.get('/api/v1/provider/clients?overdue=yes')).status).toBe(400);
    expect((await (await signIn(a.account)).get<{ code: string }>('/api/v1/provider/clients')).body.code).toBe('FORBIDDEN_ROLE');
    expect((await bureau.get('/api/v1/provider/clients')).status).toBe(403);
  });

  it('a catalog provider sees only its own clients', async () => {
    const cp = await orgWithUser(t.db, 'catalog_provider');
    const other = await orgWithUser(t.db, 'catalog_provider');
    const e = await enterpriseWithUser(t.db);
    const p = await makeProject(t.db, { enterprise: e.org, state: 'implementation', providerOrgId: cp.org.id });
    const oc = await signIn(other.account);
    expect((await oc.get<ClientsPage>('/api/v1/provider/clients')).body.items).toHaveLength(0);
    expect((await oc.get(`/api/v1/projects/${p.id}`)).status).toBe(404);
    const mine = await (await signIn(cp.account)).get<ClientsPage>('/api/v1/provider/clients');
    expect(mine.body.items.map((x) => x.projectId)).toEqual([p.id]);
    expect(mine.body.items[0]?.waitingOnMe).toBe(true);
  });
});

describe('provider accountability', () => {
  it('the bureau sees ratings, open projects and overdue steps; warns, requires a correction, suspends and lifts; the provider sees and answers', async () => {
    const lu = await orgWithUser(t.db, 'leading_unit');
    const lc = await signIn(lu.account);
    const e = await enterpriseWithUser(t.db);
    const running = await makeProject(t.db, { enterprise: e.org, state: 'implementation', providerOrgId: lu.org.id });
    const rated = await makeProject(t.db, { enterprise: e.org, state: 'implemented', providerOrgId: lu.org.id });
    await openDeadline(running.id, '2020-01-01');
    await t.db.insert(providerRatings).values({ projectId: rated.id, providerOrgId: lu.org.id, timeliness: 4, quality: 5, service: 3, price: 4, comment: '响应及时', ratedBy: lu.org.id });

    const list = await bureau.get<{ items: Array<{ orgId: string; ratings: { count: number; overall: number | null; quality: number | null }; openProjects: number; overdueSteps: number; suspended: boolean }>; total: number }>(
      `/api/v1/providers?q=${encodeURIComponent(lu.org.name)}`,
    );
    expect(list.status).toBe(200);
    const row = list.body.items.find((x) => x.orgId === lu.org.id);
    expect(row).toMatchObject({ openProjects: 2, overdueSteps: 1, suspended: false, ratings: { count: 1, overall: 4, quality: 5 } });
    expect((await bureau.get<{ items: unknown[] }>('/api/v1/providers?type=catalog_provider&q=' + encodeURIComponent(lu.org.name))).body.items).toHaveLength(0);
    expect((await bureau.get('/api/v1/providers?type=enterprise')).status).toBe(400);

    // Measures: bad input first.
    const noReason = await bureau.post<{ code: string; message: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'suspension', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/原因|数据/);
    const noKind = await bureau.post<{ code: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'fine', reason: '超期未整改' });
    expect(noKind.status).toBe(400);
    const noDue = await bureau.post<{ code: string; message: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'correction', reason: '培训记录缺失' });
    expect(noDue.status).toBe(400);
    expect(noDue.body.message).toMatch(/整改期限/);
    const pastDue = await bureau.post<{ code: string; message: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'correction', reason: '培训记录缺失', dueOn: '2020-01-01' });
    expect(pastDue.status).toBe(400);
    expect(pastDue.body.message).toMatch(/早于今天/);
    // Wrong roles and objects.
    expect((await finance.post<{ code: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'warning', reason: '服务态度差' })).body.code).toBe('FORBIDDEN_ROLE');
    expect((await lc.post(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'warning', reason: '服务态度差' })).status).toBe(403);
    expect((await lc.get(`/api/v1/providers/${lu.org.id}`)).status).toBe(403);
    expect((await bureau.post(`/api/v1/providers/${e.org.id}/measures`, { kind: 'warning', reason: '服务态度差' })).status).toBe(404);
    expect((await bureau.get(`/api/v1/providers/${e.org.id}`)).status).toBe(404);

    const warning = await bureau.post<{ id: number; kind: string; inForce: boolean }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'warning', reason: '多个项目实施进展滞后' });
    expect(warning.status).toBe(201);
    const correction = await bureau.post<{ id: number; dueOn: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'correction', reason: '补齐培训签到表', dueOn: '2099-01-31' });
    expect(correction.status).toBe(201);
    expect(correction.body.dueOn).toBe('2099-01-31');
    const suspension = await bureau.post<{ id: number }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'suspension', reason: '整改不到位，暂停被选择' });
    expect(suspension.status).toBe(201);
    const twice = await bureau.post<{ code: string }>(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'suspension', reason: '整改不到位，暂停被选择' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('MEASURE_CONFLICT');
    expect([...(await activeSuspensions(t.db, [lu.org.id, e.org.id]))]).toEqual([lu.org.id]);
    // The provider is notified.
    const notes = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, `provider-measure:${suspension.body.id}`));
    expect(notes).toHaveLength(1);

    // Running projects continue: the provider still sees its clients.
    expect((await lc.get<ClientsPage>('/api/v1/provider/clients')).body.counts.all).toBe(2);

    const profile = await bureau.get<{ provider: { suspended: boolean; activeMeasures: number }; ratings: Array<{ comment: string }>; measures: Array<{ kind: string }>; projects: unknown[] }>(`/api/v1/providers/${lu.org.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body.provider).toMatchObject({ suspended: true, activeMeasures: 3 });
    expect(profile.body.ratings.map((r) => r.comment)).toEqual(['响应及时']);
    expect(profile.body.measures.map((m) => m.kind).sort()).toEqual(['correction', 'suspension', 'warning']);
    expect(profile.body.projects).toHaveLength(2);
    expect((await bureau.get<{ items: Array<{ orgId: string }> }>('/api/v1/providers?measures=suspended&pageSize=100')).body.items.map((x) => x.orgId)).toContain(lu.org.id);

    // The provider sees its standing and answers, once.
    const standing = await lc.get<{ provider: { suspended: boolean }; measures: Array<{ id: number; reason: string }>; ratings: unknown[] }>('/api/v1/provider/standing');
    expect(standing.status).toBe(200);
    expect(standing.body.provider.suspended).toBe(true);
    expect(standing.body.measures.map((m) => m.reason)).toContain('整改不到位，暂停被选择');
    expect(standing.body.ratings).toHaveLength(1);
    expect((await lc.post<{ code: string }>(`/api/v1/provider/standing/measures/${suspension.body.id}/response`, { response: '' })).status).toBe(400);
    const answered = await lc.post<{ response: string }>(`/api/v1/provider/standing/measures/${suspension.body.id}/response`, { response: '已补齐全部培训记录并加派人手。' });
    expect(answered.status).toBe(200);
    expect(answered.body.response).toBe('已补齐全部培训记录并加派人手。');
    const again = await lc.post<{ code: string }>(`/api/v1/provider/standing/measures/${suspension.body.id}/response`, { response: '再次答复' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    // Another provider cannot see or answer it.
    const other = await orgWithUser(t.db, 'leading_unit');
    const oc = await signIn(other.account);
    expect((await oc.post(`/api/v1/provider/standing/measures/${suspension.body.id}/response`, { response: '不是我的措施' })).status).toBe(404);
    expect((await oc.get<{ measures: unknown[] }>('/api/v1/provider/standing')).body.measures).toHaveLength(0);
    expect((await (await signIn(e.account)).get<{ code: string }>('/api/v1/provider/standing')).body.code).toBe('FORBIDDEN_ROLE');
    expect((await lc.post('/api/v1/provider/standing/measures/abc/response', { response: '答复内容' })).status).toBe(400);

    // Lift: reason required, once; the measure must be this provider's.
    expect((await bureau.post(`/api/v1/providers/${lu.org.id}/measures/${suspension.body.id}/lift`, {})).status).toBe(400);
    expect((await bureau.post(`/api/v1/providers/${other.org.id}/measures/${suspension.body.id}/lift`, { reason: '已整改到位' })).status).toBe(404);
    const lifted = await bureau.post<{ inForce: boolean; liftReason: string }>(`/api/v1/providers/${lu.org.id}/measures/${suspension.body.id}/lift`, { reason: '已整改到位' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ inForce: false, liftReason: '已整改到位' });
    expect((await bureau.post<{ code: string }>(`/api/v1/providers/${lu.org.id}/measures/${suspension.body.id}/lift`, { reason: '已整改到位' })).body.code).toBe('MEASURE_CONFLICT');
    expect((await activeSuspensions(t.db, [lu.org.id])).size).toBe(0);
    // Suspending again after the lift is a new measure.
    expect((await bureau.post(`/api/v1/providers/${lu.org.id}/measures`, { kind: 'suspension', reason: '再次暂停被选择' })).status).toBe(201);
  });
});

describe('the funnel and the town’s view', () => {
  it('counts filed running projects by town and stage for the bureau; a town sees its own only', async () => {
    const xiaolan = await enterpriseWithUser(t.db, { townCode: 'xiaolan' });
    const other = await enterpriseWithUser(t.db, { townCode: 'shiqi' });
    const mine = await makeProject(t.db, { enterprise: xiaolan.org, state: 'implementation' });
    const theirs = await makeProject(t.db, { enterprise: other.org, state: 'implementation' });
    await makeProject(t.db, { enterprise: xiaolan.org, state: 'withdrawn' });
    const town = await orgWithUser(t.db, 'town', { townCode: 'xiaolan' });
    const tc = await signIn(town.account);
    expect((await tc.get<{ stage: number }>(`/api/v1/projects/${mine.id}`)).body.stage).toBe(5);
    expect((await tc.get(`/api/v1/projects/${theirs.id}`)).status).toBe(404);

    const all = await bureau.get<{ cells: Array<{ townCode: string; stage: number; count: number }> }>('/api/v1/projects/funnel');
    expect(all.status).toBe(200);
    expect(all.body.cells.find((c) => c.townCode === 'xiaolan' && c.stage === 5)?.count).toBeGreaterThanOrEqual(1);
    expect(all.body.cells.some((c) => c.townCode === 'shiqi')).toBe(true);
    const townView = await tc.get<{ cells: Array<{ townCode: string }> }>('/api/v1/projects/funnel');
    expect(new Set(townView.body.cells.map((c) => c.townCode))).toEqual(new Set(['xiaolan']));
    expect((await (await signIn(xiaolan.account)).get<{ code: string }>('/api/v1/projects/funnel')).body.code).toBe('FORBIDDEN_ROLE');
  });
});
