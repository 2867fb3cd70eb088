/** The server's RoleNames, in the order an admin usually assigns them. */
export const roleNames = ['grid-worker', 'building-head', 'community-secretary', 'department-handler', 'property-company', 'owners-committee', 'supervisor', 'viewer', 'designer', 'admin'];
