/**
 * The bureau's dashboards (stages 7–8): money per budget pool, time spent per state (where projects wait), level
 * uplift before vs after per industry / town / provider, and the pilot performance report. Every chart has a table
 * beside it (the table is the accessible alternative and the phone's view); every figure opens its list.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Grid, Progress, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import { useRefLookup } from '../../api/hooks';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { formatFenAsWan, formatFenAsYuan } from '../../../core/money';
import { FUND_SOURCE_LABELS, MONEY_LINE_LABELS, type FundSource, type MoneyLine } from '../../../core/subsidy/policy';
import { useMoneyOverview, usePerformance, useStageTimes, useUplift, type PoolFigure, type StageTime, type UpliftDimension, type UpliftGroup } from './api';

const Charts = () => import('./Charts');
const UpliftBars = lazy(() => Charts().then((m) => ({ default: m.UpliftBars })));

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

/** 资金安排: each pool's budget, committed, paid and remaining; opens the budget and ledger page. */
export function MoneyCard() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const q = useMoneyOverview();
  const rows = q.data ?? [];
  const columns: TableColumnsType<PoolFigure> = [
    { title: t('dashboards.pool'), key: 'pool', render: (_, p) => <Link to="/workbench/budget">{p.name}</Link> },
    { title: t('dashboards.fundSource'), key: 'src', render: (_, p) => tx(FUND_SOURCE_LABELS[p.fundSource as FundSource]) },
    { title: t('dashboards.totalWan'), key: 'total', align: 'right', render: (_, p) => formatFenAsWan(p.totalFen) },
    { title: t('dashboards.committedWan'), key: 'committed', align: 'right', render: (_, p) => formatFenAsWan(p.committedFen) },
    { title: t('dashboards.paidWan'), key: 'paid', align: 'right', render: (_, p) => formatFenAsWan(p.paidFen) },
    { title: t('dashboards.remainingWan'), key: 'remaining', align: 'right', render: (_, p) => formatFenAsWan(p.remainingFen) },
  ];
  return (
    <Card size="small" title={t('dashboards.moneyTitle')} extra={<Link to="/workbench/budget">{t('dashboards.toLedger')}</Link>} data-testid="dashboard-money">
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('dashboards.noPools')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {rows.map((p) => (
            <div key={p.id}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('dashboards.poolLine', { committed: formatFenAsYuan(p.committedFen), paid: formatFenAsYuan(p.paidFen), total: formatFenAsYuan(p.totalFen) })}
                </Typography.Text>
              </Flex>
              <Progress
                percent={pct(p.committedFen, p.totalFen)}
                success={{ percent: pct(p.paidFen, p.totalFen) }}
                format={() => `${pct(p.committedFen, p.totalFen)}%`}
                aria-label={t('dashboards.poolAria', { name: p.name, committed: pct(p.committedFen, p.totalFen), paid: pct(p.paidFen, p.totalFen) })}
              />
              {p.byLine.length > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.byLine.map((l) => `${tx(MONEY_LINE_LABELS[l.line as MoneyLine])} ${formatFenAsWan(l.committedFen)}${t('dashboards.wan')}`).join(' · ')}
                </Typography.Text>
              ) : null}
            </div>
          ))}
          <Table<PoolFigure> size="small" rowKey="id" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 640 }} />
        </Flex>
      )}
    </Card>
  );
}

/** 各环节用时: mean and median days per state of ended stays, and how many wait there now (longest waits first). */
export function StageTimesCard() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const q = useStageTimes();
  const rows = (q.data ?? []).filter((s) => s.completed > 0 || s.waiting > 0).sort((a, b) => (b.waitingMeanDays ?? 0) - (a.waitingMeanDays ?? 0));
  const days = (n: number | null) => (n === null ? '—' : t('dashboards.days', { n }));
  const columns: TableColumnsType<StageTime> = [
    { title: t('dashboards.state'), key: 'state', render: (_, s) => `${s.stage}. ${tx(s.label)}` },
    { title: t('dashboards.waitingNow'), key: 'waiting', align: 'right', render: (_, s) => (s.waiting > 0 ? <Link to={`/workbench/projects?stage=${s.stage}&outcome=open`}>{s.waiting}</Link> : 0) },
    { title: t('dashboards.waitingMean'), key: 'waitingMean', align: 'right', render: (_, s) => days(s.waitingMeanDays) },
    { title: t('dashboards.completedStays'), dataIndex: 'completed', align: 'right' },
    { title: t('dashboards.meanDays'), key: 'mean', align: 'right', render: (_, s) => days(s.meanDays) },
    { title: t('dashboards.medianDays'), key: 'median', align: 'right', render: (_, s) => days(s.medianDays) },
  ];
  return (
    <Card size="small" title={t('dashboards.stageTimesTitle')} data-testid="dashboard-stage-times">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('dashboards.stageTimesIntro')}
      </Typography.Paragraph>
      {q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : <Table<StageTime> size="small" rowKey="state" loading={q.isPending} columns={columns} dataSource={rows} pagination={{ pageSize: 8, hideOnSinglePage: true }} scroll={{ x: 640 }} />}
    </Card>
  );
}

/** 数字化水平提升: before vs after per industry, town or provider; a bar or a row opens the group's projects. */
export function UpliftCard() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [by, setBy] = useState<UpliftDimension>('industry');
  const q = useUplift(by);
  const rows = q.data ?? [];
  const nameOf = (g: UpliftGroup) => (by === 'industry' ? lookup.industry(g.key) : by === 'town' ? lookup.town(g.key) : (g.name ?? t('dashboards.noProvider')));
  const linkOf = (g: UpliftGroup) =>
    by === 'provider' ? (g.key === 'none' ? null : `/workbench/providers/${g.key}`) : `/workbench/projects?${new URLSearchParams(g.filter).toString()}`;
  const level = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  const columns: TableColumnsType<UpliftGroup> = [
    {
      title: t(`dashboards.by.${by}`),
      key: 'name',
      render: (_, g) => {
        const to = linkOf(g);
        return to ? <Link to={to}>{nameOf(g)}</Link> : nameOf(g);
      },
    },
    { title: t('dashboards.projects'), dataIndex: 'projects', align: 'right' },
    { title: t('dashboards.meanBefore'), key: 'b', align: 'right', render: (_, g) => level(g.meanBefore) },
    { title: t('dashboards.meanAfter'), key: 'a', align: 'right', render: (_, g) => level(g.meanAfter) },
    { title: t('dashboards.meanUplift'), key: 'u', align: 'right', render: (_, g) => (g.meanUplift === null ? '—' : `+${g.meanUplift.toFixed(2)}`) },
    { title: t('dashboards.atLeast2'), dataIndex: 'atLeastLevel2', align: 'right' },
  ];
  return (
    <Card
      size="small"
      title={t('dashboards.upliftTitle')}
      extra={
        <Segmented<UpliftDimension>
          size="small"
          value={by}
          onChange={setBy}
          options={(['industry', 'town', 'provider'] as const).map((v) => ({ value: v, label: t(`dashboards.by.${v}`) }))}
          aria-label={t('dashboards.upliftBy')}
        />
      }
      data-testid="dashboard-uplift"
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('dashboards.noEvaluations')}</Typography.Text>
      ) : (
        <>
          {screens.md ? (
            <Suspense fallback={<Skeleton active />}>
              <UpliftBars
                data={rows.slice(0, 12).map((g) => ({ name: nameOf(g), before: g.meanBefore, after: g.meanAfter }))}
                labels={{ before: t('dashboards.meanBefore'), after: t('dashboards.meanAfter') }}
                ariaLabel={t('dashboards.upliftAria')}
                onPick={(i) => {
                  const g = rows[i];
                  const to = g ? linkOf(g) : null;
                  if (to) void navigate(to);
                }}
              />
            </Suspense>
          ) : null}
          <Table<UpliftGroup> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 600 }} />
        </>
      )}
    </Card>
  );
}

/** 绩效报告: the figures of a period, previewed, and the .xlsx for the province and the ministry. */
export function PerformanceReportPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const from = params.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today;
  const q = usePerformance({ from, to });
  const s = q.data;
  const setRange = (r: [Dayjs | null, Dayjs | null] | null) => {
    if (!r?.[0] || !r[1]) return;
    setParams({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') }, { replace: true });
  };
  const bp = (n: number | null) => (n === null ? '—' : `${(n / 100).toFixed(2)}%`);
  return (
    <>
      <PageHeader title={t('dashboards.menuPerformanceReport')} subTitle={t('dashboards.reportIntro')} />
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <Space wrap>
            <Typography.Text id="perf-period">{t('dashboards.period')}</Typography.Text>
            <DatePicker.RangePicker
              aria-labelledby="perf-period"
              value={[dayjs(from), dayjs(to)]}
              format="YYYY-MM-DD"
              allowClear={false}
              onChange={(r) => setRange(r)}
              disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
            />
          </Space>
          <Button type="primary" icon={<DownloadOutlined />} href={apiUrl('/dashboards/performance.xlsx', { from, to })} data-testid="performance-xlsx">
            {t('dashboards.downloadXlsx')}
          </Button>
        </Flex>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !s ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16} style={{ marginTop: 16 }}>
          <Card size="small" title={t('dashboards.indicators')}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label={t('dashboards.filed')}>{s.filed}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.enterprises')}>{s.enterprises}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.transformed')}>{s.transformed}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.atLeastLevel2')}>
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <span>{t('dashboards.ofTarget', { n: s.atLeastLevel2, target: s.level2Target })}</span>
                  <Progress percent={pct(s.atLeastLevel2, s.level2Target)} size="small" aria-label={t('dashboards.targetAria', { n: s.atLeastLevel2, target: s.level2Target })} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboards.aboveScale')}>{`${s.aboveScale}（${pct(s.aboveScale, s.enterprises)}%）`}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.spts')}>
                {t('dashboards.sptsLine', { innovative: s.spts.innovative, specialized: s.spts.specialized, littleGiant: s.spts.littleGiant, share: bp(s.sptsShareBp) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboards.evaluated')}>{s.evaluated}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.meanBefore')}>{s.meanBefore === null ? '—' : s.meanBefore.toFixed(2)}</Descriptions.Item>
              <Descriptions.Item label={t('dashboards.meanAfter')}>{s.meanAfter === null ? '—' : s.meanAfter.toFixed(2)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('dashboards.fundsTitle')}>
            <Table
              size="small"
              rowKey="fundSource"
              pagination={false}
              dataSource={s.money}
              scroll={{ x: 600 }}
              columns={[
                { title: t('dashboards.fundSource'), key: 'src', render: (_, m) => tx(FUND_SOURCE_LABELS[m.fundSource as FundSource]) },
                { title: t('dashboards.totalYuan'), key: 'total', align: 'right', render: (_, m) => formatFenAsYuan(m.totalFen) },
                { title: t('dashboards.committedYuan'), key: 'committed', align: 'right', render: (_, m) => formatFenAsYuan(m.committedFen) },
                { title: t('dashboards.paidYuan'), key: 'paid', align: 'right', render: (_, m) => formatFenAsYuan(m.paidFen) },
                { title: t('dashboards.enterpriseShare'), key: 'share', align: 'right', render: (_, m) => bp(m.enterpriseShareBp) },
              ]}
            />
            <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('dashboards.fundsNote')} />
          </Card>
          <UpliftCard />
        </Flex>
      )}
    </>
  );
}
