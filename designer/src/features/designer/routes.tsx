import type { RouteObject } from 'react-router';

// The designer area (issue #8) registers its pages here, under /designer.
export const designerRoutes: RouteObject[] = [{ path: 'designer', element: <div data-testid="designer-home">designer</div> }];
