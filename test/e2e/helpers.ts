import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { MAKE_USCC_SEEDS, USCC_CHARSET, makeUscc } from '../../src/core/identity/uscc';

/** A random, valid unified social credit code of a Zhongshan company (the platform's own generator, random seed). */
export function randomUscc(): string {
  return makeUscc(Math.floor(Math.random() * MAKE_USCC_SEEDS));
}

/** The same code with a wrong check character. */
export function withWrongCheck(uscc: string): string {
  const right = uscc.charAt(17);
  const wrong = USCC_CHARSET.charAt((USCC_CHARSET.indexOf(right) + 1) % USCC_CHARSET.length);
  return uscc.slice(0, 17) + wrong;
}

export function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/**
 * Chooses an option of an antd Select found by its label, typing to filter. Only the open dropdown's options
 * count (antd keeps closed dropdowns in the page), and the choice is checked, retried while a drawer animates.
 */
export async function chooseOption(page: Page, label: string, optionText: string, within?: Locator): Promise<void> {
  const select = (within ?? page).getByLabel(label, { exact: true });
  // The select's outer element shows the chosen option's text.
  const shown = select.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // Searchable selects filter as you type; plain ones just open their list.
    if (await select.isEditable()) await select.fill(optionText);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: optionText }).first();
    await option.click();
    try {
      await expect(shown).toContainText(optionText, { timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${info.project.name}-${name}.png`, fullPage: false });
}
