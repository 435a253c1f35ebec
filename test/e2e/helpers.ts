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

/** The label of the option an open antd Select has made active (its combobox's aria-activedescendant). */
async function activeOptionLabel(page: Page, combobox: Locator): Promise<string | null> {
  const id = await combobox.getAttribute('aria-activedescendant');
  if (!id) return null;
  const option = page.locator(`[id="${id}"]`).first();
  if ((await option.count()) === 0) return null;
  const label = (await option.getAttribute('aria-label')) ?? (await option.getAttribute('title')) ?? (await option.textContent());
  return label?.trim() ?? null;
}

/**
 * Chooses an option of an antd Select found by its label, with the keyboard only: focus, type to filter (or open
 * with Enter when it is not searchable), walk the options with ↓ reading the active one from the combobox's
 * aria-activedescendant, and Enter. Nothing is clicked, so a dropdown that is still moving (a drawer opening,
 * the list repositioning) cannot swallow the choice; and the choice is confirmed by the state the select shows.
 * An option whose label equals optionText wins; otherwise the first one containing it.
 */
export async function chooseOption(page: Page, label: string, optionText: string, within?: Locator): Promise<void> {
  const select = (within ?? page).getByLabel(label, { exact: true });
  // The select's outer element shows the chosen option's text.
  const shown = select.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await select.focus();
  // Searchable selects filter as you type (and open); plain ones open with Enter.
  if (await select.isEditable()) await select.fill(optionText);
  if ((await select.getAttribute('aria-expanded')) !== 'true') await select.press('Enter');
  await expect(select).toHaveAttribute('aria-expanded', 'true');
  await expect(select).toHaveAttribute('aria-activedescendant', /.+/);

  const seen: string[] = [];
  let firstContaining = -1;
  for (let step = 0; step < 400; step++) {
    const active = (await activeOptionLabel(page, select)) ?? '';
    if (active === optionText) {
      await select.press('Enter');
      await expect(shown).toContainText(optionText);
      return;
    }
    // Back at the first option: the list has been walked round once (↓ wraps; a one-option list stays put).
    if (seen.length > 0 && active === seen[0]) break;
    seen.push(active);
    if (firstContaining < 0 && active.includes(optionText)) firstContaining = step;
    await select.press('ArrowDown');
    if ((await activeOptionLabel(page, select)) === active) break;
  }
  if (firstContaining < 0) throw new Error(`select "${label}" has no option "${optionText}" (options: ${seen.join(' | ')})`);
  // Walk back round to the first option containing the text.
  for (let step = 0; step < 400 && (await activeOptionLabel(page, select)) !== seen[firstContaining]; step++) {
    await select.press('ArrowDown');
  }
  await select.press('Enter');
  await expect(shown).toContainText(optionText);
}

export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${info.project.name}-${name}.png`, fullPage: false });
}
