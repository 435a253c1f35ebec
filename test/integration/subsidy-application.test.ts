/**
 * 完工奖补申请 (stage 7): the draft (invoices, payments, declarations), its checklist and live computation, the
 * refusals at submission (below 二级, missing materials, missing invoices / declarations, no policy), the happy
 * path to subsidyReview with the application frozen, a second submission, the delegate, another enterprise,
 * invoices after acceptance, a returned application's next round, and the enterprise profile.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { uploadSubsidyMaterials } from '../support/stage7';
import { makePolicy, makeProjectReadyToApply } from '../../src/db/factories';
import { delegations, organizations, projects, subsidyApplications, users, workflowObjects } from '../../src/db/schema';

interface Err {
  code: string;
  message: string;
  details: {
    fields?: Array<{ path: string; message: string }>;
    failures?: Array<{ guard: string; message: { zh: string; en: string }; missing: string[] }>;
    missingMaterials?: string[];
  };
}
interface Txt {
  zh: string;
  en: string;
}
interface View {
  state: string;
  application: { id: string; round: number; status: string; suggestedFen: number | null; submittedByName: string | null; onBehalfOfName: string | null } | null;
  invoices: Array<{ number: string; excluded: Txt | null }>;
  payments: Array<{ paidOn: string; excluded: Txt | null }>;
  declarations: { truthful: boolean; aboveScale: boolean | null; signedAt: string | null; otherFunding: { has: boolean | null; amountFen: number } };
  checklist: Array<{ key: string; present: boolean; source: string; applicantFills: boolean }>;
  computation: { eligible: boolean; suggestedFen: number; verifiedInvestmentFen: number; eligibleInvoiceFen: number; paymentTotalFen: number; steps: Array<{ key: string; text: Txt }> } | null;
  policy: { id: string; name: string } | null;
  policyMessage: Txt | null;
  abilities: { edit: boolean; submit: boolean; decline: boolean; editProfile: boolean };
  problems: Txt[];
  missingMaterials: Txt[];
  previousRounds: Array<{ round: number }>;
}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function enterpriseClient() {
  const e = await enterpriseWithUser(t.db);
  const c = new Client(t.app);
  await c.login(e.account, PASSWORD);
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
  return { e, c, userId: u!.id };
}

async function ready(level: 1 | 2 | 3 = 2, extra: { acceptedOn?: string; providerOrgId?: string; contractFen?: number } = {}) {
  const { e, c, userId } = await enterpriseClient();
  const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, level, userId, ...extra });
  return { e, c, userId, project, url: `/api/v1/projects/${project.id}` };
}

const INVOICES = [
  { number: '44201234', issuedOn: '2026-05-10', amountFen: 30_000_000, taxFen: 1_698_113, costClass: 'software', seller: '中山市智造软件有限公司' },
  { number: '44205678', issuedOn: '2026-08-20', amountFen: 20_000_000, taxFen: 2_300_885, costClass: 'hardware', seller: '中山市智造软件有限公司' },
];
const PAYMENTS = [
  { paidOn: '2026-03-15', amountFen: 15_000_000, payee: '中山市智造软件有限公司' },
  { paidOn: '2026-09-25', amountFen: 35_000_000, payee: '中山市智造软件有限公司' },
];
const DECLARATIONS = { truthful: true, noDishonesty: true, noSeriousViolation3y: true, aboveScale: false, otherFunding: { has: false } };

async function fill(c: Client, url: string, body: Record<string, unknown> = { invoices: INVOICES, payments: PAYMENTS, declarations: DECLARATIONS }) {
  const res = await c.request<View>('PUT', `${url}/subsidy-application`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const apply = (c: Client, url: string) => c.post<Err & { state: string }>(`${url}/transitions`, { event: 'applySubsidy' });

describe('without a policy in force', () => {
  it('the page says so (no 500) and submission is refused with the reason', async () => {
    const { c, url, project } = await ready();
    await uploadSubsidyMaterials(c, project.id, project.trainingSessionId);
    const view = await c.get<View>(`${url}/subsidy-application`);
    expect(view.status).toBe(200);
    expect(view.body.policy).toBeNull();
    expect(view.body.policyMessage?.zh).toContain('没有生效的奖补政策');
    expect(view.body.computation).toBeNull();
    await fill(c, url);
    const refused = await apply(c, url);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('GUARD_FAILED');
    expect(JSON.stringify(refused.body.details.failures)).toContain('没有生效的奖补政策');
  });
});

describe('with a policy in force', () => {
  let policyId: string;
  beforeAll(async () => {
    const p = await makePolicy(t.db, { name: '中山市数字化转型城市试点专项资金（测试）', effectiveFrom: '2024-01-01', effectiveTo: null });
    policyId = p.id;
  });

  it('below 二级 there is no applySubsidy (remediation), and a level fact of 1 is refused by the policy', async () => {
    const low = await ready(1);
    const refused = await apply(low.c, low.url);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('STAGE_NOT_ALLOWED');
    const view = await low.c.get<View>(`${low.url}/subsidy-application`);
    expect(view.status).toBe(200);
    expect(view.body.application).toBeNull();
    expect(view.body.abilities.submit).toBe(false);
    expect((await low.c.request<Err>('PUT', `${low.url}/subsidy-application`, { invoices: INVOICES })).body.code).toBe('STAGE_NOT_ALLOWED');

    // A project in evaluationPassed whose confirmed evaluation says level 1.
    const r = await ready(2);
    await t.db.update(workflowObjects).set({ data: { source: 'factory', levelAfter: 1, levelBefore: 1 } }).where(and(eq(workflowObjects.projectId, r.project.id), eq(workflowObjects.kind, 'evaluationReport')));
    await uploadSubsidyMaterials(r.c, r.project.id, r.project.trainingSessionId);
    const v = await fill(r.c, r.url);
    expect(v.computation?.eligible).toBe(false);
    const res = await apply(r.c, r.url);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('GUARD_FAILED');
    expect(JSON.stringify(res.body.details.failures)).toContain('二级及以上方可申请奖补');
  });

  it('missing materials are refused with the list (MATERIALS_MISSING); the report slots come from the confirmed reports', async () => {
    const { c, url } = await ready();
    await fill(c, url);
    const res = await apply(c, url);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MATERIALS_MISSING');
    const missing = res.body.details.missingMaterials ?? [];
    expect(missing).toEqual(expect.arrayContaining(['contract.quotation', 'contract.contract', 'subsidy.invoices', 'subsidy.paymentProofs', 'implementation.acceptanceReport', 'implementation.trainingRecords', 'subsidy.systemScreenshots']));
    expect(missing).not.toContain('diagnosis.report');
    expect(missing).not.toContain('evaluation.report');
    const view = (await c.get<View>(`${url}/subsidy-application`)).body;
    expect(view.missingMaterials.map((m) => m.zh)).toContain('发票');
    const report = view.checklist.find((s) => s.key === 'evaluation.report');
    expect(report).toMatchObject({ present: true, source: 'report', applicantFills: false });
    expect(view.checklist.find((s) => s.key === 'subsidy.invoices')).toMatchObject({ present: false, source: 'upload', applicantFills: true });
  });

  it('missing invoices, payments and declarations → GUARD_FAILED naming each', async () => {
    const { c, url, project } = await ready();
    await uploadSubsidyMaterials(c, project.id, project.trainingSessionId);
    const view = (await c.get<View>(`${url}/subsidy-application`)).body;
    expect(view.application?.status).toBe('draft');
    expect(view.checklist.find((s) => s.key === 'contract.contract')).toMatchObject({ present: true, source: 'earlier', applicantFills: false });
    const res = await apply(c, url);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('GUARD_FAILED');
    const text = JSON.stringify(res.body.details.failures);
    expect(text).toContain('尚未录入发票');
    expect(text).toContain('尚未录入付款记录');
    expect(text).toContain('真实性承诺');
    // declarations partly signed: the list names what is left
    await fill(c, url, { invoices: INVOICES, payments: PAYMENTS, declarations: { ...DECLARATIONS, noSeriousViolation3y: false, otherFunding: { has: null } } });
    const again = await apply(c, url);
    expect(again.body.code).toBe('GUARD_FAILED');
    const msg = JSON.stringify(again.body.details.failures);
    expect(msg).toContain('近三年无重大违法违规行为的声明');
    expect(msg).toContain('是否已获其他中央或省级资金支持的声明');
    expect(msg).not.toContain('尚未录入发票');
  });

  it('the happy path: filled, submitted, frozen with the suggestion; a second submission is ALREADY_SUBMITTED', async () => {
    const { c, url, project, userId } = await ready(2, { contractFen: 50_000_000 });
    await uploadSubsidyMaterials(c, project.id, project.trainingSessionId);
    const draft = await fill(c, url);
    expect(draft.problems).toEqual([]);
    expect(draft.declarations.signedAt).not.toBeNull();
    expect(draft.policy?.id).toBe(policyId);
    // min(contract 500,000, invoices 500,000, payments 500,000) = 500,000; level-2 cap 300,000
    expect(draft.computation).toMatchObject({ eligible: true, verifiedInvestmentFen: 50_000_000, suggestedFen: 30_000_000 });
    expect(draft.abilities).toMatchObject({ edit: true, submit: true, decline: true, editProfile: true });

    const res = await apply(c, url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('subsidyReview');
    const [row] = await t.db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, project.id));
    expect(row).toMatchObject({ round: 1, policyId, suggestedFen: 30_000_000, verifiedInvestmentFen: 50_000_000, submittedBy: userId, onBehalfOfOrgId: null });
    expect(row!.submittedAt).not.toBeNull();
    expect(row!.reviewObjectId).not.toBeNull();
    const [review] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.id, row!.reviewObjectId!));
    expect(review).toMatchObject({ kind: 'subsidyReview', state: 'townReview', projectId: project.id });
    expect((row!.calculation as { suggestedFen: number }).suggestedFen).toBe(30_000_000);

    const frozen = (await c.get<View>(`${url}/subsidy-application`)).body;
    expect(frozen.application).toMatchObject({ status: 'submitted', suggestedFen: 30_000_000, round: 1 });
    expect(frozen.abilities.edit).toBe(false);
    expect((await c.request<Err>('PUT', `${url}/subsidy-application`, { invoices: [] })).body.code).toBe('STAGE_NOT_ALLOWED');

    const twice = await apply(c, url);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_SUBMITTED');
  });

  it('an invoice or payment dated after acceptance is accepted, shown as excluded and not counted', async () => {
    const { c, url } = await ready(2, { acceptedOn: '2026-09-30' });
    const view = await fill(c, url, {
      invoices: [...INVOICES, { number: '44209999', issuedOn: '2026-10-15', amountFen: 10_000_000, taxFen: 0, costClass: 'software', seller: '中山市智造软件有限公司' }],
      payments: [...PAYMENTS, { paidOn: '2026-10-20', amountFen: 10_000_000, payee: '中山市智造软件有限公司' }],
      declarations: DECLARATIONS,
    });
    const late = view.invoices.find((i) => i.number === '44209999');
    expect(late?.excluded?.zh).toContain('验收日');
    expect(view.payments.find((p) => p.paidOn === '2026-10-20')?.excluded).not.toBeNull();
    expect(view.computation?.eligibleInvoiceFen).toBe(50_000_000);
    expect(view.computation?.paymentTotalFen).toBe(50_000_000);
    expect(view.computation?.steps.some((s) => s.key === 'invoiceAfterAcceptance')).toBe(true);
  });

  it('refuses bad input with specific Chinese messages and keeps what was saved', async () => {
    const { c, url } = await ready();
    await fill(c, url);
    const dup = await c.request<Err>('PUT', `${url}/subsidy-application`, { invoices: [INVOICES[0], { ...INVOICES[1], number: INVOICES[0]!.number }] });
    expect(dup.status).toBe(400);
    expect(dup.body.details.fields?.find((f) => f.path === 'invoices.1.number')?.message).toContain('重复');
    const bad = await c.request<Err>('PUT', `${url}/subsidy-application`, {
      invoices: [{ ...INVOICES[0], issuedOn: '2026-02-30', amountFen: 12.5, taxFen: 99_999_999, costClass: 'furniture' }],
      payments: [{ paidOn: '2099-01-01', amountFen: -1, payee: '' }],
    });
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries((bad.body.details.fields ?? []).map((f) => [f.path, f.message]));
    expect(fields['invoices.0.issuedOn']).toContain('不是有效的日期');
    expect(fields['invoices.0.amountFen']).toContain('整数');
    expect(fields['invoices.0.costClass']).toContain('费用类别');
    expect(fields['payments.0.paidOn']).toContain('不能晚于今天');
    expect(fields['payments.0.amountFen']).toContain('须大于0');
    expect(fields['payments.0.payee']).toContain('收款方');
    const tax = await c.request<Err>('PUT', `${url}/subsidy-application`, { invoices: [{ ...INVOICES[0], taxFen: INVOICES[0]!.amountFen + 1 }] });
    expect(tax.body.details.fields?.find((f) => f.path === 'invoices.0.taxFen')?.message).toContain('税额不能大于');
    const other = await c.request<Err>('PUT', `${url}/subsidy-application`, { declarations: { ...DECLARATIONS, otherFunding: { has: true } } });
    expect(other.status).toBe(400);
    expect(other.body.details.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['declarations.otherFunding.amountFen', 'declarations.otherFunding.source']));
    const view = (await c.get<View>(`${url}/subsidy-application`)).body;
    expect(view.invoices).toHaveLength(2);
    expect(view.payments).toHaveLength(2);
  });

  it('other funding is deducted as the policy says', async () => {
    const { c, url } = await ready(3);
    const view = await fill(c, url, { invoices: INVOICES, payments: PAYMENTS, declarations: { ...DECLARATIONS, otherFunding: { has: true, amountFen: 5_000_000, source: 'provincial', note: '省级专项' } } });
    // level 3: cap 600,000 ≥ verified 500,000; minus 50,000 other funding
    expect(view.computation?.suggestedFen).toBe(45_000_000);
    expect(view.declarations.otherFunding).toMatchObject({ has: true, amountFen: 5_000_000 });
  });

  it('a leading unit without authorisation is refused; with it, it fills and submits for the enterprise', async () => {
    const lu = await orgWithUser(t.db, 'leading_unit');
    const lc = new Client(t.app, '127.0.0.3');
    await lc.login(lu.account, PASSWORD);
    const r = await ready(2, { providerOrgId: lu.org.id });
    await uploadSubsidyMaterials(r.c, r.project.id, r.project.trainingSessionId);
    const refused = await lc.request<Err>('PUT', `${r.url}/subsidy-application`, { invoices: INVOICES });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(refused.body.message).toContain('授权');
    const read = await lc.get<View>(`${r.url}/subsidy-application`);
    expect(read.status).toBe(200);
    expect(read.body.abilities.edit).toBe(false);
    expect(read.body.abilities.submit).toBe(false);
    const fired = await apply(lc, r.url);
    expect(fired.status).toBe(403);

    await t.db.insert(delegations).values({ enterpriseId: r.e.org.id, agentOrgId: lu.org.id, grantedBy: r.userId });
    const view = await fill(lc, r.url);
    expect(view.abilities).toMatchObject({ edit: true, submit: true, decline: false, editProfile: false });
    const res = await apply(lc, r.url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await t.db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, r.project.id));
    expect(row!.onBehalfOfOrgId).toBe(r.e.org.id);
    expect((await lc.get<Err>('/api/v1/enterprise/profile')).status).toBe(403);
  });

  it("another enterprise's application is a 404", async () => {
    const r = await ready();
    const other = await enterpriseClient();
    expect((await other.c.get<Err>(`${r.url}/subsidy-application`)).status).toBe(404);
    expect((await other.c.request<Err>('PUT', `${r.url}/subsidy-application`, { invoices: INVOICES })).status).toBe(404);
  });

  it('a returned application opens the next round prefilled from the previous one', async () => {
    const { c, url, project } = await ready();
    await uploadSubsidyMaterials(c, project.id, project.trainingSessionId);
    await fill(c, url);
    expect((await apply(c, url)).status).toBe(200);
    // The review returned it (the review chain is tested with it; here its conclusion is set directly).
    const [first] = await t.db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, project.id));
    await t.db.update(workflowObjects).set({ state: 'returned' }).where(eq(workflowObjects.id, first!.reviewObjectId!));
    await t.db.update(projects).set({ state: 'subsidyReturned', returnReason: '发票与付款凭证金额不一致' }).where(eq(projects.id, project.id));
    const view = (await c.get<View>(`${url}/subsidy-application`)).body;
    expect(view.application).toMatchObject({ round: 2, status: 'draft' });
    expect(view.invoices).toHaveLength(2);
    expect(view.payments).toHaveLength(2);
    expect(view.declarations.truthful).toBe(false);
    expect(view.previousRounds.map((r) => r.round)).toEqual([1]);
    await fill(c, url);
    const res = await apply(c, url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = await t.db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, project.id));
    expect(rows.map((r) => r.round).sort()).toEqual([1, 2]);
    expect(rows.every((r) => r.submittedAt !== null)).toBe(true);
  });
});

describe('the enterprise profile', () => {
  it('reads and sets 规上 status and the 专精特新 grade with its year; the application picks up 规上', async () => {
    const { c, e } = await enterpriseClient();
    const got = await c.get<{ aboveScale: boolean | null; canEdit: boolean }>('/api/v1/enterprise/profile');
    expect(got.status).toBe(200);
    expect(got.body.aboveScale).toBeNull();
    const saved = await c.patch<{ aboveScale: boolean; sptsGrade: string; sptsYear: number }>('/api/v1/enterprise/profile', { aboveScale: true, sptsGrade: 'specialized', sptsYear: 2024 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ aboveScale: true, sptsGrade: 'specialized', sptsYear: 2024 });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, e.org.id));
    expect(org).toMatchObject({ aboveScale: true, sptsGrade: 'specialized', sptsYear: 2024 });
    const noYear = await c.patch<Err>('/api/v1/enterprise/profile', { sptsGrade: 'littleGiant', sptsYear: null });
    expect(noYear.status).toBe(400);
    expect(noYear.body.details.fields?.[0]?.path).toBe('sptsYear');
    const future = await c.patch<Err>('/api/v1/enterprise/profile', { sptsYear: 2999 });
    expect(future.status).toBe(400);
    expect(future.body.details.fields?.[0]?.message).toContain('不能晚于今年');
    const badGrade = await c.patch<Err>('/api/v1/enterprise/profile', { sptsGrade: 'giant' });
    expect(badGrade.status).toBe(400);
    expect(badGrade.body.details.fields?.[0]?.message).toContain('专精特新等级');

    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
    const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, userId: u!.id });
    const view = (await c.get<View>(`/api/v1/projects/${project.id}/subsidy-application`)).body;
    expect(view.declarations.aboveScale).toBe(true);

    const bureau = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
    const bc = new Client(t.app, '127.0.0.9');
    await bc.login(bureau.account, PASSWORD);
    expect((await bc.patch<Err>('/api/v1/enterprise/profile', { aboveScale: false })).status).toBe(403);
  });
});
