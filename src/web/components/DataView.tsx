import { Card, Empty, Flex, Grid, Pagination, Spin, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DataViewProps<T> {
  rows: T[];
  rowKey: (row: T) => string;
  columns: TableColumnsType<T>;
  /** The phone layout: one card per row. */
  card: (row: T) => ReactNode;
  loading?: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen?: (row: T) => void;
  empty?: ReactNode;
  /** Minimum table width before it scrolls horizontally. */
  scrollX?: number;
}

/** A server-paginated table on wide screens that turns into cards on phones. */
export function DataView<T extends object>(p: DataViewProps<T>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const emptyNode = <Empty description={p.empty ?? t('common.noData')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const showTotal = (total: number) => t('common.totalCount', { count: total });
  if (phone) {
    return (
      <div className="data-cards">
        <Spin spinning={Boolean(p.loading)}>
          {p.rows.length === 0 ? (
            emptyNode
          ) : (
            <Flex vertical gap={10}>
              {p.rows.map((row) => (
                <Card
                  key={p.rowKey(row)}
                  size="small"
                  hoverable={Boolean(p.onOpen)}
                  className="data-card"
                  onClick={p.onOpen ? () => p.onOpen?.(row) : undefined}
                  onKeyDown={p.onOpen ? (e) => { if (e.key === 'Enter') p.onOpen?.(row); } : undefined}
                  tabIndex={p.onOpen ? 0 : undefined}
                  role={p.onOpen ? 'button' : undefined}
                >
                  {p.card(row)}
                </Card>
              ))}
            </Flex>
          )}
        </Spin>
        {p.total > 0 ? (
          <Pagination
            simple
            style={{ marginTop: 12, textAlign: 'center' }}
            current={p.page}
            pageSize={p.pageSize}
            total={p.total}
            showTotal={showTotal}
            onChange={p.onPage}
          />
        ) : null}
      </div>
    );
  }
  return (
    <Table<T>
      rowKey={p.rowKey}
      columns={p.columns}
      dataSource={p.rows}
      loading={p.loading}
      size="middle"
      scroll={{ x: p.scrollX ?? 960 }}
      locale={{ emptyText: emptyNode }}
      onRow={p.onOpen ? (row) => ({ onClick: () => p.onOpen?.(row), style: { cursor: 'pointer' } }) : undefined}
      pagination={{
        current: p.page,
        pageSize: p.pageSize,
        total: p.total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal,
        onChange: p.onPage,
      }}
    />
  );
}
