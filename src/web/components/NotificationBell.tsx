import { App as AntApp, Badge, Button, Drawer, Empty, Flex, Grid, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { safeLink, useMarkAllRead, useMarkRead, useNotifications, useUnreadCount, type NotificationItem } from '../api/notifications';
import { useLang } from '../i18n';
import { formatDateTime } from '../lib/format';

const LATEST = 8;

/** One notification as a button: title (bold while unread), the start of the text, the time. */
export function NotificationRow({ item, onOpen, compact }: { item: NotificationItem; onOpen: (item: NotificationItem) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const unread = item.readAt === null;
  return (
    <button
      type="button"
      className="notification-row"
      onClick={() => onOpen(item)}
      aria-label={`${unread ? `${t('notifications.unread')}: ` : ''}${tx(item.title)}`}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        background: unread ? '#f0f5ff' : 'transparent',
        border: 'none',
        borderRadius: 6,
        padding: compact ? '8px 10px' : '12px 14px',
        cursor: 'pointer',
        font: 'inherit',
        color: 'inherit',
      }}
    >
      <Flex align="start" gap={8}>
        <Badge status={unread ? 'processing' : 'default'} style={{ marginTop: 2 }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong={unread} style={{ display: 'block', overflowWrap: 'anywhere' }}>
            {tx(item.title)}
          </Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={compact ? { rows: 2 } : false} style={{ margin: '2px 0', fontSize: 13, overflowWrap: 'anywhere' }}>
            {tx(item.body)}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(item.createdAt)}
          </Typography.Text>
        </div>
      </Flex>
    </button>
  );
}

/** Opening a notification marks it read and goes to where the action is. */
export function useOpenNotification(after?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (item: NotificationItem) => {
    if (item.readAt === null) markRead.mutate(item.id);
    after?.();
    const to = safeLink(item.link);
    if (to) void navigate(to);
  };
}

/** The bell in the workbench header: unread count (polled every 30 s and on focus), the latest 8, mark all read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.unread ?? 0;
  const latest = useNotifications({ page: 1, pageSize: LATEST }, open);
  const markAll = useMarkAllRead();
  const openItem = useOpenNotification(() => setOpen(false));
  const items = latest.data?.items ?? [];
  // Phones get a full-width drawer: a popover anchored to the bell would run off the left edge.
  const phone = !Grid.useBreakpoint().sm;

  const markAllButton = (
    <Button
      size="small"
      type="link"
      disabled={count === 0}
      loading={markAll.isPending}
      onClick={() =>
        markAll.mutate(undefined, {
          onSuccess: (r) => void message.success(t('notifications.markedAll', { count: r.updated })),
        })
      }
    >
      {t('notifications.markAllRead')}
    </Button>
  );
  const list = (
    <div style={phone ? undefined : { maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}>
      {latest.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : latest.isError ? (
        <Typography.Text type="danger">{t('notifications.loadFailed')}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <Flex vertical gap={4} role="list">
          {items.map((item) => (
            <div role="listitem" key={item.id}>
              <NotificationRow item={item} onOpen={openItem} compact />
            </div>
          ))}
        </Flex>
      )}
    </div>
  );
  const footer = (
    <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8, textAlign: 'center' }}>
      <Link to="/workbench/notifications" onClick={() => setOpen(false)}>
        {t('notifications.viewAll')}
      </Link>
    </div>
  );
  const bell = (
    <Button
      type="text"
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={phone ? () => setOpen(true) : undefined}
      style={{ height: 44, width: 44 }}
    >
      <Badge count={count} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  if (phone) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size="100%" title={t('notifications.latest')} extra={markAllButton} styles={{ body: { padding: 12 } }}>
          {list}
          {footer}
        </Drawer>
      </>
    );
  }
  const content = (
    <div style={{ width: 360 }}>
      <Flex justify="space-between" align="center" gap={8} style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        {markAllButton}
      </Flex>
      {list}
      {footer}
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      {bell}
    </Popover>
  );
}
