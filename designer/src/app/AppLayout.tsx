import { Button, Dropdown, Layout, Menu, Spin } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe, useSignOut } from '../auth/session';
import { setLanguage } from '../i18n';
import { navigation } from './navigation';
import { NotificationBell } from '../features/frontline/NotificationBell';

/** The signed-in frame: a top bar with the areas the user's roles open, and the page below. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const entries = navigation.filter((e) => !e.roles || hasRole(me, ...e.roles));
  const selected = entries.find((e) => location.pathname.startsWith(e.path))?.path;
  return (
    <Layout>
      <Layout.Header className="fg-header">
        <span className="fg-brand">{t('app.short')}</span>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={entries.map((e) => ({ key: e.path, label: t(e.label) }))}
          onClick={({ key }) => navigate(key)}
          data-testid="main-menu"
        />
        <NotificationBell />
        <Dropdown
          menu={{
            items: [
              { key: 'lang', label: t('nav.language') },
              { key: 'signOut', label: t('nav.signOut') },
            ],
            onClick: async ({ key }) => {
              if (key === 'lang') setLanguage(i18n.language === 'en' ? 'zh' : 'en');
              if (key === 'signOut') {
                await signOut();
                navigate('/login');
              }
            },
          }}
        >
          <Button type="text" style={{ color: '#fff' }} data-testid="user-menu">
            {me.displayName}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout.Content className="fg-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
