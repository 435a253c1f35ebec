/**
 * The main path through the platform, on a desktop (1366×768) and on a phone (390×844):
 * an enterprise registers, files a project and gets its 备案号; the public list shows it; a bureau reviewer
 * finds and opens it; a wrong password and a wrong USCC check character are explained in Chinese.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, randomMobile, randomUscc, shot, withWrongCheck } from './helpers';

const REVIEWER = { account: 'reviewer@zs-pilot.cn', password: 'Demo2026' };

async function signIn(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号或邮箱').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test.describe.serial('enterprise files a project, the public and the bureau see it', () => {
  const uscc = randomUscc();
  const mobile = randomMobile();
  const company = `中山市测试${mobile.slice(-4)}五金制品有限公司`;
  const title = `注塑车间生产管理数字化改造${mobile.slice(-4)}`;
  let filingNo = '';

  test('(a) an enterprise registers, files a project, submits and sees its 备案号', async ({ page }, info) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '中山市中小企业数字化转型城市试点' })).toBeVisible();
    await expect(page.getByText('参与试点的八个环节')).toBeVisible();
    await shot(page, info, 'portal-home');

    await page.goto('/register');
    await page.getByLabel('统一社会信用代码').fill(uscc.toLowerCase());
    await page.getByLabel('企业名称').fill(company);
    await chooseOption(page, '所在镇街', '小榄镇');
    await chooseOption(page, '所属行业', '金属制品业');
    await page.getByLabel('从业人员').fill('120');
    await page.getByLabel('上年度营业收入', { exact: true }).fill('2500');
    await expect(page.getByTestId('sme-verdict')).toContainText('小型企业');
    await page.getByLabel('联系人姓名').fill('张三丰');
    await page.getByLabel('联系人手机号').fill(mobile);
    await page.getByLabel('设置密码').fill('Test2026pass');
    await page.getByLabel('确认密码').fill('Test2026pass');
    await shot(page, info, 'register');
    await page.getByRole('button', { name: '注册并进入工作台' }).click();

    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByText('您还没有试点项目')).toBeVisible();
    await page.getByRole('link', { name: '发起项目备案' }).first().click();

    await expect(page.getByRole('heading', { name: '发起项目备案' })).toBeVisible();
    await page.getByLabel('项目名称').fill(title);
    await page.getByLabel('数字化现状').fill('车间20台注塑机，生产计划和报工依靠纸质单据和Excel，设备状态无法实时掌握。');
    await page.getByLabel('改造需求').fill('实现生产计划排程、设备联网采集和质量追溯。');
    await page.getByLabel('改造范围').fill('注塑车间、装配线一、成品仓库');
    await page.getByLabel('计划投资').fill('500000.00');
    await expect(page.getByText('合 50.00 万元')).toBeVisible();
    await page.getByLabel('计划开始日期').fill('2026-12-01');
    await page.getByLabel('计划开始日期').press('Enter');
    await page.getByLabel('计划完成日期').fill('2027-06-30');
    await page.getByLabel('计划完成日期').press('Enter');
    await page.getByText('自诊断', { exact: true }).click();
    await page.getByRole('button', { name: '提交备案' }).click();

    const dialog = page.getByRole('dialog', { name: '确认提交备案？' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: '确认提交' }).click();

    await expect(page.getByText('备案已提交')).toBeVisible();
    const no = page.getByTestId('filing-no');
    await expect(no).toHaveText(/^ZSSZ-\d{4}-\d{5}$/);
    filingNo = (await no.textContent()) ?? '';
    await expect(page.getByText('接下来做什么')).toBeVisible();
    await shot(page, info, 'filing-result');

    // The home page now shows the project, its stage and the next step.
    await page.goto('/workbench');
    await expect(page.getByText(title).first()).toBeVisible();
    await expect(page.getByText(`备案号：${filingNo}`)).toBeVisible();
    await shot(page, info, 'enterprise-home');
  });

  test('(b) the public 备案公示 list shows the filing', async ({ page }, info) => {
    expect(filingNo).not.toBe('');
    await page.goto('/filings');
    await expect(page.getByRole('heading', { name: '备案公示' })).toBeVisible();
    await page.getByPlaceholder('企业名称 / 项目名称 / 备案号').fill(filingNo);
    await page.getByPlaceholder('企业名称 / 项目名称 / 备案号').press('Enter');
    await expect(page.getByText(title)).toBeVisible();
    await expect(page.getByText(company)).toBeVisible();
    await expect(page.getByText('中山市明辉灯饰有限公司')).toHaveCount(0);
    await shot(page, info, 'public-filings');
    // The 备案号 copies with one tap, and the page says so.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: `复制备案号 ${filingNo}` }).click();
    await expect(page.getByText('已复制')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(filingNo);
    // The town list and the pager keep their choice in the address.
    // One filing a page, so the pager shows whatever else the demo data and other tests have filed.
    await page.goto('/filings?pageSize=1');
    await expect(page.getByText(/^共 \d+ 条$/)).toBeVisible();
    const pager = page.getByRole('navigation', { name: '分页' });
    await expect(pager.getByRole('button', { name: '上一页' })).toBeDisabled();
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(pager).toContainText(/第 2 \/ \d+ 页/);
    await expect(pager.getByRole('button', { name: '上一页' })).toBeEnabled();
    await page.getByLabel('所在镇街').selectOption({ label: '小榄镇' });
    await expect(page).toHaveURL(/townCode=/);
    await expect(page).not.toHaveURL(/page=2/);
  });

  test('(c) a bureau reviewer signs in, finds the filing by 备案号 and opens it', async ({ page }, info) => {
    expect(filingNo).not.toBe('');
    await signIn(page, REVIEWER.account, REVIEWER.password);
    await expect(page).toHaveURL(/\/workbench/);
    await expect(page.getByRole('heading', { name: '数据概览' })).toBeVisible();
    await shot(page, info, 'bureau-dashboard');
    await page.goto('/workbench/projects');
    await expect(page.getByRole('heading', { name: '备案管理' })).toBeVisible();
    const search = page.getByPlaceholder('企业名称 / 项目名称 / 备案号 / 信用代码');
    await search.fill(filingNo);
    await search.press('Enter');
    await expect(page).toHaveURL(new RegExp(`q=${filingNo}`));
    const hit = page.getByText(title);
    await expect(hit).toBeVisible();
    // Only the searched filing is listed (the demo enterprises' filings are filtered out).
    await expect(page.getByText('中山市明辉灯饰有限公司')).toHaveCount(0);
    await shot(page, info, 'bureau-list');
    await hit.click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText(company).first()).toBeVisible();
    await expect(page.getByRole('button', { name: '撤回公示' })).toBeVisible();
    await shot(page, info, 'bureau-detail');
  });
});

test('(d) a wrong password shows the Chinese error', async ({ page }) => {
  await signIn(page, REVIEWER.account, 'WrongPass123');
  await expect(page.getByTestId('login-error')).toContainText('账号或密码错误');
  await expect(page).toHaveURL(/\/login/);
});

test('(e) the register form shows the USCC check-character error inline', async ({ page }, info) => {
  await page.goto('/register');
  await page.getByLabel('统一社会信用代码').fill(withWrongCheck(randomUscc()));
  await expect(page.getByText(/校验位错误：第18位应为/)).toBeVisible();
  // A non-SME is told why it cannot join.
  await page.getByLabel('从业人员').fill('1200');
  await page.getByLabel('上年度营业收入', { exact: true }).fill('50000');
  await expect(page.getByTestId('sme-verdict')).toContainText('不能参加试点');
  await expect(page.getByRole('button', { name: '注册并进入工作台' })).toBeDisabled();
  await shot(page, info, 'register-errors');
});
