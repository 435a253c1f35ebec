/**
 * The whole pilot path through the UI, one browser context per role: an enterprise with a filed 机构诊断 project
 * → the bureau assigns a diagnosis institution → the institution accepts, the enterprise uploads its evidence,
 * the institution uploads its report and sends it → the enterprise confirms → the enterprise chooses a market
 * provider that is not in the catalog on 选择服务商, naming the leading unit to recommend it → the leading unit
 * writes the 推荐函 (form + sealed PDF) and submits → the bureau approves it under 推荐函审核 → the project is in
 * 项目签约 (试点管理) → the enterprise authorises the leading unit under 授权管理 → the leading unit, as delegate,
 * fills the contract and the targets, uploads contract and quotation and submits → the provider records a
 * training with its sign-in sheet, the acceptance date and report → the enterprise declares implementation
 * complete and rates the provider → requests the evaluation → the bureau assigns a comprehensive institution
 * → the institution declares no conflict and accepts, the enterprise uploads the four kinds of evidence, the
 * institution records the measured targets, uploads its report and sends level 1 with the gaps → the enterprise
 * confirms → 整改提升 → requests again → the bureau assigns → the institution sends level 2 → the enterprise
 * confirms → 评估通过（试点企业）, both attempts in the evaluation history.
 *
 * Desktop: every role at 1366×768. Phone: the enterprise at 390×844 (the others on a desktop), and stages 1–2
 * (filing, institution diagnosis — covered by diagnosis-flow.spec.ts) through the API. The API is used for
 * set-up only: the run's own enterprise, institutions, leading unit and market provider (so runs never meet).
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page, type PlaywrightWorkerArgs, type TestInfo } from '@playwright/test';
import { FRESH_PASSWORD, apiJson, chooseOption, randomMobile, randomUscc, settled, shot, signInApi } from './helpers';
import { pdf, png } from '../support/sample-files';

const REVIEWER = 'reviewer@zs-pilot.cn';
const ADMIN = 'admin@zs-pilot.cn';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Org {
  id: string;
  name: string;
  account: string;
  uscc?: string;
}

interface Seed {
  projectId: string;
  title: string;
  company: string;
  enterprise: string;
  enterpriseCsrf: string;
  diagnostic: Org;
  evaluator: Org;
  leadingUnit: Org;
  market: Org & { uscc: string; product: string };
}

const EVIDENCE = [
  { key: 'policies', label: '相关制度文件、组织架构文件' },
  { key: 'systems', label: '系统软件截图、设备清单、软件设备购买证明、数据台账' },
  { key: 'photos', label: '改造现场照片、相关培训交流照片' },
  { key: 'financials', label: '审计报告或财务报表、数字化投入证明' },
] as const;

async function createOrg(admin: APIRequestContext, csrf: string, type: string, name: string, uscc?: string): Promise<Org> {
  const mobile = randomMobile();
  const org = await apiJson<{ id: string; name: string }>(
    await admin.post('/api/v1/admin/organizations', {
      headers: { 'x-csrf-token': csrf },
      data: { type, name, ...(uscc ? { uscc } : {}), contactName: '测试联系人', contactMobile: mobile, member: { name: '测试联系人', mobile, password: FRESH_PASSWORD } },
    }),
  );
  return { id: org.id, name: org.name, account: mobile, ...(uscc ? { uscc } : {}) };
}

/** The run's enterprise (a filed 机构诊断 project), two institutions, a leading unit and a market provider with no product. */
async function seed(baseURL: string, playwright: PlaywrightWorkerArgs['playwright']): Promise<Seed> {
  const mobile = randomMobile();
  const tail = mobile.slice(-4);
  const company = `中山市试点${tail}五金制品有限公司`;
  const title = `${company}数字化改造试点项目`;
  const ent = await playwright.request.newContext({ baseURL });
  const admin = await playwright.request.newContext({ baseURL });
  try {
    const reg = await apiJson<{ csrfToken: string }>(
      await ent.post('/api/v1/auth/register', {
        data: {
          uscc: randomUscc(),
          name: company,
          townCode: 'xiaolan',
          industryCode: '38',
          employees: 150,
          annualRevenueFen: 52_000_000_00,
          contactName: '周试点',
          contactMobile: mobile,
          password: FRESH_PASSWORD,
        },
      }),
    );
    const headers = { 'x-csrf-token': reg.csrfToken };
    const project = await apiJson<{ id: string }>(
      await ent.post('/api/v1/projects', {
        headers,
        data: {
          title,
          situation: '生产计划依靠人工排产，设备数据未采集，质量记录为纸质。',
          needs: '生产计划排程、设备联网采集与质量追溯。',
          scope: '冲压车间、装配车间',
          plannedInvestmentFen: 60_000_000,
          plannedStart: '2026-12-01',
          plannedEnd: '2027-12-31',
          diagnosisMode: 'institution',
        },
      }),
    );
    const filed = await apiJson<{ state: string }>(await ent.post(`/api/v1/projects/${project.id}/transitions`, { headers, data: { event: 'submitFiling' } }));
    expect(filed.state).toBe('awaitingDiagnosisAssignment');

    const { csrfToken } = await signInApi(admin, ADMIN);
    const t2 = randomMobile().slice(-4);
    const diagnostic = await createOrg(admin, csrfToken, 'institution_diagnostic', `中山试点${t2}诊断咨询有限公司`);
    const evaluator = await createOrg(admin, csrfToken, 'institution_comprehensive', `中山试点${t2}评估服务有限公司`);
    const leadingUnit = await createOrg(admin, csrfToken, 'leading_unit', `中山试点${t2}数字科技有限公司`);
    const marketUscc = randomUscc();
    const market = await createOrg(admin, csrfToken, 'catalog_provider', `中山试点${t2}工业软件有限公司`, marketUscc);
    return {
      projectId: project.id,
      title,
      company,
      enterprise: mobile,
      enterpriseCsrf: reg.csrfToken,
      diagnostic,
      evaluator,
      leadingUnit,
      market: { ...market, uscc: marketUscc, product: `轻量化MES系统${t2}` },
    };
  } finally {
    await ent.dispose();
    await admin.dispose();
  }
}

/** Stages 1–2 through the API (the phone run): the institution diagnosis up to the confirmed report. */
async function diagnoseByApi(baseURL: string, playwright: PlaywrightWorkerArgs['playwright'], s: Seed): Promise<void> {
  const bureau = await playwright.request.newContext({ baseURL });
  const inst = await playwright.request.newContext({ baseURL });
  const ent = await playwright.request.newContext({ baseURL });
  try {
    const fire = async (r: APIRequestContext, csrf: string, event: string, input?: unknown) =>
      (await apiJson<{ state: string }>(await r.post(`/api/v1/projects/${s.projectId}/transitions`, { headers: { 'x-csrf-token': csrf }, data: input === undefined ? { event } : { event, input } }))).state;
    const upload = async (r: APIRequestContext, csrf: string, slot: string) =>
      apiJson(await r.post(`/api/v1/projects/${s.projectId}/materials/${slot}`, { headers: { 'x-csrf-token': csrf }, multipart: { file: { name: `${slot}.pdf`, mimeType: 'application/pdf', buffer: pdf() } } }));
    const b = await signInApi(bureau, REVIEWER);
    expect(await fire(bureau, b.csrfToken, 'assignDiagnosisInstitution', { institutionId: s.diagnostic.id })).toBe('diagnosisAssigned');
    const i = await signInApi(inst, s.diagnostic.account, FRESH_PASSWORD);
    expect(await fire(inst, i.csrfToken, 'acceptDiagnosisTask')).toBe('institutionDiagnosis');
    const e = await signInApi(ent, s.enterprise, FRESH_PASSWORD);
    for (const k of ['policies', 'systems', 'financials']) await upload(ent, e.csrfToken, `diagnosis.${k}`);
    await upload(inst, i.csrfToken, 'diagnosis.report');
    const summary = { levelBefore: 1, painPoints: '排产依赖人工经验，设备数据未采集，质量问题难以追溯', recommendations: '建设生产管控系统，推进关键设备联网并建立质量追溯台账' };
    expect(await fire(inst, i.csrfToken, 'submitDiagnosisReport', summary)).toBe('diagnosisConfirmation');
    expect(await fire(ent, e.csrfToken, 'confirmDiagnosisReport')).toBe('diagnosed');
  } finally {
    await bureau.dispose();
    await inst.dispose();
    await ent.dispose();
  }
}

interface Role {
  name: string;
  context: BrowserContext;
  page: Page;
  phone: boolean;
}

/** A signed-in browser context: the run's device when `device` (the phone run's enterprise), else a 1366×768 desktop. */
async function signedIn(browser: Browser, info: TestInfo, name: string, account: string, password: string, device: boolean): Promise<Role> {
  const use = info.project.use;
  const phone = device && Boolean(use.isMobile);
  const context = await browser.newContext({
    baseURL: use.baseURL,
    viewport: phone ? (use.viewport ?? null) : { width: 1366, height: 768 },
    ...(phone
      ? {
          ...(use.deviceScaleFactor !== undefined ? { deviceScaleFactor: use.deviceScaleFactor } : {}),
          isMobile: true,
          hasTouch: true,
          ...(use.userAgent !== undefined ? { userAgent: use.userAgent } : {}),
        }
      : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await signInApi(context.request, account, password);
  return { name, context, page: await context.newPage(), phone };
}

async function openProject(page: Page, s: Seed): Promise<void> {
  await page.goto(`/workbench/projects/${s.projectId}`);
  await expect(page.getByRole('heading', { name: s.title })).toBeVisible();
}

/** On a phone nothing reaches past the screen's width. */
async function fits(r: Role): Promise<void> {
  if (!r.phone) return;
  const width = r.page.viewportSize()?.width ?? 390;
  expect(await r.page.evaluate(() => document.documentElement.scrollWidth), 'the page is no wider than the phone').toBeLessThanOrEqual(width);
}

const isTransition = (method: string, url: string): boolean => method === 'POST' && /\/api\/v1\/projects\/[^/]+\/transitions$/.test(new URL(url).pathname);
const okButton = (dialog: Locator): Locator => dialog.getByRole('button', { name: /^(确认|确定)$/ });

/** Runs one workflow action of the project page (see diagnosis-flow.spec.ts); returns the new state. */
async function act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<string> {
  const posted = page.waitForResponse((r) => isTransition(r.request().method(), r.url()));
  posted.catch(() => undefined);
  const dialog = page.getByRole('dialog', { name: label });
  await page.getByRole('button', { name: label, exact: true }).click();
  if (fill) {
    await expect(dialog, `the "${label}" dialog opens`).toBeVisible();
    await fill(dialog);
    await okButton(dialog).click();
  } else {
    const shown = dialog.waitFor({ state: 'visible' }).then(() => 'dialog' as const);
    shown.catch(() => undefined);
    const first = await Promise.race([posted.then(() => 'posted' as const), shown]);
    if (first === 'dialog') await okButton(dialog).click();
  }
  const res = await posted;
  const body = await res.text();
  expect(res.status(), `${label}: ${res.status()} ${body}`).toBe(200);
  await expect(dialog).toBeHidden();
  return (JSON.parse(body) as { state: string }).state;
}

/** Uploads a file through a checklist slot (its region, named by the slot's label) and waits for the server. */
async function upload(page: Page, slotKey: string, slotLabel: string, fileName: string, file: Buffer = pdf(), mimeType = 'application/pdf'): Promise<void> {
  const region = page.getByRole('region', { name: slotLabel, exact: true });
  const control = region.locator('input[type="file"]:not([capture])');
  await expect(control, `an upload control in the "${slotLabel}" slot`).toBeAttached();
  const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/materials/${slotKey}`));
  await control.setInputFiles({ name: fileName, mimeType, buffer: file });
  const res = await uploaded;
  expect(res.status(), `upload ${slotKey}: ${res.status()} ${await res.text()}`).toBe(201);
  await expect(region.getByText(fileName).first()).toBeVisible();
}

async function pickDate(page: Page, input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await settled(page);
}

test.use({ actionTimeout: 15_000 });

const roles: Role[] = [];
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) {
    for (const r of roles) {
      const path = info.outputPath(`${r.name}-failure.png`);
      await r.page.screenshot({ path, fullPage: true }).catch(() => undefined);
      await info.attach(`${r.name} page`, { path, contentType: 'image/png' }).catch(() => undefined);
    }
  }
  for (const r of roles.splice(0)) await r.context.close().catch(() => undefined);
});

test('the pilot path: diagnosis, a market provider via 推荐函, contract by the delegate, implementation, a failed and a passed evaluation → 试点企业', async ({ browser, playwright }, info) => {
  test.setTimeout(420_000);
  const baseURL = info.project.use.baseURL;
  if (!baseURL) throw new Error('no baseURL');
  const phoneRun = Boolean(info.project.use.isMobile);
  const s = await seed(baseURL, playwright);

  const enterprise = await signedIn(browser, info, 'enterprise', s.enterprise, FRESH_PASSWORD, true);
  const bureau = await signedIn(browser, info, 'bureau', REVIEWER, 'Demo2026', false);
  const leading = await signedIn(browser, info, 'leading-unit', s.leadingUnit.account, FRESH_PASSWORD, false);
  const provider = await signedIn(browser, info, 'provider', s.market.account, FRESH_PASSWORD, false);
  const evaluator = await signedIn(browser, info, 'evaluator', s.evaluator.account, FRESH_PASSWORD, false);
  roles.push(enterprise, bureau, leading, provider, evaluator);

  if (phoneRun) {
    await test.step('stages 1–2 through the API (covered by diagnosis-flow.spec.ts)', () => diagnoseByApi(baseURL, playwright, s));
  } else {
    const diagnostic = await signedIn(browser, info, 'diagnostic', s.diagnostic.account, FRESH_PASSWORD, false);
    roles.push(diagnostic);
    await test.step('the bureau assigns the diagnosis institution', async () => {
      await openProject(bureau.page, s);
      const state = await act(bureau.page, '分配诊断机构', (dialog) => chooseOption(bureau.page, '服务机构', s.diagnostic.name, dialog));
      expect(state).toBe('diagnosisAssigned');
    });
    await test.step('the institution accepts', async () => {
      await openProject(diagnostic.page, s);
      expect(await act(diagnostic.page, '接收诊断任务')).toBe('institutionDiagnosis');
    });
    await test.step('the enterprise uploads its evidence', async () => {
      await openProject(enterprise.page, s);
      for (const e of EVIDENCE.filter((x) => x.key !== 'photos')) await upload(enterprise.page, `diagnosis.${e.key}`, e.label, `诊断佐证-${e.key}.pdf`);
    });
    await test.step('the institution uploads its report and sends it', async () => {
      const page = diagnostic.page;
      await openProject(page, s);
      await upload(page, 'diagnosis.report', '企业诊断报告', '诊断报告.pdf');
      const state = await act(page, '提交诊断报告给企业确认', async (dialog) => {
        await chooseOption(page, '改造前数字化水平', '一级', dialog);
        await dialog.getByLabel('主要痛点', { exact: true }).fill('排产依赖人工经验，设备数据未采集，质量问题难以追溯');
        await dialog.getByLabel('改造建议', { exact: true }).fill('建设生产管控系统，推进关键设备联网并建立质量追溯台账');
      });
      expect(state).toBe('diagnosisConfirmation');
    });
    await test.step('the enterprise confirms the report', async () => {
      await openProject(enterprise.page, s);
      expect(await act(enterprise.page, '确认诊断报告')).toBe('diagnosed');
    });
  }

  await test.step('the enterprise chooses a market provider not in the catalog, naming the leading unit', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    await expect(page.getByText('诊断完成，待选择服务商').first()).toBeVisible();
    await page.getByRole('button', { name: '选择服务商', exact: true }).click();
    await expect(page).toHaveURL(/\/choose-provider$/);
    await page.getByText('自选未入库服务商', { exact: true }).click();
    await page.getByLabel('服务商名称', { exact: true }).fill(s.market.name);
    await page.getByLabel('产品名称', { exact: true }).fill(s.market.product);
    await chooseOption(page, '出具推荐函的牵引单位', s.leadingUnit.name);
    await fits(enterprise);
    await shot(page, info, 'pilot-choice-market');
    await page.getByTestId('choice-next').click();
    const dialog = page.getByRole('dialog', { name: '确认选择' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(s.market.name);
    await expect(dialog).toContainText(s.leadingUnit.name);
    const posted = page.waitForResponse((r) => isTransition(r.request().method(), r.url()));
    await dialog.getByRole('button', { name: '确认选择' }).click();
    const res = await posted;
    expect(res.status(), await res.text()).toBe(200);
    await expect(page.getByRole('heading', { name: s.title })).toBeVisible();
    await expect(page.getByText('等待推荐产品入库').first()).toBeVisible();
    await expect(page.getByTestId('provider-choice-card')).toContainText(s.leadingUnit.name);
    await fits(enterprise);
  });

  await test.step('the leading unit writes the 推荐函 (form and sealed PDF) and submits it', async () => {
    const page = leading.page;
    await page.goto('/workbench/letters');
    const row = page.getByRole('row').filter({ hasText: s.company });
    await row.getByRole('link', { name: '打开' }).click();
    await expect(page.getByRole('heading', { name: '推荐函' })).toBeVisible();
    await expect(page.getByLabel('推荐服务商名称', { exact: true })).toHaveValue(s.market.name);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(s.market.uscc);
    await page.getByLabel('联系人', { exact: true }).fill('吴经理');
    await page.getByLabel('联系电话', { exact: true }).fill('13800001234');
    await page.getByLabel('交付周期（天）', { exact: true }).fill('90');
    await chooseOption(page, '适用场景（16个评估场景）', '计划排程');
    await page.keyboard.press('Escape');
    await page.getByLabel('最低价格（元）', { exact: true }).fill('150000');
    await page.getByLabel('最高价格（元）', { exact: true }).fill('300000');
    await page.getByLabel('小快轻准说明', { exact: true }).fill('云端部署，三个月上线，按模块订阅，适合百人规模的五金企业。');
    await page.getByLabel('推荐理由', { exact: true }).fill('该产品在本镇五金行业已有多家成功应用，实施周期短，价格适中。');
    await page.getByLabel('本单位使用或合作经验', { exact: true }).fill('本单位与其合作实施过三个设备联网项目，交付按期。');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/letters\//.test(new URL(r.url()).pathname));
    await page.getByTestId('letter-save').click();
    expect((await saved).status()).toBe(200);
    const up = page.waitForResponse((r) => r.request().method() === 'POST' && /recommendationLetter/.test(r.url()));
    await page.locator('input[type="file"]').first().setInputFiles({ name: '推荐函（盖章）.pdf', mimeType: 'application/pdf', buffer: pdf() });
    expect((await up).status()).toBeLessThan(300);
    await expect(page.getByRole('link', { name: '推荐函（盖章）.pdf' })).toBeVisible();
    await shot(page, info, 'pilot-letter');
    const fired = page.waitForResponse((r) => r.request().method() === 'POST' && /\/letters\/[^/]+\/transitions$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: '提交推荐函' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '提交推荐函' });
    if (await confirm.isVisible().catch(() => false)) await okButton(confirm).click();
    expect((await fired).status()).toBe(200);
    await expect(page.getByText('入库审核中').first()).toBeVisible();
  });

  await test.step('the bureau approves it under 推荐函审核; the project goes on to the contract', async () => {
    const page = bureau.page;
    await page.goto('/workbench/letter-review');
    const row = page.getByRole('row').filter({ hasText: s.company });
    await row.getByRole('link', { name: '打开' }).click();
    await expect(page.getByRole('link', { name: '推荐函（盖章）.pdf' })).toBeVisible();
    const fired = page.waitForResponse((r) => r.request().method() === 'POST' && /\/letters\/[^/]+\/transitions$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: '审核通过，产品入库' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '审核通过' });
    if (await confirm.isVisible().catch(() => false)) await okButton(confirm).click();
    expect((await fired).status()).toBe(200);
    await expect(page.getByText('已入库').first()).toBeVisible();
    await openProject(page, s);
    await expect(page.getByText('待项目签约').first()).toBeVisible();
  });

  await test.step('the enterprise sees 试点管理 and authorises the leading unit under 授权管理', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    await expect(page.getByText('待项目签约').first()).toBeVisible();
    await expect(page.getByTestId('provider-choice-card')).toContainText('已纳入试点管理，享受三大利好');
    await expect(page.getByTestId('provider-choice-card')).toContainText(s.market.name);
    await page.goto('/workbench/delegations');
    await chooseOption(page, '搜索并选择牵引单位/行业型服务商', s.leadingUnit.name);
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await expect(page.getByTestId('delegation-row').filter({ hasText: s.leadingUnit.name })).toContainText('授权中');
    await fits(enterprise);
    await shot(page, info, 'pilot-delegation');
  });

  await test.step('the leading unit, as delegate, fills the contract and targets, uploads and submits', async () => {
    const page = leading.page;
    await openProject(page, s);
    const form = page.getByTestId('contract-form');
    await expect(form).toBeVisible();
    const today = shanghaiToday();
    await form.getByLabel('合同编号', { exact: true }).fill(`ZS-PILOT-${s.enterprise.slice(-4)}`);
    await form.getByLabel('合同金额（含税，元）', { exact: true }).fill('200000');
    await form.getByLabel('合同金额（不含税，元）', { exact: true }).fill('188679.25');
    await pickDate(page, form.getByLabel('合同签订日期', { exact: true }), today);
    await pickDate(page, form.getByLabel('实施周期开始', { exact: true }), today);
    await pickDate(page, form.getByLabel('实施周期结束', { exact: true }), addDays(today, 120));
    await form.getByTestId('party-0').getByLabel('职责', { exact: true }).fill('提供场地与数据，配合实施和验收');
    await form.getByTestId('party-1').getByLabel('职责', { exact: true }).fill('交付MES系统，完成设备联网并培训');
    await form.getByRole('button', { name: '添加一行' }).click();
    await form.getByTestId('line-0').getByLabel('产品或服务', { exact: true }).fill(s.market.product);
    await form.getByTestId('line-0').getByLabel('数量', { exact: true }).fill('1');
    await form.getByTestId('line-0').getByLabel('单位', { exact: true }).fill('套');
    await form.getByTestId('line-0').getByLabel('单价（元）', { exact: true }).fill('200000');
    await form.getByTestId('line-0').getByLabel('单位', { exact: true }).click();
    await expect(page.getByTestId('lines-total')).toContainText('与合同金额一致');
    await form.getByLabel('改造措施', { exact: true }).fill('部署MES系统，关键设备联网采集，建立质量追溯。');
    await form.getByLabel('实施目标', { exact: true }).fill('关键工序数控化率提升至60%，生产设备联网率提升至80%。');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/contract'));
    await page.getByTestId('contract-save').click();
    expect((await saved).status()).toBe(200);

    const targets = page.getByTestId('targets-card');
    await targets.getByRole('spinbutton', { name: '关键工序数控化率 改造前', exact: true }).fill('35');
    await targets.getByRole('spinbutton', { name: '关键工序数控化率 目标值', exact: true }).fill('60');
    await targets.getByRole('spinbutton', { name: '生产设备联网率 改造前', exact: true }).fill('20');
    await targets.getByRole('spinbutton', { name: '生产设备联网率 目标值', exact: true }).fill('80');
    const savedTargets = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/targets'));
    await targets.getByTestId('targets-save').click();
    expect((await savedTargets).status()).toBe(200);
    await expect(page.getByTestId('contract-complete')).toBeVisible();

    await upload(page, 'contract.contract', '项目合同（签章版）', '项目合同.pdf');
    await upload(page, 'contract.quotation', '项目报价单', '报价单.pdf');
    await shot(page, info, 'pilot-contract-delegate');
    expect(await act(page, '提交签约信息')).toBe('implementation');
    await expect(page.getByTestId('contract-card')).toContainText('第 1 版');
  });

  await test.step('the provider records a training with its sign-in sheet, the acceptance date and report', async () => {
    const page = provider.page;
    await openProject(page, s);
    const card = page.getByTestId('implementation-card');
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: '登记培训' }).click();
    const dialog = page.getByRole('dialog', { name: '登记培训场次' });
    await expect(dialog).toBeVisible();
    await pickDate(page, dialog.getByLabel('培训日期'), shanghaiToday());
    await dialog.getByLabel('培训主题').fill('MES 系统操作培训');
    await dialog.getByLabel('培训讲师').fill('吴工');
    await dialog.getByLabel('参训人数').fill('15');
    await dialog.getByLabel('参训人员名单').fill('车间主任、班组长、计划员');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    const session = card.getByTestId('training-session');
    await expect(session).toHaveCount(1);
    await session.locator('input[type=file]').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: png() });
    await expect(session.getByTestId('session-file')).toContainText('签到表.png');
    await pickDate(page, card.getByLabel('内部验收日期'), shanghaiToday());
    await card.getByRole('button', { name: '保存验收日期' }).click();
    await expect(page.getByText('内部验收日期已保存')).toBeVisible();
    await upload(page, 'implementation.acceptanceReport', '内部验收报告', '内部验收报告.pdf');
    await expect(page.getByTestId('implementation-checklist')).toContainText('实施材料已齐全');
    await expect(page.getByRole('button', { name: '确认实施完成并评价服务商' })).toHaveCount(0);
  });

  await test.step('the enterprise declares implementation complete and rates the provider', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    await expect(page.getByTestId('implementation-checklist')).toContainText('实施材料已齐全');
    const state = await act(page, '确认实施完成并评价服务商', async (dialog) => {
      for (const [name, stars] of [
        [/实施及时性/, 5],
        [/实施质量/, 4],
        [/服务态度/, 5],
        [/价格合理性/, 4],
      ] as const) {
        await dialog.getByRole('list', { name }).getByRole('radio').nth(stars - 1).click();
      }
      await dialog.getByLabel(/评价意见/).fill('实施及时，培训到位。');
      await fits(enterprise);
    });
    expect(state).toBe('implemented');
  });

  const assign = async (n: number) => {
    const page = bureau.page;
    await page.goto('/workbench/diagnosis-queue?tab=evalWaiting');
    const row = page.getByRole('row').filter({ hasText: s.title });
    await row.getByTestId('assign-one').click();
    const dialog = page.getByRole('dialog', { name: '分配评估机构' });
    await expect(dialog).toBeVisible();
    // A comprehensive institution only: the diagnosing (diagnostic) institution is not offered.
    await expect(dialog.getByTestId('assign-institution').filter({ hasText: s.diagnostic.name })).toHaveCount(0);
    await dialog.getByTestId('assign-institution').filter({ hasText: s.evaluator.name }).getByRole('radio').check();
    if (n === 1) await shot(page, info, 'pilot-evaluation-assign');
    await dialog.getByTestId('assign-submit').click();
    await expect(page.getByTestId('assign-ok')).toBeVisible();
    await page.getByTestId('assign-done').click();
  };

  const evaluate = async (n: number, level: '一级' | '二级', summary: string, gaps: string) => {
    const page = evaluator.page;
    await openProject(page, s);
    expect(
      await act(page, '声明无利益冲突并接收评估任务', async (dialog) => {
        await dialog.getByRole('checkbox').first().check();
      }),
    ).toBe('evaluationInProgress');
    if (n === 1) {
      // The enterprise brings the four kinds of evidence.
      await openProject(enterprise.page, s);
      for (const e of EVIDENCE) {
        if (e.key === 'photos') await upload(enterprise.page, `evaluation.${e.key}`, e.label, '改造现场.png', png(), 'image/png');
        else await upload(enterprise.page, `evaluation.${e.key}`, e.label, `评估佐证-${e.key}.pdf`);
      }
      await fits(enterprise);
      // The institution records the measured values.
      await page.reload();
      const targets = page.getByTestId('targets-card');
      await targets.getByRole('spinbutton', { name: '关键工序数控化率 改造后', exact: true }).fill('45');
      await targets.getByRole('spinbutton', { name: '生产设备联网率 改造后', exact: true }).fill('50');
      const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/targets/.test(new URL(r.url()).pathname));
      await targets.getByTestId('targets-save').click();
      expect((await saved).status()).toBe(200);
    } else {
      await page.reload();
    }
    await expect(page.getByRole('heading', { name: s.title })).toBeVisible();
    await upload(page, 'evaluation.report', '改造成效评估报告', `评估报告第${n}次.pdf`);
    const state = await act(page, '提交评估报告给企业确认', async (dialog) => {
      await chooseOption(page, '改造后数字化水平（评估等级）', level, dialog);
      await dialog.getByLabel('评估结论', { exact: true }).fill(summary);
      if (gaps) await dialog.getByLabel('待改进事项（未达二级时必填）', { exact: true }).fill(gaps);
    });
    expect(state).toBe('evaluationConfirmation');
  };

  await test.step('the enterprise requests the evaluation', async () => {
    expect(await act(enterprise.page, '申请成效评估')).toBe('awaitingEvaluationAssignment');
  });
  await test.step('the bureau assigns a comprehensive institution', () => assign(1));
  await test.step('the institution declares, accepts, records the measured values and sends level 1 with the gaps', () =>
    evaluate(1, '一级', '生产管控系统已上线，但设备联网率不足五成', '设备联网率仅五成，数据未汇集到统一看板'));
  await test.step('the enterprise confirms: 整改提升', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    expect(await act(page, '确认评估报告')).toBe('remediation');
    await expect(page.getByText('未达二级，整改提升中').first()).toBeVisible();
    await fits(enterprise);
    await shot(page, info, 'pilot-remediation');
  });
  await test.step('the enterprise requests again; the bureau assigns; the institution sends level 2', async () => {
    expect(await act(enterprise.page, '申请成效评估')).toBe('awaitingEvaluationAssignment');
    await assign(2);
    await evaluate(2, '二级', '设备联网率提升至八成，数据汇集到统一看板，达到二级', '');
  });
  await test.step('the enterprise confirms: 评估通过（试点企业）, both attempts in the history', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    expect(await act(page, '确认评估报告')).toBe('evaluationPassed');
    await expect(page.getByText('评估通过（试点企业）').first()).toBeVisible();
    const card = page.getByTestId('evaluation-history');
    await expect(card.getByTestId('pilot-enterprise')).toBeVisible();
    await expect(card.getByTestId('evaluation-attempt')).toHaveCount(2);
    await expect(card.getByText('未达二级，需整改')).toBeVisible();
    await expect(card.getByText('已通过（二级及以上）')).toBeVisible();
    await fits(enterprise);
    await shot(page, info, 'pilot-passed');
  });
});
