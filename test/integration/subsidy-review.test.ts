/**
 * The subsidy review chain (镇街初审 → 市工信局审查 → 专家评审 → 局党组审议 → 公示) and its budget: who may act in
 * which step, another town's review is a 404, returns and rejections with reasons, a double pass never moves
 * twice, decision batches with per-item results, and 50 concurrent approvals against a pool that fits 10.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, nextSeq, orgWithUser } from '../support/fixtures';
import { makeEnterprise, makePool, makeProject, type OrgRow } from '../../src/db/factories';
import { announcements, budgetPools, disbursementTranches, expertReviews, ledgerEntries, projects, subsidyApplications, workflowObjects } from '../../src/db/schema';
import { currentVersion } from '../../src/server/workflow/registry';

interface Err {
  code: string;
  message: string;
}
interface Detail {
  id: string;
  step: string;
  projectId: string;
  actions: Array<{ event: string; allowed: boolean }>;
  history: Array<{ event: string; from: string; to: string; reason: string | null }>;
  application: { suggestedFen: number | null; approvedFen: number | null; poolId: string | null };
  publicity: { announcementId: string | null; endsOn: string | null };
  returnReason: string | null;
}
interface Queue {
  items: Array<{ id: string; step: string; enterpriseName: string; suggestedFen: number | null }>;
  total: number;
  counts: { byStep: Record<string, number>; waiting: number; overdue: number };
}
interface Batch {
  id: string;
  status: string;
  items: Array<{ reviewId: string; approvedFen: number; ok: boolean | null; code: string | null; step: string }>;
  announcementId: string | null;
}

let t: TestApp;
let town: Client;
let otherTown: Client;
let reviewer: Client;
let admin: Client;
let enterprise: Client;
let chained: { url: string; reviewId: string; projectId: string; announcementId: string } | null = null;
let poolYear = 2100 + Math.floor(Math.random() * 800);

const SUGGESTED = 20_000_000; // 200,000 yuan

beforeAll(async () => {
  t = await startTestApp();
  const tw = await orgWithUser(t.db, 'town', { townCode: 'xiaolan' });
  const ot = await orgWithUser(t.db, 'town', { townCode: 'shiqi' });
  const rv = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  const ad = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  const en = await enterpriseWithUser(t.db);
  town = new Client(t.app, '127.0.1.1');
  otherTown = new Client(t.app, '127.0.1.2');
  reviewer = new Client(t.app, '127.0.1.3');
  admin = new Client(t.app, '127.0.1.4');
  enterprise = new Client(t.app, '127.0.1.5');
  await town.login(tw.account, PASSWORD);
  await otherTown.login(ot.account, PASSWORD);
  await reviewer.login(rv.account, PASSWORD);
  await admin.login(ad.account, PASSWORD);
  await enterprise.login(en.account, PASSWORD);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function pool(totalFen: number) {
  poolYear += 1;
  return makePool(t.db, { year: poolYear, totalFen });
}

/** A submitted application of a project in 奖补审核, its review object placed directly in `step`. */
async function application(step: string, opts: { enterprise?: OrgRow; suggestedFen?: number } = {}) {
  const e = opts.enterprise ?? (await makeEnterprise(t.db, nextSeq(), { townCode: 'xiaolan' }));
  const project = await makeProject(t.db, { enterprise: e, state: 'subsidyReview' });
  const [review] = await t.db
    .insert(workflowObjects)
    .values({ kind: 'subsidyReview', workflowVersion: currentVersion('subsidyReview'), state: step, projectId: project.id, version: 1 })
    .returning();
  if (!review) throw new Error('insert failed');
  const [app] = await t.db
    .insert(subsidyApplications)
    .values({ projectId: project.id, round: 1, reviewObjectId: review.id, suggestedFen: opts.suggestedFen ?? SUGGESTED, verifiedInvestmentFen: 50_000_000, calculation: { steps: [{ zh: '核定投资 50 万元', en: 'Verified investment 500,000 yuan' }], suggestedFen: opts.suggestedFen ?? SUGGESTED }, submittedAt: new Date() })
    .returning();
  if (!app) throw new Error('insert failed');
  return { project, review, app, url: `/api/v1/subsidy-reviews/${review.id}` };
}

function fire(c: Client, url: string, event: string, body: Record<string, unknown> = {}) {
  return c.post<Detail & Err>(`${url}/events/${event}`, body);
}

async function stateOf(reviewId: string) {
  const [row] = await t.db.select({ state: workflowObjects.state }).from(workflowObjects).where(eq(workflowObjects.id, reviewId));
  return row?.state;
}

describe('the chain for one application', () => {
  it('town → bureau → experts → batch decision → publicity, with roles and towns enforced', async () => {
    const a = await application('townReview');
    const p = await pool(SUGGESTED * 5);

    // The queue: the town sees its own, another town nothing of it, the enterprise no queue at all.
    const mine = await town.get<Queue>('/api/v1/subsidy-reviews?step=townReview&pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id)).toContain(a.review.id);
    expect(mine.body.counts.byStep.townReview).toBeGreaterThanOrEqual(1);
    const theirs = await otherTown.get<Queue>('/api/v1/subsidy-reviews?pageSize=100');
    expect(theirs.body.items.map((i) => i.id)).not.toContain(a.review.id);
    expect((await enterprise.get<Err>('/api/v1/subsidy-reviews')).status).toBe(403);
    expect((await otherTown.get<Err>(a.url)).status).toBe(404);
    expect((await fire(otherTown, a.url, 'pass')).status).toBe(404);

    // 镇街初审: only the town; the bureau's reviewer may not pass it.
    const early = await fire(reviewer, a.url, 'pass');
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('ROLE_NOT_ALLOWED');
    const detail = await town.get<Detail>(a.url);
    expect(detail.body.actions.map((x) => x.event)).toEqual(expect.arrayContaining(['pass', 'return']));
    const passed = await fire(town, a.url, 'pass', { reason: '材料齐全' });
    expect(passed.status).toBe(200);
    expect(passed.body.step).toBe('bureauExamination');
    // A double pass never moves twice.
    const again = await fire(town, a.url, 'pass', { step: 'townReview' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    // Without the step it saw, the town is simply not the one to act now.
    expect((await fire(town, a.url, 'pass')).status).toBe(403);
    expect(await stateOf(a.review.id)).toBe('bureauExamination');
    // The town does not act past its own step.
    const townDetail = await town.get<Detail>(a.url);
    expect(townDetail.body.actions).toEqual([]);

    // 市工信局审查 → 专家评审.
    expect((await fire(reviewer, a.url, 'pass')).body.step).toBe('expertReview');
    // Without experts the step cannot pass.
    const noExperts = await fire(reviewer, a.url, 'pass');
    expect(noExperts.status).toBeGreaterThanOrEqual(400);
    expect(await stateOf(a.review.id)).toBe('expertReview');
    await t.db.insert(expertReviews).values({ applicationId: a.app.id, projectId: a.project.id, expertUserId: crypto.randomUUID(), declaredAt: new Date(), totalScore: 85, recommendedFen: SUGGESTED, submittedAt: new Date() });
    expect((await fire(reviewer, a.url, 'pass')).body.step).toBe('partyGroupDecision');

    // 局党组审议 is the admin's, in a batch; the reviewer may not decide.
    const decidedByReviewer = await fire(reviewer, a.url, 'pass', { input: { approvedFen: SUGGESTED, poolId: p.id } });
    expect(decidedByReviewer.status).toBe(403);
    expect(decidedByReviewer.body.code).toBe('ROLE_NOT_ALLOWED');
    const above = await admin.post<Err>('/api/v1/decision-batches', { name: '2026年第一批', poolId: p.id, items: [{ reviewId: a.review.id, approvedFen: SUGGESTED + 1 }] });
    expect(above.status).toBe(422);
    expect(above.body.code).toBe('AMOUNT_ABOVE_SUGGESTION');
    const created = await admin.post<Batch>('/api/v1/decision-batches', { name: '2026年第一批', minutesRef: '局党组会议纪要〔2026〕12号', poolId: p.id, items: [{ reviewId: a.review.id }] });
    expect(created.status).toBe(201);
    expect(created.body.items[0]?.approvedFen).toBe(SUGGESTED);
    const edited = await admin.patch<Batch>(`/api/v1/decision-batches/${created.body.id}`, { items: [{ reviewId: a.review.id, approvedFen: SUGGESTED - 100_000 }] });
    expect(edited.body.items[0]?.approvedFen).toBe(SUGGESTED - 100_000);
    expect((await reviewer.post<Err>(`/api/v1/decision-batches/${created.body.id}/decide`, {})).status).toBe(403);
    const decided = await admin.post<Batch>(`/api/v1/decision-batches/${created.body.id}/decide`, {});
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('decided');
    expect(decided.body.items[0]?.ok).toBe(true);
    expect(decided.body.announcementId).toBeTruthy();
    expect((await admin.post<Err>(`/api/v1/decision-batches/${created.body.id}/decide`, {})).body.code).toBe('ALREADY_SUBMITTED');

    const inPublicity = await reviewer.get<Detail>(a.url);
    expect(inPublicity.body.step).toBe('publicity');
    expect(inPublicity.body.application.approvedFen).toBe(SUGGESTED - 100_000);
    expect(inPublicity.body.publicity.announcementId).toBe(decided.body.announcementId);
    const [pl] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, p.id));
    expect(pl?.committedFen).toBe(SUGGESTED - 100_000);

    // 公示: not before the window is over.
    const tooEarly = await fire(reviewer, a.url, 'pass');
    expect(tooEarly.status).toBe(422);
    expect(await stateOf(a.review.id)).toBe('publicity');
    chained = { url: a.url, reviewId: a.review.id, projectId: a.project.id, announcementId: decided.body.announcementId! };
    expect(inPublicity.body.history.map((h) => h.to)).toEqual(['bureauExamination', 'expertReview', 'partyGroupDecision', 'publicity']);
    expect(inPublicity.body.history[0]?.reason).toBe('材料齐全');
  }, 60_000);

  it('publicity over and no objection open → approved, the project in disbursement with its final tranche', async () => {
    expect(chained).toBeTruthy();
    const c = chained!;
    await t.db.update(announcements).set({ startsOn: '2020-01-01', endsOn: '2020-01-10' }).where(eq(announcements.id, c.announcementId));
    const res = await fire(reviewer, c.url, 'pass', { step: 'publicity' });
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('approved');
    const [p] = await t.db.select({ state: projects.state }).from(projects).where(eq(projects.id, c.projectId));
    expect(p?.state).toBe('disbursement');
    const tranches = await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.projectId, c.projectId));
    expect(tranches.map((x) => [x.line, x.amountFen])).toEqual([['final', SUGGESTED - 100_000]]);
  });

  it('a single pass outside a batch opens its own announcement; rejecting after approval releases the money', async () => {
    const a = await application('partyGroupDecision');
    const p = await pool(SUGGESTED);
    const over = await fire(admin, a.url, 'pass', { input: { approvedFen: SUGGESTED + 1, poolId: p.id } });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('AMOUNT_ABOVE_SUGGESTION');
    const ok = await fire(admin, a.url, 'pass', { input: { approvedFen: SUGGESTED, poolId: p.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.step).toBe('publicity');
    expect(ok.body.publicity.announcementId).toBeTruthy();
    const noReason = await fire(reviewer, a.url, 'reject');
    expect(noReason.status).toBeGreaterThanOrEqual(400);
    expect(await stateOf(a.review.id)).toBe('publicity');
    // The rejection concludes into the project (its certificate effect runs there).
    const rejected = await fire(reviewer, a.url, 'reject', { reason: '公示期间核实存在重复申报' });
    if (rejected.status === 200) {
      expect(rejected.body.step).toBe('rejected');
      const [pl] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, p.id));
      expect(pl?.committedFen).toBe(0);
      const rows = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.poolId, p.id));
      expect(rows.map((r) => r.kind).sort()).toEqual(['commit', 'release']);
    } else {
      // What rolled back left the commitment as it was.
      const [pl] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, p.id));
      expect(pl?.committedFen).toBe(SUGGESTED);
      expect(await stateOf(a.review.id)).toBe('publicity');
    }
  });

  it('returns need a reason and conclude the project as returned', async () => {
    const a = await application('townReview');
    const bare = await fire(town, a.url, 'return');
    expect(bare.status).toBeGreaterThanOrEqual(400);
    expect(await stateOf(a.review.id)).toBe('townReview');
    const returned = await fire(town, a.url, 'return', { reason: '缺少发票原件扫描件' });
    expect(returned.status).toBe(200);
    expect(returned.body.step).toBe('returned');
    const [p] = await t.db.select({ state: projects.state }).from(projects).where(eq(projects.id, a.project.id));
    expect(p?.state).toBe('subsidyReturned');
    // The town cannot reject (its step only returns).
    const b = await application('townReview');
    const rej = await fire(town, b.url, 'reject', { reason: '不符合条件' });
    expect(rej.status).toBeGreaterThanOrEqual(400);
    expect(await stateOf(b.review.id)).toBe('townReview');
  });

  it('exports the filtered queue as XLSX', async () => {
    const res = await reviewer.request('GET', '/api/v1/subsidy-reviews/export.xlsx?status=all');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('备案号');
    expect(ws?.rowCount).toBeGreaterThan(2);
    expect((await enterprise.request('GET', '/api/v1/subsidy-reviews/export.xlsx')).status).toBe(403);
  });
});

describe('budget', () => {
  it('50 concurrent approvals against a pool that fits 10 → exactly 10 committed', async () => {
    const amount = 5_000_000;
    const p = await pool(amount * 10);
    const apps = [];
    for (let i = 0; i < 50; i++) apps.push(await application('partyGroupDecision', { suggestedFen: amount }));
    const results = await Promise.all(apps.map((a) => fire(admin, a.url, 'pass', { input: { approvedFen: amount, poolId: p.id } })));
    const ok = results.filter((r) => r.status === 200);
    const exceeded = results.filter((r) => r.body.code === 'BUDGET_EXCEEDED');
    expect(ok.length).toBe(10);
    expect(exceeded.length).toBe(40);
    expect(exceeded.every((r) => r.status === 409)).toBe(true);
    const [pl] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, p.id));
    expect(pl?.committedFen).toBe(pl?.totalFen);
    const ledger = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.poolId, p.id), eq(ledgerEntries.kind, 'commit')));
    expect(ledger.length).toBe(10);
    const states = await Promise.all(apps.map((a) => stateOf(a.review.id)));
    expect(states.filter((s) => s === 'publicity').length).toBe(10);
    expect(states.filter((s) => s === 'partyGroupDecision').length).toBe(40);
  }, 120_000);

  it('a batch records each item’s result; items the pool cannot cover stay in the decision step', async () => {
    const p = await pool(SUGGESTED * 2);
    const items = [await application('partyGroupDecision'), await application('partyGroupDecision'), await application('partyGroupDecision')];
    const created = await admin.post<Batch>('/api/v1/decision-batches', { name: '2026年第二批', poolId: p.id, items: items.map((a) => ({ reviewId: a.review.id })) });
    expect(created.status).toBe(201);
    // An application in a draft batch cannot go into another one.
    const twice = await admin.post<Err>('/api/v1/decision-batches', { name: '重复', poolId: p.id, items: [{ reviewId: items[0]!.review.id }] });
    expect(twice.status).toBe(400);
    const decided = await admin.post<Batch>(`/api/v1/decision-batches/${created.body.id}/decide`, {});
    expect(decided.status).toBe(200);
    const byReview = new Map(decided.body.items.map((i) => [i.reviewId, i]));
    const oks = decided.body.items.filter((i) => i.ok);
    const fails = decided.body.items.filter((i) => i.ok === false);
    expect(oks.length).toBe(2);
    expect(fails.map((f) => f.code)).toEqual(['BUDGET_EXCEEDED']);
    expect(fails[0]?.step).toBe('partyGroupDecision');
    expect(byReview.size).toBe(3);
    const [ann] = await t.db.select().from(announcements).where(eq(announcements.id, decided.body.announcementId!));
    expect(ann?.kind).toBe('funded');
    const [pl] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, p.id));
    expect(pl?.committedFen).toBe(SUGGESTED * 2);
    // The failed item may go into a new batch.
    const next = await admin.post<Batch>('/api/v1/decision-batches', { name: '2026年第三批', poolId: p.id, items: [{ reviewId: fails[0]!.reviewId }] });
    expect(next.status).toBe(201);
  }, 60_000);
});
