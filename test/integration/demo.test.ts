/**
 * The demo data as `npm start` loads it into an empty database: the base data, then the stage 2b situations made
 * through the use-cases: a 机构诊断 project waiting for assignment, one with an open evidence request, one whose
 * report awaits the enterprise's confirmation, one overdue at the institution; then the stages 3–6 situations (one
 * enterprise in each state from 诊断完成 to 评估通过, letters and product entries to review, ratings, a warning).
 * Loading twice adds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { DiskFileStore } from '../../src/server/files';
import { ensureDemoData } from '../../src/db/demo';
import { DEMO_EVIDENCE_REQUEST, DEMO_REPORT_SUMMARY, STAGE2B_DEMO_FLAG, STAGE2B_ENTERPRISES, ensureStage2bDemo } from '../../src/server/demo/stage2b';
import { DEMO_PRODUCT_ENTRIES, DEMO_RETURN_REASON, DEMO_WARNING, STAGES3TO6_DEMO_FLAG, STAGES3TO6_ENTERPRISES, ensureStages3to6Demo } from '../../src/server/demo/stages3to6';

interface Summary {
  id: string;
  enterpriseName: string;
  state: string;
  stage: number;
  dueOn: string | null;
  overdue: boolean;
}
interface Page {
  items: Summary[];
  total: number;
}
interface Detail extends Summary {
  diagnosisInstitution: { id: string; name: string } | null;
  deadline: { dueOn: string; overdue: boolean } | null;
  actions: Array<{ event: string; allowed: boolean }>;
}
interface Checklist {
  slots: Array<{ key: string; requested: { note: string } | null; present: boolean; canUpload: boolean; files: Array<{ id: string; fileName: string; mime: string }> }>;
}
interface Report {
  kind: string;
  version: number;
  state: string;
  institutionName: string | null;
  data: Record<string, unknown>;
}

const PASSWORD = 'Demo2026';
const [FOODS, PLASTICS, TEXTILES] = STAGE2B_ENTERPRISES;
let t: TestApp;
let filesDir: string;
let store: DiskFileStore;

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(account, PASSWORD);
  return c;
}

/** The enterprise's only project, as the enterprise sees it. */
async function projectOf(c: Client): Promise<Detail> {
  const list = await c.get<Page>('/api/v1/projects');
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  const d = await c.get<Detail>(`/api/v1/projects/${list.body.items[0]?.id}`);
  expect(d.status).toBe(200);
  return d.body;
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'zs-demo-files-'));
  store = new DiskFileStore(filesDir);
  t = await startTestApp({}, { files: store });
  expect(await ensureDemoData(t.db)).toBe(true);
  expect(await ensureStage2bDemo(t.db, store, t.app.uploadMaxBytes)).toBe(true);
  const started = Date.now();
  // Two instances starting together: one loads it, the other finds it claimed.
  const both = await Promise.all([ensureStages3to6Demo(t.db, store, t.app.uploadMaxBytes), ensureStages3to6Demo(t.db, store, t.app.uploadMaxBytes)]);
  expect(both.sort()).toEqual([false, true]);
  console.log(`stages 3–6 demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 180_000);
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('demo data: stage 2b situations', () => {
  it('keeps the base 机构诊断 project waiting for assignment, in the bureau queue', async () => {
    const ent = await signIn('13800000002');
    const p = await projectOf(ent);
    expect(p.state).toBe('awaitingDiagnosisAssignment');
    const bureau = await signIn('reviewer@zs-pilot.cn');
    const queue = await bureau.get<Page>('/api/v1/projects?state=awaitingDiagnosisAssignment');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.id)).toContain(p.id);
  });

  it('(a) an accepted diagnosis with an open evidence request on the enterprise checklist', async () => {
    const ent = await signIn(FOODS.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('institutionDiagnosis');
    expect(p.diagnosisInstitution?.name).toBe('北京机械工业自动化研究所有限公司');
    expect(p.deadline?.overdue).toBe(false);
    const list = await ent.get<Checklist>(`/api/v1/projects/${p.id}/materials`);
    expect(list.status).toBe(200);
    const requested = list.body.slots.filter((s) => s.requested).map((s) => s.key);
    expect(requested.sort()).toEqual([...DEMO_EVIDENCE_REQUEST.slots].sort());
    for (const s of list.body.slots.filter((x) => x.requested)) {
      expect(s.requested?.note).toBe(DEMO_EVIDENCE_REQUEST.note);
      expect(s.present).toBe(false);
      expect(s.canUpload).toBe(true);
    }
    // the institution has it in progress
    const inst = await signIn('riamb@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=inProgress');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
  });

  it('(b) a report awaiting the enterprise confirmation, its PDFs downloadable', async () => {
    const ent = await signIn(PLASTICS.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('diagnosisConfirmation');
    expect(p.diagnosisInstitution?.name).toBe('中国信息通信研究院');
    expect(p.actions.find((a) => a.event === 'confirmDiagnosisReport')?.allowed).toBe(true);
    const reports = await ent.get<Report[]>(`/api/v1/projects/${p.id}/reports`);
    expect(reports.status).toBe(200);
    expect(reports.body).toHaveLength(1);
    const r = reports.body[0];
    expect(r).toMatchObject({ kind: 'diagnosis', version: 1, state: 'uploaded', institutionName: '中国信息通信研究院' });
    expect(r?.data).toMatchObject(DEMO_REPORT_SUMMARY);

    const list = await ent.get<Checklist>(`/api/v1/projects/${p.id}/materials`);
    const withFiles = list.body.slots.filter((s) => s.files.length > 0).map((s) => s.key);
    expect(withFiles.sort()).toEqual(['diagnosis.financials', 'diagnosis.policies', 'diagnosis.report', 'diagnosis.systems']);
    const reportFile = list.body.slots.find((s) => s.key === 'diagnosis.report')?.files[0];
    expect(reportFile?.mime).toBe('application/pdf');
    const dl = await ent.get<string>(`/api/v1/materials/${reportFile?.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(dl.raw.rawPayload.subarray(-6).toString('latin1')).toContain('%%EOF');

    const inst = await signIn('caict@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=awaitingConfirmation');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
  });

  it('(c) an assignment not accepted past its due date: overdue in the bureau list', async () => {
    const ent = await signIn(TEXTILES.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('diagnosisAssigned');
    expect(p.diagnosisInstitution?.name).toBe('广东省电信规划设计院有限公司');

    const bureau = await signIn('reviewer@zs-pilot.cn');
    const overdue = await bureau.get<Page>('/api/v1/projects?overdue=1');
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((i) => i.id)).toEqual([p.id]);
    const row = overdue.body.items[0];
    expect(row?.overdue).toBe(true);
    expect(row?.dueOn && row.dueOn < new Date().toISOString().slice(0, 10)).toBe(true);
    const detail = await bureau.get<Detail>(`/api/v1/projects/${p.id}`);
    expect(detail.body.deadline?.overdue).toBe(true);

    const inst = await signIn('gdtpri@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=toAccept');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
    // the other institutions do not see it
    expect((await (await signIn('riamb@zs-pilot.cn')).get(`/api/v1/projects/${p.id}`)).status).toBe(404);
  });

  it("shows each town office its own town's new filing, with the overdue flag", async () => {
    for (const [e, state, overdue] of [
      [FOODS, 'institutionDiagnosis', false],
      [PLASTICS, 'diagnosisConfirmation', false],
      [TEXTILES, 'diagnosisAssigned', true],
    ] as const) {
      const town = await signIn(`town-${e.town}@zs-pilot.cn`);
      const list = await town.get<Page>('/api/v1/projects');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => [i.enterpriseName, i.state, i.overdue])).toEqual([[e.name, state, overdue]]);
    }
  });

  it('was built through the use-cases: the audit trail holds each step, by the acting organisation', async () => {
    const rows = await t.db.execute<{ name: string; actions: string }>(sql`
      select p.enterprise_name as name, string_agg(a.action, ',' order by a.id) as actions
      from projects p join audit_events a on a.project_id = p.id
      where p.enterprise_name in (${FOODS.name}, ${PLASTICS.name}, ${TEXTILES.name})
      group by p.enterprise_name`);
    const by = Object.fromEntries(rows.rows.map((r) => [r.name, r.actions.split(',')]));
    expect(by[FOODS.name]).toEqual(expect.arrayContaining(['project.created', 'project.updated', 'project.submitFiling', 'project.assignDiagnosisInstitution', 'project.acceptDiagnosisTask', 'project.requestEvidence']));
    expect(by[PLASTICS.name]).toEqual(expect.arrayContaining(['material.uploaded', 'project.submitDiagnosisReport']));
    expect(by[PLASTICS.name]?.filter((a) => a === 'material.uploaded')).toHaveLength(4);
    expect(by[TEXTILES.name]).toContain('project.assignDiagnosisInstitution');
    expect(by[TEXTILES.name]).not.toContain('project.acceptDiagnosisTask');
  });

  it('loads once: a second start adds nothing', async () => {
    const count = async () => {
      const r = await t.db.execute<{ orgs: number; projects: number; materials: number; audits: number }>(
        sql`select (select count(*)::int from organizations) as orgs, (select count(*)::int from projects) as projects, (select count(*)::int from materials) as materials, (select count(*)::int from audit_events) as audits`,
      );
      return r.rows[0];
    };
    const before = await count();
    expect(await ensureDemoData(t.db)).toBe(false);
    expect(await ensureStage2bDemo(t.db, store, t.app.uploadMaxBytes)).toBe(false);
    expect(await ensureStages3to6Demo(t.db, store, t.app.uploadMaxBytes)).toBe(false);
    expect(await count()).toEqual(before);
    for (const key of [STAGE2B_DEMO_FLAG, STAGES3TO6_DEMO_FLAG]) {
      const flag = await t.db.execute<{ value: string }>(sql`select value from system_meta where key = ${key}`);
      expect(flag.rows[0]?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });
});

const byGoal = (goal: string) => {
  const e = STAGES3TO6_ENTERPRISES.find((x) => x.goal === goal);
  if (!e) throw new Error(`no demo enterprise for ${goal}`);
  return e;
};
interface LetterRow {
  id: string;
  projectId: string;
  state: string;
}
interface Attempts {
  attempts: Array<{ n: number; level: number | null; confirmed: boolean; passed: boolean | null; institution: { id: string; name?: string } | null }>;
  pilotEnterpriseAt: string | null;
  benchmarks: Array<{ kind: string }>;
}

describe('demo data: stages 3–6 situations', () => {
  it('puts each enterprise in its state, seen by itself and its town office', async () => {
    expect(STAGES3TO6_ENTERPRISES).toHaveLength(12);
    for (const e of STAGES3TO6_ENTERPRISES) {
      const p = await projectOf(await signIn(e.mobile));
      expect([e.name, p.state]).toEqual([e.name, e.state]);
      const town = await signIn(`town-${e.town}@zs-pilot.cn`);
      const list = await town.get<Page>('/api/v1/projects?pageSize=100');
      expect(list.body.items.find((i) => i.id === p.id)?.state).toBe(e.state);
    }
    // The self-diagnosed enterprise may choose now: its report is confirmed.
    const diagnosed = await projectOf(await signIn(byGoal('diagnosed').mobile));
    const choose = diagnosed.actions.find((a) => a.event === 'chooseProvider');
    expect(choose).toBeDefined();
  });

  it('the leading unit has a letter to write; the bureau has a letter to review', async () => {
    const draftEnt = byGoal('letterDraft');
    const draftProject = await projectOf(await signIn(draftEnt.mobile));
    const unit = await signIn('chinasoft@zs-pilot.cn');
    const mine = await unit.get<{ items: LetterRow[] }>('/api/v1/letters');
    expect(mine.status).toBe(200);
    const letter = mine.body.items.find((l) => l.projectId === draftProject.id);
    expect(letter?.state).toBe('draft');
    const detail = await unit.get<{ writable: boolean; missing: unknown[]; letter: { providerName?: string } }>(`/api/v1/letters/${letter?.id}`);
    expect(detail.body.writable).toBe(true);
    expect(detail.body.missing.length).toBeGreaterThan(0);
    expect(detail.body.letter.providerName).toBe('中山市匠心云家居软件有限公司');

    const reviewEnt = byGoal('letterReview');
    const reviewProject = await projectOf(await signIn(reviewEnt.mobile));
    const bureau = await signIn('reviewer@zs-pilot.cn');
    const queue = await bureau.get<{ items: LetterRow[] }>('/api/v1/letters?state=underReview');
    expect(queue.status).toBe(200);
    const toReview = queue.body.items.find((l) => l.projectId === reviewProject.id);
    expect(toReview).toBeDefined();
    const reviewed = await bureau.get<{ missing: unknown[]; slots: Array<{ key: string; files: unknown[] }>; actions: Array<{ event: string; allowed: boolean }> }>(`/api/v1/letters/${toReview?.id}`);
    expect(reviewed.body.missing).toEqual([]);
    expect(reviewed.body.slots.find((s) => s.key === 'catalog.recommendationLetter')?.files).toHaveLength(1);
    expect(reviewed.body.actions.find((a) => a.event === 'approve')?.allowed).toBe(true);
  });

  it('the bureau has product entries to review, and a returned one', async () => {
    const bureau = await signIn('reviewer@zs-pilot.cn');
    const open = await bureau.get<{ items: Array<{ productName: string; provider: { name: string } }> }>('/api/v1/catalog/entries');
    expect(open.status).toBe(200);
    const waiting = DEMO_PRODUCT_ENTRIES.filter((p) => !p.returned).map((p) => p.body.name);
    expect(open.body.items.map((i) => i.productName)).toEqual(expect.arrayContaining(waiting));
    const returned = await bureau.get<{ items: Array<{ id: string; productName: string }> }>('/api/v1/catalog/entries?state=returned');
    expect(returned.body.items.map((i) => i.productName)).toEqual(['盘古 QMS 质量管理系统']);
    // The provider sees why it was returned.
    const pangu = await signIn('pangu@zs-pilot.cn');
    const mine = await pangu.get<{ items: Array<{ name: string; status: string; returnReason: string | null }> }>('/api/v1/catalog/my-products');
    expect(mine.body.items.find((p) => p.name === '盘古 QMS 质量管理系统')).toMatchObject({ status: 'returned', returnReason: DEMO_RETURN_REASON });
  });

  it('the contract draft is the authorised leading unit’s, not yet submitted', async () => {
    const e = byGoal('contracting');
    const ent = await signIn(e.mobile);
    const p = await projectOf(ent);
    const delegations = await ent.get<Array<{ agentName: string; revokedAt: string | null }>>('/api/v1/delegations');
    expect(delegations.body.map((d) => [d.agentName, d.revokedAt])).toEqual([['广东伊莱特电器有限公司', null]]);
    const elite = await signIn('elite@zs-pilot.cn');
    const contract = await elite.get<{ canEdit: boolean; contractNo: string; amountFen: number; missing: unknown[]; lines: unknown[] }>(`/api/v1/projects/${p.id}/contract`);
    expect(contract.status).toBe(200);
    expect(contract.body.canEdit).toBe(true);
    expect(contract.body.contractNo).toMatch(/^HT-ZS-2026-/);
    expect(contract.body.lines).toHaveLength(3);
    expect(contract.body.missing).toEqual([]);
    // What is left: the signed contract and the quotation.
    const submit = p.actions.find((a) => a.event === 'submitContract');
    expect(submit?.allowed).toBe(false);
    const clients = await elite.get<{ items: Array<{ projectId: string; state: string }> }>('/api/v1/provider/clients');
    expect(clients.body.items.map((c) => c.projectId)).toContain(p.id);
  });

  it('implementation shows a training session with its file and progress notes', async () => {
    const e = byGoal('implementation');
    const ent = await signIn(e.mobile);
    const p = await projectOf(ent);
    const sessions = await ent.get<Array<{ topic: string; files: unknown[]; onBehalfOfOrgName: string | null }>>(`/api/v1/projects/${p.id}/training-sessions`);
    expect(sessions.body).toHaveLength(1);
    expect(sessions.body[0]?.files).toHaveLength(1);
    const notes = await ent.get<unknown[]>(`/api/v1/projects/${p.id}/progress-notes`);
    expect(notes.body).toHaveLength(2);
  });

  it('the comprehensive institutions have evaluations to accept, in progress and awaiting confirmation', async () => {
    for (const [goal, account, bucket] of [
      ['evaluationAssigned', 'ceprei', 'toAccept'],
      ['evaluationInProgress', 'aii', 'inProgress'],
      ['evaluationConfirmation', 'ccid', 'awaitingConfirmation'],
    ] as const) {
      const p = await projectOf(await signIn(byGoal(goal).mobile));
      const inst = await signIn(`${account}@zs-pilot.cn`);
      const tasks = await inst.get<{ items: Array<{ id: string }> }>(`/api/v1/tasks?bucket=${bucket}`);
      expect([goal, tasks.body.items.map((i) => i.id)]).toEqual([goal, [p.id]]);
    }
    // The case stays sealed to the assigned institution until its declaration.
    const assigned = await projectOf(await signIn(byGoal('evaluationAssigned').mobile));
    expect((await (await signIn('ceprei@zs-pilot.cn')).get(`/api/v1/projects/${assigned.id}/materials`)).status).toBe(404);
  });

  it('keeps the failed attempt of the remediation and both attempts of the pilot enterprise', async () => {
    const r = await signIn(byGoal('remediation').mobile);
    const rp = await projectOf(r);
    const rh = await r.get<Attempts>(`/api/v1/projects/${rp.id}/evaluations`);
    expect(rh.body.attempts.map((a) => [a.n, a.level, a.confirmed, a.passed])).toEqual([[1, 1, true, false]]);

    const e = byGoal('evaluationPassed');
    const ent = await signIn(e.mobile);
    const p = await projectOf(ent);
    const h = await ent.get<Attempts>(`/api/v1/projects/${p.id}/evaluations`);
    expect(h.body.attempts.map((a) => [a.n, a.level, a.confirmed, a.passed])).toEqual([
      [1, 1, true, false],
      [2, 2, true, true],
    ]);
    expect(h.body.pilotEnterpriseAt).toBeTruthy();
    expect(h.body.benchmarks.map((b) => b.kind)).toEqual(['workshop']);
  });

  it('the bureau sees the providers’ ratings and the warning with its answer', async () => {
    const bureau = await signIn('reviewer@zs-pilot.cn');
    const list = await bureau.get<{ items: Array<{ name: string; ratings: { count: number }; activeMeasures: number }> }>('/api/v1/providers?pageSize=100');
    expect(list.status).toBe(200);
    const rated = list.body.items.filter((i) => i.ratings.count > 0).map((i) => i.name);
    expect(rated).toEqual(expect.arrayContaining(['中山泽东照明有限公司', '广东缝子产业投资集团有限公司', '中国电信股份有限公司中山分公司', '广东盘古信息科技股份有限公司']));
    expect(rated.length).toBeGreaterThanOrEqual(7);
    const heihu = await signIn(`${DEMO_WARNING.provider}@zs-pilot.cn`);
    const standing = await heihu.get<{ measures: Array<{ kind: string; reason: string; response: string | null }> }>('/api/v1/provider/standing');
    expect(standing.body.measures).toEqual([expect.objectContaining({ kind: 'warning', reason: DEMO_WARNING.reason, response: DEMO_WARNING.response })]);
  });

  it('was built through the use-cases, by the acting organisations', async () => {
    const e = byGoal('evaluationPassed');
    const rows = await t.db.execute<{ action: string; org: string | null }>(sql`
      select a.action, o.name as org from projects p join audit_events a on a.project_id = p.id left join organizations o on o.id = a.actor_org_id
      where p.enterprise_name = ${e.name} order by a.id`);
    const actions = rows.rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['project.submitFiling', 'assessment.submitted', 'project.chooseProvider', 'project.submitContract', 'implementation.trainingRecorded', 'project.submitImplementation', 'project.assignEvaluationInstitution', 'project.acceptEvaluationTask', 'project.submitEvaluationReport', 'project.confirmEvaluationReport']),
    );
    expect(actions.filter((a) => a === 'project.submitEvaluationReport')).toHaveLength(2);
    // The authorised leading unit submitted the contract.
    expect(rows.rows.find((r) => r.action === 'project.submitContract')?.org).toBe('中国电信股份有限公司中山分公司');
  });
});

describe('demo data: stage 2b needs the base demo', () => {
  it('does nothing on a database without the base demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zs-demo-files-'));
    const other = await startTestApp({}, { files: new DiskFileStore(dir) });
    try {
      expect(await ensureStage2bDemo(other.db, other.app.files, other.app.uploadMaxBytes)).toBe(false);
      expect(await ensureStages3to6Demo(other.db, other.app.files, other.app.uploadMaxBytes)).toBe(false);
      const r = await other.db.execute<{ n: number }>(sql`select count(*)::int as n from organizations`);
      expect(Number(r.rows[0]?.n)).toBe(0);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo data: stages 7–8 situations', () => {
  type Demo78 = typeof import('../../src/server/demo/stages7to8');
  let m: Demo78;
  interface Row {
    enterpriseName: string;
    step?: string;
    state?: string;
    line?: string;
    status?: string;
    itemCount?: number;
  }
  const items = async <T = Row>(c: Client, url: string): Promise<T[]> => {
    const res = await c.get<{ items: T[] }>(url);
    expect(res.status, url).toBe(200);
    return res.body.items;
  };
  const byStop = (stop: string) => m.STAGES7TO8_ENTERPRISES.filter((e) => e.stop === stop);
  beforeAll(async () => {
    m = await import('../../src/server/demo/stages7to8');
    const started = Date.now();
    const both = await Promise.all([m.ensureStages7to8Demo(t.db, store, t.app.uploadMaxBytes), m.ensureStages7to8Demo(t.db, store, t.app.uploadMaxBytes)]);
    expect(both.sort()).toEqual([false, true]);
    console.log(`stages 7–8 demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);

  it('puts each enterprise in its state, and each application at its review step', async () => {
    const states: Record<string, string> = { draft: 'evaluationPassed', disbursement: 'disbursement', completed: 'completed', honourOnly: 'honourOnly' };
    for (const e of m.STAGES7TO8_ENTERPRISES) {
      const p = await projectOf(await signIn(e.mobile));
      expect([e.name, p.state]).toEqual([e.name, states[e.stop] ?? 'subsidyReview']);
    }
    const reviews = await items(await signIn('reviewer@zs-pilot.cn'), '/api/v1/subsidy-reviews?pageSize=100');
    const step = (name: string) => reviews.find((r) => r.enterpriseName === name)?.step;
    const steps: Record<string, string> = { townReview: 'townReview', bureauExamination: 'bureauExamination', expertReview: 'expertReview', decision: 'partyGroupDecision', publicity: 'publicity' };
    for (const e of m.STAGES7TO8_ENTERPRISES) if (steps[e.stop]) expect([e.name, step(e.name)]).toEqual([e.name, steps[e.stop]]);
    const [atTown] = byStop('townReview');
    const town = await items(await signIn(`town-${atTown?.town}@zs-pilot.cn`), '/api/v1/subsidy-reviews?pageSize=100');
    expect(town.some((r) => r.enterpriseName === atTown?.name && r.step === 'townReview')).toBe(true);
  });

  it('the draft application is partly filled: invoices and one payment, not yet submitted', async () => {
    const [draft] = byStop('draft');
    const c = await signIn(draft?.mobile ?? '');
    const p = await projectOf(c);
    const res = await c.get<{ invoices: unknown[]; payments: unknown[]; abilities: { submit: boolean }; declarations: { signedAt: string | null } }>(`/api/v1/projects/${p.id}/subsidy-application`);
    expect(res.status).toBe(200);
    expect(res.body.invoices.length).toBeGreaterThan(1);
    expect(res.body.payments).toHaveLength(1);
    expect(res.body.declarations.signedAt).toBeNull();
  });

  it('experts have work: expert1 a case to declare, expert2 submitted reviews', async () => {
    const [atExperts] = byStop('expertReview');
    const one = await items<{ enterpriseName: string; status: string }>(await signIn('expert1@zs-pilot.cn'), '/api/v1/expert-reviews?pageSize=100');
    expect(one.find((a) => a.enterpriseName === atExperts?.name)?.status).toBe('toDeclare');
    const two = await items<{ enterpriseName: string; status: string }>(await signIn(m.DEMO_EXPERT2), '/api/v1/expert-reviews?pageSize=100');
    expect(two.find((a) => a.enterpriseName === atExperts?.name)?.status).toBe('submitted');
  });

  it('a draft batch of two, a decided batch whose announcement has the open objection, the earlier announcement final', async () => {
    const c = await signIn('admin@zs-pilot.cn');
    const batches = await items<{ status: string; itemCount: number }>(c, '/api/v1/decision-batches');
    expect(batches.filter((b) => b.status === 'draft').map((b) => b.itemCount)).toEqual([2]);
    expect(batches.filter((b) => b.status === 'decided')).toHaveLength(1);
    const objections = await items<{ objectorName: string; status: string }>(c, '/api/v1/objections');
    expect(objections.map((o) => [o.objectorName, o.status])).toEqual([[m.DEMO_OBJECTION.objectorName, 'open']]);
    const anns = await items<{ status: string }>(c, '/api/v1/announcements');
    expect(anns.map((a) => a.status).sort()).toEqual(['final', 'open']);
    const policies = await items<{ name: string; status: string }>(c, '/api/v1/policies');
    expect(policies.map((p) => [p.name, p.status]).sort()).toEqual([[m.DEMO_POLICY.nameV2, 'draft'], [m.DEMO_POLICY.name, 'active']].sort());
    const pools = await items<{ fundSource: string; totalFen: number }>(c, '/api/v1/budget/pools');
    expect(Object.fromEntries(pools.map((p) => [p.fundSource, p.totalFen]))).toEqual({ central: 40_000_000_00, provincial: 10_000_000_00, city: 20_000_000_00 });
  });

  it('finance has the final, benchmark and pre tranches pending, and the completed project paid in the ledger', async () => {
    const c = await signIn('finance@zs-pilot.cn');
    const tranches = await items<Row & { enterpriseName: string; line: string; state: string }>(c, '/api/v1/disbursements?pageSize=100');
    const of = (name: string | undefined) => tranches.filter((x) => x.enterpriseName === name).map((x) => [x.line, x.state]).sort();
    expect(of(byStop('disbursement')[0]?.name)).toEqual([['final', 'pending']]);
    expect(of(byStop('completed')[0]?.name)).toEqual([['benchmark', 'pending'], ['final', 'paid']]);
    expect(of(m.PRE_SUBSIDY_ENTERPRISE?.name)).toEqual([['pre', 'pending']]);
    const ledger = await items<{ enterpriseName: string; kind: string; line: string }>(c, '/api/v1/budget/ledger?pageSize=100');
    expect(ledger.filter((l) => l.enterpriseName === byStop('completed')[0]?.name && l.line === 'final').map((l) => l.kind).sort()).toEqual(['commit', 'pay']);
  });

  it('the completed and the honour-only enterprises hold certificates that verify publicly; the benchmarks wait and are awarded', async () => {
    for (const e of [...byStop('completed'), ...byStop('honourOnly')]) {
      const c = await signIn(e.mobile);
      const p = await projectOf(c);
      const cert = await c.get<{ code: string }>(`/api/v1/projects/${p.id}/certificate`);
      expect(cert.status).toBe(200);
      const pub = await new Client(t.app).get(`/api/v1/public/certificates/${encodeURIComponent(cert.body.code)}`);
      expect(pub.status).toBe(200);
    }
    const list = await items<{ enterpriseName: string; state: string }>(await signIn('reviewer@zs-pilot.cn'), '/api/v1/benchmarks?pageSize=100');
    const pilot = STAGES3TO6_ENTERPRISES.find((e) => e.goal === 'evaluationPassed');
    expect(list.find((b) => b.enterpriseName === pilot?.name)?.state).toBe('recommended');
    expect(list.find((b) => b.enterpriseName === byStop('completed')[0]?.name)?.state).toBe('awarded');
  });

  it('loads once: a second start adds nothing', async () => {
    const count = async () => (await t.db.execute<{ n: number }>(sql`select (select count(*)::int from organizations) + (select count(*)::int from ledger_entries) + (select count(*)::int from audit_events) as n`)).rows[0];
    const before = await count();
    expect(await m.ensureStages7to8Demo(t.db, store, t.app.uploadMaxBytes)).toBe(false);
    expect(await count()).toEqual(before);
    const flag = await t.db.execute<{ value: string }>(sql`select value from system_meta where key = ${m.STAGES7TO8_DEMO_FLAG}`);
    expect(flag.rows[0]?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
