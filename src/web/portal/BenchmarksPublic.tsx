/** 标杆车间 (portal): designated and awarded benchmarks, published, with the award where there is one. */
import { Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../api/hooks';
import { DataView } from '../components/DataView';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { DownloadButtons } from './PublicMoney';
import { KindTownFilters } from '../workbench/benchmarks/Filters';
import { ErrorState } from '../components/ErrorState';
import { useLang } from '../i18n';
import { usePublicBenchmarks, type PublicBenchmark } from '../workbench/benchmarks/api';
import { useMoneyText } from '../workbench/benchmarks/shared';

export function BenchmarksPublicPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const money = useMoneyText();
  useDocumentTitle(t('benchmarks.publicTitle'));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<string | undefined>();
  const [townCode, setTown] = useState<string | undefined>();
  const q = usePublicBenchmarks({ kind, townCode, ...page });
  const columns: TableColumnsType<PublicBenchmark> = [
    { title: t('benchmarks.colEnterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('benchmarks.colKind'), key: 'kind', width: 120, render: (_, r) => tx(r.kindLabel) },
    { title: t('benchmarks.colTown'), dataIndex: 'townCode', width: 110, render: (v: string) => lookup.town(v) },
    { title: t('benchmarks.colIndustry'), dataIndex: 'industryCode', width: 200, ellipsis: true, render: (v: string) => lookup.industry(v) },
    { title: t('benchmarks.colYear'), dataIndex: 'year', width: 100, render: (v: number | null) => (v === null ? '—' : String(v)) },
    { title: t('benchmarks.colAward'), key: 'award', width: 150, render: (_, r) => (r.awarded ? money(r.awardFen) : t('benchmarks.notAwarded')) },
  ];
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('benchmarks.publicTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('benchmarks.publicIntro')}
        </Typography.Paragraph>
      </div>
      <DownloadButtons dataset="benchmarks" />
      <KindTownFilters
        value={{ kind, townCode }}
        onChange={(f) => {
          setKind(f.kind);
          setTown(f.townCode);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          columns={columns}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          card={(r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{r.enterpriseName}</Typography.Text>
              <Typography.Text>
                {tx(r.kindLabel)} · {lookup.town(r.townCode)} · {r.year ?? '—'}
              </Typography.Text>
              <Typography.Text type="secondary">{lookup.industry(r.industryCode)}</Typography.Text>
              {r.awarded ? (
                <Typography.Text>
                  {t('benchmarks.colAward')}：{money(r.awardFen)}
                </Typography.Text>
              ) : null}
            </Flex>
          )}
        />
      )}
    </Flex>
  );
}
