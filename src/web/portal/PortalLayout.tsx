import { Button, Drawer, Flex, Grid, Menu } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/hooks';
import { LangSwitch } from '../components/LangSwitch';
import { LinkButton } from '../components/LinkButton';

/** The public portal: no sign-in needed. */
export function PortalLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const links = [
    { to: '/', label: t('nav.home') },
    { to: '/filings', label: t('nav.filings') },
    { to: '/catalog', label: t('catalog.menuPublic') },
    { to: '/pilots', label: t('announcements.portalPilotEnterprises') },
    { to: '/funded', label: t('announcements.portalFundedProjects') },
    { to: '/benchmarks', label: t('announcements.portalBenchmarksPublic') },
  ];
  const signedIn = Boolean(me.data);
  const accountButtons = signedIn ? (
    <LinkButton to="/workbench" type="primary">{t('nav.workbench')}</LinkButton>
  ) : (
    <>
      <LinkButton to="/login" ghost={!phone} style={phone ? undefined : { color: '#fff', borderColor: 'rgba(255,255,255,0.75)' }}>
        {t('common.signIn')}
      </LinkButton>
      <LinkButton to="/register" type="primary">{t('common.register')}</LinkButton>
    </>
  );
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header className="portal-header">
        <Link to="/" className="portal-brand" title={t('app.name')}>
          {phone ? t('app.shortName') : t('app.name')}
        </Link>
        {phone ? (
          <>
            <Button type="text" aria-label={t('nav.openMenu')} icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />} onClick={() => setOpen(true)} />
            <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={280} title={t('app.shortName')}>
              <Menu
                mode="inline"
                selectedKeys={[location.pathname]}
                items={links.map((l) => ({ key: l.to, label: l.label }))}
                onClick={(e) => {
                  setOpen(false);
                  void navigate(e.key);
                }}
                style={{ borderInlineEnd: 'none' }}
              />
              <Flex vertical gap={12} style={{ marginTop: 16 }}>
                <LangSwitch />
                <Flex gap={8} onClick={() => setOpen(false)}>
                  {accountButtons}
                </Flex>
              </Flex>
            </Drawer>
          </>
        ) : (
          <>
            <nav className="portal-nav" aria-label={t('nav.portalNav')}>
              {links.map((l) => (
                <NavLink key={l.to} to={l.to} end className={({ isActive }) => (isActive ? 'active' : '')}>
                  {l.label}
                </NavLink>
              ))}
            </nav>
            <Flex gap={8} align="center">
              <LangSwitch size="small" />
              {accountButtons}
            </Flex>
          </>
        )}
      </header>
      <main className="portal-main" style={{ flex: 1, width: '100%', boxSizing: 'border-box' }}>
        <Outlet />
      </main>
      <footer className="portal-footer">
        <div>{t('app.footerOwner')}</div>
        <div>{t('app.footerTime')}</div>
      </footer>
    </div>
  );
}
