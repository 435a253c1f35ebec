/**
 * The project page renders the workflow runtime, on a desktop (1366×768) and a phone (390×844): an enterprise
 * submits its filing from the action the table offers (primary button, its confirmation dialog), sees its next
 * step and due date, changes the published filing within its field rights (others read-only, a 409 shown on the
 * field it names); the bureau sees the change as before → after and assigns the institution from the action's
 * dialog drawn from its input schema (the suggested institution preselected); an enterprise reads its
 * institution's diagnosis report summary and opens the PDF.
 */
import { expect, test, type Page } from '@playwright/test';
import { FRESH_PASSWORD, apiJson, randomMobile, randomUscc, settled, shot, signInApi } from './helpers';

interface Detail {
  id: string;
  state: string;
  actions: { event: string; kind: string }[];
  diagnosisInstitution: { id: string; name: string } | null;
}

const SCOPE_BEFORE = '装配车间、仓库';
const SCOPE_AFTER = '装配车间、仓库、注塑车间';

async function registerWithDraft(page: Page): Promise<{ projectId: string; title: string }> {
  const mobile = randomMobile();
  const company = `中山市测试${mobile.slice(-4)}电器有限公司`;
  const title = `${company}装配车间数字化改造`;
  const reg = await apiJson<{ csrfToken: string }>(
    await page.request.post('/api/v1/auth/register', {
      data: {
        uscc: randomUscc(),
        name: company,
        townCode: 'xiaolan',
        industryCode: '38',
        employees: 120,
        annualRevenueFen: 45_000_000_00,
        contactName: '李测试',
        contactMobile: mobile,
        password: FRESH_PASSWORD,
      },
    }),
  );
  const project = await apiJson<Detail>(
    await page.request.post('/api/v1/projects', {
      headers: { 'x-csrf-token': reg.csrfToken },
      data: {
        title,
        situation: '生产计划依靠Excel，设备状态无法实时掌握。',
        needs: '生产计划排程、设备联网采集与质量追溯。',
        scope: SCOPE_BEFORE,
        plannedInvestmentFen: 60_000_000,
        plannedStart: '2027-01-04',
        plannedEnd: '2027-08-31',
        diagnosisMode: 'institution',
      },
    }),
  );
  return { projectId: project.id, title };
}

test.describe.serial('the project page: next step, actions, field rights, reports', () => {
  let projectId = '';

  test('an enterprise submits from the primary action, sees its next step and changes the published filing', async ({ page }, info) => {
    const draft = await registerWithDraft(page);
    projectId = draft.projectId;

    await page.goto(`/workbench/projects/${projectId}`);
    const next = page.getByTestId('next-step');
    await expect(next).toContainText('下一步');
    await expect(next).toContainText('填写备案信息并选择诊断方式');
    await expect(page.locator('[data-state="draft"]').first()).toHaveAttribute('data-tone', 'draft');
    // Buttons by the table's kind: the submit is primary, the withdrawal danger.
    const submit = page.locator('[data-event="submitFiling"]');
    await expect(submit).toHaveClass(/ant-btn-primary/);
    await expect(page.locator('[data-event="withdraw"]')).toHaveClass(/ant-btn-dangerous/);
    await shot(page, info, 'project-draft');

    await submit.click();
    const dialog = page.getByRole('dialog', { name: '提交备案' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(page).toHaveURL(new RegExp(`/workbench/projects/${projectId}/submitted$`));

    await page.goto(`/workbench/projects/${projectId}`);
    await expect(next).toContainText('市工信局正在为您安排免费诊断的服务机构');
    await expect(next).toContainText('当前等待');
    await expect(page.getByTestId('next-step-due')).toContainText(/办理期限：\d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('next-step-overdue')).toHaveCount(0);
    await expect(page.locator('[data-event="submitFiling"]')).toHaveCount(0);
    await shot(page, info, 'project-submitted');

    // The published filing: only the schedule and the scope may change, as a revision.
    await page.goto(`/workbench/projects/${projectId}/edit`);
    await expect(page.getByTestId('revision-note')).toContainText('修改将作为备案变更记录，市工信局可查看变更对比');
    await expect(page.getByLabel('项目名称')).toBeDisabled();
    await expect(page.getByLabel('计划投资')).toBeDisabled();
    await expect(page.getByText('已公示，不能修改').first()).toBeVisible();
    await expect(page.getByLabel('改造范围')).toBeEnabled();
    await expect(page.getByTestId('filing-submit')).toHaveCount(0);

    // A refusal the server names by field lands on that field.
    await page.route(`**/api/v1/projects/${projectId}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      await route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          code: 'FIELD_NOT_EDITABLE',
          message: '项目处于“待分配诊断机构”，不能再修改：改造范围',
          details: { state: 'awaitingDiagnosisAssignment', fields: [{ path: 'scope', code: 'FIELD_NOT_EDITABLE', message: '改造范围已不能修改' }] },
        }),
      });
    });
    await page.getByLabel('改造范围').fill(SCOPE_AFTER);
    await page.getByTestId('filing-save').click();
    await expect(page.getByRole('alert').filter({ hasText: '不能再修改：改造范围' })).toBeVisible();
    await expect(page.getByText('改造范围已不能修改')).toBeVisible();
    await page.unroute(`**/api/v1/projects/${projectId}`);

    await page.getByTestId('filing-save').click();
    await expect(page.getByText('修改已保存，已记入备案变更记录')).toBeVisible();
    const saved = await apiJson<{ scope: string; title: string }>(await page.request.get(`/api/v1/projects/${projectId}`));
    expect(saved.scope).toBe(SCOPE_AFTER);
    expect(saved.title).toBe(draft.title);
    await shot(page, info, 'filing-revision');
  });

  test('the bureau sees the change as before → after and assigns the institution from the action dialog', async ({ page }, info) => {
    expect(projectId).not.toBe('');
    await signInApi(page.request, 'reviewer@zs-pilot.cn');
    await page.goto(`/workbench/projects/${projectId}`);

    const next = page.getByTestId('next-step');
    await expect(next).toContainText('请为该项目分配诊断机构');
    const revisions = page.getByTestId('revisions-card');
    await expect(revisions).toContainText('备案变更记录');
    const change = revisions.getByTestId('revision').first();
    await expect(change).toContainText('改造范围');
    await expect(change).toContainText(SCOPE_BEFORE);
    await expect(change).toContainText(SCOPE_AFTER);

    const assign = page.locator('[data-event="assignDiagnosisInstitution"]');
    await expect(assign).toHaveClass(/ant-btn-primary/);
    await assign.click();
    const dialog = page.getByRole('dialog', { name: '分配诊断机构' });
    await expect(dialog).toBeVisible();
    await settled(page);
    // The suggested institution is preselected and marked, with its open work.
    const chosen = dialog.locator('[data-field="institutionId"] .ant-select');
    await expect(chosen).toContainText('推荐');
    await expect(chosen).toContainText(/在办 \d+ 项/);
    await expect(dialog.getByText('完成期限')).toBeVisible();
    await expect(dialog.getByText('不填则按工作日规则计算')).toBeVisible();

    // The note's limit comes from the schema (500): over it, the form says so before sending.
    const note = dialog.getByLabel('给机构的说明');
    await note.fill('请'.repeat(501));
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog.getByText('“给机构的说明”不超过 500 个字')).toBeVisible();
    await note.fill('企业位于小榄镇，请在约定时间入企诊断。');
    await shot(page, info, 'assign-dialog');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId('next-step-institution')).toContainText('承办机构：');
    const after = await apiJson<Detail>(await page.request.get(`/api/v1/projects/${projectId}`));
    expect(after.state).toBe('diagnosisAssigned');
    expect(after.diagnosisInstitution).not.toBeNull();
    await expect(page.getByTestId('next-step-institution')).toContainText(after.diagnosisInstitution?.name ?? '');
    await shot(page, info, 'project-assigned');
  });

  test('an enterprise reads its diagnosis report summary and opens the PDF', async ({ page }, info) => {
    await signInApi(page.request, '13800000008');
    const list = await apiJson<{ items: { id: string }[] }>(await page.request.get('/api/v1/projects'));
    const id = list.items[0]?.id ?? '';
    expect(id).not.toBe('');
    await page.goto(`/workbench/projects/${id}`);

    const card = page.getByTestId('report-card-diagnosis');
    await expect(card).toContainText('诊断报告');
    await expect(card).toContainText('改造前数字化水平');
    await expect(card).toContainText('一级');
    await expect(card).toContainText('注塑车间32台注塑机未联网');
    await expect(card).toContainText('改造建议');
    const pdf = card.getByTestId('report-pdf');
    await expect(pdf).toHaveAttribute('href', /^\/api\/v1\/materials\/[^/]+\/download\?inline=1$/);
    const res = await page.request.get((await pdf.getAttribute('href')) ?? '');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    // The enterprise's next step is its own: confirm or dispute the report.
    await expect(page.getByTestId('next-step')).not.toContainText('当前环节无需您办理');
    await expect(page.locator('[data-event="confirmDiagnosisReport"]')).toHaveClass(/ant-btn-primary/);
    await card.scrollIntoViewIfNeeded();
    await shot(page, info, 'report-card');

    // In English: the same page, and an action asking for a reason refuses an empty one before sending.
    await page.evaluate(() => localStorage.setItem('zs_lang', 'en'));
    await page.reload();
    await expect(page.getByTestId('next-step')).toContainText('Next step');
    await expect(card).toContainText('Diagnosis report');
    await expect(card).toContainText('Main pain points');
    const dispute = page.locator('[data-event="disputeDiagnosisReport"]');
    await expect(dispute).not.toHaveClass(/ant-btn-primary/);
    await dispute.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Reason')).toBeVisible();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByText('Give a reason (at least 2 characters)')).toBeVisible();
    await shot(page, info, 'dispute-dialog-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    const still = await apiJson<Detail>(await page.request.get(`/api/v1/projects/${id}`));
    expect(still.state).toBe('diagnosisConfirmation');
  });
});
