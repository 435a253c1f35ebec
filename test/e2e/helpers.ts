import type { Locator, Page, TestInfo } from '@playwright/test';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character over the first 17 characters. */
export function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  const c = 31 - (sum % 31);
  return CHARSET.charAt(c === 31 ? 0 : c);
}

/** A random, valid unified social credit code of a Zhongshan company ("91" + "442000" + 9 symbols + check). */
export function randomUscc(): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += CHARSET.charAt(Math.floor(Math.random() * CHARSET.length));
  const first17 = `91442000${body}`;
  return first17 + usccCheck(first17);
}

/** The same code with a wrong check character. */
export function withWrongCheck(uscc: string): string {
  const right = uscc.charAt(17);
  const wrong = CHARSET.charAt((CHARSET.indexOf(right) + 1) % CHARSET.length);
  return uscc.slice(0, 17) + wrong;
}

export function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Chooses an option of an antd Select found by its label, typing to filter. */
export async function chooseOption(page: Page, label: string, optionText: string, within?: Locator): Promise<void> {
  const select = (within ?? page).getByLabel(label, { exact: true });
  await select.click();
  // Searchable selects filter as you type; plain ones just open their list.
  if (await select.isEditable()) await select.fill(optionText);
  await page.locator('.ant-select-item-option').filter({ hasText: optionText }).first().click();
}

export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${info.project.name}-${name}.png`, fullPage: false });
}
