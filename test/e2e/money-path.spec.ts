/**
 * The money path (stages 7–8) in the browser, on the run's own data (test/e2e/stage7-setup.ts makes a fresh
 * enterprise at 评估通过 through the API, and a policy and pool when none covers the year):
 *
 * (a) the enterprise applies on 完工奖补申请 (uploads the missing materials, enters an invoice and a payment, signs the
 *     declarations, sees the suggested amount with its steps, submits); the town office and the bureau pass their
 *     steps on the review page; the bureau assigns the review expert, who declares and scores (API), and passes the
 *     expert step on the review page; the bureau's administrator puts the
 *     application into a decision batch and decides it on 审议批次; the application is in 公示 with its announcement.
 * (c) a second fresh project chooses 不申请奖补资金 (honour only): its certificate's code, read on the project page,
 *     verifies on /verify; a wrong code is reported.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { png, pdf } from '../support/sample-files';
import { FRESH_PASSWORD, apiJson, chooseOption, settled, shot, signInApi } from './helpers';
import { ADMIN, EXPERT, REVIEWER, TOWN, projectAtEvaluationPassed, shanghaiToday } from './stage7-setup';

test.use({ actionTimeout: 15_000 });

async function signInPage(page: Page, account: string, password = 'Demo2026'): Promise<void> {
  await page.context().clearCookies();
  await signInApi(page.request, account, password);
}

async function pickDate(page: Page, input: ReturnType<Page['getByLabel']>, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await settled(page);
}

async function uploadSlot(page: Page, slotKey: string, label: string, fileName: string, file: Buffer, mimeType: string): Promise<void> {
  const region = page.getByRole('region', { name: label, exact: true });
  const control = region.locator('input[type="file"]:not([capture])');
  await expect(control, `an upload control in the "${label}" slot`).toBeAttached();
  const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/materials/${slotKey}`));
  await control.setInputFiles({ name: fileName, mimeType, buffer: file });
  const res = await uploaded;
  expect(res.status(), `upload ${slotKey}: ${await res.text()}`).toBe(201);
  await expect(region.getByText(fileName).first()).toBeVisible();
}

interface QueueRow {
  id: string;
  projectId?: string;
  projectTitle?: string;
}

async function reviewOf(r: APIRequestContext, title: string): Promise<string> {
  const q = await apiJson<{ items: QueueRow[] }>(await r.get(`/api/v1/subsidy-reviews?keyword=${encodeURIComponent(title)}&pageSize=20`));
  const hit = q.items.find((i) => i.projectTitle === title) ?? q.items[0];
  if (!hit) throw new Error(`no review for ${title}`);
  return hit.id;
}

test('the enterprise applies in the browser, the chain passes it, the bureau decides the batch: 公示', async ({ page, baseURL, playwright }, info) => {
  test.setTimeout(150_000);
  const t0 = Date.now();
  const s = await projectAtEvaluationPassed(baseURL ?? '', playwright);
  info.annotations.push({ type: 'setup', description: `${Date.now() - t0} ms` });
  const today = shanghaiToday();

  await test.step('the enterprise fills and submits its subsidy application', async () => {
    await signInPage(page, s.enterprise, FRESH_PASSWORD);
    await page.goto(`/workbench/projects/${s.projectId}/subsidy`);
    await expect(page.getByRole('heading', { name: '完工奖补申请' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '提交前还需处理' })).toBeVisible();
    await uploadSlot(page, 'subsidy.invoices', '发票', '发票扫描件.pdf', pdf(), 'application/pdf');
    await uploadSlot(page, 'subsidy.paymentProofs', '付款凭证', '付款凭证.pdf', pdf(), 'application/pdf');
    await uploadSlot(page, 'subsidy.systemScreenshots', '系统使用截图', '系统截图.png', png(), 'image/png');

    await page.getByRole('button', { name: '添加发票' }).click();
    const invoice = page.getByRole('group', { name: '发票 1' });
    await invoice.getByLabel('发票号码').fill('44201234');
    await pickDate(page, invoice.getByLabel('开票日期'), today);
    await chooseOption(page, '费用类别', '软件', invoice);
    await invoice.getByLabel('价税合计（元）').fill('200000');
    await invoice.getByLabel('税额（元）').fill('11320.75');
    await invoice.getByLabel('销售方').fill(s.leadingUnit.name);

    await page.getByRole('button', { name: '添加付款记录' }).click();
    const payment = page.getByRole('group', { name: '付款 1' });
    await pickDate(page, payment.getByLabel('付款日期'), today);
    await payment.getByLabel('付款金额（元）').fill('200000');
    await payment.getByLabel('收款方').fill(s.leadingUnit.name);

    await page.getByRole('checkbox', { name: '我已阅读并签署上述真实性承诺' }).check();
    await page.getByRole('checkbox', { name: /未被列入失信被执行人名单/ }).check();
    await page.getByRole('checkbox', { name: /近三年内无重大违法违规行为/ }).check();
    await page.getByRole('radiogroup').filter({ hasText: '是（规上企业）' }).getByRole('radio', { name: '否' }).check();
    await page.getByRole('radiogroup').filter({ hasText: /^是否$/ }).getByRole('radio', { name: '否' }).check();

    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/subsidy-application'));
    await page.getByRole('button', { name: '保存草稿' }).last().click();
    const res = await saved;
    expect(res.status(), await res.text()).toBe(200);
    await expect(page.getByText('申请内容已齐全，可以提交')).toBeVisible();
    // 200,000 yuan verified; the level-2 cap is higher: the suggestion is the verified investment's share or the cap.
    const steps = page.getByRole('list', { name: '测算过程' });
    await expect(steps.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByText('核定投资额（元）')).toBeVisible();
    await shot(page, info, 'subsidy-application');

    const fired = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/transitions'));
    await page.getByRole('button', { name: '提交奖补申请' }).last().click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认提交奖补申请？' });
    await expect(confirm).toContainText('建议金额');
    await confirm.getByRole('button', { name: '确认提交' }).click();
    const moved = await fired;
    expect(moved.status(), await moved.text()).toBe(200);
    await expect(page.getByText('奖补申请已提交，正在审核')).toBeVisible();
  });

  /** One review step passed on 奖补审核 › one review, by its role in the browser (the dialog named by the action). */
  const passStep = async (account: string, reviewId: string, label: string, next: string) => {
    await signInPage(page, account);
    await page.goto(`/workbench/reviews/${reviewId}`);
    await expect(page.getByText(s.company).first()).toBeVisible();
    const fired = page.waitForResponse((r) => r.request().method() === 'POST' && /\/subsidy-reviews\/[^/]+\/events\/pass$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: label, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await expect(dialog).toBeVisible();
    const note = dialog.getByLabel('审核意见（选填）');
    if (await note.isVisible().catch(() => false)) await note.fill('材料齐全，情况属实');
    await dialog.getByRole('button', { name: '确定' }).click();
    const res = await fired;
    const body = await res.text();
    expect(res.status(), body).toBe(200);
    expect((JSON.parse(body) as { step: string }).step).toBe(next);
    await expect(dialog).toBeHidden();
  };

  let reviewId = '';
  await test.step('the town office and the bureau pass their steps on the review page', async () => {
    await signInPage(page, TOWN);
    reviewId = await reviewOf(page.request, s.title);
    await passStep(TOWN, reviewId, '初审通过', 'bureauExamination');
    await passStep(REVIEWER, reviewId, '审查通过，提交专家评审', 'expertReview');
  });

  await test.step('the bureau assigns the review expert, who declares and scores (API); the bureau passes the expert step', async () => {
    const bureau = await playwright.request.newContext({ baseURL });
    const expert = await playwright.request.newContext({ baseURL });
    try {
      const url = `/api/v1/subsidy-reviews/${reviewId}`;
      const b = { 'x-csrf-token': (await signInApi(bureau, REVIEWER)).csrfToken };
      const experts = await apiJson<Array<{ userId: string; name: string }> | { items: Array<{ userId: string }> }>(await bureau.get('/api/v1/experts?q='));
      const list = Array.isArray(experts) ? experts : experts.items;
      const e = { 'x-csrf-token': (await signInApi(expert, EXPERT)).csrfToken };
      const me = await apiJson<{ user: { id: string } } | { id: string }>(await expert.get('/api/v1/auth/me'));
      const myId = 'user' in me ? me.user.id : me.id;
      expect(list.map((x) => x.userId)).toContain(myId);
      await apiJson(await bureau.post(`${url}/experts`, { headers: b, data: { userIds: [myId] } }));
      const tasks = await apiJson<{ items: Array<{ id: string; projectTitle?: string }> }>(await expert.get('/api/v1/expert-reviews?pageSize=100'));
      const task = tasks.items.find((x) => x.projectTitle === s.title) ?? tasks.items[0];
      if (!task) throw new Error('no expert task');
      await apiJson(await expert.post(`/api/v1/expert-reviews/${task.id}/declaration`, { headers: e, data: { noConflict: true } }));
      const view = await apiJson<{ rubric: { items: Array<{ id: string; max: number }> }; suggestedFen?: number; application?: { suggestedFen: number } }>(await expert.get(`/api/v1/expert-reviews/${task.id}`));
      const scores = Object.fromEntries(view.rubric.items.map((i) => [i.id, Math.round(i.max * 0.85)]));
      const suggested = view.application?.suggestedFen ?? view.suggestedFen ?? 1_000_000;
      await apiJson(await expert.post(`/api/v1/expert-reviews/${task.id}/review`, { headers: e, data: { scores, recommendedFen: suggested, opinion: '改造成效明显，投入真实，建议按测算金额给予奖补。' } }));
    } finally {
      for (const r of [bureau, expert]) await r.dispose();
    }
    await passStep(REVIEWER, reviewId, '评审完成，提交局党组审议', 'partyGroupDecision');
  });

  await test.step('the bureau administrator decides a batch on 审议批次: the application is in publicity', async () => {
    await signInPage(page, ADMIN);
    await page.goto('/workbench/decision-batches');
    await expect(page.getByRole('heading', { name: '审议批次' })).toBeVisible();
    await page.getByRole('button', { name: '新建审议批次' }).click();
    const dialog = page.getByRole('dialog', { name: '新建审议批次' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('批次名称').fill(`${today.slice(0, 4)}年完工奖补（${s.company}）`);
    await dialog.getByLabel('会议纪要 / 议题编号').fill(`局党组会议纪要〔${today.slice(0, 4)}〕${s.enterprise.slice(-3)}号`);
    await chooseOption(page, '预算池', s.pool.name, dialog);
    await dialog.getByRole('row').filter({ hasText: s.title }).getByRole('checkbox').check();
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(page).toHaveURL(/\/workbench\/decision-batches\/[0-9a-f-]{36}$/);
    // The batch's one line: the enterprise (a table row on a desktop, a card on a phone).
    await expect(page.getByText(s.company).first()).toBeVisible();
    const decided = page.waitForResponse((r) => r.request().method() === 'POST' && /\/decision-batches\/[^/]+\/decide$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: '审议通过' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '审议该批次？' });
    await confirm.getByRole('button', { name: '审议通过' }).click();
    const res = await decided;
    expect(res.status(), await res.text()).toBe(200);
    await expect(page.getByText('已通过，进入公示').first()).toBeVisible();
    await shot(page, info, 'decision-batch');

    const detail = await apiJson<{ step: string; publicity: { announcementId: string | null; endsOn: string | null } }>(await page.request.get(`/api/v1/subsidy-reviews/${reviewId}`));
    expect(detail.step).toBe('publicity');
    expect(detail.publicity.announcementId).toBeTruthy();
    // The window is counted in working days and cannot be shortened or moved through the API: the payment and the
    // public list of funded projects wait for its end (see the report).
  });
  info.annotations.push({ type: 'total', description: `${Date.now() - t0} ms` });
});

test('honour only: the certificate code from the project page verifies on /verify; a wrong code is reported', async ({ page, baseURL, playwright }, info) => {
  test.setTimeout(90_000);
  const t0 = Date.now();
  const s = await projectAtEvaluationPassed(baseURL ?? '', playwright);
  await signInPage(page, s.enterprise, FRESH_PASSWORD);
  await page.goto(`/workbench/projects/${s.projectId}/subsidy`);
  await expect(page.getByRole('heading', { name: '完工奖补申请' })).toBeVisible();
  const fired = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/transitions'));
  await page.getByRole('button', { name: '不申请奖补，仅获试点企业荣誉' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^(确认|确定)/ }).last().click();
  const res = await fired;
  expect(res.status(), await res.text()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/workbench/projects/${s.projectId}$`));
  const card = page.getByTestId('certificate-card');
  await expect(card).toBeVisible();
  const code = ((await card.getByTestId('certificate-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-?[0-9A-Z]?$/);
  await shot(page, info, 'certificate-card');

  await page.context().clearCookies();
  await page.goto(`/verify?code=${encodeURIComponent(code)}`);
  await expect(page.getByRole('heading', { name: '试点企业证书核验' })).toBeVisible();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'valid');
  await expect(result).toContainText(s.company);
  // One character changed: not a certificate's code.
  const last = code.charAt(code.length - 1);
  const wrong = code.slice(0, -1) + (last === '2' ? '3' : '2');
  await page.getByTestId('verify-code').fill(wrong);
  await page.getByTestId('verify-submit').click();
  await expect(result).not.toHaveAttribute('data-status', 'valid');
  await expect(page.getByText(/未找到该核验码对应的证书|核验码/).first()).toBeVisible();
  info.annotations.push({ type: 'total', description: `${Date.now() - t0} ms` });
});
