import { Card, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../../api/hooks';
import { useFunnel } from '../../api/providers';
import { ErrorState } from '../../components/ErrorState';
import { STAGE_NUMBERS } from '../../lib/stages';
import { TOWNS } from '../../../core/identity/towns';

/** The list behind a figure: the projects list filtered by stage and town (stage 8: the completed ones). */
function listLink(stage: number | null, townCode: string | null): string {
  const q = new URLSearchParams();
  if (stage) q.set('stage', String(stage));
  if (stage === 8) q.set('outcome', 'completed');
  if (!stage) q.set('outcome', 'open');
  if (townCode) q.set('townCode', townCode);
  return `/workbench/projects?${q.toString()}`;
}

interface FunnelRow {
  townCode: string | null;
  name: string;
  byStage: Record<number, number>;
  total: number;
}

/** 漏斗: running and completed projects by stage (1–8) and town; every figure opens the filtered project list. */
export function FunnelCard() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const q = useFunnel();
  const cells = q.data?.cells ?? [];
  const rowOf = (code: string | null, name: string): FunnelRow => {
    const mine = cells.filter((c) => code === null || c.townCode === code);
    const byStage: Record<number, number> = {};
    for (const c of mine) byStage[c.stage] = (byStage[c.stage] ?? 0) + c.count;
    return { townCode: code, name, byStage, total: mine.reduce((n, c) => n + c.count, 0) };
  };
  const rows: FunnelRow[] = [rowOf(null, t('providers.funnelAll')), ...TOWNS.map((tw) => rowOf(tw.code, lookup.town(tw.code)))];
  const figure = (n: number, stage: number | null, town: string | null) =>
    n > 0 ? (
      <Link to={listLink(stage, town)} aria-label={t('providers.funnelAria', { count: n })}>
        {n}
      </Link>
    ) : (
      <Typography.Text type="secondary">0</Typography.Text>
    );
  const columns: TableColumnsType<FunnelRow> = [
    { title: t('project.town'), dataIndex: 'name', fixed: 'left', width: 110, render: (v: string, r) => (r.townCode === null ? <strong>{v}</strong> : v) },
    ...STAGE_NUMBERS.map((n) => ({
      title: <span title={lookup.stageLabel(n)}>{`${n}. ${lookup.stageLabel(n) || t(`stages.s${n}.name`)}`}</span>,
      key: `s${n}`,
      align: 'right' as const,
      width: 92,
      render: (_: unknown, r: FunnelRow) => figure(r.byStage[n] ?? 0, n, r.townCode),
    })),
    { title: t('providers.funnelTotal'), key: 'total', align: 'right', width: 80, render: (_: unknown, r) => figure(r.total, null, r.townCode) },
  ];
  return (
    <Card size="small" title={t('providers.funnelTitle')} data-testid="funnel">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('providers.funnelIntro')}
      </Typography.Paragraph>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : (
        <Table size="small" rowKey={(r) => r.townCode ?? 'all'} pagination={false} dataSource={rows.filter((r) => r.townCode === null || r.total > 0)} columns={columns} scroll={{ x: 960 }} locale={{ emptyText: t('bureau.noTownData') }} />
      )}
    </Card>
  );
}
