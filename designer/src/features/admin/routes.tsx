import { Navigate, type RouteObject } from 'react-router';
import { AdminPage } from './AdminPage';
import { AuditPanel } from './AuditPanel';
import { CalendarPanel } from './CalendarPanel';
import { DashboardPage } from './DashboardPage';
import { OrgUnitsPanel } from './OrgUnitsPanel';
import { UsersPanel } from './UsersPanel';

// Supervisors' and administrators' pages: /dashboard and /admin/… (org units, users and roles, calendars, audit).
export const adminRoutes: RouteObject[] = [
  { path: 'dashboard', element: <DashboardPage /> },
  {
    path: 'admin',
    element: <AdminPage />,
    children: [
      { index: true, element: <Navigate to="org-units" replace /> },
      { path: 'org-units', element: <OrgUnitsPanel /> },
      { path: 'users', element: <UsersPanel /> },
      { path: 'calendar', element: <CalendarPanel /> },
      { path: 'audit', element: <AuditPanel /> },
    ],
  },
];
