/**
 * The digital-level self-diagnosis, through the UI, on a desktop (1366×768) and on a phone (390×844):
 * an enterprise signs in, opens its project, starts the self-diagnosis, fills the whole questionnaire
 * (answers that reach 二级), sees the autosave status and the live band/trend derivation, reloads and finds
 * its answers kept, makes the truthfulness pledge, submits, sees its level, opens the report and downloads the
 * PDF, whose text holds the enterprise name, the base score and the level.
 *
 * The database is shared by every e2e test of a run (and the demo enterprise's project can be diagnosed only
 * once), so each run registers a fresh enterprise and files a self-diagnosis project through the API first.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { extractText } from 'unpdf';
import { FRESH_PASSWORD, freshEnterprise, shot } from './helpers';

const PASSWORD = FRESH_PASSWORD;

async function signIn(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/workbench/);
}

const question = (page: Page, code: string): Locator => page.locator(`#as-q-${code}`);
const scene = (page: Page, code: string): Locator => page.locator(`#as-s-${code}`);

async function check(q: Locator, label: string): Promise<void> {
  await q.getByRole('checkbox', { name: label, exact: true }).check();
}

async function pick(q: Locator, label: string | RegExp): Promise<void> {
  await q.getByRole('radio', { name: label }).first().check();
}

async function openSection(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Scenes rated L2 (six, five of them 约束性) — with the scores below this is 二级. */
const L2_SCENES = ['productDesign', 'marketing', 'productionControl', 'quality', 'equipment', 'scheduling'];
const ALL_SCENES = [
  'productDesign',
  'processDesign',
  'marketing',
  'afterSales',
  'scheduling',
  'productionControl',
  'quality',
  'equipment',
  'safety',
  'energy',
  'purchasing',
  'warehousing',
  'finance',
  'hr',
  'collaboration',
  'decision',
];

test('an enterprise fills, saves, resumes and submits its self-diagnosis, then gets the report and PDF', async ({ page, request }, info) => {
  test.setTimeout(240_000);
  const fresh = await freshEnterprise(request);

  // Sign in, open the project, start the self-diagnosis.
  await signIn(page, fresh.mobile, PASSWORD);
  await page.goto(`/workbench/projects/${fresh.projectId}`);
  await expect(page.getByRole('heading', { name: fresh.title })).toBeVisible();
  const card = page.getByTestId('project-assessments');
  await expect(card).toBeVisible();
  await shot(page, info, 'assessment-project-card');
  await card.getByTestId('assessment-start').click();
  await expect(page).toHaveURL(/\/workbench\/assessments\/[0-9a-f-]+$/);
  const questionnaireUrl = page.url();
  await expect(page.getByRole('heading', { name: '企业自诊断' })).toBeVisible();
  await expect(page.getByText('中小企业数字化水平评测指标（2024年版）')).toBeVisible();
  await shot(page, info, 'assessment-start');

  // --- 数字化基础 ------------------------------------------------------------------------------------------
  const network = question(page, 'network');
  await check(network, '无');
  await check(network, '工业控制网络');
  // The exclusive 无 is unchecked by choosing another option (and the rule is explained).
  await expect(network.getByRole('checkbox', { name: '无', exact: true })).not.toBeChecked();
  await expect(network.getByText('选择“无”会取消其他选项')).toBeVisible();
  await check(network, '应用系统网络（大规模设备、人员、系统互联）');

  const digital = question(page, 'equipmentDigitalRate');
  await digital.getByLabel('生产设备总数').fill('100');
  await digital.getByLabel('数字化设备数').fill('35');
  await expect(digital.getByTestId('derived')).toHaveText(/按您填写的数据：数字化设备比例 35\.0%，对应“\(20%,40%\]”/);
  await expect(digital.getByRole('radio', { name: /\(20%,40%\]/ })).toBeChecked();
  // A band that contradicts the figures is explained on the spot.
  await pick(digital, /\(40%,60%\]/);
  await expect(digital.getByRole('alert')).toContainText('应选“(20%,40%]”');
  await pick(digital, /\(20%,40%\]/);
  await expect(digital.getByRole('alert')).toHaveCount(0);
  await shot(page, info, 'assessment-band');

  const networked = question(page, 'equipmentNetworkedRate');
  // 生产设备总数 is shared: already there.
  await expect(networked.getByLabel('生产设备总数')).toHaveValue('100');
  await networked.getByLabel('联网设备数').fill('50');
  await expect(networked.getByTestId('derived')).toContainText('联网设备比例 50.0%');

  const collection = question(page, 'autoCollectionCoverage');
  for (const label of ['产品设计', '营销管理', '生产管控', '质量管理', '设备管理']) await check(collection, label);
  await pick(question(page, 'systemCoverage'), '覆盖多个（两个及以上）环节');
  await check(question(page, 'networkSecurity'), '有网络安全管理制度');
  await check(question(page, 'dataSecurity'), '有数据安全管理制度');
  await expect(page.getByTestId('save-status').first()).toContainText(/已保存 \d{2}:\d{2}|保存中…|有修改/);

  // --- 数字化管理 ------------------------------------------------------------------------------------------
  await openSection(page, /管理/);
  await pick(question(page, 'planImplementation'), '已制定规划并有保障措施');
  await check(question(page, 'mechanisms'), '有数字化实施工作流程');
  await question(page, 'talent').getByRole('checkbox').nth(1).check();
  const funding = question(page, 'funding');
  await funding.getByLabel('近三年年均数字化投入').fill('800');
  await funding.getByLabel('上年营业收入').fill('6800');
  await expect(funding.getByTestId('derived')).toContainText('11.8%');

  // --- 数字化成效 (trend questions from two years' figures) ------------------------------------------------
  await openSection(page, /成效/);
  const energy = question(page, 'energyPerRevenue');
  await expect(energy.getByLabel('上年营业收入')).toHaveValue('6800');
  await energy.getByLabel('上年综合能耗').fill('900');
  await energy.getByLabel('前年综合能耗').fill('1000');
  await energy.getByLabel('前年营业收入').fill('6000');
  await expect(energy.getByTestId('derived')).toContainText('对应“下降”');
  const pass = question(page, 'passRate');
  await pass.getByLabel('上年月均产品合格率').fill('98');
  await pass.getByLabel('前年月均产品合格率').fill('97');
  await expect(pass.getByTestId('derived')).toContainText('对应“上升”');
  const perEmployee = question(page, 'revenuePerEmployee');
  await perEmployee.getByLabel('上年从业人数').fill('160');
  await perEmployee.getByLabel('前年从业人数').fill('150');
  await expect(perEmployee.getByTestId('derived')).toContainText('对应“上升”');
  const cost = question(page, 'costPerRevenue');
  await cost.getByLabel('上年营业成本').fill('5000');
  await cost.getByLabel('前年营业成本').fill('4600');
  await expect(cost.getByTestId('derived')).toContainText('对应“下降”');
  await shot(page, info, 'assessment-trend');

  // --- 数字化经营场景: each rated by choosing the level description ------------------------------------------
  await openSection(page, /场景/);
  for (const code of ALL_SCENES) {
    await pick(scene(page, code), L2_SCENES.includes(code) ? /^L2/ : /^L0/);
  }
  await expect(scene(page, 'productDesign').getByText('约束性')).toBeVisible();
  await expect(page.getByTestId('progress-detail')).toHaveText('题目 15/15 · 场景 16/16');
  await expect(page.getByTestId('save-status').first()).toContainText(/已保存 \d{2}:\d{2}/, { timeout: 15_000 });
  await shot(page, info, 'assessment-scenes');

  // The live result: on a phone in a drawer.
  if (info.project.name === 'phone') {
    await page.getByTestId('open-live').click();
    await expect(page.getByRole('dialog').getByText('二级', { exact: true })).toBeVisible();
    await shot(page, info, 'assessment-live-drawer');
    await page.getByRole('dialog').getByRole('button', { name: /close|关闭/i }).click();
  } else {
    await expect(page.getByTestId('live-panel').getByText('二级', { exact: true })).toBeVisible();
  }

  // --- Reload: everything is kept (and the section is remembered) -------------------------------------------
  await page.reload();
  await expect(page.getByTestId('progress-detail')).toHaveText('题目 15/15 · 场景 16/16');
  await expect(page.getByRole('tab', { name: /场景/ })).toHaveAttribute('aria-selected', 'true');
  await expect(scene(page, 'productDesign').getByRole('radio', { name: /^L2/ })).toBeChecked();
  await expect(scene(page, 'hr').getByRole('radio', { name: /^L0/ })).toBeChecked();
  await openSection(page, /基础/);
  await expect(question(page, 'network').getByRole('checkbox', { name: '工业控制网络', exact: true })).toBeChecked();
  await expect(question(page, 'equipmentDigitalRate').getByLabel('数字化设备数')).toHaveValue('35');
  await expect(page.getByTestId('save-status').first()).toContainText(/已保存 \d{2}:\d{2}/);

  // --- Pledge, confirm (shows the result), submit -----------------------------------------------------------
  await page.getByRole('checkbox', { name: '我已阅读并作出以上承诺' }).check();
  await expect(page.getByText('本企业承诺所填报信息及提供的佐证材料真实、准确、完整')).toBeVisible();
  await page.getByRole('button', { name: '提交答卷' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '确认提交答卷？' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('submit-confirm')).toContainText('二级');
  await shot(page, info, 'assessment-confirm');
  await confirm.getByRole('button', { name: '确认提交' }).click();

  await expect(page.getByText('提交成功')).toBeVisible();
  const result = page.getByTestId('submitted-result');
  await expect(result).toContainText('二级');
  await shot(page, info, 'assessment-submitted');

  // The questionnaire is read-only now.
  await page.goto(questionnaireUrl);
  await expect(page.getByTestId('answers-view')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '工业控制网络' })).toHaveCount(0);

  // --- Report ----------------------------------------------------------------------------------------------
  await page.getByRole('link', { name: '查看报告' }).first().click();
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByTestId('report-enterprise')).toHaveText(fresh.company);
  await expect(page.getByTestId('report-level')).toHaveText('二级');
  const baseText = ((await page.getByTestId('report-base').locator('.ant-statistic-content-value').textContent()) ?? '').trim();
  expect(Number(baseText)).toBeGreaterThanOrEqual(40);
  await expect(page.locator('.as-chart svg').first()).toBeVisible();
  await shot(page, info, 'assessment-report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await download.path();
  const buffer = await readFile(file);
  expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await extractText(new Uint8Array(buffer), { mergePages: true });
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(fresh.company);
  expect(flat).toContain(baseText);
  expect(flat).toContain('二级');

  // The project moved on to 诊断完成 and lists the submitted self-diagnosis with its report.
  await page.goto(`/workbench/projects/${fresh.projectId}`);
  await expect(page.getByTestId('project-assessments')).toContainText('已提交');
  await expect(page.getByTestId('project-assessments').getByRole('link', { name: '查看报告' })).toBeVisible();
  await shot(page, info, 'assessment-project-after');
});
