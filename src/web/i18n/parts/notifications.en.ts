/**
 * Messages of one area of the workbench in English: the type of the Simplified Chinese texts in notifications.zh.ts, so
 * a missing or extra key fails to compile; en.ts mounts them under the key `notifications`. parity.test.ts checks both
 * trees have the same keys.
 */
import type { zh } from './notifications.zh';

export const en: typeof zh = {
  title: 'Notifications',
  bell: 'Notifications',
  bellUnread: 'Notifications ({{count}} unread)',
  latest: 'Latest notifications',
  markAllRead: 'Mark all as read',
  viewAll: 'View all',
  empty: 'No notifications',
  emptyUnread: 'No unread notifications',
  filterAll: 'All',
  filterUnread: 'Unread',
  filterLabel: 'Show',
  markRead: 'Mark as read',
  unread: 'Unread',
  read: 'Read',
  open: 'Open',
  markedAll: '{{count}} notifications marked as read',
  loadFailed: 'Notifications could not be loaded; try again later',
  unreadSummary: '{{count}} unread',
};
