/**
 * 政策配置 and 预算池: policy versions (draft → published, immutable, retired, new version from, the version in
 * force on a day), budget pools (unique per year and fund source, the total never below what is committed), the
 * ledger with its filters and its export whose per-pool totals agree with the pools. Roles: the bureau's admin
 * writes policies, admin and finance write pools, every bureau duty reads, nobody else.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { DEFAULT_POLICY_RULES } from '../../src/core/subsidy/policy';
import { auditEvents, budgetPools } from '../../src/db/schema';
import { makePool, makeProject } from '../../src/db/factories';
import { commitBudget, recordPaid, releaseBudget } from '../../src/server/modules/money/budget';

interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; message: string }>; committedFen?: number };
}
interface Policy {
  id: string;
  code: string;
  version: number;
  status: string;
  name: string;
  rules: typeof DEFAULT_POLICY_RULES;
  effectiveFrom: string;
  effectiveTo: string | null;
  canEdit: boolean;
  canPublish: boolean;
  inForceToday: boolean;
}
interface Pool {
  id: string;
  year: number;
  fundSource: string;
  name: string;
  totalFen: number;
  committedFen: number;
  paidFen: number;
  remainingFen: number;
}
interface PoolList {
  items: Pool[];
  total: number;
  totals: { totalFen: number; committedFen: number; paidFen: number; remainingFen: number };
  bySource: Array<{ fundSource: string; totalFen: number; committedFen: number }>;
  canWrite: boolean;
}
interface Ledger {
  items: Array<{ id: number; poolId: string; projectId: string | null; kind: string; line: string; amountFen: number; enterpriseName: string | null; kindLabel: { zh: string } }>;
  total: number;
  page: number;
  pageSize: number;
  sums: { commitFen: number; releaseFen: number; payFen: number };
}

let t: TestApp;
let admin: Client;
let reviewer: Client;
let finance: Client;
let enterprise: Client;
let town: Client;
const API = '/api/v1';
let ip = 10;

async function signIn(account: string): Promise<Client> {
  ip += 1;
  const c = new Client(t.app, `127.0.1.${ip}`);
  await c.login(account, PASSWORD);
  return c;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' })).account);
  reviewer = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account);
  finance = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' })).account);
  enterprise = await signIn((await enterpriseWithUser(t.db)).account);
  town = await signIn((await orgWithUser(t.db, 'town', { townCode: 'guzhen' })).account);
});
afterAll(async () => {
  await t?.close();
});

function draftBody(over: Record<string, unknown> = {}) {
  return { code: 'zs-2024-5', name: '中山市数字化转型城市试点专项资金（中工信规字〔2024〕5号）', effectiveFrom: '2024-01-01', effectiveTo: null, rules: DEFAULT_POLICY_RULES, ...over };
}

describe('policy versions', () => {
  it('only the bureau admin writes; reviewer and finance read; enterprise and town get 403', async () => {
    for (const c of [reviewer, finance, enterprise, town]) {
      const res = await c.post<Err>(`${API}/policies`, draftBody({ code: 'zs-roles' }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN_ROLE');
    }
    for (const c of [enterprise, town]) expect((await c.get<Err>(`${API}/policies`)).status).toBe(403);
    for (const c of [reviewer, finance, admin]) expect((await c.get(`${API}/policies`)).status).toBe(200);
  });

  it('bad rules: 400 with the field paths and specific Chinese messages', async () => {
    const res = await admin.post<Err>(
      `${API}/policies`,
      draftBody({
        code: 'zs-bad',
        rules: {
          ...DEFAULT_POLICY_RULES,
          levelCapsFen: { '2': 30_000_000.5, '3': 20_000_000, '4': 100_000_000 },
          investmentShareBp: 12_000,
          eligibleClasses: [],
          shareDeadlines: [{ after: '2026-02-30', shareBp: 3000 }],
        },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const byPath = new Map(res.body.details.fields?.map((f) => [f.path, f.message]));
    expect(byPath.get('rules.levelCapsFen.2')).toContain('二级奖补上限以分为单位');
    expect(byPath.get('rules.investmentShareBp')).toContain('不能超过100%');
    expect(byPath.get('rules.eligibleClasses')).toContain('请至少选择一个可计入的费用类别');
    expect(byPath.get('rules.shareDeadlines.0.after')).toContain('不是有效的日期');
    const order = await admin.post<Err>(`${API}/policies`, draftBody({ code: 'zs-bad', rules: { ...DEFAULT_POLICY_RULES, levelCapsFen: { '2': 300, '3': 200, '4': 100 } } }));
    expect(order.status).toBe(400);
    expect(order.body.details.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['rules.levelCapsFen.3', 'rules.levelCapsFen.4']));
    const dates = await admin.post<Err>(`${API}/policies`, draftBody({ code: 'zs-bad', effectiveFrom: '2026-01-01', effectiveTo: '2025-12-31' }));
    expect(dates.status).toBe(400);
    expect(dates.body.details.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['effectiveFrom', 'effectiveTo']));
    expect((await admin.get<{ total: number }>(`${API}/policies?code=zs-bad`)).body.total).toBe(0);
  });

  it('draft → edit → publish; then edits refused (409 POLICY_PUBLISHED); a new version from it; in force by version', async () => {
    const created = await admin.post<Policy>(`${API}/policies`, draftBody({ code: 'zs-flow' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'zs-flow', version: 1, status: 'draft', canEdit: true });

    const edited = await admin.patch<Policy>(`${API}/policies/${created.body.id}`, { rules: { ...DEFAULT_POLICY_RULES, investmentShareBp: 5000 }, effectiveTo: '2026-12-31' });
    expect(edited.status).toBe(200);
    expect(edited.body.rules.investmentShareBp).toBe(5000);
    expect(edited.body.effectiveTo).toBe('2026-12-31');

    expect((await reviewer.post<Err>(`${API}/policies/${created.body.id}/publish`)).status).toBe(403);
    const published = await admin.post<Policy>(`${API}/policies/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'active', canEdit: false });

    const refused = await admin.patch<Err>(`${API}/policies/${created.body.id}`, { name: '改名' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('POLICY_PUBLISHED');
    expect(refused.body.message).toContain('已发布，不能修改');
    expect((await admin.post<Err>(`${API}/policies/${created.body.id}/publish`)).body.code).toBe('POLICY_PUBLISHED');
    expect((await admin.request<Err>('DELETE', `${API}/policies/${created.body.id}`)).body.code).toBe('POLICY_PUBLISHED');

    const v2 = await admin.post<Policy>(`${API}/policies/${created.body.id}/new-version`);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ code: 'zs-flow', version: 2, status: 'draft' });
    expect(v2.body.rules.investmentShareBp).toBe(5000);
    await admin.patch(`${API}/policies/${v2.body.id}`, { effectiveFrom: '2025-07-01', effectiveTo: null, rules: { ...DEFAULT_POLICY_RULES, investmentShareBp: 4000 } });

    const before = await enterprise.get<{ policy: Policy | null }>(`${API}/policies/in-force?on=2025-07-01`);
    expect(before.status).toBe(200);
    expect(before.body.policy?.id).toBe(created.body.id); // the draft is not in force
    await admin.post(`${API}/policies/${v2.body.id}/publish`);
    // overlapping active versions: the higher version wins where both apply; v1 alone before 2025-07-01
    expect((await reviewer.get<{ policy: Policy | null }>(`${API}/policies/in-force?on=2025-07-01`)).body.policy?.id).toBe(v2.body.id);
    expect((await reviewer.get<{ policy: Policy | null }>(`${API}/policies/in-force?on=2025-06-30`)).body.policy?.id).toBe(created.body.id);
    expect((await reviewer.get<{ policy: Policy | null }>(`${API}/policies/in-force?on=2023-12-31`)).body.policy).toBeNull();
    expect((await reviewer.get<Err>(`${API}/policies/in-force?on=2025-13-01`)).status).toBe(400);

    // retire v2 → v1 is in force again
    expect((await admin.post<Err>(`${API}/policies/${v2.body.id}/retire`, {})).status).toBe(400);
    const retired = await admin.post<Policy>(`${API}/policies/${v2.body.id}/retire`, { reason: '政策调整' });
    expect(retired.body.status).toBe('retired');
    expect((await reviewer.get<{ policy: Policy | null }>(`${API}/policies/in-force?on=2025-07-01`)).body.policy?.id).toBe(created.body.id);
    expect((await admin.patch<Err>(`${API}/policies/${v2.body.id}`, { name: '新名称' })).body.code).toBe('POLICY_PUBLISHED');

    const list = await reviewer.get<{ items: Policy[]; total: number }>(`${API}/policies?code=zs-flow`);
    expect(list.body.items.map((p) => p.version)).toEqual([2, 1]);

    const audits = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, created.body.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.created', 'policy.draftChanged', 'policy.published']));
  });

  it('a draft may be deleted; another enterprise-side id is simply 404', async () => {
    const d = await admin.post<Policy>(`${API}/policies`, draftBody({ code: 'zs-del' }));
    expect((await admin.request('DELETE', `${API}/policies/${d.body.id}`)).status).toBe(200);
    expect((await admin.get<Err>(`${API}/policies/${d.body.id}`)).status).toBe(404);
    expect((await admin.patch<Err>(`${API}/policies/00000000-0000-4000-8000-000000000000`, { name: '不存在' })).status).toBe(404);
  });

  it('two concurrent drafts of the same code get different versions', async () => {
    const [a, b] = await Promise.all([admin.post<Policy>(`${API}/policies`, draftBody({ code: 'zs-race' })), admin.post<Policy>(`${API}/policies`, draftBody({ code: 'zs-race' }))]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(new Set([a.body.version, b.body.version])).toEqual(new Set([1, 2]));
  });
});

describe('budget pools', () => {
  it('create (admin or finance), unique per year and fund source, reviewer reads only', async () => {
    const created = await finance.post<Pool>(`${API}/budget/pools`, { year: 2031, fundSource: 'central', totalFen: 1_000_000_00 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ year: 2031, fundSource: 'central', name: '2031年度中央财政资金', remainingFen: 1_000_000_00 });
    const dup = await admin.post<Err>(`${API}/budget/pools`, { year: 2031, fundSource: 'central', totalFen: 5 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('POOL_EXISTS');
    expect(dup.body.message).toContain('2031年度中央财政资金预算池已存在');
    expect((await reviewer.post<Err>(`${API}/budget/pools`, { year: 2032, fundSource: 'city', totalFen: 5 })).status).toBe(403);
    expect((await enterprise.get<Err>(`${API}/budget/pools`)).status).toBe(403);
    expect((await reviewer.get<PoolList>(`${API}/budget/pools?year=2031`)).body.canWrite).toBe(false);
    const bad = await admin.post<Err>(`${API}/budget/pools`, { year: 2031, fundSource: 'county', totalFen: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['fundSource', 'totalFen']));
  });

  it('the total never goes below what is committed', async () => {
    const pool = await makePool(t.db, { year: 2033, fundSource: 'city', totalFen: 500_000_00 });
    const e = await enterpriseWithUser(t.db);
    const project = await makeProject(t.db, { enterprise: e.org, state: 'subsidyReview' });
    await commitBudget(t.db, { poolId: pool.id, amountFen: 300_000_00, line: 'final', projectId: project.id, refType: 'application', refId: 'app-1', actorUserId: null });
    const below = await admin.patch<Err>(`${API}/budget/pools/${pool.id}`, { totalFen: 300_000_00 - 1 });
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('POOL_TOTAL_BELOW_COMMITTED');
    expect(below.body.message).toContain('已占用 30万元');
    expect(below.body.details.committedFen).toBe(300_000_00);
    const [row] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, pool.id));
    expect(row?.totalFen).toBe(500_000_00);
    const exact = await finance.patch<Pool>(`${API}/budget/pools/${pool.id}`, { totalFen: 300_000_00, reason: '年中调整' });
    expect(exact.status).toBe(200);
    expect(exact.body.remainingFen).toBe(0);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, pool.id), eq(auditEvents.action, 'budgetPool.changed')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toMatchObject({ reason: '年中调整', changes: { totalFen: [500_000_00, 300_000_00] } });
  });
});

describe('ledger', () => {
  it('filters, pages, sums; the export’s per-pool totals match the pool rows', async () => {
    const central = await makePool(t.db, { year: 2040, fundSource: 'central', totalFen: 2_000_000_00 });
    const city = await makePool(t.db, { year: 2040, fundSource: 'city', totalFen: 1_000_000_00 });
    const e1 = await enterpriseWithUser(t.db);
    const e2 = await enterpriseWithUser(t.db);
    const p1 = await makeProject(t.db, { enterprise: e1.org, state: 'disbursement' });
    const p2 = await makeProject(t.db, { enterprise: e2.org, state: 'disbursement' });
    await commitBudget(t.db, { poolId: central.id, amountFen: 300_000_00, line: 'final', projectId: p1.id, refType: 'application', refId: 'a1', actorUserId: null });
    await recordPaid(t.db, { poolId: central.id, amountFen: 300_000_00, line: 'final', projectId: p1.id, refType: 'application', refId: 'a1', actorUserId: null });
    await commitBudget(t.db, { poolId: central.id, amountFen: 90_000_00, line: 'pre', projectId: p2.id, refType: 'preSubsidy', refId: 'pre2', actorUserId: null });
    await commitBudget(t.db, { poolId: city.id, amountFen: 250_000_00, line: 'benchmark', projectId: p2.id, refType: 'benchmark', refId: 'b2', actorUserId: null });
    await releaseBudget(t.db, { refType: 'benchmark', refId: 'b2' }, { actorUserId: null, reason: '撤销' });

    const all = await reviewer.get<Ledger>(`${API}/budget/ledger?pageSize=2`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
    expect(all.body.items).toHaveLength(2);

    const byPool = await finance.get<Ledger>(`${API}/budget/ledger?poolId=${central.id}`);
    expect(byPool.body.total).toBe(3);
    expect(byPool.body.sums).toEqual({ commitFen: 390_000_00, releaseFen: 0, payFen: 300_000_00 });
    const byProject = await finance.get<Ledger>(`${API}/budget/ledger?projectId=${p2.id}`);
    expect(byProject.body.total).toBe(3);
    expect(byProject.body.items.every((i) => i.enterpriseName === e2.org.name)).toBe(true);
    const byKind = await finance.get<Ledger>(`${API}/budget/ledger?projectId=${p2.id}&kind=release`);
    expect(byKind.body.items.map((i) => [i.kind, i.line, i.amountFen, i.kindLabel.zh])).toEqual([['release', 'benchmark', 250_000_00, '释放']]);
    const byLine = await finance.get<Ledger>(`${API}/budget/ledger?poolId=${central.id}&line=pre`);
    expect(byLine.body.total).toBe(1);
    expect((await finance.get<Ledger>(`${API}/budget/ledger?poolId=${central.id}&from=2000-01-01&to=2000-12-31`)).body.total).toBe(0);
    expect((await finance.get<Ledger>(`${API}/budget/ledger?poolId=${central.id}&from=2000-01-01`)).body.total).toBe(3);
    expect((await finance.get<Err>(`${API}/budget/ledger?from=2026-05-01&to=2026-04-01`)).status).toBe(400);
    expect((await finance.get<Err>(`${API}/budget/ledger?kind=steal`)).status).toBe(400);
    expect((await town.get<Err>(`${API}/budget/ledger`)).status).toBe(403);
    expect((await enterprise.get<Err>(`${API}/budget/ledger/export.xlsx`)).status).toBe(403);

    const pools = await reviewer.get<PoolList>(`${API}/budget/pools?year=2040`);
    const centralRow = pools.body.items.find((p) => p.id === central.id);
    expect(centralRow).toMatchObject({ committedFen: 390_000_00, paidFen: 300_000_00, remainingFen: 1_610_000_00 });
    expect(pools.body.items.find((p) => p.id === city.id)).toMatchObject({ committedFen: 0, paidFen: 0 });
    expect(pools.body.totals).toEqual({ totalFen: 3_000_000_00, committedFen: 390_000_00, paidFen: 300_000_00, remainingFen: 2_610_000_00 });

    const xlsx = await finance.get<string>(`${API}/budget/ledger/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('预算池汇总');
    expect(sheet).toBeDefined();
    const found = new Map<string, { committed: number; paid: number; ledgerCommitted: number; ledgerPaid: number; matches: string }>();
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      found.set(String(row.getCell(3).value), {
        committed: Number(row.getCell(5).value),
        paid: Number(row.getCell(6).value),
        ledgerCommitted: Number(row.getCell(8).value),
        ledgerPaid: Number(row.getCell(9).value),
        matches: String(row.getCell(10).value),
      });
    });
    expect(found.get(central.name)).toEqual({ committed: 390_000, paid: 300_000, ledgerCommitted: 390_000, ledgerPaid: 300_000, matches: '相符' });
    expect(found.get(city.name)).toEqual({ committed: 0, paid: 0, ledgerCommitted: 0, ledgerPaid: 0, matches: '相符' });
    for (const v of found.values()) expect(v.matches).toBe('相符');

    const ledgerSheet = wb.getWorksheet('资金台账');
    const lastRow = ledgerSheet?.getRow(ledgerSheet.rowCount);
    const filteredTotal = (await finance.get<Ledger>(`${API}/budget/ledger`)).body.sums;
    expect(lastRow?.getCell(2).value).toContain('合计');
    const resultOf = (v: unknown) => (typeof v === 'object' && v && 'result' in v ? Number((v as { result: number }).result) : Number(v));
    expect(Math.round(resultOf(lastRow?.getCell(9).value) * 100)).toBe(filteredTotal.commitFen);
    expect(Math.round(resultOf(lastRow?.getCell(11).value) * 100)).toBe(filteredTotal.payFen);
  });
});
