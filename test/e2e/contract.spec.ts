/**
 * 项目签约 in the browser: a project is brought to the contract through the API (self-diagnosis, the choice of a
 * demo leading unit); on a desktop the enterprise fills the contract (parties' duties, price lines whose total it
 * sees against the amount, dates, measures) and the targets on the project page, sees what is still missing,
 * uploads the contract and the quotation and submits; the contract becomes revision 1, read-only, and the
 * enterprise archive lists the targets. On a phone the contract form fits the screen and saves a draft.
 */
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { answersForTargetLevel, getCatalog, LATEST_CATALOG_VERSION } from '../../src/core/assessment';
import { apiJson, freshEnterprise, settled, shot, signInApi } from './helpers';
import { pdf } from '../support/sample-files';

const PROVIDER_ACCOUNT = 'telecom@zs-pilot.cn';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A fresh enterprise (signed in on `request`) whose project waits for its contract with the demo leading unit. */
async function contractingProject(request: APIRequestContext, providerOrgId: string): Promise<{ projectId: string; title: string }> {
  const fresh = await freshEnterprise(request);
  const headers = { 'x-csrf-token': fresh.csrfToken };
  const base = `/api/v1/projects/${fresh.projectId}`;
  const a = await apiJson<{ id: string; revision: number }>(await request.post(`${base}/assessments`, { headers, data: { mode: 'self' } }));
  const answers = answersForTargetLevel(getCatalog(LATEST_CATALOG_VERSION), 2);
  const saved = await apiJson<{ revision: number }>(await request.put(`/api/v1/assessments/${a.id}/answers`, { headers, data: { answers, revision: a.revision } }));
  await apiJson(await request.post(`/api/v1/assessments/${a.id}/submit`, { headers, data: { pledge: true, revision: saved.revision } }));
  const chosen = await apiJson<{ state: string }>(await request.post(`${base}/transitions`, { headers, data: { event: 'chooseProvider', input: { route: 'leadingUnit', providerOrgId } } }));
  expect(chosen.state).toBe('contracting');
  return { projectId: fresh.projectId, title: fresh.title };
}

async function providerOrgId(request: APIRequestContext): Promise<string> {
  await signInApi(request, PROVIDER_ACCOUNT);
  const me = await apiJson<{ org: { id: string } }>(await request.get('/api/v1/auth/me'));
  return me.org.id;
}

async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByTestId('contract-form').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await settled(page);
}

async function saveContract(page: Page): Promise<void> {
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/contract'));
  await page.getByTestId('contract-save').click();
  const res = await saved;
  expect(res.status(), await res.text()).toBe(200);
}

async function fitsTheScreen(page: Page, info: TestInfo): Promise<void> {
  const width = info.project.use.viewport?.width ?? 390;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const box = await page.getByTestId('contract-card').boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 1);
}

test.use({ actionTimeout: 15_000 });

test('the enterprise fills the contract and targets, uploads the contract and quotation and submits', async ({ page, browser }, info) => {
  test.skip(Boolean(info.project.use.isMobile), 'the whole path on a desktop; the phone checks the form');
  const providerContext = await browser.newContext({ baseURL: info.project.use.baseURL });
  const provider = await providerOrgId(providerContext.request);
  await providerContext.close();
  const { projectId, title } = await contractingProject(page.request, provider);
  await page.goto(`/workbench/projects/${projectId}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const card = page.getByTestId('contract-card');
  await expect(card).toBeVisible();
  // Nothing entered yet: the checklist says so, the submit action is not possible.
  await expect(page.getByTestId('contract-checklist')).toContainText('签约信息（尚未填写）');

  const form = page.getByTestId('contract-form');
  const today = shanghaiToday();
  await form.getByLabel('合同编号', { exact: true }).fill('ZS-E2E-2026-01');
  await form.getByLabel('合同金额（含税，元）', { exact: true }).fill('300000');
  await form.getByLabel('合同金额（不含税，元）', { exact: true }).fill('283018.87');
  await pickDate(page, '合同签订日期', today);
  await pickDate(page, '实施周期开始', today);
  await pickDate(page, '实施周期结束', addDays(today, 120));
  await form.getByTestId('party-0').getByLabel('职责', { exact: true }).fill('提供场地与数据，配合实施和验收');
  await form.getByTestId('party-1').getByLabel('职责', { exact: true }).fill('交付MES系统，完成设备联网并培训');

  await form.getByRole('button', { name: '添加一行' }).click();
  await form.getByTestId('line-0').getByLabel('产品或服务', { exact: true }).fill('MES 系统');
  await form.getByTestId('line-0').getByLabel('数量', { exact: true }).fill('1');
  await form.getByTestId('line-0').getByLabel('单位', { exact: true }).fill('套');
  await form.getByTestId('line-0').getByLabel('单价（元）', { exact: true }).fill('200000');
  await form.getByRole('button', { name: '添加一行' }).click();
  await form.getByTestId('line-1').getByLabel('产品或服务', { exact: true }).fill('设备联网');
  await form.getByTestId('line-1').getByLabel('数量', { exact: true }).fill('20');
  await form.getByTestId('line-1').getByLabel('单位', { exact: true }).fill('台');
  await form.getByTestId('line-1').getByLabel('单价（元）', { exact: true }).fill('4000');
  await form.getByTestId('line-1').getByLabel('单位', { exact: true }).click();
  // 200,000 + 80,000 is not the amount of 300,000: the difference is shown before saving.
  await expect(page.getByTestId('lines-total')).toContainText('相差 20,000.00 元');
  await form.getByTestId('line-1').getByLabel('单价（元）', { exact: true }).fill('5000');
  await form.getByTestId('line-1').getByLabel('单位', { exact: true }).click();
  await expect(page.getByTestId('line-amount-1')).toHaveText('100,000.00');
  await expect(page.getByTestId('lines-total')).toContainText('与合同金额一致');
  await form.getByLabel('改造措施', { exact: true }).fill('部署MES系统，关键设备联网采集，建立质量追溯。');
  await form.getByLabel('实施目标', { exact: true }).fill('关键工序数控化率提升至60%，生产设备联网率提升至80%。');
  await saveContract(page);
  // The contract itself is complete; only the targets are left.
  const checklist = page.getByTestId('contract-checklist');
  await expect(checklist).toContainText('改造目标“关键工序数控化率”的改造前数值');
  await expect(checklist).not.toContainText('合同编号');

  const targets = page.getByTestId('targets-card');
  await targets.getByRole('spinbutton', { name: '关键工序数控化率 改造前', exact: true }).fill('35');
  await targets.getByRole('spinbutton', { name: '关键工序数控化率 目标值', exact: true }).fill('60');
  await targets.getByRole('spinbutton', { name: '生产设备联网率 改造前', exact: true }).fill('20');
  await targets.getByRole('spinbutton', { name: '生产设备联网率 目标值', exact: true }).fill('80');
  const savedTargets = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/targets'));
  await targets.getByTestId('targets-save').click();
  expect((await savedTargets).status()).toBe(200);
  await expect(page.getByTestId('contract-complete')).toBeVisible();
  await shot(page, info, 'contract-filled');

  for (const [label, slot] of [
    ['项目合同（签章版）', 'contract.contract'],
    ['项目报价单', 'contract.quotation'],
  ] as const) {
    const region = page.getByRole('region', { name: label, exact: true });
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/materials/${slot}`));
    await region.locator('input[type="file"]:not([capture])').setInputFiles({ name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: pdf() });
    expect((await uploaded).status()).toBe(201);
  }

  const submit = page.locator('[data-event="submitContract"]');
  await expect(submit).toBeEnabled();
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/transitions'));
  await submit.click();
  const dialog = page.getByRole('dialog', { name: '提交签约信息' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^(确认|确定)$/ }).click();
  const res = await posted;
  expect(res.status(), await res.text()).toBe(200);
  await expect(page.locator('[data-state="implementation"]').first()).toBeVisible();
  await expect(card).toContainText('第 1 版');
  await expect(card).toContainText('只读');
  await expect(page.getByTestId('contract-form')).toHaveCount(0);
  await expect(card).toContainText('ZS-E2E-2026-01');
  await shot(page, info, 'contract-submitted');

  await page.goto('/workbench/archive');
  const archived = page.getByTestId('archive-project').filter({ hasText: title });
  await expect(archived).toContainText('关键工序数控化率');
  await expect(archived).toContainText('35');
});

test('the contract form on a phone fits the screen and saves a draft', async ({ page, browser }, info) => {
  test.skip(!info.project.use.isMobile, 'the phone layout');
  const providerContext = await browser.newContext({ baseURL: info.project.use.baseURL });
  const provider = await providerOrgId(providerContext.request);
  await providerContext.close();
  const { projectId } = await contractingProject(page.request, provider);
  await page.goto(`/workbench/projects/${projectId}`);
  const form = page.getByTestId('contract-form');
  await expect(form).toBeVisible();
  await form.getByLabel('合同编号', { exact: true }).fill('ZS-PHONE-01');
  await form.getByLabel('合同金额（含税，元）', { exact: true }).fill('1000');
  await form.getByRole('button', { name: '添加一行' }).click();
  await form.getByTestId('line-0').getByLabel('产品或服务', { exact: true }).fill('云MES订阅');
  await form.getByTestId('line-0').getByLabel('单价（元）', { exact: true }).fill('800');
  await form.getByTestId('line-0').getByLabel('单位', { exact: true }).click();
  await expect(page.getByTestId('lines-total')).toContainText('相差 200.00 元');
  await fitsTheScreen(page, info);
  await saveContract(page);
  await expect(page.getByTestId('contract-checklist')).toContainText('报价明细合计（800.00元）与合同金额（1,000.00元）不一致，相差200.00元');
  await fitsTheScreen(page, info);
  await shot(page, info, 'contract-phone');
});

/** Fills and submits the contract through the API as the enterprise (signed in on `request`). */
async function submitContractApi(request: APIRequestContext, projectId: string, providerId: string, contractNo: string): Promise<void> {
  const me = await apiJson<{ org: { id: string; name: string }; csrfToken: string }>(await request.get('/api/v1/auth/me'));
  const headers = { 'x-csrf-token': me.csrfToken };
  const base = `/api/v1/projects/${projectId}`;
  const today = shanghaiToday();
  await apiJson(
    await request.put(`${base}/contract`, {
      headers,
      data: {
        contractNo,
        amountFen: 30_000_000,
        amountExTaxFen: 28_301_887,
        signedOn: today,
        periodStart: today,
        periodEnd: addDays(today, 120),
        parties: [
          { role: 'enterprise', orgId: me.org.id, name: me.org.name, duties: '提供场地与数据，配合实施' },
          { role: 'provider', orgId: providerId, name: '服务商', duties: '交付MES系统并培训' },
        ],
        lines: [{ item: 'MES 系统', quantity: 1, unit: '套', unitPriceFen: 30_000_000, amountFen: 30_000_000 }],
        measures: '部署MES，关键设备联网采集。',
        targetsText: '关键工序数控化率提升至60%。',
      },
    }),
  );
  await apiJson(await request.put(`${base}/targets`, { headers, data: { rows: [{ key: 'cncRate', baseline: 35, target: 60 }, { key: 'networkRate', baseline: 20, target: 80 }] } }));
  for (const slot of ['contract.contract', 'contract.quotation']) {
    await apiJson(await request.post(`${base}/materials/${slot}`, { headers, multipart: { file: { name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: pdf() } } }));
  }
  const done = await apiJson<{ state: string }>(await request.post(`${base}/transitions`, { headers, data: { event: 'submitContract' } }));
  expect(done.state).toBe('implementation');
}

test('the bureau returns the contract with a reason; the resubmission is revision 2 and shows what changed', async ({ page, browser }, info) => {
  test.skip(Boolean(info.project.use.isMobile), 'the review on a desktop');
  const enterprise = await browser.newContext({ baseURL: info.project.use.baseURL });
  const providerContext = await browser.newContext({ baseURL: info.project.use.baseURL });
  const providerId = await providerOrgId(providerContext.request);
  await providerContext.close();
  const { projectId } = await contractingProject(enterprise.request, providerId);
  await submitContractApi(enterprise.request, projectId, providerId, 'ZS-REV-1');

  await signInApi(page.request, 'reviewer@zs-pilot.cn');
  await page.goto(`/workbench/projects/${projectId}`);
  const card = page.getByTestId('contract-card');
  await expect(card).toContainText('ZS-REV-1');
  await expect(page.getByTestId('contract-revisions')).toContainText('首次提交');
  const label = '退回签约材料修改';
  const dialog = page.getByRole('dialog', { name: label });
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('原因').fill('合同编号与签章合同不一致，请更正');
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/transitions'));
  await dialog.getByRole('button', { name: /^(确认|确定)$/ }).click();
  expect((await posted).status()).toBe(200);
  await expect(page.locator('[data-state="contracting"]').first()).toBeVisible();

  // The enterprise sees the reason on its form, corrects the number and submits again.
  const ep = await enterprise.newPage();
  await ep.goto(`/workbench/projects/${projectId}`);
  await expect(ep.getByTestId('contract-returned')).toContainText('合同编号与签章合同不一致');
  await ep.getByTestId('contract-form').getByLabel('合同编号', { exact: true }).fill('ZS-REV-2');
  await saveContract(ep);
  const resubmit = ep.locator('[data-event="submitContract"]');
  await expect(resubmit).toBeEnabled();
  await resubmit.click();
  const confirm = ep.getByRole('dialog', { name: '提交签约信息' });
  const again = ep.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/transitions'));
  await confirm.getByRole('button', { name: /^(确认|确定)$/ }).click();
  expect((await again).status()).toBe(200);
  await enterprise.close();

  await page.reload();
  await expect(card).toContainText('第 2 版');
  const history = page.getByTestId('contract-revisions');
  await expect(history).toContainText('本版变更：');
  await expect(history).toContainText('合同编号');
  await history.getByText(/^第 2 版/).click();
  await expect(history.locator('mark').first()).toHaveText('ZS-REV-2');
  await shot(page, info, 'contract-revisions');
});
