import { Card, Empty, Flex, Grid, Pagination, Spin, Table, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A header sorter click: the column's key and the direction (null: back to the default order). */
export interface SortChange {
  field: string | null;
  order: 'ascend' | 'descend' | null;
}

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
  /** Server-side sorting from the table's header sorters (the columns carry `sorter: true` and a controlled `sortOrder`). */
  onSort?: (change: SortChange) => void;
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
  const onChange: TableProps<T>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || !p.onSort) return;
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ?? one?.field;
    p.onSort({ field: typeof field === 'string' ? field : null, order: one?.order ?? null });
  };
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
      onChange={onChange}
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
