/**
 * Benchmarks (标杆) and pre-subsidies (预奖补): the recommendation becomes a benchmark the bureau designates, the
 * portal lists it, the administrator awards it (≤ the policy maximum; a later, higher award for the same
 * enterprise pays only the difference; the pool can never be over-committed); pre-subsidy grants open a 'pre'
 * tranche and commit the pool, never above the suggestion.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makePolicy, makePool, makeProject, type OrgRow } from '../../src/db/factories';
import { benchmarkRecommendations, benchmarks, budgetPools, contracts, disbursementTranches, ledgerEntries, users, workflowObjects } from '../../src/db/schema';
import { openBenchmark } from '../../src/server/modules/benchmarks/open';
import { currentVersion } from '../../src/server/workflow/registry';

interface Err {
  code: string;
  message: string;
  details: Record<string, unknown>;
}
interface Summary {
  id: string;
  state: string;
  kind: string;
  projectId: string;
  enterpriseName: string;
  reasons: string;
  awardFen: number | null;
  payableFen: number | null;
}
interface Detail extends Summary {
  recommendation: { reasons: string; institutionName: string } | null;
  levelBefore: number | null;
  levelAfter: number | null;
  project: { title: string; contractFen: number | null };
  history: Array<{ event: string; to: string }>;
  actions: Array<{ event: string; allowed: boolean }>;
  award: { awardFen: number; previousAwardFen: number; payableFen: number } | null;
}
interface Paged<T> {
  items: T[];
  total: number;
}
interface PublicItem {
  id: string;
  kind: string;
  enterpriseName: string;
  townCode: string;
  industryCode: string;
  year: number | null;
  awardFen: number | null;
}

const YUAN = 100;
let t: TestApp;
let admin: Client;
let reviewer: Client;
let institution: { org: OrgRow; account: string };
let instUserId: string;

beforeAll(async () => {
  t = await startTestApp();
  await makePolicy(t.db, { version: 50, effectiveFrom: '2024-01-01', effectiveTo: null });
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  admin = new Client(t.app, '127.0.0.21');
  await admin.login(a.account, PASSWORD);
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  reviewer = new Client(t.app, '127.0.0.22');
  await reviewer.login(r.account, PASSWORD);
  institution = await orgWithUser(t.db, 'institution_comprehensive');
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, institution.org.id));
  instUserId = u!.id;
});
afterAll(async () => {
  await t?.close();
});

/** A passed project of `enterprise` with an evaluation report at level 3 and the institution's recommendation. */
async function recommended(enterprise: OrgRow, kind: 'workshop' | 'smart' = 'workshop') {
  const project = await makeProject(t.db, { enterprise, state: 'evaluationPassed', confirmedDiagnosis: true, evaluationInstitutionId: institution.org.id });
  const [report] = await t.db
    .insert(workflowObjects)
    .values({ kind: 'evaluationReport', workflowVersion: currentVersion('evaluationReport'), state: 'confirmed', projectId: project.id, version: 1, data: { levelBefore: 1, levelAfter: 3 } })
    .returning({ id: workflowObjects.id });
  const [rec] = await t.db
    .insert(benchmarkRecommendations)
    .values({ projectId: project.id, reportObjectId: report!.id, institutionOrgId: institution.org.id, kind, reasons: '产线设备联网率95%，排产全部系统化', createdBy: instUserId })
    .returning({ id: benchmarkRecommendations.id });
  return { project, recommendationId: rec!.id };
}

async function benchmarkOf(projectId: string): Promise<string> {
  const res = await reviewer.get<Paged<Summary>>('/api/v1/benchmarks?pageSize=100');
  expect(res.status).toBe(200);
  const item = res.body.items.find((i) => i.projectId === projectId);
  expect(item, 'the recommendation is listed as a benchmark').toBeTruthy();
  return item!.id;
}

async function designate(id: string, kind: 'workshop' | 'smart' = 'workshop') {
  const res = await reviewer.post<Detail>(`/api/v1/benchmarks/${id}/events/designate`, { input: { kind, opinion: '数字化水平突出，具有示范带动作用' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const award = (id: string, awardFen: number, poolId: string) => admin.post<Detail & Err>(`/api/v1/benchmarks/${id}/events/approveAward`, { input: { awardFen, poolId } });

async function poolOf(id: string) {
  const [p] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, id));
  return p!;
}

describe('benchmarks', () => {
  it('recommendation → designation → public list → award within the maximum; above it refused; a later award pays the difference', async () => {
    const e = await enterpriseWithUser(t.db);
    const pool = await makePool(t.db, { year: 2091, totalFen: 1_000_000 * YUAN });
    const { project } = await recommended(e.org, 'smart');
    const id = await benchmarkOf(project.id);

    const detail = await reviewer.get<Detail>(`/api/v1/benchmarks/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.state).toBe('recommended');
    expect(detail.body.recommendation?.reasons).toContain('设备联网率');
    expect(detail.body.levelBefore).toBe(1);
    expect(detail.body.levelAfter).toBe(3);
    expect(detail.body.actions.map((a) => a.event).sort()).toEqual(['decline', 'designate']);

    // Not the enterprise's list, nor an institution's.
    const ec = new Client(t.app, '127.0.0.23');
    await ec.login(e.account, PASSWORD);
    expect((await ec.get<Err>('/api/v1/benchmarks')).body.code).toBe('FORBIDDEN_ROLE');
    const ic = new Client(t.app, '127.0.0.24');
    await ic.login(institution.account, PASSWORD);
    expect((await ic.get<Err>(`/api/v1/benchmarks/${id}`)).status).toBe(404);

    // Designation needs an opinion.
    const bad = await reviewer.post<Err>(`/api/v1/benchmarks/${id}/events/designate`, { input: { kind: 'smart' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INPUT_INVALID');

    const designated = await designate(id, 'workshop');
    expect(designated.state).toBe('designated');
    expect(designated.kind).toBe('workshop');
    const again = await reviewer.post<Err>(`/api/v1/benchmarks/${id}/events/designate`, { input: { kind: 'smart', opinion: '再次' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');

    const pub = await new Client(t.app, '127.0.0.25').get<Paged<PublicItem>>('/api/v1/public/benchmarks?pageSize=100');
    expect(pub.status).toBe(200);
    const listed = pub.body.items.find((i) => i.id === id);
    expect(listed).toMatchObject({ kind: 'workshop', enterpriseName: e.org.name, townCode: project.townCode, industryCode: project.industryCode, awardFen: null });
    expect(listed?.year).toBe(Number(new Date().toISOString().slice(0, 4)));

    // The reviewer may not award; the administrator may not award above 250,000 yuan.
    const wrongRole = await reviewer.post<Err>(`/api/v1/benchmarks/${id}/events/approveAward`, { input: { awardFen: 100_000 * YUAN, poolId: pool.id } });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');
    const above = await award(id, 250_000 * YUAN + 1, pool.id);
    expect(above.status).toBe(422);
    expect(above.body.code).toBe('AMOUNT_ABOVE_MAXIMUM');
    expect((await poolOf(pool.id)).committedFen).toBe(0);

    const ok = await award(id, 100_000 * YUAN, pool.id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe('awarded');
    expect(ok.body.award).toMatchObject({ awardFen: 100_000 * YUAN, previousAwardFen: 0, payableFen: 100_000 * YUAN });
    expect((await poolOf(pool.id)).committedFen).toBe(100_000 * YUAN);
    const [tranche] = await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.benchmarkId, id));
    expect(tranche).toMatchObject({ line: 'benchmark', amountFen: 100_000 * YUAN, poolId: pool.id });
    const [tObj] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.id, tranche!.objectId));
    expect(tObj?.state).toBe('pending');
    const ledger = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.refType, 'benchmark'), eq(ledgerEntries.refId, id)));
    expect(ledger.map((l) => [l.kind, l.line, l.amountFen])).toEqual([['commit', 'benchmark', 100_000 * YUAN]]);
    const pub2 = await new Client(t.app, '127.0.0.25').get<Paged<PublicItem>>('/api/v1/public/benchmarks?pageSize=100');
    expect(pub2.body.items.find((i) => i.id === id)?.awardFen).toBe(100_000 * YUAN);

    // A second, higher award for the same enterprise pays only the difference.
    const second = await recommended(e.org);
    const id2 = await benchmarkOf(second.project.id);
    await designate(id2, 'smart');
    const preview = await admin.get<{ previousAwardFen: number; payableFen: number; steps: Array<{ text: { zh: string } }> }>(`/api/v1/benchmarks/${id2}/award-preview?awardFen=${200_000 * YUAN}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ previousAwardFen: 100_000 * YUAN, payableFen: 100_000 * YUAN });
    expect(preview.body.steps.map((s) => s.text.zh).join(' ')).toContain('差额');
    const diff = await award(id2, 200_000 * YUAN, pool.id);
    expect(diff.status, JSON.stringify(diff.body)).toBe(200);
    expect(diff.body.award).toMatchObject({ awardFen: 200_000 * YUAN, previousAwardFen: 100_000 * YUAN, payableFen: 100_000 * YUAN });
    const [t2] = await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.benchmarkId, id2));
    expect(t2?.amountFen).toBe(100_000 * YUAN);
    expect((await poolOf(pool.id)).committedFen).toBe(200_000 * YUAN);
    const pools = await admin.get<Array<{ id: string; remainingFen: number }>>('/api/v1/benchmarks/pools');
    expect(pools.body.find((p) => p.id === pool.id)?.remainingFen).toBe(800_000 * YUAN);

    // A third award no higher than what was received pays nothing: refused, with the reason.
    const third = await recommended(e.org);
    const id3 = await benchmarkOf(third.project.id);
    await designate(id3);
    const nothing = await award(id3, 150_000 * YUAN, pool.id);
    expect(nothing.status).toBe(422);
    expect(nothing.body.code).toBe('NOTHING_PAYABLE');
    expect(nothing.body.message).toContain('差额');
    expect((await poolOf(pool.id)).committedFen).toBe(200_000 * YUAN);
  });

  it('a pool that cannot cover the award refuses it with BUDGET_EXCEEDED and changes nothing', async () => {
    const e = await enterpriseWithUser(t.db);
    const pool = await makePool(t.db, { year: 2092, totalFen: 50_000 * YUAN });
    const { project } = await recommended(e.org);
    const id = await benchmarkOf(project.id);
    await designate(id);
    const res = await award(id, 100_000 * YUAN, pool.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('BUDGET_EXCEEDED');
    expect((await poolOf(pool.id)).committedFen).toBe(0);
    const [b] = await t.db.select().from(benchmarks).where(eq(benchmarks.id, id));
    expect(b).toMatchObject({ awardFen: null, payableFen: null, awardApprovedAt: null });
    const [obj] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.id, b!.objectId));
    expect(obj?.state).toBe('designated');
    expect(await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.benchmarkId, id))).toHaveLength(0);
    const missingPool = await award(id, 10_000 * YUAN, '00000000-0000-4000-8000-000000000000');
    expect(missingPool.body.code).toBe('POOL_NOT_FOUND');
  });

  it('a declined benchmark needs a reason and is not public; filters by state and kind', async () => {
    const e = await enterpriseWithUser(t.db);
    const { project } = await recommended(e.org, 'smart');
    const id = await benchmarkOf(project.id);
    const noReason = await reviewer.post<Err>(`/api/v1/benchmarks/${id}/events/decline`, {});
    expect(noReason.status).toBe(422);
    const declined = await reviewer.post<Detail>(`/api/v1/benchmarks/${id}/events/decline`, { reason: '改造范围未覆盖主要产线' });
    expect(declined.status).toBe(200);
    expect(declined.body.state).toBe('declined');
    expect(declined.body.history.at(-1)).toMatchObject({ event: 'decline', to: 'declined' });
    const list = await reviewer.get<Paged<Summary>>('/api/v1/benchmarks?state=declined&kind=smart&pageSize=100');
    expect(list.body.items.map((i) => i.id)).toContain(id);
    expect(list.body.items.every((i) => i.state === 'declined' && i.kind === 'smart')).toBe(true);
    const pub = await new Client(t.app, '127.0.0.26').get<Paged<PublicItem>>('/api/v1/public/benchmarks?pageSize=100');
    expect(pub.body.items.map((i) => i.id)).not.toContain(id);
    const badFilter = await reviewer.get<Err>('/api/v1/benchmarks?state=nonsense');
    expect(badFilter.status).toBe(400);
  });

  it('opening a benchmark is idempotent per recommendation', async () => {
    const e = await enterpriseWithUser(t.db);
    const { project, recommendationId } = await recommended(e.org);
    const first = await t.db.transaction((tx) => openBenchmark(tx, { projectId: project.id, enterpriseOrgId: e.org.id, recommendationId, kind: 'workshop', createdBy: null }));
    const second = await t.db.transaction((tx) => openBenchmark(tx, { projectId: project.id, enterpriseOrgId: e.org.id, recommendationId, kind: 'workshop', createdBy: null }));
    expect(second).toEqual(first);
    expect(await t.db.select().from(benchmarks).where(eq(benchmarks.projectId, project.id))).toHaveLength(1);
  });
});

describe('pre-subsidy', () => {
  async function underWay(contractFen: number) {
    const e = await enterpriseWithUser(t.db);
    const project = await makeProject(t.db, { enterprise: e.org, state: 'implementation', confirmedDiagnosis: true });
    await t.db.insert(contracts).values({ projectId: project.id, contractNo: `HT-${project.id.slice(0, 6)}`, amountFen: contractFen, signedOn: '2026-03-01', revision: 1 });
    return project;
  }

  it('grants a pre-subsidy ≤ the suggestion: a pending pre tranche and the pool committed; more is refused; once per project', async () => {
    const pool = await makePool(t.db, { year: 2093, totalFen: 1_000_000 * YUAN });
    const project = await underWay(1_000_000 * YUAN);
    const cand = await admin.get<Paged<{ projectId: string; contractFen: number }>>('/api/v1/pre-subsidies/candidates?pageSize=100');
    expect(cand.status).toBe(200);
    expect(cand.body.items.find((i) => i.projectId === project.id)?.contractFen).toBe(1_000_000 * YUAN);

    // 30 % of a 300,000-yuan down-payment: 90,000 yuan (cap 150,000).
    const s = await admin.get<{ suggestedFen: number; steps: Array<{ text: { zh: string } }> }>(`/api/v1/pre-subsidies/candidates/${project.id}/suggestion?downPaymentFen=${300_000 * YUAN}`);
    expect(s.status).toBe(200);
    expect(s.body.suggestedFen).toBe(90_000 * YUAN);
    expect(s.body.steps.map((x) => x.text.zh).join(' ')).toContain('首付款');
    const tooBig = await admin.get<Err>(`/api/v1/pre-subsidies/candidates/${project.id}/suggestion?downPaymentFen=${2_000_000 * YUAN}`);
    expect(tooBig.status).toBe(400);

    const body = { projectId: project.id, downPaymentFen: 300_000 * YUAN, poolId: pool.id };
    const wrongRole = await reviewer.post<Err>('/api/v1/pre-subsidies', { ...body, approvedFen: 80_000 * YUAN });
    expect(wrongRole.status).toBe(403);
    const more = await admin.post<Err>('/api/v1/pre-subsidies', { ...body, approvedFen: 90_000 * YUAN + 1 });
    expect(more.status).toBe(422);
    expect(more.body.code).toBe('AMOUNT_ABOVE_SUGGESTION');
    expect((await poolOf(pool.id)).committedFen).toBe(0);

    const ok = await admin.post<{ trancheId: string; amountFen: number }>('/api/v1/pre-subsidies', { ...body, approvedFen: 80_000 * YUAN });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const [tr] = await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.id, ok.body.trancheId));
    expect(tr).toMatchObject({ line: 'pre', amountFen: 80_000 * YUAN, projectId: project.id, poolId: pool.id });
    const [obj] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.id, tr!.objectId));
    expect(obj?.state).toBe('pending');
    expect((await poolOf(pool.id)).committedFen).toBe(80_000 * YUAN);
    const ledger = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.refType, 'preSubsidy'), eq(ledgerEntries.refId, ok.body.trancheId)));
    expect(ledger.map((l) => [l.kind, l.line, l.amountFen])).toEqual([['commit', 'pre', 80_000 * YUAN]]);

    const twice = await admin.post<Err>('/api/v1/pre-subsidies', { ...body, approvedFen: 10_000 * YUAN });
    expect(twice.status).toBe(409);
    expect((await poolOf(pool.id)).committedFen).toBe(80_000 * YUAN);
    const after = await admin.get<Paged<{ projectId: string }>>('/api/v1/pre-subsidies/candidates?pageSize=100');
    expect(after.body.items.map((i) => i.projectId)).not.toContain(project.id);
    const granted = await admin.get<Paged<{ trancheId: string; downPaymentFen: number }>>('/api/v1/pre-subsidies?pageSize=100');
    expect(granted.body.items.find((i) => i.trancheId === ok.body.trancheId)?.downPaymentFen).toBe(300_000 * YUAN);
  });

  it('a batch decides each item on its own; a pool that cannot cover an item refuses only that item', async () => {
    const pool = await makePool(t.db, { year: 2094, totalFen: 100_000 * YUAN });
    const a = await underWay(500_000 * YUAN);
    const b = await underWay(500_000 * YUAN);
    const c = await underWay(500_000 * YUAN);
    const notYet = await makeProject(t.db, { enterprise: (await enterpriseWithUser(t.db)).org, state: 'contracting' });
    const res = await admin.post<{ results: Array<{ projectId: string; ok: boolean; code?: string }> }>('/api/v1/pre-subsidies/batches', {
      name: '2026年第一批预奖补',
      minutesRef: '局党组会议纪要〔2026〕12号',
      poolId: pool.id,
      items: [
        { projectId: a.id, downPaymentFen: 200_000 * YUAN, approvedFen: 60_000 * YUAN },
        { projectId: b.id, downPaymentFen: 100_000 * YUAN, approvedFen: 40_000 * YUAN },
        { projectId: c.id, downPaymentFen: 200_000 * YUAN, approvedFen: 50_000 * YUAN },
        { projectId: notYet.id, downPaymentFen: 0, approvedFen: 1 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.results.map((r) => [r.ok, r.code ?? null])).toEqual([
      [true, null],
      [false, 'AMOUNT_ABOVE_SUGGESTION'],
      [false, 'BUDGET_EXCEEDED'],
      [false, 'SUBSIDY_NOT_ELIGIBLE'],
    ]);
    expect((await poolOf(pool.id)).committedFen).toBe(60_000 * YUAN);
    expect(await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.projectId, c.id))).toHaveLength(0);
  });
});
