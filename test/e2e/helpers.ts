import { expect, type APIRequestContext, type APIResponse, type Locator, type Page, type TestInfo } from '@playwright/test';
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

export const FRESH_PASSWORD = 'Test2026pass';

/** A JSON answer, failing the test with the status, URL and body when it is not 2xx. */
export async function apiJson<T>(res: APIResponse): Promise<T> {
  const body = await res.text();
  expect(res.ok(), `${res.status()} ${res.url()}: ${body}`).toBeTruthy();
  return JSON.parse(body) as T;
}

/** Signs in through the API: the session and CSRF cookies land in the request context (a page's context shares them). */
export async function signInApi(request: APIRequestContext, account: string, password = 'Demo2026'): Promise<{ csrfToken: string }> {
  return apiJson<{ csrfToken: string }>(await request.post('/api/v1/auth/login', { data: { account, password } }));
}

export interface FreshEnterprise {
  mobile: string;
  company: string;
  projectId: string;
  title: string;
  csrfToken: string;
}

/**
 * A new enterprise (registered through the API, so signed in in that request context) with a filed project
 * waiting for its self-diagnosis (stage 2, 企业自诊断). The database is shared by every test of a run and a
 * project is diagnosed only once, so tests that change a project make their own.
 */
export async function freshEnterprise(request: APIRequestContext): Promise<FreshEnterprise> {
  const mobile = randomMobile();
  const company = `中山市测试${mobile.slice(-4)}灯饰有限公司`;
  const title = `${company}生产管控数字化改造`;
  const reg = await apiJson<{ csrfToken: string }>(
    await request.post('/api/v1/auth/register', {
      data: {
        uscc: randomUscc(),
        name: company,
        townCode: 'guzhen',
        industryCode: '38',
        employees: 160,
        annualRevenueFen: 68_000_000_00,
        contactName: '陈测试',
        contactMobile: mobile,
        password: FRESH_PASSWORD,
      },
    }),
  );
  const headers = { 'x-csrf-token': reg.csrfToken };
  const project = await apiJson<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        situation: '现有生产以人工排产和纸质工单为主，设备数据未采集。',
        needs: '生产计划排程、设备联网采集与质量追溯。',
        scope: '装配车间、仓库',
        plannedInvestmentFen: 80_000_000,
        plannedStart: '2026-12-01',
        plannedEnd: '2027-06-30',
        diagnosisMode: 'self',
      },
    }),
  );
  const filed = await apiJson<{ state: string }>(await request.post(`/api/v1/projects/${project.id}/transitions`, { headers, data: { event: 'submitFiling' } }));
  expect(filed.state).toBe('selfDiagnosis');
  return { mobile, company, projectId: project.id, title, csrfToken: reg.csrfToken };
}

/** Waits until no CSS animation or transition is running (drawers, dropdowns, tabs have settled). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
}
