/**
 * Stage 2b, institution diagnosis, through the API: the bureau assigns (batch, least loaded), the institution
 * accepts, asks for evidence, the enterprise uploads, the institution sends its report with a summary, the
 * enterprise objects, the institution revises, the enterprise confirms; the project reaches stage 3 with the
 * report confirmed. And the refusals on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf } from '../support/sample-files';

interface Action {
  event: string;
  kind: string;
  allowed: boolean;
  reasons: Array<{ zh: string }>;
  input: Record<string, unknown> | null;
}
interface Detail {
  id: string;
  state: string;
  stage: number;
  revision: number;
  actions: Action[];
  stateInfo: { hint: { zh: string } | null };
  deadline: { dueOn: string; overdue: boolean } | null;
  diagnosisInstitution: { id: string; name: string } | null;
  fillableAssessment: string | null;
}
interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string }>; missingMaterials?: string[] };
}


let t: TestApp;
let bureau: Client;
let diagnostic: { id: string; client: Client };
let comprehensive: { id: string; client: Client };
let other: { id: string; client: Client };

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  const res = await c.login(account, PASSWORD);
  expect(res.status).toBe(200);
  return c;
}

/** An enterprise with a filed 机构诊断 project waiting for an institution. */
async function filedInstitutionProject(): Promise<{ id: string; client: Client }> {
  const e = await enterpriseWithUser(t.db);
  const client = await signIn(e.account);
  const draft = await client.post<Detail>('/api/v1/projects', { ...completeFiling, diagnosisMode: 'institution' });
  expect(draft.status).toBe(201);
  const filed = await client.post<Detail>(`/api/v1/projects/${draft.body.id}/transitions`, { event: 'submitFiling' });
  expect(filed.body.state).toBe('awaitingDiagnosisAssignment');
  return { id: draft.body.id, client };
}

beforeAll(async () => {
  t = await startTestApp();
  bureau = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account);
  const d = await orgWithUser(t.db, 'institution_diagnostic');
  const c = await orgWithUser(t.db, 'institution_comprehensive');
  const o = await orgWithUser(t.db, 'institution_diagnostic');
  diagnostic = { id: d.org.id, client: await signIn(d.account) };
  comprehensive = { id: c.org.id, client: await signIn(c.account) };
  other = { id: o.org.id, client: await signIn(o.account) };
});
afterAll(async () => t.close());

describe('stage 2b: institution diagnosis', () => {
  it('runs from assignment to a confirmed report, with an objection and a revision on the way', async () => {
    const { id, client: ent } = await filedInstitutionProject();

    // The bureau's assignment dialog: the action carries its input schema; the workload names a suggestion.
    const seen = await bureau.get<Detail>(`/api/v1/projects/${id}`);
    const assign = seen.body.actions.find((a) => a.event === 'assignDiagnosisInstitution');
    expect(assign?.kind).toBe('primary');
    expect(assign?.input).toMatchObject({ type: 'object', required: ['institutionId'] });
    const load = await bureau.get<Array<{ id: string; suggested: boolean; open: number }>>('/api/v1/institutions/workload');
    expect(load.status).toBe(200);
    expect(load.body.filter((l) => l.suggested)).toHaveLength(1);

    const missing = await bureau.post<Err>(`/api/v1/projects/${id}/transitions`, { event: 'assignDiagnosisInstitution', input: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('INPUT_INVALID');
    expect(missing.body.details.fields?.map((f) => f.path)).toContain('input.institutionId');

    const assigned = await bureau.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: diagnostic.id } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.state).toBe('diagnosisAssigned');
    expect(assigned.body.diagnosisInstitution?.id).toBe(diagnostic.id);
    expect(assigned.body.deadline?.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Another institution does not see it at all; the assigned one sees it in 待接收 with its hint.
    expect((await other.client.get(`/api/v1/projects/${id}`)).status).toBe(404);
    const tasks = await diagnostic.client.get<{ items: Array<{ id: string }>; counts: Record<string, number> }>('/api/v1/tasks?bucket=toAccept');
    expect(tasks.body.items.map((i) => i.id)).toContain(id);
    expect(tasks.body.counts.toAccept).toBeGreaterThanOrEqual(1);
    const mine = await diagnostic.client.get<Detail>(`/api/v1/projects/${id}`);
    expect(mine.body.stateInfo.hint?.zh).toContain('接收');

    const accepted = await diagnostic.client.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'acceptDiagnosisTask' });
    expect(accepted.body.state).toBe('institutionDiagnosis');
    expect(accepted.body.fillableAssessment).toBe('institution');

    // Evidence request by the seed's groups; the enterprise sees it on its checklist.
    const badRequest = await diagnostic.client.post<Err>(`/api/v1/projects/${id}/transitions`, { event: 'requestEvidence', input: { slots: [] } });
    expect(badRequest.body.code).toBe('INPUT_INVALID');
    const requested = await diagnostic.client.post<Detail>(`/api/v1/projects/${id}/transitions`, {
      event: 'requestEvidence',
      input: { slots: ['diagnosis.policies', 'diagnosis.systems', 'diagnosis.financials'], note: '请上传组织架构图、ERP截图和近一年财务报表' },
    });
    expect(requested.status).toBe(200);
    expect(requested.body.state).toBe('institutionDiagnosis');
    const checklist = await ent.get<{ slots: Array<{ key: string; requested: unknown }> }>(`/api/v1/projects/${id}/materials`);
    expect(checklist.status).toBe(200);
    expect(checklist.body.slots.find((s) => s.key === 'diagnosis.policies')?.requested).toBeTruthy();

    // The report cannot go out while the evidence and the report PDF are missing: the refusal names them.
    const early = await diagnostic.client.post<Err>(`/api/v1/projects/${id}/transitions`, {
      event: 'submitDiagnosisReport',
      input: { levelBefore: 1, painPoints: '排产依赖人工经验，设备数据未采集', recommendations: '建设生产管控系统并推进设备联网' },
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('MATERIALS_MISSING');
    expect(early.body.details.missingMaterials).toEqual(expect.arrayContaining(['diagnosis.policies', 'diagnosis.report']));

    for (const slot of ['diagnosis.policies', 'diagnosis.systems', 'diagnosis.financials']) {
      const up = await ent.upload(`/api/v1/projects/${id}/materials/${slot}`, pdf(), `${slot}.pdf`);
      expect(up.status).toBe(201);
    }
    // The enterprise cannot upload the institution's report; the institution can.
    expect((await ent.upload(`/api/v1/projects/${id}/materials/diagnosis.report`, pdf(), '报告.pdf')).status).toBe(403);
    expect((await diagnostic.client.upload(`/api/v1/projects/${id}/materials/diagnosis.report`, pdf(), '诊断报告v1.pdf')).status).toBe(201);

    const summary = { levelBefore: 1, painPoints: '排产依赖人工经验，设备数据未采集', recommendations: '建设生产管控系统并推进设备联网' };
    const sent = await diagnostic.client.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'submitDiagnosisReport', input: summary });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('diagnosisConfirmation');

    // The enterprise objects with a reason; the report goes back; a new version follows.
    const noReason = await ent.post<Err>(`/api/v1/projects/${id}/transitions`, { event: 'disputeDiagnosisReport' });
    expect(noReason.status).toBe(422);
    const disputed = await ent.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'disputeDiagnosisReport', reason: '设备联网现状描述与实际不符，请核实' });
    expect(disputed.body.state).toBe('institutionDiagnosis');
    expect((await diagnostic.client.upload(`/api/v1/projects/${id}/materials/diagnosis.report`, pdf(), '诊断报告v2.pdf')).status).toBe(201);
    const revised = await diagnostic.client.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'submitDiagnosisReport', input: { ...summary, painPoints: '排产依赖人工经验；已有部分设备联网，数据未汇集' } });
    expect(revised.body.state).toBe('diagnosisConfirmation');

    const confirmed = await ent.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'confirmDiagnosisReport' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state).toBe('diagnosed');
    expect(confirmed.body.stage).toBe(3);
    const twice = await ent.post<Err>(`/api/v1/projects/${id}/transitions`, { event: 'confirmDiagnosisReport' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_SUBMITTED');

    // The bureau sees the confirmed report (version 2) and the disputed one with its reason.
    const reports = await bureau.get<Array<{ kind: string; version: number; state: string; data: Record<string, unknown> }>>(`/api/v1/projects/${id}/reports`);
    expect(reports.body.map((r) => [r.version, r.state])).toEqual([
      [2, 'confirmed'],
      [1, 'disputed'],
    ]);
    expect(reports.body[0]?.data).toMatchObject({ levelBefore: 1, fileName: '诊断报告v2.pdf' });
    expect(reports.body[1]?.data.disputeReason).toBe('设备联网现状描述与实际不符，请核实');
    // In stage 3 nothing says the report is unconfirmed.
    const next = await ent.get<Detail>(`/api/v1/projects/${id}`);
    expect(next.body.actions.flatMap((a) => a.reasons.map((r) => r.zh)).join()).not.toContain('诊断报告尚未经企业确认');
  });

  it('refuses an institution that is not assigned, a diagnostic institution on a project it does not hold, and a non-institution', async () => {
    const { id } = await filedInstitutionProject();
    expect((await diagnostic.client.post(`/api/v1/projects/${id}/transitions`, { event: 'acceptDiagnosisTask' })).status).toBe(404);
    await bureau.post(`/api/v1/projects/${id}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: comprehensive.id } });
    // The diagnostic institution holds other projects, not this one: it cannot see or act on it.
    expect((await diagnostic.client.get(`/api/v1/projects/${id}`)).status).toBe(404);
    expect((await diagnostic.client.upload(`/api/v1/projects/${id}/materials/diagnosis.report`, pdf(), 'x.pdf')).status).toBe(404);
    const { id: id2 } = await filedInstitutionProject();
    const enterpriseOrg = await enterpriseWithUser(t.db);
    const notInst = await bureau.post<Err>(`/api/v1/projects/${id2}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: enterpriseOrg.org.id } });
    expect(notInst.status).toBeGreaterThanOrEqual(400);
    expect(notInst.status).toBeLessThan(500);
  });

  it('assigns a batch to the least-loaded institutions, reporting each item; a second assignment of the same project is refused', async () => {
    const a = await filedInstitutionProject();
    const b = await filedInstitutionProject();
    const res = await bureau.post<{ results: Array<{ projectId: string; ok: boolean; institution?: { id: string }; code?: string }> }>('/api/v1/projects/assign-institutions', { projectIds: [a.id, b.id] });
    expect(res.status).toBe(200);
    expect(res.body.results.every((r) => r.ok)).toBe(true);
    // Spread: two projects do not both go to one institution while another has less work.
    expect(new Set(res.body.results.map((r) => r.institution?.id)).size).toBe(2);
    const again = await bureau.post<{ results: Array<{ ok: boolean; code?: string }> }>('/api/v1/projects/assign-institutions', { projectIds: [a.id] });
    expect(again.body.results[0]).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    // Concurrent assignment of one project: exactly one wins.
    const c = await filedInstitutionProject();
    const [x, y] = await Promise.all([
      bureau.post<Detail>(`/api/v1/projects/${c.id}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: diagnostic.id } }),
      bureau.post<Detail>(`/api/v1/projects/${c.id}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: comprehensive.id } }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    // Only the bureau assigns.
    expect((await diagnostic.client.post('/api/v1/projects/assign-institutions', { projectIds: [c.id] })).status).toBe(403);
  });

  it('a declined task goes back to the bureau queue, unassigned', async () => {
    const { id } = await filedInstitutionProject();
    await bureau.post(`/api/v1/projects/${id}/transitions`, { event: 'assignDiagnosisInstitution', input: { institutionId: other.id } });
    const declined = await other.client.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'declineDiagnosisTask', reason: '本月任务已满，无法按期完成' });
    expect(declined.status).toBe(200);
    const back = await bureau.get<Detail>(`/api/v1/projects/${id}`);
    expect(back.body.state).toBe('awaitingDiagnosisAssignment');
    expect(back.body.diagnosisInstitution).toBeNull();
    expect((await other.client.get(`/api/v1/projects/${id}`)).status).toBe(404);
  });
});
