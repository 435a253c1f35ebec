/**
 * Messages of one area of the workbench (zh-CN first, English complete alongside); zh-CN.ts and en.ts mount them
 * under the key `notifications`. parity.test.ts checks both trees have the same keys.
 */
export const zh = {
  title: '通知中心',
  bell: '通知',
  bellUnread: '通知（{{count}} 条未读）',
  latest: '最新通知',
  markAllRead: '全部标为已读',
  viewAll: '查看全部',
  empty: '暂无通知',
  emptyUnread: '没有未读通知',
  filterAll: '全部',
  filterUnread: '未读',
  filterLabel: '显示',
  markRead: '标为已读',
  unread: '未读',
  read: '已读',
  open: '查看',
  markedAll: '已将 {{count}} 条通知标为已读',
  loadFailed: '通知加载失败，请稍后重试',
  unreadSummary: '{{count}} 条未读',
};

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
