/**
 * Stage-7 set-up for the browser tests, through the platform's API only (the way the roles themselves act):
 * a fresh enterprise whose project has passed its evaluation at level 2 (评估通过（试点企业）), a subsidy policy in
 * force and a budget pool for the current year (made by the bureau's administrator when none exists).
 *
 * Path: filing (self-diagnosis) → self-assessment → the run's own leading unit chosen as provider → delegation →
 * contract and targets by the leading unit → training with its sign-in sheet, acceptance → implementation
 * declared and rated → evaluation requested → the run's own comprehensive institution assigned by the bureau,
 * accepts, measures, reports level 2 → the enterprise confirms. Every call is a real request with its role's
 * session; each call of `projectAtEvaluationPassed` makes new organisations, so runs never share a project.
 */
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { answersForTargetLevel, getCatalog, LATEST_CATALOG_VERSION } from '../../src/core/assessment';
import { DEFAULT_POLICY_RULES } from '../../src/core/subsidy/policy';
import { pdf, png } from '../support/sample-files';
import { FRESH_PASSWORD, apiJson, freshEnterprise, randomMobile, signInApi } from './helpers';

export const ADMIN = 'admin@zs-pilot.cn';
export const REVIEWER = 'reviewer@zs-pilot.cn';
export const FINANCE = 'finance@zs-pilot.cn';
export const EXPERT = 'expert1@zs-pilot.cn';
export const TOWN = 'town-guzhen@zs-pilot.cn';

export const shanghaiToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export interface Stage7Project {
  projectId: string;
  title: string;
  company: string;
  /** The enterprise's sign-in (mobile, FRESH_PASSWORD). */
  enterprise: string;
  leadingUnit: { id: string; name: string; account: string };
  pool: { id: string; name: string };
}

type Playwright = PlaywrightWorkerArgs['playwright'];

async function createOrg(admin: APIRequestContext, csrf: string, type: string, name: string): Promise<{ id: string; name: string; account: string }> {
  const mobile = randomMobile();
  const org = await apiJson<{ id: string; name: string }>(
    await admin.post('/api/v1/admin/organizations', {
      headers: { 'x-csrf-token': csrf },
      data: { type, name, contactName: '测试联系人', contactMobile: mobile, member: { name: '测试联系人', mobile, password: FRESH_PASSWORD } },
    }),
  );
  return { id: org.id, name: org.name, account: mobile };
}

/** A policy in force today and a pool of the current year: found, or made by the bureau's administrator. */
export async function ensurePolicyAndPool(admin: APIRequestContext, csrf: string): Promise<{ id: string; name: string }> {
  const headers = { 'x-csrf-token': csrf };
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const inForce = await apiJson<{ policy: { id: string } | null }>(await admin.get(`/api/v1/policies/in-force?on=${today}`));
  if (!inForce.policy) {
    const code = `E2E-${Date.now().toString(36)}`;
    const draft = await apiJson<{ id: string }>(
      await admin.post('/api/v1/policies', { headers, data: { code, name: `中山市数字化转型试点完工奖补政策（测试${code}）`, effectiveFrom: `${year}-01-01`, effectiveTo: null, rules: DEFAULT_POLICY_RULES } }),
    );
    await apiJson(await admin.post(`/api/v1/policies/${draft.id}/publish`, { headers }));
  }
  const findPool = async () => (await apiJson<{ items: Array<{ id: string; name: string }> }>(await admin.get(`/api/v1/budget/pools?year=${year}&fundSource=city`))).items[0];
  let pool = await findPool();
  if (!pool) {
    const res = await admin.post('/api/v1/budget/pools', { headers, data: { year, fundSource: 'city', name: `${year}年市级试点奖补资金`, totalFen: 50_000_000 * 100 } });
    // Another run may have made it at the same moment (409 POOL_EXISTS): take that one.
    if (res.status() !== 409) await apiJson(res);
    pool = await findPool();
  }
  if (!pool) throw new Error('no budget pool');
  return { id: pool.id, name: pool.name };
}

/** A fresh enterprise with a project at evaluationPassed (level 2), and a policy and pool to apply under. */
export async function projectAtEvaluationPassed(baseURL: string, playwright: Playwright): Promise<Stage7Project> {
  const ent = await playwright.request.newContext({ baseURL });
  const admin = await playwright.request.newContext({ baseURL });
  const bureau = await playwright.request.newContext({ baseURL });
  const lead = await playwright.request.newContext({ baseURL });
  const inst = await playwright.request.newContext({ baseURL });
  try {
    const fresh = await freshEnterprise(ent);
    const id = fresh.projectId;
    const e = { 'x-csrf-token': fresh.csrfToken };
    const fire = async (r: APIRequestContext, headers: Record<string, string>, event: string, input?: unknown) =>
      (await apiJson<{ state: string }>(await r.post(`/api/v1/projects/${id}/transitions`, { headers, data: input === undefined ? { event } : { event, input } }))).state;
    const upload = async (r: APIRequestContext, headers: Record<string, string>, slot: string, itemId?: string) => {
      const image = slot === 'implementation.trainingRecords' || slot === 'subsidy.systemScreenshots';
      await apiJson(
        await r.post(`/api/v1/projects/${id}/materials/${slot}${itemId ? `?itemId=${itemId}` : ''}`, {
          headers,
          multipart: { file: image ? { name: `${slot}.png`, mimeType: 'image/png', buffer: png() } : { name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: pdf() } },
        }),
      );
    };
    const assess = async (r: APIRequestContext, headers: Record<string, string>, mode: 'self' | 'evaluation', level: 1 | 2) => {
      const a = await apiJson<{ id: string; revision: number }>(await r.post(`/api/v1/projects/${id}/assessments`, { headers, data: { mode } }));
      const answers = answersForTargetLevel(getCatalog(LATEST_CATALOG_VERSION), level);
      const saved = await apiJson<{ revision: number }>(await r.put(`/api/v1/assessments/${a.id}/answers`, { headers, data: { answers, revision: a.revision } }));
      await apiJson(await r.post(`/api/v1/assessments/${a.id}/submit`, { headers, data: { pledge: true, revision: saved.revision } }));
    };

    // Stage 2: the self-assessment (level 1 before the transformation).
    await assess(ent, e, 'self', 1);
    const a = await signInApi(admin, ADMIN);
    const pool = await ensurePolicyAndPool(admin, a.csrfToken);
    const tail = fresh.mobile.slice(-4);
    const leadingUnit = await createOrg(admin, a.csrfToken, 'leading_unit', `中山奖补${tail}数字科技有限公司`);
    const evaluator = await createOrg(admin, a.csrfToken, 'institution_comprehensive', `中山奖补${tail}评估服务有限公司`);

    // Stage 3: the leading unit as provider, authorised to act for the enterprise.
    expect(await fire(ent, e, 'chooseProvider', { route: 'leadingUnit', providerOrgId: leadingUnit.id })).toBe('contracting');
    await apiJson(await ent.post('/api/v1/delegations', { headers: e, data: { agentOrgId: leadingUnit.id } }));

    // Stage 4: the contract and targets by the delegate (200,000 yuan; signed today).
    const l = { 'x-csrf-token': (await signInApi(lead, leadingUnit.account, FRESH_PASSWORD)).csrfToken };
    const today = shanghaiToday();
    await apiJson(
      await lead.put(`/api/v1/projects/${id}/contract`, {
        headers: l,
        data: {
          contractNo: `HT-E2E-${tail}`,
          amountFen: 20_000_000,
          amountExTaxFen: 18_867_925,
          signedOn: today,
          periodStart: today,
          periodEnd: '2027-06-30',
          parties: [
            { role: 'enterprise', name: fresh.company, duties: '提供场地与数据，配合实施和验收' },
            { role: 'provider', orgId: leadingUnit.id, name: leadingUnit.name, duties: '交付MES系统，完成设备联网并培训' },
          ],
          lines: [{ item: '生产管控MES系统', quantity: 1, unit: '套', unitPriceFen: 20_000_000, amountFen: 20_000_000 }],
          measures: '部署MES系统，关键设备联网采集，建立质量追溯。',
          targetsText: '关键工序数控化率提升至60%，生产设备联网率提升至80%。',
        },
      }),
    );
    await apiJson(
      await lead.put(`/api/v1/projects/${id}/targets`, {
        headers: l,
        data: { rows: [{ key: 'cncRate', baseline: 35, target: 60 }, { key: 'networkRate', baseline: 20, target: 80 }, { key: 'equipmentDigitalRate', baseline: 30, target: 50 }] },
      }),
    );
    await upload(lead, l, 'contract.contract');
    await upload(lead, l, 'contract.quotation');
    expect(await fire(lead, l, 'submitContract')).toBe('implementation');

    // Stage 5: a training with its sign-in sheet, the acceptance and its report, the rating.
    const session = await apiJson<{ id: string }>(
      await lead.post(`/api/v1/projects/${id}/training-sessions`, { headers: l, data: { heldOn: today, topic: 'MES 系统操作培训', trainer: '吴工', trainees: 15, traineeNames: '车间主任、班组长、计划员' } }),
    );
    await upload(lead, l, 'implementation.trainingRecords', session.id);
    await apiJson(await lead.put(`/api/v1/projects/${id}/acceptance`, { headers: l, data: { acceptedOn: today } }));
    await upload(ent, e, 'implementation.acceptanceReport');
    expect(await fire(ent, e, 'submitImplementation', { timeliness: 5, quality: 4, service: 5, price: 4, comment: '实施及时，培训到位。' })).toBe('implemented');

    // Stage 6: the evaluation at level 2.
    expect(await fire(ent, e, 'requestEvaluation')).toBe('awaitingEvaluationAssignment');
    const b = { 'x-csrf-token': (await signInApi(bureau, REVIEWER)).csrfToken };
    expect(await fire(bureau, b, 'assignEvaluationInstitution', { institutionId: evaluator.id })).toBe('evaluationAssigned');
    const i = { 'x-csrf-token': (await signInApi(inst, evaluator.account, FRESH_PASSWORD)).csrfToken };
    expect(await fire(inst, i, 'acceptEvaluationTask', { noConflict: true, statement: '评估人员与企业及服务商均无利益关系。' })).toBe('evaluationInProgress');
    for (const k of ['policies', 'systems', 'photos', 'financials']) await upload(ent, e, `evaluation.${k}`);
    await assess(inst, i, 'evaluation', 2);
    await apiJson(await inst.put(`/api/v1/projects/${id}/targets/measured`, { headers: i, data: { rows: [{ key: 'cncRate', measured: 62 }, { key: 'networkRate', measured: 82 }, { key: 'equipmentDigitalRate', measured: 55 }] } }));
    await upload(inst, i, 'evaluation.report');
    expect(await fire(inst, i, 'submitEvaluationReport', { levelAfter: 2, summary: '设备联网率提升至八成，数据汇集到统一看板，达到二级', gaps: '' })).toBe('evaluationConfirmation');
    expect(await fire(ent, e, 'confirmEvaluationReport')).toBe('evaluationPassed');

    return { projectId: id, title: fresh.title, company: fresh.company, enterprise: fresh.mobile, leadingUnit, pool };
  } finally {
    for (const r of [ent, admin, bureau, lead, inst]) await r.dispose();
  }
}
