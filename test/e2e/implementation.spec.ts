/**
 * 改造实施 in the browser: a project is brought to implementation through the API (self-diagnosis, the choice of
 * a demo leading unit, the contract); the provider records a training session with its sign-in sheet, the
 * acceptance date, a progress note and the acceptance report on the project page; the enterprise sees
 * nothing missing, declares completion and rates its provider with stars. Both on a desktop and on a phone.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { answersForTargetLevel, getCatalog, LATEST_CATALOG_VERSION } from '../../src/core/assessment';
import { apiJson, freshEnterprise, settled, shot, signInApi } from './helpers';
import { pdf, png } from '../support/sample-files';

const PROVIDER_ACCOUNT = 'telecom@zs-pilot.cn';

interface Me {
  org: { id: string; name: string };
  csrfToken: string;
}

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function fire(request: APIRequestContext, csrf: string, projectId: string, event: string, input?: unknown): Promise<string> {
  const res = await apiJson<{ state: string }>(await request.post(`/api/v1/projects/${projectId}/transitions`, { headers: { 'x-csrf-token': csrf }, data: input === undefined ? { event } : { event, input } }));
  return res.state;
}

/** A fresh enterprise whose project is in implementation with the demo leading unit as its provider. */
async function implementingProject(enterprise: APIRequestContext, provider: Me): Promise<{ projectId: string; csrf: string; title: string }> {
  const fresh = await freshEnterprise(enterprise);
  const headers = { 'x-csrf-token': fresh.csrfToken };
  const base = `/api/v1/projects/${fresh.projectId}`;
  // self-diagnosis
  const a = await apiJson<{ id: string; revision: number }>(await enterprise.post(`${base}/assessments`, { headers, data: { mode: 'self' } }));
  const answers = answersForTargetLevel(getCatalog(LATEST_CATALOG_VERSION), 2);
  const saved = await apiJson<{ revision: number }>(await enterprise.put(`/api/v1/assessments/${a.id}/answers`, { headers, data: { answers, revision: a.revision } }));
  await apiJson(await enterprise.post(`/api/v1/assessments/${a.id}/submit`, { headers, data: { pledge: true, revision: saved.revision } }));
  const me = await apiJson<Me>(await enterprise.get('/api/v1/auth/me'));
  // stage 3: the demo leading unit
  expect(await fire(enterprise, fresh.csrfToken, fresh.projectId, 'chooseProvider', { route: 'leadingUnit', providerOrgId: provider.org.id })).toBe('contracting');
  // stage 4: the contract, signed today
  const today = shanghaiToday();
  await apiJson(
    await enterprise.put(`${base}/contract`, {
      headers,
      data: {
        contractNo: `ZS-E2E-${fresh.mobile.slice(-4)}`,
        amountFen: 30_000_000,
        amountExTaxFen: 28_301_887,
        signedOn: today,
        periodStart: today,
        periodEnd: addDays(today, 120),
        parties: [
          { role: 'enterprise', orgId: me.org.id, name: me.org.name, duties: '提供场地与数据，配合实施' },
          { role: 'provider', orgId: provider.org.id, name: provider.org.name, duties: '交付MES系统并培训' },
        ],
        lines: [{ item: 'MES 系统', quantity: 1, unit: '套', unitPriceFen: 30_000_000, amountFen: 30_000_000 }],
        measures: '部署MES，关键设备联网采集。',
        targetsText: '关键工序数控化率提升至60%，设备联网率提升至80%。',
      },
    }),
  );
  await apiJson(await enterprise.put(`${base}/targets`, { headers, data: { rows: [{ key: 'cncRate', baseline: 35, target: 60 }, { key: 'networkRate', baseline: 20, target: 80 }] } }));
  for (const slot of ['contract.contract', 'contract.quotation']) {
    await apiJson(await enterprise.post(`${base}/materials/${slot}`, { headers, multipart: { file: { name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: pdf() } } }));
  }
  expect(await fire(enterprise, fresh.csrfToken, fresh.projectId, 'submitContract')).toBe('implementation');
  return { projectId: fresh.projectId, csrf: fresh.csrfToken, title: fresh.title };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** A browser context of the run's device (desktop 1366×768 or phone), optionally with a signed-in state. */
async function deviceContext(browser: Browser, info: TestInfo, storageState?: StorageState): Promise<BrowserContext> {
  const use = info.project.use;
  return browser.newContext({
    baseURL: use.baseURL,
    viewport: use.viewport ?? null,
    ...(use.deviceScaleFactor !== undefined ? { deviceScaleFactor: use.deviceScaleFactor } : {}),
    ...(use.isMobile !== undefined ? { isMobile: use.isMobile } : {}),
    ...(use.hasTouch !== undefined ? { hasTouch: use.hasTouch } : {}),
    ...(use.userAgent !== undefined ? { userAgent: use.userAgent } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(storageState ? { storageState } : {}),
  });
}

/** On a phone nothing of the card reaches past the screen's width. */
async function fitsTheScreen(page: Page, info: TestInfo): Promise<void> {
  if (!info.project.use.isMobile) return;
  const width = info.project.use.viewport?.width ?? 390;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const box = await page.getByTestId('implementation-card').boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 1);
}

async function pickDate(page: Page, input: ReturnType<Page['locator']>, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await settled(page);
}

test.describe.serial('implementation: the provider records, the enterprise declares and rates', () => {
  let projectId = '';
  let enterpriseState: StorageState | undefined;

  test('the provider records a training with its sign-in sheet, the acceptance and a note', async ({ browser }, info) => {
    const providerContext = await deviceContext(browser, info);
    await signInApi(providerContext.request, PROVIDER_ACCOUNT);
    const provider = await apiJson<Me>(await providerContext.request.get('/api/v1/auth/me'));
    const enterpriseContext = await deviceContext(browser, info);
    const p = await implementingProject(enterpriseContext.request, provider);
    projectId = p.projectId;
    enterpriseState = await enterpriseContext.storageState();
    await enterpriseContext.close();

    const page = await providerContext.newPage();
    await page.goto(`/workbench/projects/${projectId}`);
    const card = page.getByTestId('implementation-card');
    await expect(card).toBeVisible();
    await expect(page.getByTestId('implementation-checklist')).toContainText('至少一场培训并上传签到表或培训照片');

    await card.getByRole('button', { name: '登记培训' }).click();
    const dialog = page.getByRole('dialog', { name: '登记培训场次' });
    await expect(dialog).toBeVisible();
    // an empty form is refused on the spot
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toContainText('请填写培训主题');
    await pickDate(page, dialog.getByLabel('培训日期'), shanghaiToday());
    await dialog.getByLabel('培训主题').fill('MES 系统操作培训');
    await dialog.getByLabel('培训讲师').fill('李工');
    await dialog.getByLabel('参训人数').fill('12');
    await dialog.getByLabel('参训人员名单').fill('张三、李四、王五');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();

    const session = card.getByTestId('training-session');
    await expect(session).toHaveCount(1);
    await expect(session).toContainText('MES 系统操作培训');
    await expect(session).toContainText('缺签到表/照片');
    await session.locator('input[type=file]').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: png() });
    await expect(session.getByTestId('session-file')).toContainText('签到表.png');
    await expect(session).not.toContainText('缺签到表/照片');

    await pickDate(page, card.getByLabel('内部验收日期'), shanghaiToday());
    await card.getByRole('button', { name: '保存验收日期' }).click();
    await expect(page.getByText('内部验收日期已保存')).toBeVisible();

    await card.getByRole('textbox', { name: '实施进展' }).fill('设备联网已完成，MES 系统上线试运行。');
    await card.getByRole('button', { name: '添加进展' }).click();
    await expect(card.getByTestId('progress-notes')).toContainText('MES 系统上线试运行');

    await expect(card).toContainText('内部验收报告请在页面下方的“材料清单”中上传');
    await page.locator('section[aria-labelledby="slot-implementation-acceptanceReport"] input[type=file]').first().setInputFiles({ name: '内部验收报告.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await expect(page.getByTestId('implementation-checklist')).toContainText('实施材料已齐全');
    // only the enterprise declares: no such button for the provider
    await expect(page.locator('[data-event="submitImplementation"]')).toHaveCount(0);
    await fitsTheScreen(page, info);
    await shot(page, info, 'implementation-provider');
    await providerContext.close();
  });

  test('the enterprise declares completion and rates its provider', async ({ browser }, info) => {
    const context = await deviceContext(browser, info, enterpriseState);
    const page = await context.newPage();
    await page.goto(`/workbench/projects/${projectId}`);
    await expect(page.getByTestId('implementation-checklist')).toContainText('实施材料已齐全');
    await expect(page.getByTestId('training-session')).toContainText('签到表.png');
    const declare = page.locator('[data-event="submitImplementation"]');
    await expect(declare).toBeEnabled();
    await declare.click();
    const dialog = page.getByRole('dialog', { name: /确认实施完成并评价服务商/ });
    await expect(dialog).toBeVisible();
    for (const [name, stars] of [
      [/实施及时性/, 5],
      [/实施质量/, 4],
      [/服务态度/, 5],
      [/价格合理性/, 4],
    ] as const) {
      await dialog.getByRole('list', { name }).getByRole('radio').nth(stars - 1).click();
    }
    await dialog.getByLabel(/评价意见/).fill('实施及时，培训到位。');
    await shot(page, info, 'implementation-rate');
    await dialog.getByRole('button', { name: /确认|提交|确定/ }).last().click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('[data-state="implemented"]').first()).toBeVisible();
    await expect(page.getByTestId('implementation-card')).toContainText('实施记录只读');
    await fitsTheScreen(page, info);
    await shot(page, info, 'implementation-implemented');
    await context.close();
  });
});
