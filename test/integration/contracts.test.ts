/**
 * 项目签约 and 一企一档: the contract draft, its completeness at submission (provider, amounts, price lines,
 * dates, duties, targets), return and resubmission as revisions, the delegate, the measured values, the archive.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf } from '../support/sample-files';
import { makeProject } from '../../src/db/factories';
import { contractRevisions, delegations, projects, users, workflowObjects } from '../../src/db/schema';
import { todayInShanghai } from '../../src/server/deadlines/service';

interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; message: string }>; failures?: Array<{ guard: string; message: string }> };
}
interface ContractView {
  revision: number;
  canEdit: boolean;
  missing: Array<{ zh: string; en: string }>;
  parties: Array<{ role: string; orgId: string | null; name: string }>;
  provider: { id: string; name: string } | null;
  returnReason: string | null;
}
interface TargetsView {
  rows: Array<{ key: string; baseline: number | null; target: number | null; measured: number | null }>;
  canEdit: boolean;
  canMeasure: boolean;
  choices: Array<{ key: string }>;
}
interface Revision {
  revision: number;
  changedFields: string[];
  onBehalfOf: string | null;
  submittedByName: string | null;
  snapshot: Record<string, unknown>;
}

let t: TestApp;
let bureau: Client;
const today = todayInShanghai(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = new Client(t.app, '127.0.0.9');
  await bureau.login(b.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

async function setup() {
  const e = await enterpriseWithUser(t.db);
  const lu = await orgWithUser(t.db, 'leading_unit');
  const project = await makeProject(t.db, { enterprise: e.org, state: 'contracting', providerOrgId: lu.org.id });
  await t.db.update(projects).set({ plannedEnd: addDays(today, 365) }).where(eq(projects.id, project.id));
  const ec = new Client(t.app);
  await ec.login(e.account, PASSWORD);
  const lc = new Client(t.app, '127.0.0.3');
  await lc.login(lu.account, PASSWORD);
  return { e, lu, project, ec, lc, url: `/api/v1/projects/${project.id}` };
}

function fullContract(enterprise: { id: string; name: string }, provider: { id: string; name: string }) {
  return {
    contractNo: 'ZS-2026-001',
    amountFen: 30_000_000,
    amountExTaxFen: 28_301_887,
    signedOn: today,
    periodStart: today,
    periodEnd: addDays(today, 180),
    parties: [
      { role: 'enterprise', orgId: enterprise.id, name: enterprise.name, duties: '提供场地与数据，配合实施' },
      { role: 'provider', orgId: provider.id, name: provider.name, duties: '交付MES系统并培训' },
    ],
    lines: [
      { item: 'MES 系统', quantity: 1, unit: '套', unitPriceFen: 20_000_000, amountFen: 20_000_000 },
      { item: '设备联网', quantity: 20, unit: '台', unitPriceFen: 500_000, amountFen: 10_000_000 },
    ],
    measures: '部署MES，关键设备联网采集。',
    targetsText: '关键工序数控化率提升至60%，设备联网率提升至80%。',
  };
}

const TARGETS = {
  rows: [
    { key: 'cncRate', baseline: 35, target: 60 },
    { key: 'networkRate', baseline: 20.5, target: 80 },
    { key: 'equipmentDigitalRate', baseline: 30, target: 50 },
  ],
};

async function uploadMaterials(c: Client, url: string) {
  for (const slot of ['contract.contract', 'contract.quotation']) {
    const up = await c.upload(`${url}/materials/${slot}`, pdf(), `${slot}.pdf`);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
  }
}

describe('the contract', () => {
  it('saves drafts, refuses bad formats with Chinese messages, and another enterprise sees nothing', async () => {
    const { e, lu, ec, url } = await setup();
    const empty = await ec.get<ContractView>(`${url}/contract`);
    expect(empty.status).toBe(200);
    expect(empty.body.canEdit).toBe(true);
    expect(empty.body.provider?.id).toBe(lu.org.id);
    expect(empty.body.missing.map((m) => m.zh).join('|')).toContain('签约信息');

    const draft = await ec.request<ContractView>('PUT', `${url}/contract`, { contractNo: 'ZS-1', amountFen: 100 });
    expect(draft.status).toBe(200);
    expect(draft.body.missing.map((m) => m.zh)).toContain('合同签订日期');

    const bad = await ec.request<Err>('PUT', `${url}/contract`, { amountFen: -5, signedOn: '2026-02-30', lines: [{ item: 'x', quantity: 0, unit: '套', unitPriceFen: 1.5, amountFen: 1 }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.details.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['amountFen', 'signedOn', 'lines.0.quantity', 'lines.0.unitPriceFen']));
    expect(bad.body.details.fields?.find((f) => f.path === 'amountFen')?.message).toMatch(/合同金额/);

    const other = await enterpriseWithUser(t.db);
    const oc = new Client(t.app, '127.0.0.4');
    await oc.login(other.account, PASSWORD);
    expect((await oc.get(`${url}/contract`)).status).toBe(404);
    expect((await oc.request('PUT', `${url}/contract`, { contractNo: 'X' })).status).toBe(404);
    expect((await oc.get(`${url}/targets`)).status).toBe(404);
    expect((await oc.get(`${url}/contract/revisions`)).status).toBe(404);
    // The bureau reads it, but may not write it.
    expect((await bureau.get(`${url}/contract`)).status).toBe(200);
    expect((await bureau.request<Err>('PUT', `${url}/contract`, { contractNo: 'X' })).status).toBe(403);
    void e;
  });

  it('a contract naming another provider is refused, on save and at submission', async () => {
    const { e, ec, url, project } = await setup();
    const stranger = await orgWithUser(t.db, 'catalog_provider');
    const res = await ec.request<Err>('PUT', `${url}/contract`, fullContract(e.org, stranger.org));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CONTRACT_PROVIDER_MISMATCH');
    expect(res.body.details.fields?.[0]?.path).toBe('parties.1.orgId');
    // Even stored behind the form's back, the guard refuses it.
    await ec.request('PUT', `${url}/contract`, fullContract(e.org, { id: project.providerOrgId!, name: 'p' }));
    await ec.request('PUT', `${url}/targets`, TARGETS);
    await uploadMaterials(ec, url);
    await t.db.execute(`update contracts set parties = '[{"role":"enterprise","name":"企业","duties":"配合"},{"role":"provider","orgId":"${stranger.org.id}","name":"别的服务商","duties":"实施"}]'::jsonb where project_id = '${project.id}'`);
    const submit = await ec.post<Err>(`${url}/transitions`, { event: 'submitContract' });
    expect(submit.status).toBe(422);
    expect(submit.body.message).toContain('合同中的服务商须为本项目已选定的服务商');
  });

  it('submission lists what is missing: the targets, lines not summing (with the difference), a signing date before the filing', async () => {
    const { e, lu, ec, url, project } = await setup();
    await uploadMaterials(ec, url);
    const c = fullContract(e.org, lu.org);
    await ec.request('PUT', `${url}/contract`, { ...c, lines: [c.lines[0]] });
    const first = await ec.post<Err>(`${url}/transitions`, { event: 'submitContract' });
    expect(first.status).toBe(422);
    expect(first.body.code).toBe('GUARD_FAILED');
    expect(first.body.message).toContain('改造目标“关键工序数控化率”的改造前数值');
    expect(first.body.message).toContain('改造目标“生产设备联网率”的目标值');
    expect(first.body.message).toContain('报价明细合计（200,000.00元）与合同金额（300,000.00元）不一致，相差100,000.00元');

    await t.db.update(projects).set({ submittedAt: new Date(Date.now() + 3 * 86_400_000) }).where(eq(projects.id, project.id));
    await ec.request('PUT', `${url}/contract`, c);
    await ec.request('PUT', `${url}/targets`, TARGETS);
    const early = await ec.post<Err>(`${url}/transitions`, { event: 'submitContract' });
    expect(early.status).toBe(422);
    expect(early.body.message).toMatch(/合同签订日期（.*）不能早于备案日期/);
    await t.db.update(projects).set({ submittedAt: new Date(Date.now() - 86_400_000) }).where(eq(projects.id, project.id));

    const late = await ec.request<ContractView>('PUT', `${url}/contract`, { periodEnd: addDays(today, 400), amountExTaxFen: 40_000_000 });
    expect(late.body.missing.map((m) => m.zh).join('|')).toMatch(/晚于备案的计划完成日期.*请填写延期说明/);
    expect(late.body.missing.map((m) => m.zh).join('|')).toContain('不能大于含税金额');
    const ok = await ec.request<ContractView>('PUT', `${url}/contract`, { lateReason: '设备到货推迟', amountExTaxFen: 28_301_887 });
    expect(ok.body.missing).toEqual([]);
    const submitted = await ec.post<{ state: string }>(`${url}/transitions`, { event: 'submitContract' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('implementation');
    const twice = await ec.post<Err>(`${url}/transitions`, { event: 'submitContract' });
    expect(twice.body.code).toBe('ALREADY_SUBMITTED');
    // After submission the contract and targets are read-only.
    const locked = await ec.request<Err>('PUT', `${url}/contract`, { contractNo: 'changed' });
    expect(locked.status).toBe(409);
    expect((await ec.request<Err>('PUT', `${url}/targets`, TARGETS)).status).toBe(409);
  });

  it('percent targets stay within 0–100; an unknown key is refused', async () => {
    const { ec, url } = await setup();
    const over = await ec.request<Err>('PUT', `${url}/targets`, { rows: [{ key: 'cncRate', baseline: 120, target: 60 }] });
    expect(over.status).toBe(400);
    expect(over.body.details.fields?.[0]?.path).toBe('rows.0.baseline');
    const unknown = await ec.request<Err>('PUT', `${url}/targets`, { rows: [{ key: 'madeUp', baseline: 1, target: 2 }] });
    expect(unknown.status).toBe(400);
    const custom = await ec.request<TargetsView>('PUT', `${url}/targets`, { rows: [{ key: 'custom1', label: '订单准时交付率', unit: '%', baseline: 80, target: 95 }] });
    expect(custom.status).toBe(200);
    expect(custom.body.rows.map((r) => r.key)).toEqual(['cncRate', 'networkRate', 'custom1']);
    expect(custom.body.choices.map((c) => c.key)).toContain('assessmentScore');
  });

  it('return → edit → resubmit gives revision 2 with the changed fields', async () => {
    const { e, lu, ec, url, project } = await setup();
    await uploadMaterials(ec, url);
    await ec.request('PUT', `${url}/contract`, fullContract(e.org, lu.org));
    await ec.request('PUT', `${url}/targets`, TARGETS);
    expect((await ec.post(`${url}/transitions`, { event: 'submitContract' })).status).toBe(200);
    const noReason = await bureau.post<Err>(`${url}/transitions`, { event: 'returnContract' });
    expect(noReason.status).toBe(422);
    expect((await bureau.post(`${url}/transitions`, { event: 'returnContract', reason: '合同金额与报价单不一致' })).status).toBe(200);
    const reopened = await ec.get<ContractView>(`${url}/contract`);
    expect(reopened.body.canEdit).toBe(true);
    expect(reopened.body.returnReason).toBe('合同金额与报价单不一致');
    await ec.request('PUT', `${url}/contract`, { contractNo: 'ZS-2026-001-R' });
    await ec.request('PUT', `${url}/targets`, { rows: [TARGETS.rows[0], { key: 'networkRate', baseline: 20.5, target: 85 }] });
    expect((await ec.post(`${url}/transitions`, { event: 'submitContract' })).status).toBe(200);
    const revs = await bureau.get<Revision[]>(`${url}/contract/revisions`);
    expect(revs.body.map((r) => r.revision)).toEqual([1, 2]);
    expect(revs.body[1]?.changedFields.sort()).toEqual(['contractNo', 'targets']);
    expect(revs.body[1]?.snapshot.contractNo).toBe('ZS-2026-001-R');
    expect(revs.body[0]?.snapshot.contractNo).toBe('ZS-2026-001');
    expect(revs.body[0]?.onBehalfOf).toBeNull();
    expect((await ec.get<ContractView>(`${url}/contract`)).body.revision).toBe(2);
    void project;
  });

  it('a delegate without authorisation is refused; an authorised one saves and submits for the enterprise', async () => {
    const { e, lu, lc, url, project } = await setup();
    const refused = await lc.request<Err>('PUT', `${url}/contract`, { contractNo: 'LU-1' });
    expect(refused.status).toBe(403);
    expect((await lc.request('PUT', `${url}/targets`, TARGETS)).status).toBe(403);
    expect((await lc.get<ContractView>(`${url}/contract`)).body.canEdit).toBe(false);

    const [owner] = await t.db.select().from(users).where(eq(users.orgId, e.org.id));
    await t.db.insert(delegations).values({ enterpriseId: e.org.id, agentOrgId: lu.org.id, grantedBy: owner!.id });
    const saved = await lc.request<ContractView>('PUT', `${url}/contract`, fullContract(e.org, lu.org));
    expect(saved.status).toBe(200);
    expect(saved.body.canEdit).toBe(true);
    expect((await lc.request('PUT', `${url}/targets`, TARGETS)).status).toBe(200);
    await uploadMaterials(lc, url);
    const submitted = await lc.post<{ state: string }>(`${url}/transitions`, { event: 'submitContract' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const [rev] = await t.db.select().from(contractRevisions).where(eq(contractRevisions.projectId, project.id));
    expect(rev?.onBehalfOfOrgId).toBe(e.org.id);
    const revs = await lc.get<Revision[]>(`${url}/contract/revisions`);
    expect(revs.body[0]?.onBehalfOf).toBe(e.org.id);
  });
});

describe('bad input never fails the server', () => {
  it('odd bodies get a 4xx in the error shape with a Chinese message', async () => {
    const { ec, url } = await setup();
    const bodies: unknown[] = [
      null,
      [],
      'x',
      { amountFen: '100' },
      { amountFen: 1e20 },
      { amountFen: 1.5 },
      { signedOn: 20260101 },
      { parties: [{ role: 'boss', name: 'x' }] },
      { parties: [{ role: 'other', name: 'x'.repeat(500), duties: '' }] },
      { parties: [{ role: 'other', name: 'x', uscc: 'not-a-code' }] },
      { lines: [{ item: 'x', quantity: -1, unit: '', unitPriceFen: 1, amountFen: 1 }] },
      { lines: Array.from({ length: 101 }, () => ({ item: 'x', quantity: 1, unit: '', unitPriceFen: 1, amountFen: 1 })) },
      { unknownField: 1 },
      { measures: 1 },
    ];
    for (const body of bodies) {
      const res = await ec.request<Err>('PUT', `${url}/contract`, body === null ? 'null' : body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof res.body.code).toBe('string');
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const body of [{ rows: [{ key: 'cncRate', baseline: -1, target: 1 }] }, { rows: [{ key: 'cncRate', baseline: 1.234, target: 1 }] }, { rows: [{ key: 'cncRate' }] }, { rows: 'x' }, { rows: [{ key: 'cncRate', baseline: 1, target: 2 }, { key: 'cncRate', baseline: 1, target: 2 }] }, { rows: [{ key: 'custom1', baseline: 1, target: 2 }] }]) {
      const res = await ec.request<Err>('PUT', `${url}/targets`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await ec.get<Err>('/api/v1/projects/not-a-uuid/contract')).status).toBe(400);
    expect((await ec.get<Err>('/api/v1/projects/00000000-0000-4000-8000-000000000000/contract')).status).toBe(404);
  });
});

describe('measured values and the archive', () => {
  it('the assigned institution records measured values only during the evaluation; the archive and its export show them', async () => {
    const { e, lu, ec, url, project } = await setup();
    await ec.request('PUT', `${url}/contract`, fullContract(e.org, lu.org));
    await ec.request('PUT', `${url}/targets`, TARGETS);
    const inst = await orgWithUser(t.db, 'institution_comprehensive');
    const ic = new Client(t.app, '127.0.0.5');
    await ic.login(inst.account, PASSWORD);
    const measured = { rows: [{ key: 'cncRate', measured: 62 }, { key: 'networkRate', measured: 81.5 }] };
    // Not assigned: the project is not even visible.
    expect((await ic.request('PUT', `${url}/targets/measured`, measured)).status).toBe(404);
    await t.db.update(projects).set({ evaluationInstitutionId: inst.org.id, state: 'implementation', stage: 5 }).where(eq(projects.id, project.id));
    const early = await ic.request<Err>('PUT', `${url}/targets/measured`, measured);
    expect(early.status).toBe(409);
    await t.db.update(projects).set({ state: 'evaluationInProgress', stage: 6 }).where(eq(projects.id, project.id));
    expect((await ec.request('PUT', `${url}/targets/measured`, measured)).status).toBe(403);
    const beforeMeasure = await ic.get<{ actions: Array<{ event: string; reasons: Array<{ zh: string }> }> }>(url);
    const reasons = beforeMeasure.body.actions.find((a) => a.event === 'submitEvaluationReport')?.reasons.map((r) => r.zh).join('|');
    expect(reasons).toContain('改造目标“关键工序数控化率”的改造后数值');
    const unknown = await ic.request<Err>('PUT', `${url}/targets/measured`, { rows: [{ key: 'assessmentScore', measured: 1 }] });
    expect(unknown.status).toBe(400);
    const ok = await ic.request<TargetsView>('PUT', `${url}/targets/measured`, measured);
    expect(ok.status).toBe(200);
    expect(ok.body.canMeasure).toBe(true);
    expect(ok.body.rows.find((r) => r.key === 'networkRate')?.measured).toBe(81.5);

    await t.db.insert(workflowObjects).values({ kind: 'diagnosisReport', workflowVersion: 'x', state: 'confirmed', projectId: project.id, data: { levelBefore: 1 } });
    await t.db.insert(workflowObjects).values({ kind: 'evaluationReport', workflowVersion: 'x', state: 'confirmed', projectId: project.id, version: 1, data: { levelAfter: 1 } });
    await t.db.insert(workflowObjects).values({ kind: 'evaluationReport', workflowVersion: 'x', state: 'confirmed', projectId: project.id, version: 2, data: { levelAfter: 2 } });

    const mine = await ec.get<{ items: Array<{ projectId: string; levelBefore: number; evaluations: Array<{ levelAfter: number }>; targets: Array<{ key: string; measured: number | null }> }>; total: number }>('/api/v1/archive');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]?.levelBefore).toBe(1);
    expect(mine.body.items[0]?.evaluations.map((x) => x.levelAfter)).toEqual([1, 2]);
    expect(mine.body.items[0]?.targets.find((x) => x.key === 'cncRate')?.measured).toBe(62);
    expect((await ic.get('/api/v1/archive')).status).toBe(403);
    expect((await ec.get('/api/v1/archive/export.xlsx')).status).toBe(403);

    const all = await bureau.get<{ items: Array<{ projectId: string }>; total: number }>(`/api/v1/archive?stage=6&townCode=${project.townCode}&pageSize=100`);
    expect(all.body.items.map((x) => x.projectId)).toContain(project.id);
    const none = await bureau.get<{ total: number }>('/api/v1/archive?stage=8');
    expect(none.body.total).toBe(0);
    expect((await bureau.get<Err>('/api/v1/archive?stage=9')).status).toBe(400);

    const file = await bureau.get(`/api/v1/archive/export.xlsx?stage=6`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]?.state).toBe('frozen');
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const rowNo = ws.getColumn(1).values.findIndex((v) => v === project.filingNo);
    expect(rowNo).toBeGreaterThan(1);
    const cell = (name: string) => ws.getRow(rowNo).getCell(header.indexOf(name)).value;
    expect(cell('关键工序数控化率·改造前（%）')).toBe(35);
    expect(cell('生产设备联网率·改造后（%）')).toBe(81.5);
    expect(cell('改造前等级（诊断）')).toBe('一级');
    expect(cell('改造后等级（最近评估）')).toBe('二级');
    expect(cell('评估次数')).toBe(2);
    expect(wb.worksheets[1]?.rowCount).toBeGreaterThanOrEqual(4);
  });
});
