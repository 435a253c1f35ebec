import { App as AntApp, Button, Card, Empty, Flex, Pagination, Segmented, Spin, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarkAllRead, useMarkRead, useNotifications } from '../../api/notifications';
import { NotificationRow, useOpenNotification } from '../../components/NotificationBell';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/ErrorState';
import { useLang } from '../../i18n';

const PAGE_SIZE = 20;

/** 通知中心: all my notifications, newest first, paginated; unread filter; mark one or all read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { tx } = useLang();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unread: filter === 'unread' });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const data = list.data;
  const unread = data?.unread ?? 0;
  // Marking read under the unread filter shrinks the list: stay on a page that exists.
  const lastPage = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  useEffect(() => {
    if (data && page > lastPage) setPage(lastPage);
  }, [data, page, lastPage]);

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('notifications.title') }]}
        title={t('notifications.title')}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={filter === 'all' ? unread === 0 : (data?.total ?? 0) === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onSuccess: (r) => void message.success(t('notifications.markedAll', { count: r.updated })) })}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            aria-label={t('notifications.filterLabel')}
            value={filter}
            onChange={(v) => {
              setFilter(v as 'all' | 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notifications.filterAll') },
              { value: 'unread', label: t('notifications.filterUnread') },
            ]}
          />
          {filter === 'all' && data ? <Typography.Text type="secondary">{t('notifications.unreadSummary', { count: unread })}</Typography.Text> : null}
        </Flex>
        {list.isError && !data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Spin spinning={list.isFetching && !list.isPending}>
            {list.isPending ? (
              <Flex justify="center" style={{ padding: 32 }}>
                <Spin />
              </Flex>
            ) : (data?.items.length ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')} />
            ) : (
              <Flex vertical gap={6} role="list">
                {data?.items.map((item) => (
                  <Flex role="listitem" key={item.id} align="center" gap={8} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <NotificationRow item={item} onOpen={open} />
                    </div>
                    {item.readAt === null ? (
                      <Button size="small" type="link" onClick={() => markRead.mutate(item.id)} aria-label={`${t('notifications.markRead')}: ${tx(item.title)}`}>
                        {t('notifications.markRead')}
                      </Button>
                    ) : null}
                  </Flex>
                ))}
              </Flex>
            )}
          </Spin>
        )}
        {(data?.total ?? 0) > PAGE_SIZE ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={data?.total ?? 0}
              showSizeChanger={false}
              simple={{ readOnly: true }}
              onChange={(p) => {
                setPage(p);
                window.scrollTo({ top: 0 });
              }}
            />
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
