/** Notification hooks: the bell's unread count (polled), the lists, and marking read. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { notificationItem, notificationList, readAllResult, unreadCount } from '../../server/modules/notifications/schemas';

export type NotificationItem = z.infer<typeof notificationItem>;
export type NotificationList = z.infer<typeof notificationList>;

export const notificationsKey = ['notifications'] as const;
/** How often the bell asks for the unread count. */
export const UNREAD_POLL_MS = 30_000;

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...notificationsKey, 'unread'],
    queryFn: () => api.get<z.infer<typeof unreadCount>>('/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    enabled,
  });
}

export function useNotifications(params: { page: number; pageSize: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', params],
    queryFn: () => api.get<NotificationList>('/notifications', { page: params.page, pageSize: params.pageSize, unread: params.unread ? 1 : undefined }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<NotificationItem>(`/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<z.infer<typeof readAllResult>>('/notifications/read-all'),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/** Only same-site paths are followed from a notification. */
export function safeLink(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
