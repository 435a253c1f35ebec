import { Card, Col, Flex, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useRefLookup } from '../../api/hooks';
import { useClients, type ClientRow } from '../../api/providers';
import { DataView } from '../../components/DataView';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { highlightOverdue } from '../../components/ProjectList';
import { StatusTag } from '../../components/StatusTag';
import { useLang } from '../../i18n';
import { STAGE_NUMBERS } from '../../lib/stages';
import { useSearchState } from '../../lib/useSearchState';

const KEYS = ['view', 'stage'] as const;
const VIEWS = ['all', 'waitingOnMe', 'overdue'] as const;
type View = (typeof VIEWS)[number];

/**
 * 我的客户 (leading units, catalog providers): every enterprise it serves — as the chosen provider or by the
 * enterprise's authorisation — with the stage, who acts next, what is overdue and the authorisation.
 */
export function ClientsPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const me = useMe().data;
  const s = useSearchState(KEYS, { pageSize: 20 });
  const view: View = VIEWS.find((v) => v === s.values.view) ?? 'all';
  const stageNum = s.values.stage ? Number.parseInt(s.values.stage, 10) : undefined;
  const stage = stageNum && stageNum >= 1 && stageNum <= 8 ? stageNum : undefined;
  const q = useClients({ page: s.page, pageSize: s.pageSize, stage, overdue: view === 'overdue' ? '1' : undefined, waitingOnMe: view === 'waitingOnMe' ? '1' : undefined });
  const counts = q.data?.counts;
  const stageCount = (n: number) => counts?.byStage.find((x) => x.stage === n)?.count ?? 0;

  const waiting = (r: ClientRow) =>
    r.waitingOnMe ? (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {t('providers.waitingOnMe')}
      </Tag>
    ) : (
      <Typography.Text type="secondary">{r.waitingOn.length ? r.waitingOn.map((w) => tx(w)).join(t('common.listSep')) : '—'}</Typography.Text>
    );
  const relation = (r: ClientRow) => (
    <Flex gap={4} wrap>
      {r.isProvider ? <Tag color="blue">{t('providers.relProvider')}</Tag> : null}
      {r.delegated ? <Tag color="green">{t('providers.relDelegated')}</Tag> : me?.org.type === 'leading_unit' ? <Tag>{t('providers.relNotDelegated')}</Tag> : null}
    </Flex>
  );

  const columns: TableColumnsType<ClientRow> = highlightOverdue<ClientRow>([
    {
      title: t('providers.colEnterprise'),
      key: 'enterprise',
      render: (_: unknown, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Link to={`/workbench/projects/${r.projectId}`}>{r.enterpriseName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.title} · {r.filingNo ?? t('project.noFilingNo')} · {lookup.town(r.townCode)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: `${t('project.stage')} / ${t('project.state')}`,
      key: 'state',
      width: 220,
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <StatusTag state={r.state} label={r.stateLabel} />
          <span style={{ fontSize: 12 }} className="muted">{`${r.stage}. ${lookup.stageLabel(r.stage)}`}</span>
        </Flex>
      ),
    },
    { title: t('providers.colWaiting'), key: 'waiting', width: 200, render: (_: unknown, r) => waiting(r) },
    { title: t('providers.colDue'), key: 'due', width: 120, render: (_: unknown, r) => (r.dueOn ? <DueTag dueOn={r.dueOn} overdue={r.overdue} /> : '—') },
    { title: t('providers.colRelation'), key: 'relation', width: 160, render: (_: unknown, r) => relation(r) },
  ]);

  return (
    <>
      <PageHeader title={t('providers.menuClients')} subTitle={t('providers.clientsIntro')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {VIEWS.map((v) => (
          <Col xs={8} key={v}>
            <Card size="small" hoverable onClick={() => s.set({ view: v === 'all' ? undefined : v })} data-testid={`clients-count-${v}`} style={view === v ? { borderColor: '#1677ff' } : undefined}>
              <Statistic title={t(`providers.view_${v}`)} value={counts ? counts[v] : '—'} loading={q.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
          <Segmented<View>
            value={view}
            onChange={(v) => s.set({ view: v === 'all' ? undefined : v })}
            options={VIEWS.map((v) => ({ value: v, label: `${t(`providers.view_${v}`)}${counts ? ` (${counts[v]})` : ''}` }))}
          />
          <Select
            allowClear
            style={{ minWidth: 200 }}
            aria-label={t('project.stage')}
            placeholder={t('filter.allStages')}
            value={stage ? String(stage) : undefined}
            onChange={(x: string | undefined) => s.set({ stage: x })}
            options={STAGE_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${lookup.stageLabel(n) || t(`stages.s${n}.name`)} (${stageCount(n)})` }))}
          />
        </Flex>
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <DataView<ClientRow>
            rows={q.data?.items ?? []}
            rowKey={(r) => r.projectId}
            columns={columns}
            loading={q.isFetching}
            total={q.data?.total ?? 0}
            page={s.page}
            pageSize={s.pageSize}
            onPage={(page, pageSize) => s.set({ page, pageSize })}
            onOpen={(r) => void navigate(`/workbench/projects/${r.projectId}`)}
            empty={view === 'all' && !stage ? t('providers.noClients') : t('filter.emptyFiltered')}
            scrollX={900}
            card={(r) => (
              <Flex vertical gap={6} data-testid="client-card">
                <Flex justify="space-between" gap={8} align="start">
                  <Typography.Text strong style={{ minWidth: 0 }}>
                    {r.enterpriseName}
                  </Typography.Text>
                  <DueTag dueOn={r.dueOn} overdue={r.overdue} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.title}
                </Typography.Text>
                <Flex gap={6} wrap align="center">
                  <StatusTag state={r.state} label={r.stateLabel} />
                  <span style={{ fontSize: 12 }} className="muted">{`${t('project.stage')} ${r.stage}`}</span>
                </Flex>
                <Flex gap={6} wrap align="center" style={{ fontSize: 12 }}>
                  <span>{t('providers.colWaiting')}：</span>
                  {waiting(r)}
                </Flex>
                {relation(r)}
              </Flex>
            )}
          />
        )}
      </Card>
    </>
  );
}
