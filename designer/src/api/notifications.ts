// The current user's notifications (contract 2): list, unread count for the menu badge, mark read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type Page } from './client';

export type NotificationKind = 'notify' | 'warning' | 'overdue' | 'escalation' | 'nudge' | 'assigned';

export interface NotificationItem {
  id: string;
  kind: NotificationKind | string;
  title: string;
  body: string | null;
  instanceId: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unreadOnly: boolean, page: number) => ['notifications', 'list', unreadOnly, page] as const,
  count: ['notifications', 'count'] as const,
};

export function useNotifications(unreadOnly: boolean, page: number) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly, page),
    queryFn: () => api.get<Page<NotificationItem>>(`/api/notifications${query({ unreadOnly, page, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });
}

/** Unread count for the badge; polled, since deadline events arrive without the user doing anything. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => api.get<{ unread: number }>('/api/notifications/count'),
    refetchInterval: 60_000,
    enabled,
    // Before server2 is merged the endpoint is absent: no badge rather than an error.
    retry: false,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
