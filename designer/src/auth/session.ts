import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, resetSession } from '../api/client';

export interface RoleAssignment {
  id: number;
  role: 'admin' | 'designer' | 'staff' | 'handler' | 'supervisor' | 'viewer' | string;
  orgUnitId: string;
  orgUnitName?: string | null;
}

export interface Me {
  id: string;
  userName: string;
  displayName: string;
  district: string;
  roles: RoleAssignment[];
  /** The district's time zone (IANA id): reports count whole days there. */
  timeZone?: string;
}

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function hasRole(me: Me | null | undefined, ...roles: string[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r.role));
}

export function useSignIn() {
  const client = useQueryClient();
  return async (userName: string, password: string) => {
    resetSession();
    const me = await api.post<Me>('/api/auth/login', { userName, password });
    resetSession();
    client.clear();
    client.setQueryData(meQueryKey, me);
    return me;
  };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await api.post('/api/auth/logout');
    resetSession();
    client.clear();
    client.setQueryData(meQueryKey, null);
  };
}
