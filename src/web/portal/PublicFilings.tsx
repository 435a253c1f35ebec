import { Card, Flex, Input, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublicFilings, useRefLookup } from '../api/hooks';
import type { PublicFiling } from '../api/types';
import { DataView } from '../components/DataView';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorState } from '../components/ErrorState';
import { formatDate } from '../lib/format';
import { useSearchState } from '../lib/useSearchState';

const KEYS = ['q', 'townCode'] as const;

/** 备案公示: projects that have been filed and published by the bureau. */
export function PublicFilings() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  useDocumentTitle(t('filings.title'));
  const s = useSearchState(KEYS, { pageSize: 20 });
  const q = usePublicFilings({ page: s.page, pageSize: s.pageSize, q: s.values.q, townCode: s.values.townCode });

  const columns: TableColumnsType<PublicFiling> = [
    { title: t('project.filingNo'), dataIndex: 'filingNo', width: 170, render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> },
    { title: t('project.title'), dataIndex: 'title', ellipsis: true },
    { title: t('project.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('project.town'), dataIndex: 'townCode', width: 120, render: (v: string | null) => lookup.town(v) },
    { title: t('project.industry'), dataIndex: 'industryCode', width: 200, ellipsis: true, render: (v: string | null) => lookup.industry(v) },
    { title: t('filings.filedOn'), dataIndex: 'submittedAt', width: 120, render: (v: string | null) => formatDate(v) },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('filings.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('filings.intro')}
        </Typography.Paragraph>
      </div>
      <Card size="small">
        <Space wrap style={{ width: '100%' }}>
          <Input.Search
            allowClear
            defaultValue={s.values.q}
            key={s.values.q ?? ''}
            placeholder={t('filings.searchPlaceholder')}
            aria-label={t('filings.searchPlaceholder')}
            onSearch={(v) => s.set({ q: v.trim() })}
            style={{ width: 320, maxWidth: '100%' }}
            enterButton={t('common.search')}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filter.allTowns')}
            aria-label={t('project.town')}
            value={s.values.townCode}
            onChange={(v: string | undefined) => s.set({ townCode: v })}
            style={{ width: 180 }}
            options={lookup.townOptions}
          />
        </Space>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<PublicFiling>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.filingNo}
          columns={columns}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={s.page}
          pageSize={s.pageSize}
          onPage={(page, pageSize) => s.set({ page, pageSize })}
          empty={s.values.q || s.values.townCode ? t('filings.emptyFiltered') : t('filings.empty')}
          card={(r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <Typography.Text>{r.enterpriseName}</Typography.Text>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text type="secondary" copyable={{ text: r.filingNo }}>
                  {r.filingNo}
                </Typography.Text>
                <Typography.Text type="secondary">{formatDate(r.submittedAt)}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary">
                {lookup.town(r.townCode)} · {lookup.industry(r.industryCode)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </Flex>
  );
}
