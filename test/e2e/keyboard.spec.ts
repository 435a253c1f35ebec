/**
 * Keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7): sign-in, a filing (项目备案) and the whole self-diagnosis
 * questionnaire are completed with Tab / Shift+Tab / Space / Enter / arrow keys and typing — no click, no
 * programmatic focus. Each step walks the page in its real focus order and acts on what has the focus, so a
 * control that cannot be reached, has no visible focus, or ignores its keys fails the test.
 */
import { expect, test, type Page } from '@playwright/test';
import { FRESH_PASSWORD, apiJson, freshEnterprise, randomMobile, randomUscc } from './helpers';

interface Focused {
  tag: string;
  type: string;
  role: string;
  name: string;
  checked: boolean;
  /** The radios of a named group move with the arrow keys (Tab enters the group once). */
  grouped: boolean;
  /** The questionnaire item (question or scene code) the focused control belongs to. */
  item: string;
  value: string;
  /** The focus is drawn: an outline or a focus ring (box-shadow) on the control or its antd wrapper. */
  visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', type: '', role: '', name: '', checked: false, grouped: false, item: '', value: '', visible: false };
    const input = el instanceof HTMLInputElement ? el : null;
    const byIds = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const name = (
      el.getAttribute('aria-label') ??
      (el.getAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby')) : null) ??
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement ? el.labels?.[0]?.textContent : null) ??
      el.closest('label')?.textContent ??
      el.textContent ??
      ''
    ).trim();
    const ring = (node: Element | null) => {
      if (!node) return false;
      const s = getComputedStyle(node);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-input-number, .ant-picker, .ant-select, .ant-checkbox, .ant-radio, .ant-input-textarea-affix-wrapper, .ant-input-outlined');
    // antd draws a checkbox's or radio's ring on the box next to the (hidden) input.
    const visible = ring(el) || ring(el.nextElementSibling) || ring(wrapper);
    const group = input?.type === 'radio' && input.name ? document.querySelectorAll(`input[type="radio"][name="${CSS.escape(input.name)}"]`).length > 1 : false;
    return {
      tag: el.tagName.toLowerCase(),
      type: input?.type ?? '',
      role: el.getAttribute('role') ?? '',
      name,
      checked: Boolean(input?.checked),
      grouped: group,
      item: (el.closest('[id^="as-q-"], [id^="as-s-"]')?.id ?? '').replace(/^as-[qs]-/, ''),
      value: input?.value ?? (el instanceof HTMLTextAreaElement ? el.value : ''),
      visible,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match` holds for the focused element; fails after `max` presses. */
async function tabUntil(page: Page, what: string, match: (f: Focused) => boolean, max = 40, key = 'Tab'): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) {
      expect(f.visible, `focus is visible on ${what}`).toBe(true);
      return f;
    }
  }
  throw new Error(`${what}: not reached with ${max} × ${key}`);
}

const named = (name: string | RegExp) => (f: Focused) => (typeof name === 'string' ? f.name === name : name.test(f.name));

test('sign-in with the keyboard only', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await tabUntil(page, 'the account field', (f) => f.tag === 'input' && f.name.includes('手机号或邮箱'));
  await page.keyboard.type('reviewer@zs-pilot.cn');
  // The password comes next in the focus order.
  await page.keyboard.press('Tab');
  expect((await focused(page)).type).toBe('password');
  await page.keyboard.type('Demo2026');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workbench/);
  await expect(page.getByRole('heading', { name: '数据概览' })).toBeVisible();
});

test('a filing with the keyboard only: fields, dates, diagnosis mode, submit and confirm', async ({ page }) => {
  // A fresh enterprise with nothing filed (registered through the API: the page's context is signed in).
  const mobile = randomMobile();
  await apiJson(
    await page.request.post('/api/v1/auth/register', {
      data: {
        uscc: randomUscc(),
        name: `中山市键盘${mobile.slice(-4)}五金有限公司`,
        townCode: 'xiaolan',
        industryCode: '33',
        employees: 80,
        annualRevenueFen: 30_000_000_00,
        contactName: '王键盘',
        contactMobile: mobile,
        password: FRESH_PASSWORD,
      },
    }),
  );
  const title = `装配车间数字化改造${mobile.slice(-4)}`;
  await page.goto('/workbench/filing/new');
  await expect(page.getByRole('heading', { name: '发起项目备案' })).toBeVisible();

  await tabUntil(page, '项目名称', (f) => f.name.includes('项目名称'), 60);
  await page.keyboard.type(title);
  await tabUntil(page, '数字化现状', (f) => f.tag === 'textarea' && f.name.includes('数字化现状'), 5);
  await page.keyboard.type('装配线依靠纸质工单，设备状态无法实时掌握。');
  await tabUntil(page, '改造需求', (f) => f.tag === 'textarea' && f.name.includes('改造需求'), 5);
  await page.keyboard.type('生产计划排程与设备联网采集。');
  await tabUntil(page, '改造范围', (f) => f.tag === 'textarea' && f.name.includes('改造范围'), 5);
  await page.keyboard.type('装配车间、仓库');
  await tabUntil(page, '计划投资', (f) => f.name.includes('计划投资'), 5);
  await page.keyboard.type('300000');
  await expect(page.getByText('合 30.00 万元')).toBeVisible();
  await tabUntil(page, '计划开始日期', (f) => f.name.includes('计划开始日期'), 5);
  await page.keyboard.type('2026-12-01');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('计划开始日期')).toHaveValue('2026-12-01');
  await tabUntil(page, '计划完成日期', (f) => f.name.includes('计划完成日期'), 5);
  await page.keyboard.type('2027-05-31');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('计划完成日期')).toHaveValue('2027-05-31');
  // The diagnosis mode: a radio group (Tab enters it, the arrow keys choose, Space selects).
  const mode = await tabUntil(page, 'the diagnosis mode', (f) => f.type === 'radio', 8);
  if (!mode.name.includes('自诊断')) await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await expect(page.getByRole('radio', { name: /自诊断/ })).toBeChecked();

  await tabUntil(page, '提交备案', (f) => f.tag === 'button' && f.name.includes('提交备案'), 8);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '确认提交备案？' });
  await expect(dialog).toBeVisible();
  // The dialog takes the focus; its confirm button is reached inside it.
  const inDialog = await focused(page);
  if (!inDialog.name.includes('确认提交')) await tabUntil(page, '确认提交', (f) => f.tag === 'button' && f.name.includes('确认提交'), 6);
  await page.keyboard.press('Enter');
  await expect(page.getByText('备案已提交')).toBeVisible();
  await expect(page.getByTestId('filing-no')).toHaveText(/^ZSSZ-\d{4}-\d{5}$/);
});

interface Want {
  checks?: string[];
  radio?: string | RegExp;
  numbers?: Record<string, string>;
}

/** The answers of assessment.spec.ts (二级), by question and scene code. */
const SECTIONS: { tab: RegExp; items: Record<string, Want> }[] = [
  {
    tab: /基础/,
    items: {
      network: { checks: ['工业控制网络', '应用系统网络（大规模设备、人员、系统互联）'] },
      equipmentDigitalRate: { numbers: { 生产设备总数: '100', 数字化设备数: '35' } },
      equipmentNetworkedRate: { numbers: { 联网设备数: '50' } },
      autoCollectionCoverage: { checks: ['产品设计', '营销管理', '生产管控', '质量管理', '设备管理'] },
      systemCoverage: { radio: '覆盖多个（两个及以上）环节' },
      networkSecurity: { checks: ['有网络安全管理制度'] },
      dataSecurity: { checks: ['有数据安全管理制度'] },
    },
  },
  {
    tab: /管理/,
    items: {
      planImplementation: { radio: '已制定规划并有保障措施' },
      mechanisms: { checks: ['有数字化实施工作流程'] },
      talent: { checks: ['有专职或兼职数字化人员'] },
      funding: { numbers: { 近三年年均数字化投入: '800', 上年营业收入: '6800' } },
    },
  },
  {
    tab: /成效/,
    items: {
      energyPerRevenue: { numbers: { 上年综合能耗: '900', 前年综合能耗: '1000', 前年营业收入: '6000' } },
      passRate: { numbers: { 上年月均产品合格率: '98', 前年月均产品合格率: '97' } },
      revenuePerEmployee: { numbers: { 上年从业人数: '160', 前年从业人数: '150' } },
      costPerRevenue: { numbers: { 上年营业成本: '5000', 前年营业成本: '4600' } },
    },
  },
  {
    tab: /场景/,
    items: Object.fromEntries(
      ['productDesign', 'processDesign', 'marketing', 'afterSales', 'scheduling', 'productionControl', 'quality', 'equipment', 'safety', 'energy', 'purchasing', 'warehousing', 'finance', 'hr', 'collaboration', 'decision'].map((code) => [
        code,
        { radio: ['productDesign', 'marketing', 'productionControl', 'quality', 'equipment', 'scheduling'].includes(code) ? /^L2/ : /^L0/ },
      ]),
    ),
  },
];

/**
 * Walks one section in focus order and answers what the plan asks of each focused control: Space on a
 * checkbox to check, arrows within a radio group (or Space on a lone radio), typing into an empty number.
 * Stops at the section's "next" button (or at the pledge in the last section).
 */
async function answerSection(page: Page, items: Record<string, Want>, stopAt: (f: Focused) => boolean): Promise<void> {
  for (let presses = 0; presses < 500; presses++) {
    await page.keyboard.press('Tab');
    let f = await focused(page);
    if (stopAt(f)) return;
    const want = items[f.item];
    if (!want) continue;
    if (f.type === 'checkbox' && want.checks?.includes(f.name) && !f.checked) {
      await page.keyboard.press(' ');
      await expect.poll(async () => (await focused(page)).checked).toBe(true);
    } else if (f.type === 'radio' && want.radio) {
      const matches = (n: string) => (typeof want.radio === 'string' ? n === want.radio : (want.radio as RegExp).test(n));
      if (f.grouped) {
        // In a group the arrows move and select; go round until the wanted option is the chosen one.
        for (let step = 0; step < 12 && !(matches(f.name) && f.checked); step++) {
          if (matches(f.name)) await page.keyboard.press(' ');
          else await page.keyboard.press('ArrowDown');
          f = await focused(page);
        }
        expect(matches(f.name) && f.checked, `${f.item}: chose ${String(want.radio)}`).toBe(true);
      } else if (matches(f.name) && !f.checked) {
        await page.keyboard.press(' ');
      }
    } else if (f.tag === 'input' && want.numbers) {
      const key = Object.keys(want.numbers).find((label) => f.name.includes(label));
      if (key && f.value === '') await page.keyboard.type(want.numbers[key] ?? '');
    }
  }
  throw new Error('the end of the section was not reached');
}

test('the self-diagnosis questionnaire with the keyboard only, to the submitted level', async ({ page }) => {
  test.setTimeout(300_000);
  const fresh = await freshEnterprise(page.request);
  const started = await apiJson<{ id: string }>(
    await page.request.post(`/api/v1/projects/${fresh.projectId}/assessments`, { headers: { 'x-csrf-token': fresh.csrfToken }, data: { mode: 'self' } }),
  );
  await page.goto(`/workbench/assessments/${started.id}`);
  await expect(page.getByRole('heading', { name: '企业自诊断' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /基础/ })).toHaveAttribute('aria-selected', 'true');

  for (const [index, section] of SECTIONS.entries()) {
    const last = index === SECTIONS.length - 1;
    await answerSection(page, section.items, last ? named('我已阅读并作出以上承诺') : (f) => f.tag === 'button' && f.name.includes('下一部分'));
    if (last) break;
    await page.keyboard.press('Enter');
    const next = SECTIONS[index + 1];
    if (next) await expect(page.getByRole('tab', { name: next.tab })).toHaveAttribute('aria-selected', 'true');
  }
  await expect(page.getByTestId('progress-detail')).toHaveText('题目 15/15 · 场景 16/16');

  // The pledge has the focus: Space checks it; then on to the submit button and the confirmation.
  await page.keyboard.press(' ');
  await expect(page.getByRole('checkbox', { name: '我已阅读并作出以上承诺' })).toBeChecked();
  await tabUntil(page, '提交答卷', (f) => f.tag === 'button' && f.name.includes('提交答卷'), 10);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog').filter({ hasText: '确认提交答卷？' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('submit-confirm')).toContainText('二级');
  const inDialog = await focused(page);
  if (!inDialog.name.includes('确认提交')) await tabUntil(page, '确认提交', (f) => f.tag === 'button' && f.name.includes('确认提交'), 8);
  await page.keyboard.press('Enter');
  await expect(page.getByText('提交成功')).toBeVisible();
  await expect(page.getByTestId('submitted-result')).toContainText('二级');
});
