/**
 * 试点企业证书核验 in the browser: the code from the PDF's link is prefilled and checked at once; a typed code that
 * is not a certificate's says so in Chinese.
 */
import { expect, test } from '@playwright/test';
import { shot } from './helpers';

test('the verification page takes the code from its address and says when no certificate has it', async ({ page }, info) => {
  await page.goto('/verify?code=ABCD-EFGH-JKMN-P');
  await expect(page.getByRole('heading', { name: '试点企业证书核验' })).toBeVisible();
  await expect(page.getByTestId('verify-code')).toHaveValue('ABCD-EFGH-JKMN-P');
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'notFound');
  await expect(page.getByText('未找到该核验码对应的证书，请核对后重试')).toBeVisible();
  await page.getByTestId('verify-code').fill('');
  await page.getByTestId('verify-submit').click();
  await expect(page.getByText('请输入核验码')).toBeVisible();
  await page.getByTestId('verify-code').fill('2345 6789 abcd e');
  await page.getByTestId('verify-submit').click();
  await expect(page).toHaveURL(/code=2345/);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'notFound');
  await shot(page, info, 'verify-certificate');
});
