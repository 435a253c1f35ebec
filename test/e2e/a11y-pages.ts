/**
 * Every page of every role, as data: a11y.spec.ts signs in once per role (one browser context each), visits the
 * pages in order and runs axe on each. A new page is one more entry here (and a new role one more group).
 *
 * `path` is a fixed path or is found through the API as that role (the request context shares the page's
 * session). `ready` waits for the page's own content (a heading, a table); `reveal` opens a state worth checking
 * on its own (a drawer, a dialog) after the page itself was checked.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { answersForTargetLevel, getCatalog, LATEST_CATALOG_VERSION } from '../../src/core/assessment';
import { apiJson, freshEnterprise, signInApi, type FreshEnterprise } from './helpers';

export interface RoleState {
  request: APIRequestContext;
  /** Set for the fresh enterprise registered by the role's sign-in. */
  fresh?: FreshEnterprise;
  /** Values found by earlier pages' paths (ids), for later ones. */
  found: Record<string, string>;
}

export interface A11yPage {
  name: string;
  path: string | ((state: RoleState) => Promise<string>);
  ready?: (page: Page) => Promise<void>;
  /** Opens a state worth its own check; answers false when there is nothing to open here (e.g. no menu drawer on a desktop). */
  reveal?: { name: string; run: (page: Page) => Promise<boolean> };
}

export interface A11yRole {
  name: string;
  /** Signs the role in through the API (nothing for the public). */
  signIn?: (state: RoleState) => Promise<void>;
  pages: A11yPage[];
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
};

interface Paged {
  items: { id: string; state: string; title: string }[];
}

/** The id of the first project the role sees (in the given states, if any). */
async function firstProject(state: RoleState, states?: string[]): Promise<string> {
  const list = await apiJson<Paged>(await state.request.get('/api/v1/projects?pageSize=50'));
  const hit = list.items.find((p) => !states || states.includes(p.state));
  if (!hit) throw new Error(`no project${states ? ` in ${states.join('/')}` : ''} for this role`);
  return hit.id;
}

const demo = (account: string) => async (state: RoleState) => {
  await signInApi(state.request, account);
};

/** The phone layouts put the side menu in a drawer: open it (desktop shows the menu already). */
const menuDrawer: A11yPage['reveal'] = {
  name: 'menu',
  run: async (page) => {
    const open = page.getByRole('button', { name: '打开菜单' });
    if (!(await open.isVisible())) return false;
    await open.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    return true;
  },
};

const passwordPage: A11yPage = { name: '修改密码', path: '/workbench/account/password', ready: heading('修改密码') };
const projectDetail = (states?: string[]): A11yPage => ({
  name: '项目详情',
  path: async (s) => `/workbench/projects/${await firstProject(s, states)}`,
  ready: async (page) => {
    await expect(page.getByText('备案号').first()).toBeVisible();
  },
});

export const A11Y_ROLES: A11yRole[] = [
  {
    name: 'public',
    pages: [
      { name: '门户首页', path: '/', ready: heading('中山市中小企业数字化转型城市试点'), reveal: menuDrawer },
      { name: '备案公示', path: '/filings', ready: heading('备案公示') },
      { name: '试点企业名单', path: '/pilots', ready: heading('试点企业名单') },
      { name: '资助项目公示', path: '/funded', ready: heading('资助项目公示') },
      { name: '标杆车间', path: '/benchmarks', ready: heading('标杆车间') },
      { name: '资金拨付公示', path: '/payments', ready: heading('资金拨付公示') },
      { name: '证书核验', path: '/verify', ready: heading('试点企业证书核验') },
      { name: '服务商及产品目录', path: '/catalog', ready: async (page) => expect(page.getByTestId('catalog-card').first()).toBeVisible() },
      { name: '登录', path: '/login', ready: heading(/登录/) },
      { name: '企业注册', path: '/register', ready: heading(/注册/) },
      { name: '页面不存在', path: '/no-such-page', ready: async (page) => expect(page.getByText('页面不存在').first()).toBeVisible() },
    ],
  },
  {
    // A fresh enterprise: its filed project, the filing result, the self-diagnosis questionnaire, the report.
    name: 'enterprise (fresh, self-diagnosis)',
    signIn: async (state) => {
      state.fresh = await freshEnterprise(state.request);
    },
    pages: [
      { name: '我的工作台', path: '/workbench', reveal: menuDrawer },
      { name: '备案结果', path: async (s) => `/workbench/projects/${s.fresh?.projectId ?? ''}/submitted`, ready: async (page) => expect(page.getByTestId('filing-no')).toBeVisible() },
      { name: '项目详情', path: async (s) => `/workbench/projects/${s.fresh?.projectId ?? ''}`, ready: async (page) => expect(page.getByTestId('project-assessments')).toBeVisible() },
      {
        name: '自诊断问卷',
        path: async (s) => {
          const fresh = s.fresh;
          if (!fresh) throw new Error('no fresh enterprise');
          const a = await apiJson<{ id: string }>(
            await s.request.post(`/api/v1/projects/${fresh.projectId}/assessments`, { headers: { 'x-csrf-token': fresh.csrfToken }, data: { mode: 'self' } }),
          );
          s.found.assessment = a.id;
          return `/workbench/assessments/${a.id}`;
        },
        ready: heading('企业自诊断'),
        reveal: {
          name: 'live result',
          run: async (page) => {
            const open = page.getByTestId('open-live');
            if (!(await open.isVisible())) return false;
            await open.click();
            await expect(page.getByRole('dialog')).toBeVisible();
            return true;
          },
        },
      },
      {
        name: '自诊断问卷 · 场景',
        path: async (s) => `/workbench/assessments/${s.found.assessment ?? ''}`,
        ready: async (page) => {
          const tab = page.getByRole('tab', { name: /场景/ });
          await tab.click();
          await expect(tab).toHaveAttribute('aria-selected', 'true');
        },
      },
      {
        name: '诊断报告',
        path: async (s) => {
          const fresh = s.fresh;
          const id = s.found.assessment;
          if (!fresh || !id) throw new Error('no assessment');
          const headers = { 'x-csrf-token': fresh.csrfToken };
          const current = await apiJson<{ revision: number }>(await s.request.get(`/api/v1/assessments/${id}`));
          const answers = answersForTargetLevel(getCatalog(LATEST_CATALOG_VERSION), 2);
          const saved = await apiJson<{ revision: number }>(await s.request.put(`/api/v1/assessments/${id}/answers`, { headers, data: { answers, revision: current.revision } }));
          await apiJson(await s.request.post(`/api/v1/assessments/${id}/submit`, { headers, data: { pledge: true, revision: saved.revision } }));
          return `/workbench/assessments/${id}/report`;
        },
        ready: async (page) => expect(page.getByTestId('report-level')).toBeVisible(),
      },
      { name: '自诊断答卷（只读）', path: async (s) => `/workbench/assessments/${s.found.assessment ?? ''}`, ready: async (page) => expect(page.getByTestId('answers-view')).toBeVisible() },
      { name: '项目备案', path: '/workbench/filing' },
      { name: '诊断', path: '/workbench/diagnosis' },
      passwordPage,
    ],
  },
  {
    name: 'enterprise 13800000001 (self-diagnosis due)',
    signIn: demo('13800000001'),
    pages: [{ name: '我的工作台', path: '/workbench' }, projectDetail(), { name: '诊断', path: '/workbench/diagnosis' }, { name: '一企一档', path: '/workbench/archive', ready: heading('一企一档') }],
  },
  {
    name: 'enterprise 13800000002 (waiting for an institution)',
    signIn: demo('13800000002'),
    pages: [{ name: '我的工作台', path: '/workbench' }, projectDetail()],
  },
  {
    name: 'enterprise 13800000005 (draft filing)',
    signIn: demo('13800000005'),
    pages: [
      { name: '项目备案', path: '/workbench/filing' },
      { name: '编辑备案', path: async (s) => `/workbench/projects/${await firstProject(s, ['draft'])}/edit`, ready: async (page) => expect(page.getByLabel('项目名称')).toBeVisible() },
    ],
  },
  {
    name: 'enterprise 13800000006 (nothing filed)',
    signIn: demo('13800000006'),
    pages: [
      { name: '我的工作台', path: '/workbench' },
      { name: '发起项目备案', path: '/workbench/filing/new', ready: heading('发起项目备案') },
      { name: '诊断', path: '/workbench/diagnosis' },
    ],
  },
  {
    name: 'bureau admin',
    signIn: demo('admin@zs-pilot.cn'),
    pages: [
      { name: '数据概览', path: '/workbench', ready: heading('数据概览'), reveal: menuDrawer },
      { name: '备案管理', path: '/workbench/projects', ready: heading('备案管理') },
      { name: '政策配置', path: '/workbench/policies', ready: heading('政策配置') },
      { name: '预算与台账', path: '/workbench/budget', ready: heading('预算与台账') },
      { name: '奖补审核', path: '/workbench/subsidy-review', ready: heading('奖补审核') },
      { name: '审议批次', path: '/workbench/decision-batches', ready: heading('审议批次') },
      { name: '标杆评审', path: '/workbench/benchmarks', ready: heading('标杆评审') },
      { name: '资金拨付', path: '/workbench/disbursements', ready: heading('资金拨付') },
      { name: '公示管理', path: '/workbench/announcements', ready: heading('公示管理') },
      { name: '异议处理', path: '/workbench/objections', ready: heading('异议处理') },
      { name: '绩效报告', path: '/workbench/performance', ready: heading('绩效报告') },
      projectDetail(),
      { name: '机构诊断队列', path: '/workbench/diagnosis-queue', ready: heading('机构诊断队列') },
      { name: '节假日安排', path: '/workbench/calendar', ready: heading('节假日安排') },
      { name: '一企一档', path: '/workbench/archive', ready: heading('一企一档') },
      { name: '通知中心', path: '/workbench/notifications', ready: heading('通知中心') },
      {
        name: '组织与账号',
        path: '/workbench/organizations',
        ready: heading('组织与账号'),
        reveal: {
          name: '新建组织',
          run: async (page) => {
            await page.getByRole('button', { name: '新建组织' }).click();
            await expect(page.getByRole('dialog')).toBeVisible();
            return true;
          },
        },
      },
      passwordPage,
    ],
  },
  {
    name: 'bureau reviewer',
    signIn: demo('reviewer@zs-pilot.cn'),
    pages: [
      { name: '数据概览', path: '/workbench', ready: heading('数据概览') },
      { name: '备案管理', path: '/workbench/projects', ready: heading('备案管理') },
      projectDetail(),
      { name: '机构诊断队列', path: '/workbench/diagnosis-queue', ready: heading('机构诊断队列') },
      { ...projectDetail(['diagnosisConfirmation']), name: '项目详情（报告待企业确认）' },
    ],
  },
  {
    name: 'bureau finance',
    signIn: demo('finance@zs-pilot.cn'),
    pages: [
      { name: '数据概览', path: '/workbench', ready: heading('数据概览') },
      { name: '备案管理', path: '/workbench/projects', ready: heading('备案管理') },
      { name: '资金拨付', path: '/workbench/disbursements', ready: heading('资金拨付') },
    ],
  },
  {
    name: 'comprehensive institution (caict)',
    signIn: demo('caict@zs-pilot.cn'),
    pages: [{ name: '待办任务', path: '/workbench', ready: heading('待办任务'), reveal: menuDrawer }, { ...projectDetail(['diagnosisConfirmation']), name: '项目详情（报告待企业确认）' }, passwordPage],
  },
  {
    name: 'diagnostic institution (riamb, diagnosis in progress)',
    signIn: demo('riamb@zs-pilot.cn'),
    pages: [{ name: '待办任务', path: '/workbench', ready: heading('待办任务') }, { ...projectDetail(['institutionDiagnosis']), name: '项目详情（诊断中）' }],
  },
  {
    name: 'enterprise 13800000007 (evidence requested)',
    signIn: demo('13800000007'),
    pages: [{ ...projectDetail(['institutionDiagnosis']), name: '项目详情（佐证材料清单）' }, { name: '通知中心', path: '/workbench/notifications', ready: heading('通知中心') }],
  },
  {
    name: 'enterprise 13800000008 (report to confirm)',
    signIn: demo('13800000008'),
    pages: [{ ...projectDetail(['diagnosisConfirmation']), name: '项目详情（诊断报告待确认）' }],
  },
  {
    name: 'diagnostic institution (cqc)',
    signIn: demo('cqc@zs-pilot.cn'),
    pages: [{ name: '待办任务', path: '/workbench', ready: heading('待办任务') }],
  },
  {
    name: 'leading unit (telecom)',
    signIn: demo('telecom@zs-pilot.cn'),
    pages: [
      { name: '我的客户', path: '/workbench', ready: heading('我的客户') },
      { name: '服务评价与整改', path: '/workbench/standing', ready: heading('服务评价与整改') },
    ],
  },
  {
    name: 'enterprise 13800000104 (contracting)',
    signIn: demo('13800000104'),
    pages: [
      { ...projectDetail(['contracting']), name: '项目详情（签约表单）', ready: async (page) => expect(page.getByTestId('contract-form')).toBeVisible() },
      { name: '一企一档', path: '/workbench/archive', ready: heading('一企一档') },
    ],
  },
  {
    name: 'town office (guzhen)',
    signIn: demo('town-guzhen@zs-pilot.cn'),
    pages: [
      { name: '本镇企业', path: '/workbench', ready: heading('本镇企业') },
      { name: '本镇企业（列表）', path: '/workbench/town-projects', ready: heading('本镇企业') },
      { name: '拨付材料', path: '/workbench/payment-paperwork', ready: heading('拨付材料') },
      { name: '奖补审核', path: '/workbench/subsidy-review', ready: heading('奖补审核') },
      projectDetail(),
    ],
  },
  {
    name: 'review expert',
    signIn: demo('expert1@zs-pilot.cn'),
    pages: [{ name: '评审任务', path: '/workbench', ready: heading('评审任务') }],
  },
];
