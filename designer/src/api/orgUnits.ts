import { useQuery } from '@tanstack/react-query';
import { api } from './client';

// The district's org units (GET /api/org-units): one query shared by the frontline (start input, form pickers), dashboards and administration.
export interface OrgUnit { id: string; parentId: string | null; kind: string; name: string }

export const orgUnitKeys = { all: ['org-units'] as const };

export function useOrgUnits() {
  return useQuery({ queryKey: orgUnitKeys.all, queryFn: () => api.get<OrgUnit[]>('/api/org-units'), staleTime: 60_000 });
}
