/**
 * Stage 2b, the institution diagnosis (机构诊断), through the UI, on a desktop (1366×768) and on a phone (390×844),
 * with one browser context per role:
 * the bureau assigns an institution from the project page (the action dialog drawn from the action's input
 * schema) → the institution accepts and asks for evidence → the enterprise uploads it on its materials
 * checklist → the institution uploads its report PDF and sends it with the summary (level, pain points,
 * recommendations) → the enterprise objects with a reason → the institution uploads version 2 and sends again →
 * the enterprise confirms → the bureau sees the confirmed report and the project in stage 3 (选择服务商).
 * On the way: the report cannot be sent while evidence and the report are missing (the button is disabled),
 * the summary and the objection are not sent without their required fields, the enterprise has no
 * institution's buttons.
 *
 * The database is shared by every e2e test of a run, so each run creates its own enterprise (registered, with a
 * filed 机构诊断 project) and its own diagnostic institution (by the bureau admin) through the API; the desktop
 * and phone runs never meet. The bureau is the demo reviewer.
 */
import { expect, test, type Browser, type BrowserContext, type Locator, type Page, type PlaywrightWorkerArgs, type TestInfo } from '@playwright/test';
import { FRESH_PASSWORD, apiJson, chooseOption, randomMobile, randomUscc, shot, signInApi } from './helpers';

const REVIEWER = 'reviewer@zs-pilot.cn';
const ADMIN = 'admin@zs-pilot.cn';

/** The evidence groups the institution asks for (the required ones of 机构诊断), by slot key and checklist label. */
const EVIDENCE = [
  { key: 'diagnosis.policies', label: '相关制度文件、组织架构文件' },
  { key: 'diagnosis.systems', label: '系统软件截图、设备清单、软件设备购买证明、数据台账' },
  { key: 'diagnosis.financials', label: '审计报告或财务报表、数字化投入证明' },
] as const;
const REPORT_SLOT = { key: 'diagnosis.report', label: '企业诊断报告' } as const;

/** Button labels of the lifecycle table (src/core/workflow/project-lifecycle.ts). */
const LABEL = {
  assign: '分配诊断机构',
  accept: '接收诊断任务',
  request: '请企业提供佐证材料',
  send: '提交诊断报告给企业确认',
  confirm: '确认诊断报告',
  dispute: '对诊断报告有异议',
} as const;

/** A small, well-formed one-page PDF (catalog, pages, page, content stream, font; a correct xref table). */
function pdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, '');
  const content = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Seed {
  projectId: string;
  title: string;
  company: string;
  enterprise: string;
  institution: { id: string; name: string; account: string };
}

/**
 * The run's own data, through the API: a registered enterprise with a filed 机构诊断 project (waiting for an
 * institution), and a new diagnostic institution with a member account created by the bureau admin.
 */
async function seed(baseURL: string, playwright: PlaywrightWorkerArgs['playwright']): Promise<Seed> {
  const mobile = randomMobile();
  const tail = mobile.slice(-4);
  const company = `中山市测试${tail}电器有限公司`;
  const title = `${company}机构诊断改造项目`;

  const ent = await playwright.request.newContext({ baseURL });
  try {
    const reg = await apiJson<{ csrfToken: string }>(
      await ent.post('/api/v1/auth/register', {
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
    const headers = { 'x-csrf-token': reg.csrfToken };
    const project = await apiJson<{ id: string }>(
      await ent.post('/api/v1/projects', {
        headers,
        data: {
          title,
          situation: '生产计划依靠人工排产，设备数据未采集，质量记录为纸质。',
          needs: '生产计划排程、设备联网采集与质量追溯。',
          scope: '总装车间、成品仓库',
          plannedInvestmentFen: 60_000_000,
          plannedStart: '2026-12-01',
          plannedEnd: '2027-06-30',
          diagnosisMode: 'institution',
        },
      }),
    );
    const filed = await apiJson<{ state: string }>(await ent.post(`/api/v1/projects/${project.id}/transitions`, { headers, data: { event: 'submitFiling' } }));
    expect(filed.state).toBe('awaitingDiagnosisAssignment');

    const admin = await playwright.request.newContext({ baseURL });
    try {
      const { csrfToken } = await signInApi(admin, ADMIN);
      const instMobile = randomMobile();
      const name = `中山测试${instMobile.slice(-4)}诊断咨询有限公司`;
      const org = await apiJson<{ id: string; name: string }>(
        await admin.post('/api/v1/admin/organizations', {
          headers: { 'x-csrf-token': csrfToken },
          data: {
            type: 'institution_diagnostic',
            name,
            contactName: '王诊断',
            contactMobile: instMobile,
            member: { name: '王诊断', mobile: instMobile, password: FRESH_PASSWORD },
          },
        }),
      );
      return { projectId: project.id, title, company, enterprise: mobile, institution: { id: org.id, name: org.name, account: instMobile } };
    } finally {
      await admin.dispose();
    }
  } finally {
    await ent.dispose();
  }
}

interface Role {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** A browser context of the run's device (viewport, touch, user agent), signed in as the account. */
async function signedIn(browser: Browser, info: TestInfo, name: string, account: string, password: string): Promise<Role> {
  const use = info.project.use;
  const context = await browser.newContext({
    baseURL: use.baseURL,
    viewport: use.viewport ?? null,
    ...(use.deviceScaleFactor !== undefined ? { deviceScaleFactor: use.deviceScaleFactor } : {}),
    ...(use.isMobile !== undefined ? { isMobile: use.isMobile } : {}),
    ...(use.hasTouch !== undefined ? { hasTouch: use.hasTouch } : {}),
    ...(use.userAgent !== undefined ? { userAgent: use.userAgent } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // The session and CSRF cookies land in the context, so its pages are signed in.
  await signInApi(context.request, account, password);
  return { name, context, page: await context.newPage() };
}

/** Opens (or reloads) the project page and waits for it to show the project. */
async function openProject(page: Page, s: Seed): Promise<void> {
  await page.goto(`/workbench/projects/${s.projectId}`);
  await expect(page.getByRole('heading', { name: s.title })).toBeVisible();
}

const isTransition = (method: string, url: string): boolean => method === 'POST' && /\/api\/v1\/projects\/[^/]+\/transitions$/.test(new URL(url).pathname);

/** The dialog's submit button (the action dialog says 确认; a plain confirmation 确定). */
const okButton = (dialog: Locator): Locator => dialog.getByRole('button', { name: /^(确认|确定)$/ });

/**
 * Runs one workflow action from the project page: clicks its button; when `fill` is given, the action's dialog
 * (titled with the action's label) must open, is filled and submitted; an action without input fires straight
 * away or through a dialog with nothing to fill. Waits for the transition's answer (200) and returns its state.
 */
async function act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<{ state: string; stage: number }> {
  const posted = page.waitForResponse((r) => isTransition(r.request().method(), r.url()));
  posted.catch(() => undefined);
  const dialog = page.getByRole('dialog', { name: label });
  await page.getByRole('button', { name: label, exact: true }).click();
  if (fill) {
    await expect(dialog, `the "${label}" dialog opens`).toBeVisible();
    await fill(dialog);
    await okButton(dialog).click();
  } else {
    const shown = dialog.waitFor({ state: 'visible' }).then(() => 'dialog' as const);
    shown.catch(() => undefined);
    const first = await Promise.race([posted.then(() => 'posted' as const), shown]);
    if (first === 'dialog') await okButton(dialog).click();
  }
  const res = await posted;
  const body = await res.text();
  expect(res.status(), `${label}: ${res.status()} ${body}`).toBe(200);
  await expect(dialog).toBeHidden();
  return JSON.parse(body) as { state: string; stage: number };
}

/** A material slot of the checklist: its own region, named by the slot's label. */
const slotRegion = (page: Page, slotLabel: string): Locator => page.getByRole('region', { name: slotLabel, exact: true });

/**
 * Uploads a PDF through a slot's upload control (the file picker, not the camera one) and waits for the server
 * to take it (201) and the slot to list the file.
 */
async function upload(page: Page, slot: { key: string; label: string }, fileName: string): Promise<void> {
  const region = slotRegion(page, slot.label);
  const control = region.locator('input[type="file"]:not([capture])');
  await expect(control, `an upload control in the "${slot.label}" slot`).toBeAttached();
  const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/materials/${slot.key}`));
  await control.setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf(`${slot.key} ${Date.now()}`) });
  const res = await uploaded;
  expect(res.status(), `upload ${slot.key}: ${res.status()} ${await res.text()}`).toBe(201);
  await expect(region.getByText(fileName).first()).toBeVisible();
}

const PAIN_V1 = '排产依赖人工经验，设备数据未采集，质量问题难以追溯';
const PAIN_V2 = '排产依赖人工经验；已有部分设备联网，但数据未汇集到统一平台';
const ADVICE = '建设生产管控系统，推进关键设备联网并建立质量追溯台账';
const NOTE = `请上传组织架构图、ERP截图和近一年财务报表（${Date.now() % 10_000}）`;
const OBJECTION = '设备联网现状描述与实际不符，已有12台设备联网，请核实';

async function fillSummary(page: Page, dialog: Locator, painPoints: string): Promise<void> {
  await chooseOption(page, '改造前数字化水平', '一级', dialog);
  await dialog.getByLabel('主要痛点', { exact: true }).fill(painPoints);
  await dialog.getByLabel('改造建议', { exact: true }).fill(ADVICE);
}

// A control that never appears fails its step within seconds, not at the test's timeout.
test.use({ actionTimeout: 15_000 });

const roles: Role[] = [];

// Playwright requires the fixtures argument to be destructured, even when none is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, info) => {
  // The role contexts are the test's own (not the page fixture): keep what each role saw when a step failed.
  if (info.status !== info.expectedStatus) {
    for (const r of roles) {
      const path = info.outputPath(`${r.name}-failure.png`);
      await r.page.screenshot({ path, fullPage: true }).catch(() => undefined);
      await info.attach(`${r.name} page`, { path, contentType: 'image/png' }).catch(() => undefined);
    }
  }
  for (const r of roles.splice(0)) await r.context.close().catch(() => undefined);
});

test('机构诊断: the bureau assigns, the institution diagnoses, the enterprise objects once and then confirms', async ({ browser, playwright }, info) => {
  // Four pages, seven transitions and four uploads on a shared 2-core machine.
  test.setTimeout(300_000);
  const baseURL = info.project.use.baseURL;
  if (!baseURL) throw new Error('no baseURL');
  const s = await seed(baseURL, playwright);

  const bureau = await signedIn(browser, info, 'bureau', REVIEWER, 'Demo2026');
  const institution = await signedIn(browser, info, 'institution', s.institution.account, FRESH_PASSWORD);
  const enterprise = await signedIn(browser, info, 'enterprise', s.enterprise, FRESH_PASSWORD);
  roles.push(bureau, institution, enterprise);

  await test.step('the bureau assigns the run\'s institution from the project page', async () => {
    const page = bureau.page;
    await openProject(page, s);
    await expect(page.getByText('待分配诊断机构').first()).toBeVisible();
    const after = await act(page, LABEL.assign, async (dialog) => {
      await chooseOption(page, '服务机构', s.institution.name, dialog);
      await shot(page, info, 'diagnosis-assign');
    });
    expect(after.state).toBe('diagnosisAssigned');
    await expect(page.getByText('诊断机构待接收').first()).toBeVisible();
    await expect(page.getByText(s.institution.name).first()).toBeVisible();
  });

  await test.step('the institution accepts the task', async () => {
    const page = institution.page;
    await openProject(page, s);
    await expect(page.getByText('市工信局向贵机构分配了诊断任务').first()).toBeVisible();
    const after = await act(page, LABEL.accept);
    expect(after.state).toBe('institutionDiagnosis');
    await expect(page.getByText('机构诊断中').first()).toBeVisible();
  });

  await test.step('the report cannot go out before the evidence and the report are there', async () => {
    await expect(institution.page.getByRole('button', { name: LABEL.send, exact: true })).toBeDisabled();
  });

  await test.step('the institution asks for evidence', async () => {
    const page = institution.page;
    const after = await act(page, LABEL.request, async (dialog) => {
      for (const e of EVIDENCE) await dialog.getByRole('checkbox', { name: e.label }).check();
      await dialog.getByLabel('说明', { exact: true }).fill(NOTE);
    });
    expect(after.state).toBe('institutionDiagnosis');
  });

  await test.step('the enterprise sees the request and uploads its evidence', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    // An enterprise has none of the institution's buttons.
    await expect(page.getByRole('button', { name: LABEL.send, exact: true })).toHaveCount(0);
    await expect(page.getByText(NOTE).first()).toBeVisible();
    await shot(page, info, 'diagnosis-evidence-requested');
    for (const e of EVIDENCE) await upload(page, e, `${e.key.replace('diagnosis.', '佐证-')}.pdf`);
    await shot(page, info, 'diagnosis-evidence-uploaded');
  });

  await test.step('the institution uploads its report PDF and sends it with the summary', async () => {
    const page = institution.page;
    await openProject(page, s);
    await upload(page, REPORT_SLOT, '诊断报告v1.pdf');
    const after = await act(page, LABEL.send, async (dialog) => {
      // Sent empty, the dialog names what is missing and posts nothing.
      await okButton(dialog).click();
      await expect(dialog.getByText('请选择“改造前数字化水平”')).toBeVisible();
      await expect(dialog.getByText('请填写“主要痛点”')).toBeVisible();
      await fillSummary(page, dialog, PAIN_V1);
      await shot(page, info, 'diagnosis-report-dialog');
    });
    expect(after.state).toBe('diagnosisConfirmation');
    await expect(page.getByText('诊断报告已提交，等待企业确认').first()).toBeVisible();
  });

  await test.step('the enterprise reads the report and objects with a reason', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    await expect(page.getByText(PAIN_V1).first()).toBeVisible();
    await expect(page.getByText(ADVICE).first()).toBeVisible();
    await shot(page, info, 'diagnosis-report-to-confirm');
    const after = await act(page, LABEL.dispute, async (dialog) => {
      // No reason, no objection.
      await okButton(dialog).click();
      await expect(dialog.getByText('请填写原因（至少2个字）')).toBeVisible();
      await dialog.getByLabel('原因', { exact: true }).fill(OBJECTION);
    });
    expect(after.state).toBe('institutionDiagnosis');
  });

  await test.step('the institution sees the objection, uploads version 2 and sends again', async () => {
    const page = institution.page;
    await openProject(page, s);
    await expect(page.getByText(OBJECTION).first()).toBeVisible();
    await upload(page, REPORT_SLOT, '诊断报告v2.pdf');
    const after = await act(page, LABEL.send, (dialog) => fillSummary(page, dialog, PAIN_V2));
    expect(after.state).toBe('diagnosisConfirmation');
  });

  await test.step('the enterprise confirms the revised report', async () => {
    const page = enterprise.page;
    await openProject(page, s);
    await expect(page.getByText(PAIN_V2).first()).toBeVisible();
    const after = await act(page, LABEL.confirm);
    expect(after).toMatchObject({ state: 'diagnosed', stage: 3 });
    await expect(page.getByRole('button', { name: LABEL.confirm, exact: true })).toHaveCount(0);
  });

  await test.step('the bureau sees the confirmed report and the project in stage 3 (选择服务商)', async () => {
    const page = bureau.page;
    await openProject(page, s);
    await expect(page.getByText('诊断完成，待选择服务商').first()).toBeVisible();
    if (info.project.use.isMobile) {
      await expect(page.getByText('第 3 环节（共 8 个）：选择服务商')).toBeVisible();
    } else {
      await expect(page.getByRole('group', { name: '项目进度：当前处于第 3 个环节（共8个）' })).toBeVisible();
    }
    // The report card: version 2, its summary, confirmed.
    await expect(page.getByText('第 2 版').first()).toBeVisible();
    await expect(page.getByText(PAIN_V2).first()).toBeVisible();
    await expect(page.getByText('确认时间').first()).toBeVisible();
    await expect(page.getByText(s.institution.name).first()).toBeVisible();
    await shot(page, info, 'diagnosis-bureau-confirmed');
  });
});
