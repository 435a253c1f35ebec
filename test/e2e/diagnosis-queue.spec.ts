/**
 * Institution diagnosis as the bureau, an institution and a town office meet it: the bureau selects projects in
 * 机构诊断队列 and assigns them in one go (workload per institution, the suggestion), sees per-project results
 * (one refused because it was assigned meanwhile), and the institution finds them under 待接收; a project past
 * its due date shows as 超期 to the town office (summary, filter, red row) and in the bureau's 超期 tab.
 * Runs on a desktop (1366×768) and a phone (390 px).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiJson, FRESH_PASSWORD, randomMobile, randomUscc, signInApi } from './helpers';

interface Workload {
  id: string;
  name: string;
  kind: string;
  open: number;
  overdue: number;
  suggested: boolean;
}

/** A new Guzhen enterprise with a filed project that chose an institution diagnosis (待分配诊断机构). */
async function institutionProject(request: APIRequestContext, title: string): Promise<{ id: string; title: string }> {
  const mobile = randomMobile();
  const company = `中山市${title.slice(0, 6)}${mobile.slice(-4)}照明有限公司`;
  const reg = await apiJson<{ csrfToken: string }>(
    await request.post('/api/v1/auth/register', {
      data: { uscc: randomUscc(), name: company, townCode: 'guzhen', industryCode: '38', employees: 90, annualRevenueFen: 30_000_000_00, contactName: '梁测试', contactMobile: mobile, password: FRESH_PASSWORD },
    }),
  );
  const headers = { 'x-csrf-token': reg.csrfToken };
  const project = await apiJson<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: { title, situation: '人工排产，纸质工单。', needs: '设备联网与质量追溯。', scope: '装配车间', plannedInvestmentFen: 60_000_000, plannedStart: '2026-12-01', plannedEnd: '2027-06-30', diagnosisMode: 'institution' },
    }),
  );
  const filed = await apiJson<{ state: string }>(await request.post(`/api/v1/projects/${project.id}/transitions`, { headers, data: { event: 'submitFiling' } }));
  expect(filed.state).toBe('awaitingDiagnosisAssignment');
  await request.post('/api/v1/auth/logout', { headers });
  return { id: project.id, title };
}

async function signIn(page: Page, account: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill('Demo2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/workbench/);
}

/** List rows: table rows on wide screens, cards on phones. */
function rows(page: Page) {
  return page.locator('.ant-table-tbody tr.ant-table-row, .data-cards .data-card');
}

/** No serious or critical axe finding on what the page shows now (the rules of a11y.spec.ts). */
async function accessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `${what}: serious or critical axe violations`).toEqual([]);
}

const token = () => `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1e4)}`;

test('the bureau assigns a batch, sees each result, and the institution finds the tasks to accept', async ({ page, playwright }, info) => {
  const run = token();
  const api = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
  const a = await institutionProject(api, `队列${run}甲生产管控改造`);
  const b = await institutionProject(api, `队列${run}乙仓储一体化改造`);

  await signIn(page, 'reviewer@zs-pilot.cn');
  // Phones: the menu is in a drawer.
  if (info.project.name === 'phone') await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '机构诊断队列' }).click();
  await expect(page).toHaveURL(/\/workbench\/diagnosis-queue/);
  await expect(page.getByRole('heading', { name: '机构诊断队列' })).toBeVisible();
  const search = page.getByRole('searchbox', { name: '企业名称 / 项目名称 / 备案号 / 信用代码' }).or(page.getByLabel('企业名称 / 项目名称 / 备案号 / 信用代码', { exact: true }));
  await search.first().fill(`队列${run}`);
  await search.first().press('Enter');
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText('古镇');

  // Nothing selected: the batch button waits.
  await expect(page.getByTestId('assign-selected')).toBeDisabled();
  await page.getByLabel(`选择 ${a.title}`).check();
  await page.getByLabel(`选择 ${b.title}`).check();
  await expect(page.getByTestId('selected-count')).toHaveText('已选 2 项');
  await accessible(page, 'diagnosis queue');
  await page.getByTestId('assign-selected').click();

  const dialog = page.getByRole('dialog', { name: /分配诊断机构（2 个项目）/ });
  await expect(dialog).toBeVisible();
  // Every active institution with its workload (the demo's nine certified ones, and any the bureau added since);
  // exactly one suggested; a batch starts on automatic.
  const institutions = await apiJson<Workload[]>(await page.request.get('/api/v1/institutions/workload'));
  expect(institutions.length).toBeGreaterThanOrEqual(9);
  await expect(dialog.getByTestId('assign-institution')).toHaveCount(institutions.length);
  await expect(dialog.locator('[data-suggested="true"]')).toHaveCount(1);
  await expect(dialog.locator('[data-suggested="true"]')).toContainText('推荐：在办最少');
  await expect(dialog.getByRole('radio', { name: /自动分配（按工作量均衡）/ })).toBeChecked();
  await expect(dialog.getByTestId('assign-institution').first()).toContainText(/在办 \d+ · 超期 \d+/);
  await accessible(page, 'assign dialog');
  await dialog.getByRole('radio', { name: /中国质量认证中心/ }).check();

  // Meanwhile someone else assigns project B: the batch assigns A and reports B refused, with the reason.
  const bureau = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
  const { csrfToken } = await signInApi(bureau, 'admin@zs-pilot.cn');
  const loads = await apiJson<Workload[]>(await bureau.get('/api/v1/institutions/workload'));
  // (Not an institution other browser tests sign in as: they expect its demo state.)
  const other = loads.find((l) => l.name.includes('电子第五研究所'));
  expect(other).toBeTruthy();
  const pre = await apiJson<{ results: { ok: boolean }[] }>(
    await bureau.post('/api/v1/projects/assign-institutions', { headers: { 'x-csrf-token': csrfToken }, data: { projectIds: [b.id], institutionId: other?.id } }),
  );
  expect(pre.results[0]?.ok).toBe(true);

  await dialog.getByTestId('assign-submit').click();
  const result = page.getByRole('dialog', { name: '分配结果' });
  await expect(result.getByTestId('assign-summary')).toHaveText('成功分配 1 个项目，1 个项目未分配');
  await expect(result.getByTestId('assign-failed')).toContainText(b.title);
  await expect(result.getByTestId('assign-failed')).toContainText('不是待分配机构');
  await expect(result.getByTestId('assign-ok')).toContainText(`${a.title} → 中国质量认证中心`);
  await accessible(page, 'assign results');
  await result.getByTestId('assign-done').click();
  // Both left the waiting tab; they are under 已分配未接收 with their due dates.
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByText('没有符合筛选条件的项目', { exact: false })).toBeVisible();
  // On a phone the tab bar re-measures its overflow while the list reloads: a tap during that is lost, so tap again.
  await expect(async () => {
    await page.getByRole('tab', { name: /已分配未接收/ }).click();
    await expect(page).toHaveURL(/tab=assigned/, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: a.title }).locator('[data-due-state]')).toBeVisible();

  // The institution: A is to accept, with its due date; B (another institution's) is not there.
  await signIn(page, 'cqc@zs-pilot.cn');
  await expect(page.getByRole('heading', { name: '待办任务' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /待接收/ })).toHaveAttribute('aria-selected', 'true');
  const task = rows(page).filter({ hasText: a.title });
  await expect(task).toHaveCount(1);
  await expect(task.locator('[data-due-state]')).toBeVisible();
  await expect(rows(page).filter({ hasText: b.title })).toHaveCount(0);
  await accessible(page, 'institution tasks');
  await task.click();
  await expect(page).toHaveURL(new RegExp(`/workbench/projects/${a.id}`));
  // An empty bucket says what will appear there.
  await page.goBack();
  await page.getByRole('tab', { name: /已完成/ }).click();
  await expect(page.getByText('企业确认诊断报告后，项目将在此列出', { exact: false }).or(rows(page).first())).toBeVisible();
  await api.dispose();
  await bureau.dispose();
});

test('a project past its due date shows as 超期 to the town office and in the bureau queue', async ({ page, playwright }, info) => {
  const run = token();
  const api = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
  const p = await institutionProject(api, `超期${run}设备联网改造`);
  // The bureau set a due date that has passed (e.g. agreed by phone and recorded late).
  const { csrfToken } = await signInApi(api, 'reviewer@zs-pilot.cn');
  const loads = await apiJson<Workload[]>(await api.get('/api/v1/institutions/workload'));
  expect(loads.length).toBeGreaterThanOrEqual(9);
  const assigned = await apiJson<{ results: { ok: boolean; dueOn?: string }[] }>(
    await api.post('/api/v1/projects/assign-institutions', { headers: { 'x-csrf-token': csrfToken }, data: { projectIds: [p.id], institutionId: loads.find((l) => l.name.includes('信息安全发展研究中心'))?.id, dueOn: '2026-11-02' } }),
  );
  expect(assigned.results[0]).toMatchObject({ ok: true, dueOn: '2026-11-02' });

  await signIn(page, 'town-guzhen@zs-pilot.cn');
  const summary = page.getByTestId('town-summary');
  await expect(summary).toContainText('在办项目');
  await expect(page.getByTestId('town-overdue-count')).not.toContainText(/^超期项目0$/);
  await page.getByTestId('town-overdue-link').click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByTestId('overdue-filter')).toBeChecked();
  const row = rows(page).filter({ hasText: p.title });
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-due-state="overdue"]')).toHaveText(/已超期 \d+ 天/);
  await expect(row.locator('[data-overdue="true"]').first()).toBeVisible();
  // Every row of the filtered list is overdue.
  const n = await rows(page).count();
  for (let i = 0; i < n; i++) await expect(rows(page).nth(i).locator('[data-due-state="overdue"]')).toBeVisible();
  await accessible(page, 'town list, overdue only');
  // The filter off: the project is still listed, with the 办理期限 column / tag.
  // (The address changes after the click: the box follows it.)
  await page.getByTestId('overdue-filter').click();
  await expect(page.getByTestId('overdue-filter')).not.toBeChecked();
  await expect(page).not.toHaveURL(/overdue=1/);
  await expect(page.getByTestId('town-overdue-link')).toBeVisible();

  // The bureau's 超期 tab lists it; finance sees the queue without the assignment buttons.
  await signIn(page, 'finance@zs-pilot.cn');
  await page.goto('/workbench/diagnosis-queue?tab=overdue');
  await expect(rows(page).filter({ hasText: p.title })).toHaveCount(1);
  await page.goto('/workbench/diagnosis-queue');
  await expect(page.getByText('分配机构由市工信局管理员或审核人员办理', { exact: false })).toBeVisible();
  await expect(page.getByTestId('assign-selected')).toHaveCount(0);
  // The town office cannot open the bureau's queue.
  await signIn(page, 'town-guzhen@zs-pilot.cn');
  await page.goto('/workbench/diagnosis-queue');
  await expect(page.getByText('无权访问')).toBeVisible();
  await api.dispose();
});
