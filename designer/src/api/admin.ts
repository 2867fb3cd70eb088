import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, query, type Page } from './client';
import { orgUnitKeys, type OrgUnit } from './orgUnits';

// Admin resources as src/FlowGov.Server answers them: org units, users with roles and tokens, calendars (contract 5), audit.
export interface RoleAssignment { id: number; role: string; orgUnitId: string; orgUnitName: string | null }
export interface User {
  id: string;
  userName: string;
  displayName: string;
  isActive: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: RoleAssignment[];
}
export interface AccessToken { id: string; userId: string; name: string; createdAt: string; expiresAt: string | null; revokedAt: string | null }
export interface IssuedToken { id: string; name: string; token: string; expiresAt: string | null }
export interface CalendarYear { year: number; timeZone: string; holidays: string[]; workdays: string[]; weekend: number[] }
export interface AuditEntry { id: number; actor: string; action: string; subject: string | null; at: string; source: string | null; data: string | null }

export const adminKeys = {
  users: (search: string, page: number) => ['users', search, page] as const,
  tokens: (userId: string) => ['users', userId, 'tokens'] as const,
  calendar: (year: number) => ['calendars', year] as const,
  audit: (filter: AuditFilter) => ['audit', filter] as const,
};

/** The role names tasks can be offered to (built-in and the district's own), in the server's order: one list for every role picker. */
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api.get<string[]>('/api/roles'), staleTime: 300_000 });
}

export function useOrgUnitMutations() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: orgUnitKeys.all });
  return {
    create: useMutation({ mutationFn: (unit: { id: string; parentId: string; kind: string; name: string }) => api.post<OrgUnit>('/api/org-units', unit), onSuccess: done }),
    rename: useMutation({ mutationFn: ({ id, name }: { id: string; name: string }) => api.patch<OrgUnit>(`/api/org-units/${encodeURIComponent(id)}`, { name }), onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<void>(`/api/org-units/${encodeURIComponent(id)}`), onSuccess: done }),
  };
}

export function useUsers(search: string, page: number, pageSize = 20) {
  return useQuery({ queryKey: adminKeys.users(search, page), queryFn: () => api.get<Page<User>>(`/api/users${query({ search, page, pageSize })}`) });
}

export function useUserMutations() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['users'] });
  const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;
  return {
    create: useMutation({
      mutationFn: (body: { userName: string; displayName: string; password: string; roles: { role: string; orgUnitId: string }[] }) => api.post<User>('/api/users', body),
      onSuccess: done,
    }),
    update: useMutation({ mutationFn: ({ id, ...body }: { id: string; displayName?: string; isActive?: boolean; password?: string }) => api.patch<User>(user(id), body), onSuccess: done }),
    addRole: useMutation({ mutationFn: ({ id, role, orgUnitId }: { id: string; role: string; orgUnitId: string }) => api.post<RoleAssignment>(`${user(id)}/roles`, { role, orgUnitId }), onSuccess: done }),
    removeRole: useMutation({ mutationFn: ({ id, assignmentId }: { id: string; assignmentId: number }) => api.delete<void>(`${user(id)}/roles/${assignmentId}`), onSuccess: done }),
  };
}

export function useTokens(userId: string | null) {
  return useQuery({
    queryKey: adminKeys.tokens(userId ?? ''),
    queryFn: () => api.get<AccessToken[]>(`/api/users/${encodeURIComponent(userId ?? '')}/tokens`),
    enabled: !!userId,
  });
}

export function useTokenMutations(userId: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: adminKeys.tokens(userId) });
  const base = `/api/users/${encodeURIComponent(userId)}/tokens`;
  return {
    issue: useMutation({ mutationFn: (body: { name: string; expiresInDays?: number }) => api.post<IssuedToken>(base, body), onSuccess: done }),
    revoke: useMutation({ mutationFn: (tokenId: string) => api.delete<void>(`${base}/${encodeURIComponent(tokenId)}`), onSuccess: done }),
  };
}

/** The year's calendar, or null when the server has no calendar endpoint (older build): the page then says so. */
export function useCalendar(year: number) {
  return useQuery({
    queryKey: adminKeys.calendar(year),
    queryFn: async () => {
      try {
        return await api.get<CalendarYear>(`/api/calendars/${year}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (calendar: CalendarYear) => api.put<CalendarYear>(`/api/calendars/${calendar.year}`, calendar),
    onSuccess: (saved) => client.setQueryData(adminKeys.calendar(saved.year), saved),
  });
}

export interface AuditFilter { action?: string; actor?: string; page: number; pageSize: number }

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: adminKeys.audit(filter),
    queryFn: () => api.get<Page<AuditEntry>>(`/api/audit${query({ ...filter })}`),
    placeholderData: (previous) => previous,
  });
}
