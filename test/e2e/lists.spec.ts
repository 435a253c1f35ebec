/**
 * Lists, long text and exports as a first user meets them: the bureau's list is newest filing first and sorts
 * by its columns, 同名企业 is flagged with a filter, an over-long paste is refused with a message (never cut),
 * long text wraps on the detail page, a double-clicked save creates one draft, and only exportable lists talk
 * about the export.
 */
import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { chooseOption, randomMobile, randomUscc } from './helpers';

const FRESH_PASSWORD = 'Test2026pass';

async function apiJson<T>(res: APIResponse): Promise<T> {
  const body = await res.text();
  expect(res.ok(), `${res.status()} ${res.url()}: ${body}`).toBeTruthy();
  return JSON.parse(body) as T;
}

/** A new enterprise registered through the API (signed in in that request context) with a filed project. */
async function freshEnterprise(request: APIRequestContext): Promise<{ company: string; title: string; csrfToken: string }> {
  const mobile = randomMobile();
  const company = `中山市列表${mobile.slice(-5)}灯饰有限公司`;
  const title = `${company}生产管控数字化改造`;
  const reg = await apiJson<{ csrfToken: string }>(
    await request.post('/api/v1/auth/register', {
      data: { uscc: randomUscc(), name: company, townCode: 'guzhen', industryCode: '38', employees: 160, annualRevenueFen: 68_000_000_00, contactName: '陈测试', contactMobile: mobile, password: FRESH_PASSWORD },
    }),
  );
  const headers = { 'x-csrf-token': reg.csrfToken };
  const project = await apiJson<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: { title, situation: '人工排产，纸质工单。', needs: '工单电子化。', scope: '装配车间', plannedInvestmentFen: 80_000_000, plannedStart: '2026-12-01', plannedEnd: '2027-06-30', diagnosisMode: 'self' },
    }),
  );
  await apiJson(await request.post(`/api/v1/projects/${project.id}/transitions`, { headers, data: { event: 'submitFiling' } }));
  return { company, title, csrfToken: reg.csrfToken };
}

async function signIn(page: Page, account: string, password = 'Demo2026'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/workbench/);
}

/** The list's rows: table rows on wide screens, cards on phones. */
function rows(page: Page) {
  return page.locator('.ant-table-tbody tr.ant-table-row, .data-cards .data-card');
}

/**
 * Newest filing first: the one just made is on the first page and the filing times shown fall from row to row.
 * (Other tests file projects at the same time, so the one just made need not be the very first row.)
 */
async function newestFirst(page: Page, title: string): Promise<void> {
  // Retried until the list shows the new order (the previous rows may still be on screen while it loads).
  await expect(async () => {
    expect(await rows(page).filter({ hasText: title }).count()).toBe(1);
    const times = (await rows(page).allInnerTexts()).map((text) => /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.exec(text)?.[0] ?? '').filter(Boolean);
    expect(times.length).toBeGreaterThan(1);
    expect(times).toEqual([...times].sort().reverse());
  }).toPass({ timeout: 10_000 });
}

test('the bureau list is newest filing first, sorts by its columns, and flags 同名企业 with a filter', async ({ page, playwright }, info) => {
  const fresh = await freshEnterprise(page.request);
  // Another enterprise registers the very same name under another credit code: allowed, and flagged.
  const other = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
  const otherUscc = randomUscc();
  const mobile = randomMobile();
  await apiJson(
    await other.post('/api/v1/auth/register', {
      data: { uscc: otherUscc, name: fresh.company, townCode: 'xiaolan', industryCode: '38', employees: 30, annualRevenueFen: 9_000_000_00, contactName: '周测试', contactMobile: mobile, password: FRESH_PASSWORD },
    }),
  );
  await other.dispose();
  await page.context().clearCookies();

  await signIn(page, 'reviewer@zs-pilot.cn');
  await page.goto('/workbench/projects');
  await newestFirst(page, fresh.title);
  const first = rows(page).filter({ hasText: fresh.title });
  const tag = first.getByTestId('same-name-tag');
  await expect(tag).toBeVisible();
  await expect(tag).toHaveAttribute('aria-label', new RegExp(otherUscc));

  // Sorting: the order select (phones and desktops), and the column headers on desktops.
  await chooseOption(page, '排序方式', '提交备案时间：最早在前');
  await expect(page).toHaveURL(/order=asc/);
  await expect(rows(page).first()).not.toContainText(fresh.title);
  await chooseOption(page, '排序方式', '所处环节：靠前的在前');
  await expect(page).toHaveURL(/sort=stage/);
  if (info.project.name === 'desktop') {
    await page.getByRole('columnheader', { name: /提交备案时间/ }).click();
    await expect(page).toHaveURL(/^(?!.*sort=stage)/);
    await expect(page.getByRole('columnheader', { name: /提交备案时间/ })).toHaveAttribute('aria-sort', 'descending');
    await newestFirst(page, fresh.title);
    await page.getByRole('columnheader', { name: /环节/ }).click();
    await expect(page).toHaveURL(/sort=stage/);
    await expect(page.getByRole('columnheader', { name: /环节/ })).toHaveAttribute('aria-sort', 'ascending');
  }

  // The 同名企业 filter keeps only flagged rows; the export link carries the same filter and order.
  // A controlled checkbox: it shows the state the address holds once the list has taken the filter.
  await page.getByTestId('same-name-filter').click();
  await expect(page.getByTestId('same-name-filter')).toBeChecked();
  await expect(page).toHaveURL(/sameName=1/);
  await expect(rows(page).filter({ hasText: fresh.title })).toHaveCount(1);
  const flagged = await rows(page).count();
  expect(await rows(page).getByTestId('same-name-tag').count()).toBe(flagged);
  await expect(page.getByTestId('export-xlsx')).toHaveAttribute('href', /sameName=1/);
  await expect(page.getByText('导出的 Excel 与当前筛选结果及排序一致')).toBeVisible();

  // The project page says so too.
  await rows(page).filter({ hasText: fresh.title }).first().click();
  await expect(page.getByTestId('same-name-alert')).toContainText(otherUscc);

  // The dashboard counts completed, withdrawn and closed apart, and each figure opens exactly those projects.
  await page.goto('/workbench');
  await page.getByTestId('figure-withdrawn').getByRole('link', { name: '企业已撤回' }).click();
  await expect(page).toHaveURL(/outcome=withdrawn/);
  await expect(page.getByLabel('办理情况', { exact: true }).locator('xpath=ancestor::*[contains(@class, "ant-select")][1]')).toContainText('企业已撤回');
});

test('an over-long paste is refused with a message and kept whole; the draft on the server is unchanged', async ({ page }) => {
  await signIn(page, '13800000005');
  await page.goto('/workbench/filing');
  await page.getByRole('link', { name: '继续填写' }).first().click();
  await expect(page).toHaveURL(/\/edit$/);
  const before = await apiJson<{ items: Array<{ id: string }> }>(await page.request.get('/api/v1/projects'));
  const id = page.url().split('/').at(-2) ?? '';
  expect(before.items.map((i) => i.id)).toContain(id);
  const saved = await apiJson<{ situation: string }>(await page.request.get(`/api/v1/projects/${id}`));

  const box = page.getByLabel('数字化现状');
  await box.fill('数'.repeat(4001));
  await expect(box).toHaveValue('数'.repeat(4001));
  await expect(page.getByText('数字化现状不超过4000字（当前4001字），请删减后再保存')).toBeVisible();
  await expect(page.getByText('4,001 / 4,000').or(page.getByText('4001 / 4000'))).toBeVisible();
  await page.getByTestId('filing-save').click();
  await expect(page.getByText('数字化现状不超过4000字（当前4001字），请删减后再保存')).toBeVisible();
  const after = await apiJson<{ situation: string }>(await page.request.get(`/api/v1/projects/${id}`));
  expect(after.situation).toBe(saved.situation);
  // At the limit the message goes away.
  await box.fill('数'.repeat(4000));
  await expect(page.getByText('数字化现状不超过4000字')).toHaveCount(0);
});

test('4,000 characters of 数字化现状 wrap on the detail page, on desktop and phone', async ({ page }) => {
  const fresh = await freshEnterprise(page.request);
  const long = '车间二十台注塑机的生产计划和报工依靠纸质单据和表格，'.repeat(160).slice(0, 4000);
  const d = await apiJson<{ id: string }>(
    await page.request.post('/api/v1/projects', {
      headers: { 'x-csrf-token': fresh.csrfToken },
      data: { title: `${fresh.company}长文本项目`, situation: long, diagnosisMode: 'self' },
    }),
  );
  await page.goto(`/workbench/projects/${d.id}`);
  const para = page.locator('.ant-descriptions').getByText(long.slice(0, 30));
  await expect(para).toBeVisible();
  const width = (await para.boundingBox())?.width ?? 0;
  const viewport = page.viewportSize()?.width ?? 0;
  // The text takes most of the width (not one character per line) and the page does not scroll sideways.
  expect(width).toBeGreaterThan(viewport * 0.6);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test('a double-clicked save creates one draft', async ({ page }) => {
  await signIn(page, '13800000006');
  const count = async () => (await apiJson<{ total: number }>(await page.request.get('/api/v1/projects'))).total;
  const before = await count();
  await page.goto('/workbench/filing/new');
  await page.getByLabel('项目名称').fill(`双击保存测试${randomMobile().slice(-4)}`);
  await page.getByRole('radio', { name: '自诊断' }).check();
  // Count what the page sends: the button must not send a second create (the server would dedupe it anyway).
  let creates = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/projects') creates += 1;
  });
  await page.getByTestId('filing-save').dblclick();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByText('草稿已保存')).toBeVisible();
  expect(creates).toBe(1);
  expect(await count()).toBe(before + 1);
});

test('only lists with an export mention it', async ({ page }) => {
  await signIn(page, 'caict@zs-pilot.cn');
  await expect(page.getByRole('heading', { name: '待办任务' })).toBeVisible();
  await expect(page.getByText('日期按北京时间计算')).toBeVisible();
  await expect(page.getByText(/导出/)).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, 'town-guzhen@zs-pilot.cn');
  await expect(page.getByTestId('export-xlsx')).toBeVisible();
  await expect(page.getByText('导出的 Excel 与当前筛选结果及排序一致')).toBeVisible();
});
