// The top-level menu: each area adds its entries here; roles decide who sees them.
export interface NavEntry {
  path: string;
  /** i18n key in the common namespace. */
  label: string;
  roles?: string[];
}

/** Roles that work tasks (the server's RoleNames). */
export const workerRoles = ['grid-worker', 'building-head', 'community-secretary', 'department-handler', 'property-company', 'owners-committee', 'supervisor', 'admin'];

export const navigation: NavEntry[] = [
  { path: '/inbox', label: 'nav.inbox', roles: workerRoles },
  { path: '/start', label: 'nav.start', roles: workerRoles },
  { path: '/instances', label: 'nav.instances' },
  { path: '/notifications', label: 'nav.notifications' },
  { path: '/dashboard', label: 'nav.dashboard', roles: ['supervisor', 'admin', 'viewer'] },
  { path: '/designer', label: 'nav.designer', roles: ['designer', 'admin'] },
  { path: '/admin', label: 'nav.admin', roles: ['admin'] },
];
