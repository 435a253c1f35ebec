/**
 * Account care by the bureau admin (组织与账号), desktop: add a member and read the one-time password; the member
 * is sent straight to the password change; last sign-in; unlock after failed sign-ins; deactivate with a reason;
 * reset the password; the organisation timeline. Also: the empty registration form shows one message per field,
 * and the Chinese organisation list shows Chinese names only.
 * Works on a member it creates, so the demo accounts other tests use stay as they are.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { randomMobile, shot } from './helpers';

test.skip(({ isMobile }) => isMobile, 'account care is an office task: desktop only');

const ORG = '中国质量认证中心有限公司';

async function signIn(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function openCare(page: Page): Promise<Locator> {
  await page.goto('/workbench/organizations');
  await expect(page.getByRole('heading', { name: '组织与账号' })).toBeVisible();
  const search = page.getByPlaceholder('组织名称 / 信用代码');
  await search.fill(ORG);
  await search.press('Enter');
  await page.getByRole('button', { name: `管理「${ORG}」的账号` }).click();
  const drawer = page.getByRole('dialog', { name: `${ORG} · 账号管理` });
  await expect(drawer.getByRole('heading', { name: '成员账号' })).toBeVisible();
  return drawer;
}

function memberRow(drawer: Locator, name: string): Locator {
  return drawer.getByRole('row').filter({ hasText: name });
}

/** Reads the one-time password from its dialog and closes it. */
async function takeTemporaryPassword(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: '临时密码（仅显示这一次）' });
  await expect(dialog).toBeVisible();
  const password = (await dialog.getByTestId('temporary-password').innerText()).trim();
  expect(password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
  await dialog.getByRole('button', { name: '我已记下' }).click();
  await expect(dialog).toBeHidden();
  return password;
}

async function asMember(browser: Browser, run: (page: Page) => Promise<void>): Promise<void> {
  const baseURL = test.info().project.use.baseURL;
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test('the bureau admin cares for an organisation\'s accounts', async ({ page, browser }, info) => {
  // A long journey through many dialogs on a shared 2-core machine: more time than one page needs.
  test.setTimeout(240_000);
  await signIn(page, 'admin@zs-pilot.cn', 'Demo2026');
  await expect(page).toHaveURL(/\/workbench/);
  // The Chinese list names organisations in Chinese only.
  await page.goto('/workbench/organizations');
  const search = page.getByPlaceholder('组织名称 / 信用代码');
  await search.fill(ORG);
  await search.press('Enter');
  await expect(page.getByRole('cell', { name: ORG, exact: true })).toBeVisible();
  await expect(page.getByText('China Quality Certification Centre Co., Ltd.')).toHaveCount(0);

  const drawer = await openCare(page);
  const mobile = randomMobile();
  const name = `测试成员${mobile.slice(-4)}`;

  // Add a member: one click, one member, a one-time password shown once.
  await drawer.getByRole('button', { name: '添加成员' }).click();
  const add = page.getByRole('dialog', { name: `为「${ORG}」添加成员` });
  await add.getByLabel('使用人姓名').fill(name);
  await add.getByLabel('登录手机号').fill(mobile);
  const submit = add.getByRole('button', { name: '添加并生成临时密码' });
  await submit.dblclick();
  const temporary = await takeTemporaryPassword(page);
  await expect(memberRow(drawer, name)).toHaveCount(1);
  await expect(memberRow(drawer, name)).toContainText('待修改临时密码');
  await expect(memberRow(drawer, name)).toContainText('从未登录');
  await expect(drawer.getByTestId('care-event').first()).toContainText(`添加成员 · ${name}`);
  await shot(page, info, 'care-drawer');

  // The member signs in with it and is sent straight to the password change, told why.
  await asMember(browser, async (member) => {
    await signIn(member, mobile, temporary);
    await expect(member).toHaveURL(/\/change-password/);
    await expect(member.getByRole('heading', { name: '请先修改临时密码' })).toBeVisible();
    await expect(member.getByText('您正在使用管理员开通或重置账号时生成的临时密码')).toBeVisible();
    // Other pages are closed until then.
    await member.goto('/workbench');
    await expect(member).toHaveURL(/\/change-password/);
    await member.getByLabel('临时密码').fill(temporary);
    await member.getByLabel('新密码').fill('Member2026pass');
    await member.getByLabel('确认密码').fill('Member2026pass');
    await member.getByRole('button', { name: '确认修改' }).click();
    await expect(member).toHaveURL(/\/workbench/);
    await expect(member.getByText('密码已修改，欢迎使用')).toBeVisible();
  });

  // Last sign-in shows; failed sign-ins from one address limit it there until the admin lifts the limit.
  await asMember(browser, async (member) => {
    for (let i = 0; i < 5; i++) await member.request.post('/api/v1/auth/login', { data: { account: mobile, password: 'Wrong2026pass' } });
    const limited = await member.request.post('/api/v1/auth/login', { data: { account: mobile, password: 'Member2026pass' } });
    expect(limited.status()).toBe(429);
  });
  await page.reload();
  const drawerAgain = await openCare(page);
  const row = memberRow(drawerAgain, name);
  await expect(row).not.toContainText('从未登录');
  await expect(row).toContainText('登录受限至');
  await row.getByRole('button', { name: '解除登录限制' }).click();
  await page.getByRole('dialog', { name: `解除「${name}」的登录限制？` }).getByRole('button', { name: '解除限制' }).click();
  await expect(page.getByText(`已解除「${name}」的登录限制`)).toBeVisible();
  await expect(row).not.toContainText('登录受限至');

  // Deactivate with a reason: the timeline keeps it.
  await row.getByRole('button', { name: '停用' }).click();
  const confirm = page.getByRole('dialog', { name: `停用账号「${name}」？` });
  await confirm.getByLabel('原因（选填）').fill('测试离职');
  await confirm.getByRole('button', { name: '确认停用' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('已停用');
  await expect(drawerAgain.getByTestId('care-event').first()).toContainText('停用账号');
  await expect(drawerAgain.getByTestId('care-event').first()).toContainText('原因：测试离职');
  await asMember(browser, async (member) => {
    await signIn(member, mobile, 'Member2026pass');
    await expect(member.getByTestId('login-error')).toContainText('该账号已停用');
  });

  // Reactivate and reset the password: a new one-time password, the old password no longer works.
  await row.getByRole('button', { name: '启用' }).click();
  await page.getByRole('dialog', { name: `重新启用账号「${name}」？` }).getByRole('button', { name: '确认启用' }).click();
  await expect(row).toContainText('正常');
  await row.getByRole('button', { name: '重置密码' }).click();
  await page.getByRole('dialog', { name: `重置「${name}」的密码？` }).getByRole('button', { name: '重置密码' }).click();
  const second = await takeTemporaryPassword(page);
  expect(second).not.toBe(temporary);
  await expect(row).toContainText('待修改临时密码');
  await expect(drawerAgain.getByTestId('care-event').first()).toContainText(`重置密码 · ${name}`);
  await asMember(browser, async (member) => {
    await signIn(member, mobile, 'Member2026pass');
    await expect(member.getByTestId('login-error')).toContainText('账号或密码错误');
    await signIn(member, mobile, second);
    await expect(member).toHaveURL(/\/change-password/);
  });
  await shot(page, info, 'care-timeline');
});

test('the empty registration form shows one message per field', async ({ page }) => {
  await page.goto('/register');
  await page.getByRole('button', { name: '注册并进入工作台' }).click();
  const items = page.locator('.ant-form-item').filter({ has: page.locator('.ant-form-item-explain-error') });
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < count; i++) {
    const messages = (await items.nth(i).locator('.ant-form-item-explain-error').allInnerTexts()).map((m) => m.trim()).filter(Boolean);
    expect(messages, `field ${i}: ${messages.join(' | ')}`).toHaveLength(1);
  }
});
