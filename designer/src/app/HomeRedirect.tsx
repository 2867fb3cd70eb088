import { Navigate } from 'react-router';
import { hasRole, useMe } from '../auth/session';

/** Designers land on their definitions; everybody else on the task inbox. */
export function HomeRedirect() {
  const { data: me } = useMe();
  if (hasRole(me, 'designer')) return <Navigate to="/designer" replace />;
  if (hasRole(me, 'supervisor', 'viewer') && !hasRole(me, 'grid-worker', 'department-handler', 'community-secretary')) return <Navigate to="/dashboard" replace />;
  return <Navigate to="/inbox" replace />;
}
