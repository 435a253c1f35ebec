import { Button, Card, Col, DatePicker, Flex, Input, Row, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client';
import { useProjects, useRefLookup } from '../api/hooks';
import type { ProjectFilters, ProjectSummary } from '../api/types';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { wanText } from '../lib/money';
import { STAGE_NUMBERS } from '../lib/stages';
import { useSearchState } from '../lib/useSearchState';
import { DataView } from './DataView';
import { ErrorState } from './ErrorState';
import { StatusTag } from './StatusTag';

const KEYS = ['q', 'townCode', 'industryCode', 'stage', 'state', 'from', 'to'] as const;

/**
 * The project list of staff (bureau: all filed projects; town office: its town's): a filter bar kept in the
 * address, server pagination, Excel export of exactly the filtered rows, row → detail. Cards on phones.
 */
export function ProjectList({ showTownFilter, exportable, emptyText }: { showTownFilter: boolean; exportable: boolean; emptyText?: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const v = s.values;
  const stage = v.stage ? Number.parseInt(v.stage, 10) : undefined;
  const filters: ProjectFilters = {
    page: s.page,
    pageSize: s.pageSize,
    q: v.q,
    townCode: showTownFilter ? v.townCode : undefined,
    industryCode: v.industryCode,
    stage: stage && stage >= 1 && stage <= 8 ? stage : undefined,
    state: v.state,
    from: v.from,
    to: v.to,
  };
  const q = useProjects(filters);
  const { page: _p, pageSize: _ps, ...exportFilters } = filters;
  const states = (lookup.ref?.workflow.states ?? []).filter((x) => !filters.stage || x.stage === filters.stage);
  const anyFilter = KEYS.some((k) => v[k]);

  const columns: TableColumnsType<ProjectSummary> = [
    { title: t('project.filingNo'), dataIndex: 'filingNo', width: 150, fixed: 'left', render: (x: string | null) => x ?? <span className="muted">{t('project.noFilingNo')}</span> },
    {
      title: `${t('project.title')} / ${t('project.enterprise')}`,
      dataIndex: 'title',
      width: 260,
      render: (_x: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: r.title }} style={{ maxWidth: 240, display: 'block' }}>
            {r.title}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.enterpriseName }} style={{ maxWidth: 240, display: 'block', fontSize: 12 }}>
            {r.enterpriseName}
          </Typography.Text>
        </div>
      ),
    },
    ...(showTownFilter ? [{ title: t('project.town'), dataIndex: 'townCode', width: 100, render: (x: string | null) => lookup.town(x) }] : []),
    { title: t('project.industry'), dataIndex: 'industryCode', width: 140, ellipsis: true, render: (x: string | null) => lookup.industry(x) },
    {
      title: `${t('project.stage')} / ${t('project.state')}`,
      dataIndex: 'state',
      width: 170,
      render: (_x: string, r) => (
        <div>
          <div style={{ fontSize: 12 }} className="muted">{`${r.stage}. ${lookup.stageLabel(r.stage)}`}</div>
          <StatusTag state={r.state} label={r.stateLabel} />
        </div>
      ),
    },
    { title: t('project.investmentWan'), dataIndex: 'plannedInvestmentFen', width: 110, align: 'right', render: (f: number) => wanText(f) },
    { title: t('project.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (x: string | null) => formatDateTime(x) },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Input.Search
              allowClear
              key={v.q ?? ''}
              defaultValue={v.q}
              placeholder={t('filter.keyword')}
              aria-label={t('filter.keyword')}
              onSearch={(x) => s.set({ q: x.trim() })}
              enterButton={t('common.search')}
            />
          </Col>
          {showTownFilter ? (
            <Col xs={12} md={6} xl={4}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder={t('filter.allTowns')}
                aria-label={t('project.town')}
                value={v.townCode}
                onChange={(x: string | undefined) => s.set({ townCode: x })}
                options={lookup.townOptions}
              />
            </Col>
          ) : null}
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('filter.allIndustries')}
              aria-label={t('project.industry')}
              value={v.industryCode}
              onChange={(x: string | undefined) => s.set({ industryCode: x })}
              options={lookup.industryOptions}
              popupMatchSelectWidth={false}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('filter.allStages')}
              aria-label={t('project.stage')}
              value={v.stage}
              onChange={(x: string | undefined) => s.set({ stage: x, state: undefined })}
              options={STAGE_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${lookup.stageLabel(n) || t(`stages.s${n}.name`)}` }))}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('filter.allStates')}
              aria-label={t('project.state')}
              value={v.state}
              onChange={(x: string | undefined) => s.set({ state: x })}
              options={states.map((x) => ({ value: x.id, label: tx(x.label) }))}
              popupMatchSelectWidth={false}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              aria-label={t('filter.dateRange')}
              placeholder={[t('filter.from'), t('filter.to')]}
              value={v.from && v.to ? [dayjs(v.from), dayjs(v.to)] : null}
              onChange={(r) => s.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
              inputReadOnly
            />
          </Col>
          <Col flex="auto">
            <Flex gap={8} justify="flex-end" wrap>
              <Button icon={<ReloadOutlined />} onClick={s.reset} disabled={!anyFilter}>
                {t('filter.reset')}
              </Button>
              {exportable ? (
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={q.data && q.data.total > 0 ? apiUrl('/projects/export.xlsx', { ...exportFilters }) : undefined}
                  disabled={!q.data || q.data.total === 0}
                  data-testid="export-xlsx"
                >
                  {t('filter.export', { count: q.data?.total ?? 0 })}
                </Button>
              ) : null}
            </Flex>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('filter.dateNote')}
          {v.from && v.to ? ` ${formatDate(v.from)} ~ ${formatDate(v.to)}` : ''}
        </Typography.Text>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<ProjectSummary>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          columns={columns}
          scrollX={showTownFilter ? 1070 : 970}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={s.page}
          pageSize={s.pageSize}
          onPage={(page, pageSize) => s.set({ page, pageSize })}
          onOpen={(r) => void navigate(`/workbench/projects/${r.id}`)}
          empty={anyFilter ? t('filter.emptyFiltered') : (emptyText ?? t('filter.empty'))}
          card={(r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8} align="start">
                <Typography.Text strong>{r.title}</Typography.Text>
                <StatusTag state={r.state} label={r.stateLabel} />
              </Flex>
              <Typography.Text>{r.enterpriseName}</Typography.Text>
              <Typography.Text type="secondary">
                {r.filingNo ?? t('project.noFilingNo')} · {lookup.town(r.townCode)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('project.stage')} {r.stage}. {lookup.stageLabel(r.stage)} · {wanText(r.plannedInvestmentFen)} {t('common.wanYuan')}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(r.submittedAt)}</Typography.Text>
            </Flex>
          )}
        />
      )}
    </Flex>
  );
}
