/**
 * The bureau's dashboards: money per pool (totals equal the ledger's sums), time spent per state from the
 * transition history, level uplift before vs after per industry / town / provider, and the pilot performance
 * report (figures and .xlsx). Only bureau staff see them; bad periods are 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makePool, makeProjectReadyToApply } from '../../src/db/factories';
import { organizations, users, workflowObjects } from '../../src/db/schema';
import { commitBudget, recordPaid, releaseBudget } from '../../src/server/modules/money/budget';
import { upliftGroups, type EvaluatedProject } from '../../src/server/modules/dashboards/service';

let t: TestApp;
let bureau: Client;
let enterprise: Client;
const YEAR = 2000 + Math.floor(Math.random() * 90);

interface Pool {
  id: string;
  year: number;
  totalFen: number;
  committedFen: number;
  paidFen: number;
  remainingFen: number;
  byLine: Array<{ line: string; committedFen: number; paidFen: number; releasedFen: number }>;
}
interface Group {
  key: string;
  projects: number;
  meanBefore: number | null;
  meanAfter: number;
  meanUplift: number | null;
  atLeastLevel2: number;
}

beforeAll(async () => {
  t = await startTestApp();
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = new Client(t.app, '10.62.0.1');
  await bureau.login(a.account, PASSWORD);
  const e = await enterpriseWithUser(t.db);
  enterprise = new Client(t.app, '10.62.0.2');
  await enterprise.login(e.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('money per pool', () => {
  it('shows each pool with committed, paid and remaining that equal its ledger', async () => {
    const pool = await makePool(t.db, { year: YEAR, fundSource: 'central', totalFen: 100_000_00 });
    const move = { poolId: pool.id, line: 'final' as const, projectId: null, actorUserId: null, refType: 'application' as const };
    await commitBudget(t.db, { ...move, refId: 'a1', amountFen: 30_000_00 });
    await commitBudget(t.db, { ...move, refId: 'a2', amountFen: 20_000_00 });
    await recordPaid(t.db, { ...move, refId: 'a1', amountFen: 30_000_00 });
    expect(await releaseBudget(t.db, { refType: 'application', refId: 'a2' }, { actorUserId: null })).toBe(20_000_00);
    const res = await bureau.get<Pool[]>(`/api/v1/dashboards/money?year=${YEAR}`);
    expect(res.status).toBe(200);
    const mine = res.body.find((p) => p.id === pool.id);
    expect(mine).toMatchObject({ totalFen: 100_000_00, committedFen: 30_000_00, paidFen: 30_000_00, remainingFen: 70_000_00 });
    expect(mine?.byLine).toEqual([{ line: 'final', committedFen: 30_000_00, paidFen: 30_000_00, releasedFen: 20_000_00 }]);
  });

  it('is for bureau staff only', async () => {
    expect((await enterprise.get('/api/v1/dashboards/money')).status).toBe(403);
    expect((await enterprise.get('/api/v1/dashboards/uplift')).status).toBe(403);
    expect((await enterprise.get('/api/v1/dashboards/performance?from=2026-01-01&to=2026-12-31')).status).toBe(403);
  });
});

describe('time per state', () => {
  it('lists every non-final state with completed stays and those waiting now', async () => {
    const res = await bureau.get<Array<{ state: string; completed: number; waiting: number; meanDays: number | null }>>('/api/v1/dashboards/stage-times');
    expect(res.status).toBe(200);
    const states = res.body.map((s) => s.state);
    expect(states).toContain('draft');
    expect(states).toContain('subsidyReview');
    expect(states).not.toContain('completed');
    for (const s of res.body) {
      expect(s.completed).toBeGreaterThanOrEqual(0);
      if (s.completed === 0) expect(s.meanDays).toBeNull();
    }
  });
});

describe('level uplift', () => {
  it('groups before vs after (pure)', () => {
    const base = { enterpriseId: 'e', enterpriseName: 'x', townCode: 'shiqi', providerOrgId: null, providerName: null, aboveScale: null, sptsGrade: null };
    const rows: EvaluatedProject[] = [
      { ...base, projectId: '1', industryCode: '38', before: 1, after: 2 },
      { ...base, projectId: '2', industryCode: '38', before: 1, after: 3 },
      { ...base, projectId: '3', industryCode: '38', before: null, after: 1 },
      { ...base, projectId: '4', industryCode: '33', before: 2, after: 2 },
    ];
    const g = upliftGroups(rows, 'industry');
    expect(g[0]).toMatchObject({ key: '38', projects: 3, meanBefore: 1, meanAfter: 2, meanUplift: 1.5, atLeastLevel2: 2 });
    expect(g[1]).toMatchObject({ key: '33', projects: 1, meanUplift: 0 });
  });

  it('counts evaluated projects with their levels from the archive', async () => {
    const e = await enterpriseWithUser(t.db, { industryCode: '29' });
    const [u] = await t.db.select().from(users).where(eq(users.orgId, e.org.id));
    const p = await makeProjectReadyToApply(t.db, { enterprise: e.org, level: 3, userId: u!.id });
    await t.db.update(workflowObjects).set({ data: { source: 'factory', levelBefore: 1 } }).where(and(eq(workflowObjects.projectId, p.id), eq(workflowObjects.kind, 'diagnosisReport')));
    const before = (await bureau.get<Group[]>('/api/v1/dashboards/uplift?by=industry')).body.find((g) => g.key === '29');
    expect(before).toMatchObject({ projects: 1, meanBefore: 1, meanAfter: 3, meanUplift: 2, atLeastLevel2: 1 });
    const town = await bureau.get<Group[]>('/api/v1/dashboards/uplift?by=town');
    expect(town.status).toBe(200);
    expect((await bureau.get('/api/v1/dashboards/uplift?by=colour')).status).toBe(400);
  });
});

describe('the pilot performance report', () => {
  it('gives the period figures and the workbook', async () => {
    const e = await enterpriseWithUser(t.db);
    await t.db.update(organizations).set({ aboveScale: true, sptsGrade: 'specialized', sptsYear: 2025 }).where(eq(organizations.id, e.org.id));
    const [u] = await t.db.select().from(users).where(eq(users.orgId, e.org.id));
    await makeProjectReadyToApply(t.db, { enterprise: e.org, level: 2, userId: u!.id });
    const from = '2026-01-01';
    const to = '2026-12-31';
    const res = await bureau.get<{ filed: number; transformed: number; atLeastLevel2: number; aboveScale: number; spts: { specialized: number }; sptsShareBp: number; level2Target: number }>(`/api/v1/dashboards/performance?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body.filed).toBeGreaterThanOrEqual(1);
    expect(res.body.transformed).toBeGreaterThanOrEqual(1);
    expect(res.body.atLeastLevel2).toBeGreaterThanOrEqual(1);
    expect(res.body.aboveScale).toBeGreaterThanOrEqual(1);
    expect(res.body.spts.specialized).toBeGreaterThanOrEqual(1);
    expect(res.body.level2Target).toBe(350);
    const x = await bureau.get(`/api/v1/dashboards/performance.xlsx?from=${from}&to=${to}`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体指标', '资金', '等级提升按行业', '等级提升按镇街', '等级提升按服务商', '企业明细']);
    const indicators = wb.getWorksheet('总体指标')!;
    expect(indicators.getCell('A2').value).toBe('统计期间');
  });

  it('refuses a reversed or malformed period naming the field', async () => {
    const bad = await bureau.get<{ code: string; details: { fields: Array<{ path: string }> } }>('/api/v1/dashboards/performance?from=2026-12-31&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f) => f.path)).toEqual(expect.arrayContaining([expect.stringMatching(/from$/), expect.stringMatching(/to$/)]));
    expect((await bureau.get('/api/v1/dashboards/performance?from=2026-02-30&to=2026-03-01')).status).toBe(400);
  });
});
