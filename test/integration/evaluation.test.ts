/**
 * Stage 6, the effect evaluation, through the API: the bureau may assign only a comprehensive institution
 * without a conflict of interest (not the provider's group, not the diagnosing institution unless configured);
 * the institution declares no conflict before the case opens; a failed attempt, remediation and a passed one
 * are both kept; the delegate cannot confirm; a benchmark recommendation is stored; a dispute goes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf, png } from '../support/sample-files';
import { makeProject } from '../../src/db/factories';
import { conflictDeclarations, organizations, projectTargets, projects } from '../../src/db/schema';

interface Detail {
  id: string;
  state: string;
  stage: number;
  actions: Array<{ event: string; allowed: boolean }>;
}
interface Err {
  code: string;
  message: string;
  details: { failures?: Array<{ guard: string; message: { zh: string } }>; fields?: Array<{ path: string }> };
}
interface Load {
  id: string;
  kind: string;
  suggested: boolean;
  conflict: { zh: string } | null;
}
interface History {
  levelBefore: number | null;
  levelAfter: number | null;
  pilotEnterpriseAt: string | null;
  attempts: Array<{ n: number; level: number | null; confirmed: boolean; passed: boolean | null; gaps: string | null; disputes: Array<{ reason: string }>; declaredAt: string | null; institution: { id: string } | null }>;
  pending: { state: string } | null;
  benchmarks: Array<{ kind: string; reasons: string }>;
}
interface Checklist {
  slots: Array<{ key: string; required: boolean; files: Array<{ id: string }> }>;
}

let t: TestApp;
let bureau: Client;
let clean: { id: string; client: Client };
let clean2: { id: string; client: Client };
let sameGroup: { id: string; client: Client };
let diagnoser: { id: string; client: Client };
let diagnostic: { id: string; client: Client };
let provider: { id: string; client: Client };

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  const res = await c.login(account, PASSWORD);
  expect(res.status).toBe(200);
  return c;
}

async function inst(type: 'institution_comprehensive' | 'institution_diagnostic' | 'leading_unit', parentGroup: string | null = null) {
  const o = await orgWithUser(t.db, type);
  if (parentGroup) await t.db.update(organizations).set({ parentGroup }).where(eq(organizations.id, o.org.id));
  return { id: o.org.id, client: await signIn(o.account) };
}

/** A project waiting for its evaluation institution, provided by `provider`, diagnosed by `diagnoser`. */
async function waitingProject(): Promise<{ id: string; ent: Client; entId: string }> {
  const e = await enterpriseWithUser(t.db);
  const p = await makeProject(t.db, { enterprise: e.org, state: 'awaitingEvaluationAssignment', providerOrgId: provider.id, diagnosisInstitutionId: diagnoser.id });
  // The targets with their values after (the institution records them; the targets API is the contracts module's).
  await t.db.insert(projectTargets).values([
    { projectId: p.id, key: 'cncRate', label: '关键工序数控化率', baseline: '40', target: '60', measured: '62' },
    { projectId: p.id, key: 'networkRate', label: '生产设备联网率', baseline: '30', target: '80', measured: '85', sort: 1 },
  ]);
  return { id: p.id, ent: await signIn(e.account), entId: e.org.id };
}

const fire = <T = Detail>(c: Client, id: string, body: Record<string, unknown>) => c.post<T>(`/api/v1/projects/${id}/transitions`, body);
const assign = (id: string, institutionId: string) => fire<Detail & Err>(bureau, id, { event: 'assignEvaluationInstitution', input: { institutionId } });

/** The enterprise uploads the required evaluation evidence and the institution its report. */
async function materials(id: string, ent: Client, institution: Client): Promise<void> {
  const list = await ent.get<Checklist>(`/api/v1/projects/${id}/materials`);
  expect(list.status).toBe(200);
  for (const s of list.body.slots.filter((x) => x.required && x.key.startsWith('evaluation.') && x.key !== 'evaluation.report')) {
    const up = s.key.endsWith('photos') ? await ent.upload(`/api/v1/projects/${id}/materials/${s.key}`, png(), '现场.png') : await ent.upload(`/api/v1/projects/${id}/materials/${s.key}`, pdf(), `${s.key}.pdf`);
    expect(up.status).toBe(201);
  }
  expect((await institution.upload(`/api/v1/projects/${id}/materials/evaluation.report`, pdf(), '评估报告.pdf')).status).toBe(201);
}

beforeAll(async () => {
  t = await startTestApp();
  bureau = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account);
  provider = await inst('leading_unit', '中山示范科技集团');
  clean = await inst('institution_comprehensive');
  clean2 = await inst('institution_comprehensive');
  sameGroup = await inst('institution_comprehensive', '中山示范科技集团');
  diagnoser = await inst('institution_comprehensive');
  diagnostic = await inst('institution_diagnostic');
});
afterAll(async () => t.close());

describe('stage 6: effect evaluation', () => {
  it('refuses a diagnostic institution, one of the provider’s group and the diagnosing institution, and flags them in the picker', async () => {
    const { id } = await waitingProject();
    const d = await assign(id, diagnostic.id);
    expect(d.status).toBe(422);
    expect(d.body.code).toBe('GUARD_FAILED');
    const g = await assign(id, sameGroup.id);
    expect(g.status).toBe(422);
    expect(g.body.details.failures?.find((f) => f.guard === 'noConflictOfInterest')?.message.zh).toContain('同属“中山示范科技集团”');
    const x = await assign(id, diagnoser.id);
    expect(x.status).toBe(422);
    expect(x.body.details.failures?.find((f) => f.guard === 'noConflictOfInterest')?.message.zh).toContain('诊断');
    // The provider itself is not an institution at all: a clear 400.
    const pv = await assign(id, provider.id);
    expect(pv.status).toBe(400);
    expect(pv.body.code).toBe('INPUT_INVALID');

    // The picker: only comprehensive institutions; the conflicted ones carry the reason and are never suggested.
    const load = await bureau.get<Load[]>(`/api/v1/institutions/workload?assignment=evaluation&projectIds=${id}`);
    expect(load.status).toBe(200);
    expect(load.body.every((l) => l.kind === 'comprehensive')).toBe(true);
    expect(load.body.find((l) => l.id === sameGroup.id)?.conflict?.zh).toContain('集团');
    expect(load.body.find((l) => l.id === diagnoser.id)?.conflict?.zh).toContain('诊断');
    expect(load.body.find((l) => l.id === clean.id)?.conflict).toBeNull();
    expect(load.body.find((l) => l.suggested)?.conflict ?? null).toBeNull();
    expect((await bureau.get<Err>('/api/v1/institutions/workload?projectIds=nonsense')).status).toBe(400);
    expect((await bureau.get<Err>('/api/v1/institutions/workload?assignment=other')).status).toBe(400);

    // The batch assignment's automatic choice avoids the conflicted ones.
    const auto = await bureau.post<{ results: Array<{ ok: boolean; institution?: { id: string } }> }>('/api/v1/projects/assign-institutions', { projectIds: [id] });
    expect(auto.body.results[0]?.ok).toBe(true);
    expect([sameGroup.id, diagnoser.id]).not.toContain(auto.body.results[0]?.institution?.id);
  });

  it('runs a failed attempt, remediation and a passed one, keeping both; the case is sealed until the declaration', async () => {
    const { id, ent, entId } = await waitingProject();
    expect((await assign(id, clean.id)).body.state).toBe('evaluationAssigned');

    // The assigned institution sees the assignment in 待接收, not the case; the diagnoser does not get the task.
    const tasks = await clean.client.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=toAccept');
    expect(tasks.body.items.map((i) => i.id)).toContain(id);
    const diagTasks = await diagnoser.client.get<{ items: Array<{ id: string }>; counts: Record<string, number> }>('/api/v1/tasks?bucket=toAccept');
    expect(diagTasks.body.items.map((i) => i.id)).not.toContain(id);
    expect((await clean.client.get(`/api/v1/projects/${id}`)).status).toBe(200);
    expect((await clean.client.get(`/api/v1/projects/${id}/materials`)).status).toBe(404);
    expect((await clean.client.get(`/api/v1/projects/${id}/reports`)).status).toBe(404);
    expect((await clean.client.get(`/api/v1/projects/${id}/evaluations`)).status).toBe(404);
    // The diagnoser cannot accept on the evaluator's behalf.
    expect((await fire<Err>(diagnoser.client, id, { event: 'acceptEvaluationTask', input: { noConflict: true } })).status).toBe(422);

    // Accepting needs the declaration.
    const none = await fire<Err>(clean.client, id, { event: 'acceptEvaluationTask', input: {} });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('INPUT_INVALID');
    expect(JSON.stringify(none.body.details)).toContain('利益冲突');
    const falsy = await fire<Err>(clean.client, id, { event: 'acceptEvaluationTask', input: { noConflict: false } });
    expect(falsy.status).toBe(400);
    const accepted = await fire(clean.client, id, { event: 'acceptEvaluationTask', input: { noConflict: true, statement: '评估人员与企业及服务商均无关联' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('evaluationInProgress');
    const decl = await t.db.select().from(conflictDeclarations).where(eq(conflictDeclarations.projectId, id));
    expect(decl).toHaveLength(1);
    expect(decl[0]).toMatchObject({ institutionOrgId: clean.id, phase: 'evaluation', statement: '评估人员与企业及服务商均无关联' });
    expect((await clean.client.get(`/api/v1/projects/${id}/materials`)).status).toBe(200);
    // The evaluation questionnaire is the evaluator's, not the diagnoser's.
    expect((await clean.client.post(`/api/v1/projects/${id}/assessments`, { mode: 'evaluation' })).status).toBe(201);
    expect((await diagnoser.client.post(`/api/v1/projects/${id}/assessments`, { mode: 'evaluation' })).status).toBe(403);

    await materials(id, ent, clean.client);
    // Below level 2 the gaps are required; a benchmark cannot be recommended.
    const noGaps = await fire<Err>(clean.client, id, { event: 'submitEvaluationReport', input: { levelAfter: 1, summary: '生产管控系统已上线但设备联网率不足' } });
    expect(noGaps.status).toBe(400);
    expect(noGaps.body.details.fields?.map((f) => f.path)).toContain('input.gaps');
    const report1 = { levelAfter: 1, summary: '生产管控系统已上线但设备联网率不足', gaps: '设备联网率仅30%，未实现数据采集与看板' };
    const sent1 = await fire(clean.client, id, { event: 'submitEvaluationReport', input: report1 });
    expect(sent1.status, JSON.stringify(sent1.body)).toBe(200);
    expect(sent1.body.state).toBe('evaluationConfirmation');
    expect((await fire<Err>(clean.client, id, { event: 'submitEvaluationReport', input: report1 })).status).toBe(409);

    // A dispute sends it back to the institution; a revised version follows.
    const disputed = await fire(ent, id, { event: 'disputeEvaluationReport', reason: '设备联网数据统计口径有误，请复核' });
    expect(disputed.body.state).toBe('evaluationInProgress');
    expect((await fire(clean.client, id, { event: 'submitEvaluationReport', input: { ...report1, summary: '复核后：生产管控系统已上线，设备联网率不足' } })).body.state).toBe('evaluationConfirmation');

    // A delegate (the provider, authorised) cannot confirm.
    expect((await ent.post('/api/v1/delegations', { agentOrgId: provider.id })).status).toBe(201);
    const byDelegate = await fire<Err>(provider.client, id, { event: 'confirmEvaluationReport' });
    expect(byDelegate.status).toBe(403);
    const failed = await fire(ent, id, { event: 'confirmEvaluationReport' });
    expect(failed.status).toBe(200);
    expect(failed.body.state).toBe('remediation');

    // Remediation, and the evaluation requested again (the delegate may request it).
    expect((await ent.upload(`/api/v1/projects/${id}/materials/remediation.statement`, pdf(), '整改情况说明.pdf')).status).toBe(201);
    const again = await fire(provider.client, id, { event: 'requestEvaluation' });
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('awaitingEvaluationAssignment');
    expect((await assign(id, clean2.id)).body.state).toBe('evaluationAssigned');

    // The second institution: sealed before its declaration (the first attempt's files exist), open after.
    const files = await ent.get<Checklist>(`/api/v1/projects/${id}/materials`);
    const fileId = files.body.slots.find((s) => s.key === 'evaluation.policies')?.files[0]?.id;
    expect(fileId).toBeTruthy();
    expect((await clean2.client.get(`/api/v1/materials/${fileId}/download`)).status).toBe(404);
    expect((await fire(clean2.client, id, { event: 'acceptEvaluationTask', input: { noConflict: true } })).status).toBe(200);
    expect((await clean2.client.get(`/api/v1/materials/${fileId}/download`)).status).toBe(200);
    // The second attempt has its own evaluation questionnaire.
    expect((await clean2.client.post(`/api/v1/projects/${id}/assessments`, { mode: 'evaluation' })).status).toBe(201);

    // Level 2 with a benchmark: a new report version (the first attempt's stays confirmed).
    expect((await clean2.client.upload(`/api/v1/projects/${id}/materials/evaluation.report`, pdf(), '第二次评估报告.pdf')).status).toBe(201);
    const badBench = await fire<Err>(clean2.client, id, { event: 'submitEvaluationReport', input: { levelAfter: 2, summary: '设备联网率提升至85%，达到二级', benchmark: 'workshop' } });
    expect(badBench.status).toBe(400);
    const sent2 = await fire(clean2.client, id, {
      event: 'submitEvaluationReport',
      input: { levelAfter: 2, summary: '设备联网率提升至85%，达到二级', benchmark: 'workshop', benchmarkReasons: '生产线设备全面联网，数据看板完整，可作示范' },
    });
    expect(sent2.status).toBe(200);
    const passed = await fire(ent, id, { event: 'confirmEvaluationReport' });
    expect(passed.status).toBe(200);
    expect(passed.body.state).toBe('evaluationPassed');
    const [row] = await t.db.select({ pilot: projects.pilotEnterpriseAt }).from(projects).where(eq(projects.id, id));
    expect(row?.pilot).toBeTruthy();

    // Both attempts are kept, with their levels, the dispute and the declarations.
    const h = await ent.get<History>(`/api/v1/projects/${id}/evaluations`);
    expect(h.status).toBe(200);
    expect(h.body.attempts.map((a) => [a.n, a.level, a.confirmed, a.passed])).toEqual([
      [1, 1, true, false],
      [2, 2, true, true],
    ]);
    expect(h.body.attempts[0]?.disputes.map((d) => d.reason)).toEqual(['设备联网数据统计口径有误，请复核']);
    expect(h.body.attempts[0]?.gaps).toContain('设备联网率');
    expect(h.body.attempts.map((a) => a.institution?.id)).toEqual([clean.id, clean2.id]);
    expect(h.body.attempts.every((a) => a.declaredAt !== null)).toBe(true);
    expect(h.body.levelAfter).toBe(2);
    expect(h.body.pilotEnterpriseAt).toBeTruthy();
    expect(h.body.pending).toBeNull();
    expect(h.body.benchmarks).toEqual([expect.objectContaining({ kind: 'workshop', reasons: '生产线设备全面联网，数据看板完整，可作示范' })]);
    const reports = await bureau.get<Array<{ kind: string; version: number; state: string }>>(`/api/v1/projects/${id}/reports`);
    expect(reports.body.filter((r) => r.kind === 'evaluation').map((r) => [r.version, r.state])).toEqual([
      [3, 'confirmed'],
      [2, 'confirmed'],
      [1, 'disputed'],
    ]);

    // The bureau's benchmark list; other roles are refused; bad filters are 400.
    const list = await bureau.get<{ items: Array<{ project: { id: string }; kind: string; institutionName: string }>; total: number }>('/api/v1/benchmark-recommendations?kind=workshop');
    expect(list.status).toBe(200);
    expect(list.body.items.find((i) => i.project.id === id)).toMatchObject({ kind: 'workshop' });
    expect((await ent.get('/api/v1/benchmark-recommendations')).status).toBe(403);
    expect((await bureau.get<Err>('/api/v1/benchmark-recommendations?kind=gold')).status).toBe(400);
    expect((await bureau.get<Err>('/api/v1/benchmark-recommendations?pageSize=1000')).status).toBe(400);

    // Another enterprise sees nothing of it.
    const other = await enterpriseWithUser(t.db);
    const oc = await signIn(other.account);
    expect((await oc.get(`/api/v1/projects/${id}/evaluations`)).status).toBe(404);
    expect((await oc.get(`/api/v1/materials/${fileId}/download`)).status).toBe(404);
    expect(entId).not.toBe(other.org.id);
    expect((await bureau.get('/api/v1/projects/00000000-0000-4000-8000-000000000000/evaluations')).status).toBe(404);
    expect((await bureau.get('/api/v1/projects/not-a-uuid/evaluations')).status).toBe(400);
  });

  it('a declined evaluation goes back to the queue', async () => {
    const { id } = await waitingProject();
    await assign(id, clean.id);
    const declined = await fire(clean.client, id, { event: 'declineEvaluationTask', reason: '与服务商存在合作关系，申请回避' });
    expect(declined.status).toBe(200);
    expect((await bureau.get<Detail>(`/api/v1/projects/${id}`)).body.state).toBe('awaitingEvaluationAssignment');
  });
});

describe('stage 6 with EVALUATION_EXCLUDES_DIAGNOSER=false', () => {
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await startTestApp({ evaluationExcludesDiagnoser: false });
  });
  afterAll(async () => t2.close());

  it('the diagnosing institution may evaluate; the provider’s group still may not', async () => {
    const login = async (account: string) => {
      const c = new Client(t2.app);
      expect((await c.login(account, PASSWORD)).status).toBe(200);
      return c;
    };
    const b = await login((await orgWithUser(t2.db, 'bureau', { bureauRole: 'reviewer' })).account);
    const pv = await orgWithUser(t2.db, 'leading_unit');
    await t2.db.update(organizations).set({ parentGroup: '同一集团' }).where(eq(organizations.id, pv.org.id));
    const diag = await orgWithUser(t2.db, 'institution_comprehensive');
    const grp = await orgWithUser(t2.db, 'institution_comprehensive');
    await t2.db.update(organizations).set({ parentGroup: '同一集团' }).where(eq(organizations.id, grp.org.id));
    const e = await enterpriseWithUser(t2.db);
    const p = await makeProject(t2.db, { enterprise: e.org, state: 'awaitingEvaluationAssignment', providerOrgId: pv.org.id, diagnosisInstitutionId: diag.org.id });
    const g = await b.post<Err>(`/api/v1/projects/${p.id}/transitions`, { event: 'assignEvaluationInstitution', input: { institutionId: grp.org.id } });
    expect(g.status).toBe(422);
    const ok = await b.post<Detail>(`/api/v1/projects/${p.id}/transitions`, { event: 'assignEvaluationInstitution', input: { institutionId: diag.org.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('evaluationAssigned');
  });
});
