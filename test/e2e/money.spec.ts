/**
 * 资金拨付 in the browser: the enterprise enters its bank account and sees it masked afterwards; finance opens
 * the disbursements list with its filters and totals; the town office opens its payment paperwork.
 */
import { expect, test } from '@playwright/test';
import { freshEnterprise, shot, signInApi } from './helpers';

test('the enterprise enters its bank account and sees it masked; finance and the town open their pages', async ({ page }, info) => {
  await freshEnterprise(page.request);
  await page.goto('/workbench/bank-account');
  await expect(page.getByRole('heading', { name: '银行账户' })).toBeVisible();
  await expect(page.getByText('只有市工信局财务人员能看到完整账号')).toBeVisible();
  await page.getByRole('button', { name: '填写银行账户' }).click();
  await page.getByLabel('开户银行').fill('中国工商银行中山古镇支行');
  await page.getByLabel('账户名称').fill('中山市测试灯饰有限公司');
  await page.getByLabel('银行账号').fill('12');
  await page.getByRole('button', { name: '保存账户' }).click();
  await expect(page.getByText('银行账号应为8至32位数字')).toBeVisible();
  await page.getByLabel('银行账号').fill('6222 0211 0200 9876 543');
  await page.getByRole('button', { name: '保存账户' }).click();
  const shown = page.getByTestId('bank-account');
  await expect(shown).toContainText('**** **** **** 6543');
  await expect(shown).not.toContainText('6222021102009876543');
  await shot(page, info, 'bank-account');

  await page.context().clearCookies();
  await signInApi(page.request, 'finance@zs-pilot.cn');
  await page.goto('/workbench/disbursements');
  await expect(page.getByRole('heading', { name: '资金拨付' })).toBeVisible();
  await expect(page.getByTestId('tranche-totals')).toContainText('共');
  await shot(page, info, 'disbursements');

  await page.context().clearCookies();
  await signInApi(page.request, 'town-guzhen@zs-pilot.cn');
  await page.goto('/workbench/payment-paperwork');
  await expect(page.getByRole('heading', { name: '拨付材料' })).toBeVisible();
  await shot(page, info, 'payment-paperwork');
});
