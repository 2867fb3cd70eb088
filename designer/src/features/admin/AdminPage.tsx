import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';

const sections = ['org-units', 'users', 'calendar', 'audit'] as const;

/** /admin/…: one tab per resource, each tab its own route so it can be linked to. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const navigate = useNavigate();
  const active = sections.find((s) => location.pathname.startsWith(`/admin/${s}`)) ?? 'org-units';
  return (
    <>
      <Tabs
        data-testid="admin-tabs"
        activeKey={active}
        onChange={(key) => navigate(`/admin/${key}`)}
        items={sections.map((s) => ({ key: s, label: <span data-testid={`admin-tab-${s}`}>{t(`admin.${s}`)}</span> }))}
      />
      <Outlet />
    </>
  );
}
