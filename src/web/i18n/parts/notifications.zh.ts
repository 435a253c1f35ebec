/**
 * Messages of one area of the workbench in Simplified Chinese (the English texts, with the same keys, are in
 * notifications.en.ts); zh-CN.ts mounts them under the key `notifications`. parity.test.ts checks both trees have the
 * same keys.
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
