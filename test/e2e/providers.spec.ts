/**
 * 授权管理 and provider accountability in the browser: an enterprise authorises the demo leading unit and revokes it;
 * the bureau suspends the leading unit from new choices and the unit sees the measure and answers it; the unit's
 * home (我的客户) lists an enterprise that authorised it — on a desktop and on a phone.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiJson, chooseOption, freshEnterprise, settled, shot, signInApi } from './helpers';

const PROVIDER_ACCOUNT = 'telecom@zs-pilot.cn';
const REVIEWER = 'reviewer@zs-pilot.cn';

async function providerOrg(request: APIRequestContext): Promise<{ id: string; name: string }> {
  await signInApi(request, PROVIDER_ACCOUNT);
  const me = await apiJson<{ org: { id: string; name: string } }>(await request.get('/api/v1/auth/me'));
  return me.org;
}

test('the enterprise authorises its leading unit and revokes the authorisation', async ({ page, request }, info) => {
  test.skip(info.project.name === 'phone', 'the phone path is the clients page below');
  const unit = await providerOrg(request);
  await freshEnterprise(page.request);
  await page.goto('/workbench/delegations');
  await expect(page.getByText('永远不能代为办理')).toBeVisible();
  await expect(page.getByText('领取或接收任何奖补资金')).toBeVisible();
  await chooseOption(page, '搜索并选择牵引单位/行业型服务商', unit.name);
  await page.getByRole('button', { name: '授权', exact: true }).click();
  const row = page.getByTestId('delegation-row').filter({ hasText: unit.name });
  await expect(row).toContainText('授权中');
  await expect(row).toContainText('陈测试');
  await shot(page, info, 'delegation-granted');
  await row.getByRole('button', { name: '撤销授权' }).click();
  await settled(page);
  // The confirmation opens next to its button, on the screen (with reduced motion it once measured its place mid-move
  // and opened 14,000 px to the right).
  const confirm = page.locator('.ant-popconfirm').getByRole('button', { name: '撤销授权' });
  await expect(confirm).toBeInViewport();
  await confirm.click();
  await expect(row).toContainText('已撤销');
  await shot(page, info, 'delegation-revoked');
});

test('the bureau suspends a provider from new choices; the provider sees the measure and answers it', async ({ browser, request }, info) => {
  test.skip(info.project.name === 'phone', 'desktop only');
  const unit = await providerOrg(request);
  const bureauCtx = await browser.newContext();
  const providerCtx = await browser.newContext();
  let measureId: number | null = null;
  const { csrfToken } = await signInApi(bureauCtx.request, REVIEWER);
  try {
    const bureau = await bureauCtx.newPage();
    await bureau.goto('/workbench/providers');
    await bureau.getByPlaceholder('按名称搜索').fill(unit.name);
    await bureau.getByPlaceholder('按名称搜索').press('Enter');
    await bureau.getByRole('link', { name: unit.name }).first().click();
    await expect(bureau.getByRole('heading', { name: unit.name })).toBeVisible();
    await bureau.getByTestId('suspend').click();
    const dialog = bureau.getByRole('dialog');
    await expect(dialog).toContainText('已在服务的项目照常进行');
    // No reason: the form refuses.
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect(dialog).toContainText('请填写原因');
    await dialog.getByLabel('原因').fill('多个项目实施进度严重滞后，暂停被选择');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect(dialog).toBeHidden();
    await expect(bureau.getByTestId('measure').first()).toContainText('暂停被选择');
    await expect(bureau.getByTestId('measure').first()).toContainText('生效中');
    await expect(bureau.getByTestId('suspend')).toBeDisabled();
    await shot(bureau, info, 'provider-suspended');
    const profile = await apiJson<{ measures: Array<{ id: number; kind: string; inForce: boolean }> }>(await bureauCtx.request.get(`/api/v1/providers/${unit.id}`));
    measureId = profile.measures.find((m) => m.kind === 'suspension' && m.inForce)?.id ?? null;

    await signInApi(providerCtx.request, PROVIDER_ACCOUNT);
    const provider = await providerCtx.newPage();
    await provider.goto('/workbench/standing');
    await expect(provider.getByText('贵单位已被暂停被企业新选择为服务商')).toBeVisible();
    await expect(provider.getByTestId('measure').first()).toContainText('多个项目实施进度严重滞后');
    await provider.getByLabel('提交答复').fill('已增派实施人员，两周内补齐进度。');
    await provider.getByRole('button', { name: '提交答复' }).click();
    await expect(provider.getByTestId('measure').first()).toContainText('已增派实施人员，两周内补齐进度。');
    await shot(provider, info, 'provider-answered');

    // The bureau sees the answer.
    await bureau.reload();
    await expect(bureau.getByTestId('measure').first()).toContainText('已增派实施人员');
  } finally {
    if (measureId !== null) {
      await bureauCtx.request.post(`/api/v1/providers/${unit.id}/measures/${measureId}/lift`, { headers: { 'x-csrf-token': csrfToken }, data: { reason: '测试结束，解除暂停' } });
    }
    await bureauCtx.close();
    await providerCtx.close();
  }
});

test('the provider’s home lists the enterprise that authorised it', async ({ page, browser, request }, info) => {
  const unit = await providerOrg(request);
  const enterpriseCtx = await browser.newContext();
  try {
    const fresh = await freshEnterprise(enterpriseCtx.request);
    await apiJson(await enterpriseCtx.request.post('/api/v1/delegations', { headers: { 'x-csrf-token': fresh.csrfToken }, data: { agentOrgId: unit.id } }));
    await signInApi(page.request, PROVIDER_ACCOUNT);
    await page.goto('/workbench');
    await expect(page.getByText(fresh.company).first()).toBeVisible();
    if (info.project.name === 'phone') {
      const card = page.getByTestId('client-card').filter({ hasText: fresh.company });
      await expect(card).toContainText('已获授权');
      // Nothing wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    } else {
      const row = page.getByRole('row').filter({ hasText: fresh.company });
      await expect(row).toContainText('已获授权');
      await expect(row).toContainText('企业');
    }
    await page.getByTestId('clients-count-waitingOnMe').click();
    await expect(page).toHaveURL(/view=waitingOnMe/);
    await shot(page, info, 'clients');
  } finally {
    await enterpriseCtx.close();
  }
});
