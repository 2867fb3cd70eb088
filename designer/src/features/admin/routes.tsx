import type { RouteObject } from 'react-router';

// Supervisors' and administrators' pages: /dashboard and /admin/… (org units, users and roles, calendars).
export const adminRoutes: RouteObject[] = [{ path: 'dashboard', element: <div data-testid="dashboard">dashboard</div> }];
