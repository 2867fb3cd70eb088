import type { RouteObject } from 'react-router';
import './frontline.css';
import { InboxPage } from './InboxPage';
import { TaskPage } from './TaskPage';
import { StartPage } from './StartPage';
import { InstancesPage } from './InstancesPage';
import { InstancePage } from './InstancePage';
import { NotificationsPage } from './NotificationsPage';

// The frontline area (issue #9): inbox, task, start, instances with their timeline, notifications.
export const frontlineRoutes: RouteObject[] = [
  { path: 'inbox', element: <InboxPage /> },
  { path: 'tasks/:id', element: <TaskPage /> },
  { path: 'start', element: <StartPage /> },
  { path: 'instances', element: <InstancesPage /> },
  { path: 'instances/:id', element: <InstancePage /> },
  { path: 'notifications', element: <NotificationsPage /> },
];
