/**
 * The other roles' first screens and the language switch: a town office sees its town's filings, an
 * institution is told honestly that nothing is assigned yet, the bureau admin creates an organisation with
 * its first account, and English is complete (including the server's messages).
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, randomMobile, shot } from './helpers';

async function signIn(page: Page, account: string, password = 'Demo2026'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/workbench/);
}

test('a town office sees the filings of its own town only', async ({ page }, info) => {
  await signIn(page, 'town-guzhen@zs-pilot.cn');
  await expect(page.getByRole('heading', { name: '本镇企业' })).toBeVisible();
  // The town has many filings (the demo's and every test's): look them up by name, as an officer would.
  const search = page.getByRole('searchbox', { name: '企业名称 / 项目名称 / 备案号 / 信用代码' });
  // The list keeps its keyword in the address: a search counts once the address carries it (typed again if a
  // re-render took the keystrokes).
  const searchFor = async (name: string) => {
    await expect(async () => {
      await search.fill(name);
      await search.press('Enter');
      await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(name)}`), { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  };
  // Another town's demo enterprise (南头镇) is not found.
  await searchFor('中山市美厨电器有限公司');
  await expect(page.getByText('中山市美厨电器有限公司', { exact: true })).toHaveCount(0);
  await searchFor('中山市明辉灯饰有限公司');
  await expect(page.getByText('中山市明辉灯饰有限公司').first()).toBeVisible();
  await shot(page, info, 'town-home');
});

test('an institution sees its (empty) task list with an honest explanation', async ({ page }, info) => {
  await signIn(page, 'caict@zs-pilot.cn');
  await expect(page.getByRole('heading', { name: '待办任务' })).toBeVisible();
  await expect(page.getByText('目前没有分派给本机构的项目')).toBeVisible();
  await shot(page, info, 'institution-home');
});

test('the bureau admin creates an organisation with its first account', async ({ page }, info) => {
  await signIn(page, 'admin@zs-pilot.cn');
  await page.goto('/workbench/organizations');
  await expect(page.getByRole('heading', { name: '组织与账号' })).toBeVisible();
  await page.getByRole('button', { name: '新建组织' }).click();
  const drawer = page.getByRole('dialog');
  const mobile = randomMobile();
  const name = `测试诊断服务机构${mobile.slice(-4)}`;
  await chooseOption(page, '组织类型', '诊断型服务机构', drawer);
  await drawer.getByLabel('组织名称').fill(name);
  await drawer.getByLabel('联系人', { exact: true }).fill('李四');
  await drawer.getByLabel('联系人手机号').fill(mobile);
  await drawer.getByLabel('使用人姓名').fill('李四');
  await drawer.getByLabel('登录手机号').fill(mobile);
  await drawer.getByLabel('初始密码').fill('Init2026pass');
  await shot(page, info, 'org-create');
  await drawer.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText(`已创建：${name}`)).toBeVisible();
  await page.getByPlaceholder('组织名称 / 信用代码').fill(name);
  await page.getByPlaceholder('组织名称 / 信用代码').press('Enter');
  await expect(page.getByText(name, { exact: true })).toBeVisible();
});

test('English: the portal, the sign-in page and the server messages switch language', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '中山市中小企业数字化转型城市试点' })).toBeVisible();
  const en = page.locator('.ant-segmented-item').filter({ hasText: /^EN$/ }).filter({ visible: true });
  // On a phone the switch sits in the menu drawer.
  if ((await en.count()) === 0) await page.getByRole('button', { name: '打开菜单' }).click();
  await en.first().click();
  await expect(page.getByRole('heading', { name: 'Zhongshan SME Digital Transformation City Pilot' })).toBeVisible();
  await expect(page.getByText('The eight stages of the pilot')).toBeVisible();
  await shot(page, info, 'portal-en');
  await page.goto('/login');
  await page.getByLabel('Mobile number or email').fill('reviewer@zs-pilot.cn');
  await page.getByLabel('Password', { exact: true }).fill('NotThePassword1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong account or password');
});

test('English that cannot be fetched: the page stays in Chinese and says so', async ({ page }) => {
  // The English messages are a chunk of their own (assets/en-*.js); here the network refuses it.
  await page.route(/\/assets\/en-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '中山市中小企业数字化转型城市试点' })).toBeVisible();
  const en = page.locator('.ant-segmented-item').filter({ hasText: /^EN$/ }).filter({ visible: true });
  if ((await en.count()) === 0) await page.getByRole('button', { name: '打开菜单' }).click();
  await en.first().click();
  await expect(page.getByText('英文界面未能加载，请检查网络后重试。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '中山市中小企业数字化转型城市试点' })).toBeVisible();
});
