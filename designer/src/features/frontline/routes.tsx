import type { RouteObject } from 'react-router';

// The frontline area (issue #9) registers its pages here: inbox, start, instances, notifications, dashboard, admin.
export const frontlineRoutes: RouteObject[] = [{ path: 'inbox', element: <div data-testid="inbox">inbox</div> }];
