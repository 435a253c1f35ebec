import { App as AntApp, Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  AppstoreOutlined,
  FileProtectOutlined,
  ShopOutlined,
  StarOutlined,
  MoneyCollectOutlined,
  BankOutlined,
  TrophyOutlined,
  NotificationOutlined,
  SettingOutlined,
  BarChartOutlined,
  AccountBookOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../api/hooks';
import { LangSwitch } from '../components/LangSwitch';
import { Loading } from '../components/Loading';
import { NotificationBell } from '../components/NotificationBell';
import { useLang } from '../i18n';
import { ACTOR_ROLE_LABELS, type ActorRole } from '../../core/identity/roles';
import { roleGroup } from '../lib/roles';

type Item = Required<MenuProps>['items'][number];

interface Entry {
  key: string;
  label: string;
  icon?: ReactNode;
  children?: Entry[];
}

/** Only entries that lead to real pages today; the rest of each role's menu comes as the pages arrive. */
function useMenuEntries(role: string): Entry[] {
  const { t } = useTranslation();
  const account: Entry = { key: '/workbench/account/password', label: t('menu.changePassword'), icon: <KeyOutlined /> };
  switch (roleGroup(role)) {
    case 'enterprise':
      return [
        { key: '/workbench', label: t('menu.home'), icon: <HomeOutlined /> },
        {
          key: 'projects',
          label: t('menu.projectManagement'),
          icon: <FolderOpenOutlined />,
          children: [
            { key: '/workbench/filing', label: t('menu.filing'), icon: <FileAddOutlined /> },
            { key: '/workbench/diagnosis', label: t('menu.diagnosis'), icon: <FileSearchOutlined /> },
            { key: '/workbench/archive', label: t('contract.menuArchive'), icon: <ProfileOutlined /> },
          ],
        },
        { key: '/workbench/bank-account', label: t('money.menuBankAccount'), icon: <BankOutlined /> },
        { key: '/workbench/delegations', label: t('providers.menuDelegations'), icon: <SafetyCertificateOutlined /> },
        { key: 'account', label: t('menu.account'), icon: <UserOutlined />, children: [account] },
      ];
    case 'bureau':
      return [
        { key: '/workbench', label: t('menu.dashboard'), icon: <DashboardOutlined /> },
        { key: '/workbench/projects', label: t('menu.filingAdmin'), icon: <AuditOutlined /> },
        { key: '/workbench/diagnosis-queue', label: t('diagnosis2b.menuQueue'), icon: <ClusterOutlined /> },
        { key: '/workbench/catalog-review', label: t('catalog.menuReview'), icon: <AppstoreOutlined /> },
        { key: '/workbench/letter-review', label: t('choice.menuLetterReview'), icon: <FileProtectOutlined /> },
        { key: '/workbench/providers', label: t('providers.menuOversight'), icon: <ShopOutlined /> },
        { key: '/workbench/subsidy-review', label: t('review.menuSubsidyReviewQueue'), icon: <MoneyCollectOutlined /> },
        { key: '/workbench/decision-batches', label: t('review.menuDecisionBatches'), icon: <PartitionOutlined /> },
        { key: '/workbench/benchmarks', label: t('benchmarks.menuBenchmarkReview'), icon: <TrophyOutlined /> },
        { key: '/workbench/disbursements', label: t('money.menuDisbursements'), icon: <AccountBookOutlined /> },
        { key: '/workbench/budget', label: t('policy.menuBudget'), icon: <BankOutlined /> },
        { key: '/workbench/announcements', label: t('announcements.menuAnnouncementsAdmin'), icon: <NotificationOutlined /> },
        { key: '/workbench/performance', label: t('dashboards.menuPerformanceReport'), icon: <BarChartOutlined /> },
        { key: '/workbench/policies', label: t('policy.menuPolicies'), icon: <SettingOutlined /> },
        { key: '/workbench/archive', label: t('contract.menuArchive'), icon: <ProfileOutlined /> },
        ...(role === 'bureauAdmin' ? [{ key: '/workbench/organizations', label: t('menu.organizations'), icon: <ApartmentOutlined /> }] : []),
        ...(role === 'bureauAdmin' ? [{ key: '/workbench/calendar', label: t('deadlines.calendar.menu'), icon: <CalendarOutlined /> }] : []),
        account,
      ];
    case 'town':
      return [
        { key: '/workbench', label: t('menu.townEnterprises'), icon: <TeamOutlined /> },
        { key: '/workbench/subsidy-review', label: t('review.menuSubsidyReviewQueue'), icon: <MoneyCollectOutlined /> },
        { key: '/workbench/payment-paperwork', label: t('money.menuPaymentPaperwork'), icon: <AccountBookOutlined /> },
        account,
      ];
    case 'institution':
      return [{ key: '/workbench', label: t('menu.tasks'), icon: <ScheduleOutlined /> }, account];
    case 'provider':
      return [
        { key: '/workbench', label: t('providers.menuClients'), icon: <TeamOutlined /> },
        { key: '/workbench/products', label: t('catalog.menuProducts'), icon: <AppstoreOutlined /> },
        ...(role === 'leadingUnit' ? [{ key: '/workbench/letters', label: t('choice.menuLetters'), icon: <FileProtectOutlined /> }] : []),
        { key: '/workbench/standing', label: t('providers.menuStanding'), icon: <StarOutlined /> },
        account,
      ];
    default:
      return [{ key: '/workbench', label: t('menu.reviewTasks'), icon: <ScheduleOutlined /> }, account];
  }
}

function toItems(entries: Entry[]): Item[] {
  return entries.map((e) => (e.children ? { key: e.key, label: e.label, icon: e.icon, children: toItems(e.children) } : { key: e.key, label: e.label, icon: e.icon }));
}

function allKeys(entries: Entry[]): string[] {
  return entries.flatMap((e) => (e.children ? allKeys(e.children) : [e.key]));
}

function selectedKey(pathname: string, keys: string[]): string {
  // The longest menu path that prefixes the current path; project pages belong to the role's list.
  const match = keys.filter((k) => k.startsWith('/') && (pathname === k || pathname.startsWith(`${k}/`))).sort((a, b) => b.length - a.length)[0];
  return match ?? '/workbench';
}

export function WorkbenchLayout() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const [drawer, setDrawer] = useState(false);
  const role = me?.role ?? '';
  const entries = useMenuEntries(role);
  const keys = allKeys(entries);
  let current = selectedKey(location.pathname, keys);
  if (location.pathname.startsWith('/workbench/projects/') && roleGroup(role) === 'enterprise') current = '/workbench/filing';
  if (location.pathname.startsWith('/workbench/projects/') && roleGroup(role) === 'bureau') current = '/workbench/projects';
  if ((location.pathname.startsWith('/workbench/assessments/') || location.pathname.includes('/assessment/')) && roleGroup(role) === 'enterprise') current = '/workbench/diagnosis';

  const roleLabel = role in ACTOR_ROLE_LABELS ? tx(ACTOR_ROLE_LABELS[role as ActorRole]) : role;

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[current]}
      defaultOpenKeys={entries.filter((e) => e.children).map((e) => e.key)}
      items={toItems(entries)}
      onClick={(e) => {
        setDrawer(false);
        void navigate(e.key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const signOut = () => {
    logout.mutate(undefined, {
      onSuccess: () => {
        void message.success(t('auth.signedOut'));
      },
      onSettled: () => {
        void navigate('/login', { replace: true });
      },
    });
  };

  const userMenu: MenuProps['items'] = [
    { key: 'who', label: <span className="muted">{`${me?.org.name ?? ''} · ${roleLabel}`}</span>, disabled: true },
    { type: 'divider' },
    { key: 'portal', icon: <GlobalOutlined />, label: <Link to="/">{t('nav.portal')}</Link> },
    { key: 'password', icon: <KeyOutlined />, label: <Link to="/workbench/account/password">{t('menu.changePassword')}</Link> },
    { key: 'logout', icon: <LogoutOutlined />, label: t('common.signOut'), onClick: signOut, danger: true },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="wb-header">
        {!wide ? <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawer(true)} /> : null}
        <div className="wb-brand">
          <Link to="/workbench" title={t('app.name')}>
            {screens.xl ? t('app.name') : t('app.shortName')}
          </Link>
          {screens.md ? <span className="muted" style={{ fontWeight: 400, fontSize: 13, marginInlineStart: 12 }}>{t('nav.workbench')}</span> : null}
        </div>
        {screens.md ? <LangSwitch size="small" /> : null}
        <NotificationBell />
        <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
          <Button type="text" style={{ height: 44, paddingInline: 6 }} aria-label={t('nav.userMenu')}>
            <Flex align="center" gap={8}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1558d6' }} />
              {screens.md ? (
                <Flex vertical align="start" style={{ lineHeight: 1.25, maxWidth: 260 }}>
                  <Typography.Text strong ellipsis style={{ maxWidth: 260 }}>
                    {me?.user.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 260 }}>
                    {me?.org.name}
                  </Typography.Text>
                </Flex>
              ) : null}
            </Flex>
          </Button>
        </Dropdown>
      </header>
      <Layout>
        {wide ? (
          <Layout.Sider width={236} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <div style={{ padding: '16px 20px 8px' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {roleLabel}
              </Typography.Text>
            </div>
            {menu}
          </Layout.Sider>
        ) : (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={roleLabel} styles={{ body: { padding: 0 } }}>
            <div style={{ padding: '12px 16px' }}>
              <Typography.Text strong>{me?.user.name}</Typography.Text>
              <div className="muted" style={{ fontSize: 13 }}>
                {me?.org.name}
              </div>
            </div>
            {menu}
            <div style={{ padding: 16 }}>
              <LangSwitch />
            </div>
          </Drawer>
        )}
        <Layout.Content className="wb-content">
          {/* An area's code loads inside the frame: the header and the menu stay while the page comes. */}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
