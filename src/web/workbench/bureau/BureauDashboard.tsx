import { Card, Col, Collapse, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProjects, useProjectStats, usePublicStats, useRefLookup } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime, todayInShanghai } from '../../lib/format';
import { STAGE_NUMBERS } from '../../lib/stages';
import { TOWNS } from '../../../core/identity/towns';
import { FunnelCard } from '../providers/Funnel';
import { MoneyCard, StageTimesCard, UpliftCard } from '../dashboards';

const Charts = () => import('./Charts');
const StageBars = lazy(() => Charts().then((m) => ({ default: m.StageBars })));
const TownBars = lazy(() => Charts().then((m) => ({ default: m.TownBars })));

/** The list behind a stage's count: the stage's running and completed projects (withdrawn and closed ones are counted apart). */
function stageLink(stage: number): string {
  return `/workbench/projects?stage=${stage}${stage === 8 ? '&outcome=completed' : ''}`;
}

/**
 * The bureau's overview: filed projects by current stage and by town, how many ended and how, newest filings.
 * Only real figures; withdrawn and closed projects are counted apart and never as 完成 (stage 8).
 */
export function BureauDashboard() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const monthStart = `${todayInShanghai().slice(0, 8)}01`;
  const all = useProjects({ page: 1, pageSize: 6 });
  const figures = useProjectStats();
  const thisMonth = useProjectStats({ from: monthStart, to: todayInShanghai() });
  const stats = usePublicStats();
  const f = figures.data;
  const stageData = STAGE_NUMBERS.map((n) => ({ stage: n, name: `${n}. ${lookup.stageLabel(n) || t(`stages.s${n}.name`)}`, value: f?.byStage.find((x) => x.stage === n)?.count ?? 0 }));
  const stagesReady = figures.isSuccess;
  const ended = [
    { key: 'open', value: f?.open, to: '/workbench/projects?outcome=open' },
    { key: 'completed', value: f?.completed, to: '/workbench/projects?outcome=completed' },
    { key: 'withdrawn', value: f?.withdrawn, to: '/workbench/projects?outcome=withdrawn' },
    { key: 'closed', value: f?.closed, to: '/workbench/projects?outcome=closed' },
  ] as const;
  const townData = TOWNS.map((tw) => ({ code: tw.code, name: lookup.town(tw.code), value: stats.data?.byTown.find((x) => x.townCode === tw.code)?.count ?? 0 }));

  return (
    <>
      <PageHeader title={t('menu.dashboard')} subTitle={t('bureau.dashboardIntro')} />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('bureau.totalFiled')} value={f?.filed ?? '—'} loading={figures.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('bureau.filedThisMonth')} value={thisMonth.data?.filed ?? '—'} loading={thisMonth.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('bureau.inDiagnosis')} value={f ? stageData[1]?.value : '—'} loading={figures.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('portal.figPilot')} value={stats.data?.pilotEnterprises ?? '—'} loading={stats.isPending} />
          </Card>
        </Col>
        {ended.map((x) => (
          <Col xs={12} lg={6} key={x.key}>
            <Card size="small" data-testid={`figure-${x.key}`}>
              <Statistic title={<Link to={x.to}>{t(`lists.${x.key}`)}</Link>} value={x.value ?? '—'} loading={figures.isPending} />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={12}>
          <Card size="small" title={t('bureau.stageTitle')}>
            {stagesReady ? (
              <Suspense fallback={<Skeleton active />}>
                <StageBars
                  data={stageData}
                  ariaLabel={t('bureau.stageAria')}
                  onPick={(i) => void navigate(stageLink(i + 1))}
                />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
            {f ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                {t('lists.endedNote', { withdrawn: f.withdrawn, closed: f.closed })}
              </Typography.Paragraph>
            ) : null}
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'table',
                  label: t('bureau.showTable'),
                  children: (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="stage"
                      dataSource={stageData}
                      columns={[
                        { title: t('project.stage'), dataIndex: 'name', render: (v: string, r) => <Link to={stageLink(r.stage)}>{v}</Link> },
                        { title: t('bureau.count'), dataIndex: 'value', align: 'right' },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('bureau.townTitle')}>
            {stats.isSuccess ? (
              <Suspense fallback={<Skeleton active />}>
                <TownBars data={townData} ariaLabel={t('bureau.townAria')} />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'table',
                  label: t('bureau.showTable'),
                  children: (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="code"
                      dataSource={townData.filter((x) => x.value > 0)}
                      locale={{ emptyText: t('bureau.noTownData') }}
                      columns={[
                        { title: t('project.town'), dataIndex: 'name', render: (v: string, r) => <Link to={`/workbench/projects?townCode=${r.code}`}>{v}</Link> },
                        { title: t('bureau.count'), dataIndex: 'value', align: 'right' },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <FunnelCard />
        </Col>
        <Col xs={24} xl={12}>
          <MoneyCard />
        </Col>
        <Col xs={24} xl={12}>
          <StageTimesCard />
        </Col>
        <Col span={24}>
          <UpliftCard />
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('bureau.recent')}
            extra={
              <Link to="/workbench/projects">
                {t('bureau.allFilings')} <RightOutlined />
              </Link>
            }
          >
            {all.isPending ? (
              <Skeleton active />
            ) : (all.data?.items.length ?? 0) === 0 ? (
              <Typography.Text type="secondary">{t('filter.empty')}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {all.data?.items.map((p) => (
                  <Flex key={p.id} justify="space-between" align="center" wrap gap={8} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Link to={`/workbench/projects/${p.id}`}>{p.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.filingNo ?? t('project.noFilingNo')} · {p.enterpriseName} · {lookup.town(p.townCode)} · {formatDateTime(p.submittedAt)}
                      </Typography.Text>
                    </Flex>
                    <StatusTag state={p.state} label={p.stateLabel} />
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
