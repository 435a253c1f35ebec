/**
 * 专家评审: the bureau assigns review experts to an application in the expert step; each declares (or recuses),
 * scores against the rubric and recommends an amount ≤ the suggestion; the bureau sees mean, spread and outliers.
 * An expert sees only their own assignments, only during the step — nothing else on the platform.
 */
import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf } from '../support/sample-files';
import { makeProjectReadyToApply } from '../../src/db/factories';
import { expertReviews, files, materials, outbox, subsidyApplications, subsidyInvoices, subsidyPayments, users, workflowObjects } from '../../src/db/schema';
import { currentVersion } from '../../src/server/workflow/registry';
import { expertSummary } from '../../src/server/modules/experts/service';
import { expertFacts } from '../../src/server/modules/experts/facts';

interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; message: string }>; suggestedFen?: number };
}
interface Task {
  id: string;
  status: string;
  readOnly: boolean;
  active: boolean;
  totalScore: number | null;
  scores: Record<string, number>;
  facts: null | { suggestedFen: number | null; invoices: unknown[]; payments: unknown[]; materials: Array<{ id: string; slotKey: string; fileName: string }> };
}
interface BureauView {
  canAssign: boolean;
  items: Array<{ id: string; expertUserId: string; status: string; totalScore: number | null; scores: Record<string, number> | null; recommendedFen: number | null; outlier: boolean }>;
  summary: { assigned: number; submitted: number; recused: number; withdrawn: number; stats: { count: number; meanScore: number | null; spread: number | null; outliers: string[]; meanRecommendedFen: number | null } };
}
interface Page<T> {
  items: T[];
  total: number;
}

let t: TestApp;
let bureau: Client;
const SUGGESTED = 300_000_00;

interface Expert {
  userId: string;
  c: Client;
}
let ipSeq = 20;
async function expert(): Promise<Expert> {
  const x = await orgWithUser(t.db, 'expert');
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, x.account));
  const c = new Client(t.app, `127.0.1.${ipSeq++}`);
  await c.login(x.account, PASSWORD);
  return { userId: u!.id, c };
}

/** A submitted application whose review object is in `state`, with an invoice, a payment and one uploaded material. */
async function underReview(state = 'expertReview') {
  const e = await enterpriseWithUser(t.db);
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
  const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, userId: u!.id, state: 'subsidyReview' });
  const [obj] = await t.db
    .insert(workflowObjects)
    .values({ kind: 'subsidyReview', workflowVersion: currentVersion('subsidyReview'), state, projectId: project.id, version: 1 })
    .returning({ id: workflowObjects.id });
  const [app] = await t.db
    .insert(subsidyApplications)
    .values({ projectId: project.id, reviewObjectId: obj!.id, suggestedFen: SUGGESTED, verifiedInvestmentFen: 500_000_00, calculation: { suggestedFen: SUGGESTED, steps: [] }, submittedAt: new Date(), submittedBy: u!.id })
    .returning({ id: subsidyApplications.id });
  await t.db.insert(subsidyInvoices).values({ applicationId: app!.id, number: 'FP-001', issuedOn: '2026-05-01', amountFen: 500_000_00, taxFen: 28_301_89, costClass: 'software' });
  await t.db.insert(subsidyPayments).values({ applicationId: app!.id, paidOn: '2026-06-01', amountFen: 500_000_00, payee: '服务商' });
  const stored = await t.app.files.put(Readable.from([pdf(64)]), { maxBytes: 1_000_000 });
  await t.db.insert(files).values({ sha256: stored.sha256, size: stored.size, format: stored.format, kind: stored.kind, mime: stored.mime }).onConflictDoNothing();
  const [m] = await t.db
    .insert(materials)
    .values({ objectType: 'project', objectId: project.id, projectId: project.id, slotKey: 'subsidy.invoices', fileSha256: stored.sha256, fileName: '发票.pdf', size: stored.size, kind: stored.kind, mime: stored.mime, state: 'applySubsidy', uploadedBy: u!.id, uploaderOrgId: e.org.id })
    .returning({ id: materials.id });
  return { project, reviewId: obj!.id, applicationId: app!.id, materialId: m!.id, enterprise: e };
}

async function assign(reviewId: string, experts: readonly Expert[]) {
  const res = await bureau.post<BureauView>(`/api/v1/subsidy-reviews/${reviewId}/experts`, { userIds: experts.map((x) => x.userId) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function taskOf(x: Expert, reviewId: string): Promise<string> {
  const [row] = await t.db
    .select({ id: expertReviews.id })
    .from(expertReviews)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, expertReviews.applicationId))
    .where(and(eq(subsidyApplications.reviewObjectId, reviewId), eq(expertReviews.expertUserId, x.userId)));
  return row!.id;
}

const sheet = (outcome: number, investment: number, technology: number, uplift: number, materialsScore: number) => ({ outcome, investment, technology, uplift, materials: materialsScore });
const OPINION = '改造内容与合同一致，系统已上线运行，投入真实，建议予以支持。';

beforeAll(async () => {
  t = await startTestApp();
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = new Client(t.app, '127.0.0.9');
  await bureau.login(b.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('expert review', () => {
  it('three experts declare and score; the bureau sees mean, spread and the outlier; a recused expert is not counted', async () => {
    const r = await underReview();
    const [a, b, c, d] = [await expert(), await expert(), await expert(), await expert()];
    const view = await assign(r.reviewId, [a, b, c, d]);
    expect(view.canAssign).toBe(true);
    expect(view.items.map((i) => i.status)).toEqual(['toDeclare', 'toDeclare', 'toDeclare', 'toDeclare']);
    const notes = await t.db.select({ payload: outbox.payload }).from(outbox).where(sql`${outbox.payload}->>'kind' = 'expertReview.assigned'`);
    for (const x of [a, b, c, d]) expect(notes.some((n) => JSON.stringify(n.payload).includes(x.userId))).toBe(true);

    // the list: pending first, with the due date
    const list = await a.c.get<Page<{ id: string; status: string; dueOn: string; overdue: boolean }>>('/api/v1/expert-reviews');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ status: 'toDeclare', overdue: false });
    expect(list.body.items[0]!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const ids = { a: await taskOf(a, r.reviewId), b: await taskOf(b, r.reviewId), c: await taskOf(c, r.reviewId), d: await taskOf(d, r.reviewId) };
    // before the declaration: no case facts, no scoring, no download
    const before = await a.c.get<Task>(`/api/v1/expert-reviews/${ids.a}`);
    expect(before.status).toBe(200);
    expect(before.body.facts).toBeNull();
    const early = await a.c.post<Err>(`/api/v1/expert-reviews/${ids.a}/review`, { scores: sheet(25, 20, 15, 12, 8), recommendedFen: 250_000_00, opinion: OPINION });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('CONFLICT_DECLARATION_REQUIRED');
    expect((await a.c.get(`/api/v1/expert-reviews/${ids.a}/materials/${r.materialId}/download`)).status).toBe(422);

    for (const [x, id] of [[a, ids.a], [b, ids.b], [c, ids.c]] as const) {
      const dec = await x.c.post<Task>(`/api/v1/expert-reviews/${id}/declaration`, { noConflict: true });
      expect(dec.status, JSON.stringify(dec.body)).toBe(200);
      expect(dec.body.status).toBe('toScore');
      expect(dec.body.facts?.invoices).toHaveLength(1);
      expect(dec.body.facts?.payments).toHaveLength(1);
      expect(dec.body.facts?.suggestedFen).toBe(SUGGESTED);
      expect(dec.body.facts?.materials.map((m) => m.id)).toEqual([String(r.materialId)]);
    }
    expect((await a.c.post<Err>(`/api/v1/expert-reviews/${ids.a}/declaration`, { noConflict: true })).body.code).toBe('ALREADY_CONFIRMED');
    const recuse = await d.c.post<Task>(`/api/v1/expert-reviews/${ids.d}/declaration`, { noConflict: false, reason: '曾为该企业提供咨询服务' });
    expect(recuse.status).toBe(200);
    expect(recuse.body).toMatchObject({ status: 'recused', facts: null, readOnly: true });
    expect((await d.c.post<Err>(`/api/v1/expert-reviews/${ids.d}/review`, { scores: sheet(1, 1, 1, 1, 1), recommendedFen: 1, opinion: OPINION })).body.code).toBe('CONFLICT_DECLARATION_REQUIRED');
    expect((await d.c.get(`/api/v1/expert-reviews/${ids.d}/materials/${r.materialId}/download`)).status).toBe(422);

    // the assigned, declared expert downloads the application's material
    const dl = await a.c.get(`/api/v1/expert-reviews/${ids.a}/materials/${r.materialId}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // a draft is saved, partial, and stays the expert's own
    const draft = await a.c.request<Task>('PUT', `/api/v1/expert-reviews/${ids.a}/review`, { scores: { outcome: 25 }, opinion: '草稿' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.scores).toEqual({ outcome: 25 });
    // fields not sent stay
    const kept = await a.c.request<Task & { opinion: string | null }>('PUT', `/api/v1/expert-reviews/${ids.a}/review`, { recommendedFen: 240_000_00 });
    expect(kept.body).toMatchObject({ scores: { outcome: 25 }, opinion: '草稿', recommendedFen: 240_000_00 });
    const mid = await bureau.get<BureauView>(`/api/v1/subsidy-reviews/${r.reviewId}/experts`);
    expect(mid.body.items.find((i) => i.expertUserId === a.userId)?.scores).toBeNull();

    for (const [x, id, s, fen] of [
      [a, ids.a, sheet(25, 20, 15, 12, 8), 250_000_00],
      [b, ids.b, sheet(26, 21, 16, 12, 9), 260_000_00],
      [c, ids.c, sheet(15, 12, 10, 8, 5), 100_000_00],
    ] as const) {
      const res = await x.c.post<Task>(`/api/v1/expert-reviews/${id}/review`, { scores: s, recommendedFen: fen, opinion: OPINION });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'submitted', readOnly: true });
    }
    const again = await a.c.post<Err>(`/api/v1/expert-reviews/${ids.a}/review`, { scores: sheet(30, 25, 20, 15, 10), recommendedFen: 1, opinion: OPINION });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    expect((await a.c.request<Err>('PUT', `/api/v1/expert-reviews/${ids.a}/review`, { scores: {} })).body.code).toBe('ALREADY_SUBMITTED');

    const done = await bureau.get<BureauView>(`/api/v1/subsidy-reviews/${r.reviewId}/experts`);
    expect(done.status).toBe(200);
    expect(done.body.summary).toMatchObject({ assigned: 3, submitted: 3, recused: 1, withdrawn: 0 });
    expect(done.body.summary.stats).toMatchObject({ count: 3, meanScore: 71.3, spread: 34, outliers: [ids.c], meanRecommendedFen: 203_333_33 });
    expect(done.body.items.find((i) => i.id === ids.c)?.outlier).toBe(true);
    expect(done.body.items.find((i) => i.id === ids.a)).toMatchObject({ totalScore: 80, outlier: false, recommendedFen: 250_000_00 });
    expect(done.body.items.find((i) => i.id === ids.d)?.status).toBe('recused');
    const summary = await expertSummary(t.db, r.applicationId);
    expect(summary.stats.meanScore).toBe(71.3);
    const facts = await t.db.transaction(async (tx) => expertFacts.load({ tx, project: r.project } as unknown as Parameters<typeof expertFacts.load>[0]));
    expect(facts).toEqual({ expertReviews: { assigned: 3, submitted: 3 } });
  });

  it('an expert sees nothing unassigned', async () => {
    const mine = await underReview();
    const other = await underReview();
    const [x, y] = [await expert(), await expert()];
    await assign(mine.reviewId, [x]);
    await assign(other.reviewId, [y]);
    const own = await taskOf(x, mine.reviewId);
    const others = await taskOf(y, other.reviewId);
    await x.c.post(`/api/v1/expert-reviews/${own}/declaration`, { noConflict: true });

    const list = await x.c.get<Page<{ id: string }>>('/api/v1/expert-reviews');
    expect(list.body.items.map((i) => i.id)).toEqual([own]);
    const lonely = await expert();
    const empty = await lonely.c.get<Page<unknown>>('/api/v1/expert-reviews');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ items: [], total: 0 });

    const theirs = await x.c.get<Err>(`/api/v1/expert-reviews/${others}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('EXPERT_NOT_ASSIGNED');
    expect((await x.c.post(`/api/v1/expert-reviews/${others}/declaration`, { noConflict: true })).status).toBe(404);
    expect((await x.c.get(`/api/v1/expert-reviews/${others}/materials/${other.materialId}/download`)).status).toBe(404);
    // another project's material through one's own assignment
    expect((await x.c.get(`/api/v1/expert-reviews/${own}/materials/${other.materialId}/download`)).status).toBe(404);
    // the rest of the platform: even the assigned project is not open to the expert outside the review
    for (const p of [mine, other]) {
      expect((await x.c.get(`/api/v1/projects/${p.project.id}`)).status).toBe(404);
      expect((await x.c.get(`/api/v1/projects/${p.project.id}/materials`)).status).toBe(404);
      expect((await x.c.get(`/api/v1/materials/${p.materialId}/download`)).status).toBe(404);
    }
    const projects = await x.c.get<Page<unknown>>('/api/v1/projects');
    if (projects.status === 200) expect(projects.body.total).toBe(0);
    else expect(projects.status).toBe(403);
    expect((await x.c.get(`/api/v1/subsidy-reviews/${mine.reviewId}/experts`)).status).toBe(403);
    expect((await x.c.post(`/api/v1/subsidy-reviews/${mine.reviewId}/experts`, { userIds: [x.userId] })).status).toBe(403);
    expect((await x.c.get('/api/v1/experts')).status).toBe(403);
  });

  it("after the step moves on, the expert's access ends except their own submitted review", async () => {
    const r = await underReview();
    const [a, b] = [await expert(), await expert()];
    await assign(r.reviewId, [a, b]);
    const [ia, ib] = [await taskOf(a, r.reviewId), await taskOf(b, r.reviewId)];
    await a.c.post(`/api/v1/expert-reviews/${ia}/declaration`, { noConflict: true });
    await b.c.post(`/api/v1/expert-reviews/${ib}/declaration`, { noConflict: true });
    await a.c.post(`/api/v1/expert-reviews/${ia}/review`, { scores: sheet(20, 20, 15, 10, 8), recommendedFen: 200_000_00, opinion: OPINION });
    await t.db.update(workflowObjects).set({ state: 'partyGroupDecision' }).where(eq(workflowObjects.id, r.reviewId));

    const summaryView = await a.c.get<Task>(`/api/v1/expert-reviews/${ia}`);
    expect(summaryView.status).toBe(200);
    expect(summaryView.body).toMatchObject({ active: false, readOnly: true, status: 'submitted', totalScore: 73, facts: null });
    expect((await a.c.get(`/api/v1/expert-reviews/${ia}/materials/${r.materialId}/download`)).status).toBe(404);
    expect((await b.c.get<Err>(`/api/v1/expert-reviews/${ib}`)).body.code).toBe('EXPERT_NOT_ASSIGNED');
    expect((await b.c.post(`/api/v1/expert-reviews/${ib}/review`, { scores: sheet(20, 20, 15, 10, 8), recommendedFen: 1, opinion: OPINION })).status).toBe(404);
    expect((await b.c.get<Page<unknown>>('/api/v1/expert-reviews')).body.total).toBe(0);
    expect((await a.c.get<Page<{ active: boolean }>>('/api/v1/expert-reviews')).body.items).toMatchObject([{ active: false }]);

    const late = await bureau.post<Err>(`/api/v1/subsidy-reviews/${r.reviewId}/experts`, { userIds: [(await expert()).userId] });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('STAGE_NOT_ALLOWED');
  });

  it('assigning before the expert step is refused; the bureau withdraws an assignment and the expert loses it', async () => {
    const early = await underReview('bureauExamination');
    const x = await expert();
    const res = await bureau.post<Err>(`/api/v1/subsidy-reviews/${early.reviewId}/experts`, { userIds: [x.userId] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STAGE_NOT_ALLOWED');

    const r = await underReview();
    await assign(r.reviewId, [x]);
    const id = await taskOf(x, r.reviewId);
    expect((await x.c.get(`/api/v1/expert-reviews/${id}`)).status).toBe(200);
    const bad = await bureau.post<Err>(`/api/v1/subsidy-reviews/${r.reviewId}/experts/${id}/withdraw`, { reason: '' });
    expect(bad.status).toBe(400);
    const w = await bureau.post<BureauView>(`/api/v1/subsidy-reviews/${r.reviewId}/experts/${id}/withdraw`, { reason: '专家临时出差，改派他人' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.items[0]?.status).toBe('withdrawn');
    expect(w.body.summary).toMatchObject({ assigned: 0, withdrawn: 1 });
    expect((await x.c.get(`/api/v1/expert-reviews/${id}`)).status).toBe(404);
    expect((await bureau.post<Err>(`/api/v1/subsidy-reviews/${r.reviewId}/experts/${id}/withdraw`, { reason: '再次撤回' })).body.code).toBe('ALREADY_CONFIRMED');
    // assigned again: the record is renewed
    const again = await assign(r.reviewId, [x]);
    expect(again.items[0]).toMatchObject({ id, status: 'toDeclare' });
    expect((await x.c.get(`/api/v1/expert-reviews/${id}`)).status).toBe(200);
  });

  it('wrong roles and non-expert accounts are refused', async () => {
    const r = await underReview();
    const ec = new Client(t.app, '127.0.0.40');
    await ec.login(r.enterprise.account, PASSWORD);
    expect((await ec.get<Err>('/api/v1/expert-reviews')).status).toBe(403);
    expect((await ec.get('/api/v1/experts')).status).toBe(403);
    expect((await ec.get(`/api/v1/subsidy-reviews/${r.reviewId}/experts`)).status).toBe(403);
    const fin = await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' });
    const fc = new Client(t.app, '127.0.0.41');
    await fc.login(fin.account, PASSWORD);
    // an enterprise user is not an expert
    const [eu] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, r.enterprise.org.id));
    const notExpert = await bureau.post<Err & { details: { userIds?: string[] } }>(`/api/v1/subsidy-reviews/${r.reviewId}/experts`, { userIds: [eu!.id] });
    expect(notExpert.status).toBe(400);
    expect(notExpert.body.details.userIds).toEqual([eu!.id]);
    const x = await expert();
    expect((await fc.post(`/api/v1/subsidy-reviews/${r.reviewId}/experts`, { userIds: [x.userId] })).status).toBe(403);
    const listed = await bureau.get<Page<{ userId: string }>>('/api/v1/experts?pageSize=100');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBeGreaterThan(0);
    const found = await bureau.get<Page<{ userId: string }>>(`/api/v1/experts?q=${encodeURIComponent('expert-')}&pageSize=100`);
    expect(found.body.items.some((i) => i.userId === x.userId) || found.body.total > 100).toBe(true);
    expect((await bureau.get(`/api/v1/subsidy-reviews/00000000-0000-4000-8000-000000000000/experts`)).status).toBe(404);
  });

  it('bad scores are refused with the item; a recommendation above the suggestion is refused; nothing is saved', async () => {
    const r = await underReview();
    const x = await expert();
    await assign(r.reviewId, [x]);
    const id = await taskOf(x, r.reviewId);
    await x.c.post(`/api/v1/expert-reviews/${id}/declaration`, { noConflict: true });

    const over = await x.c.post<Err>(`/api/v1/expert-reviews/${id}/review`, { scores: sheet(31, 20, 15, 10, 8), recommendedFen: 100_000_00, opinion: OPINION });
    expect(over.status).toBe(400);
    expect(over.body.details.fields?.map((f) => f.path)).toEqual(['scores.outcome']);
    expect(over.body.message).toContain('改造内容与实施成效');
    const frac = await x.c.post<Err>(`/api/v1/expert-reviews/${id}/review`, { scores: { ...sheet(20, 20, 15, 10, 8), uplift: 2.5 }, recommendedFen: 100_000_00, opinion: OPINION });
    expect(frac.body.details.fields?.map((f) => f.path)).toEqual(['scores.uplift']);
    const missing = await x.c.post<Err>(`/api/v1/expert-reviews/${id}/review`, { scores: { outcome: 20 }, recommendedFen: 100_000_00, opinion: OPINION });
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields?.map((f) => f.path).sort()).toEqual(['scores.investment', 'scores.materials', 'scores.technology', 'scores.uplift']);
    const draftBad = await x.c.request<Err>('PUT', `/api/v1/expert-reviews/${id}/review`, { scores: { materials: 11 } });
    expect(draftBad.status).toBe(400);
    expect(draftBad.body.details.fields?.[0]?.path).toBe('scores.materials');

    const above = await x.c.post<Err>(`/api/v1/expert-reviews/${id}/review`, { scores: sheet(20, 20, 15, 10, 8), recommendedFen: SUGGESTED + 1, opinion: OPINION });
    expect(above.status).toBe(422);
    expect(above.body.code).toBe('AMOUNT_ABOVE_SUGGESTION');
    expect(above.body.message).toContain('300,000.00');
    const short = await x.c.post<Err>(`/api/v1/expert-reviews/${id}/review`, { scores: sheet(20, 20, 15, 10, 8), recommendedFen: 1, opinion: '同意' });
    expect(short.status).toBe(400);
    const [row] = await t.db.select().from(expertReviews).where(eq(expertReviews.id, id));
    expect(row).toMatchObject({ submittedAt: null, totalScore: null, scores: {} });

    const atLimit = await x.c.post<Task>(`/api/v1/expert-reviews/${id}/review`, { scores: sheet(20, 20, 15, 10, 8), recommendedFen: SUGGESTED, opinion: OPINION });
    expect(atLimit.status).toBe(200);
  });

  it('concurrent submissions of one review store one', async () => {
    const r = await underReview();
    const x = await expert();
    await assign(r.reviewId, [x]);
    const id = await taskOf(x, r.reviewId);
    await x.c.post(`/api/v1/expert-reviews/${id}/declaration`, { noConflict: true });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => x.c.post(`/api/v1/expert-reviews/${id}/review`, { scores: sheet(20 + i, 20, 15, 10, 8), recommendedFen: 100_000_00, opinion: OPINION })),
    );
    expect(results.filter((s) => s.status === 200)).toHaveLength(1);
    expect(results.filter((s) => s.status === 409)).toHaveLength(4);
    const audits = await t.db.execute(sql`select count(*)::int as n from audit_events where action = 'expertReview.submit' and target_id = ${id}`);
    const n = (audits as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
    expect(Number(n)).toBe(1);
  });
});
