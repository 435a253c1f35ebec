import { Button, Card, Checkbox, Col, DatePicker, Flex, Input, Row, Select, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client';
import { useProjects, useRefLookup } from '../api/hooks';
import type { ProjectFilters, ProjectOutcome, ProjectSort, ProjectSummary } from '../api/types';
import { useLang } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { wanText } from '../lib/money';
import { STAGE_NUMBERS } from '../lib/stages';
import { useSearchState } from '../lib/useSearchState';
import { DataView, type SortChange } from './DataView';
import { DueTag } from './DueTag';
import { ErrorState } from './ErrorState';
import { StatusTag } from './StatusTag';

const KEYS = ['q', 'townCode', 'industryCode', 'stage', 'state', 'from', 'to', 'outcome', 'sameName', 'overdue', 'sort', 'order'] as const;
const FILTER_KEYS = ['q', 'townCode', 'industryCode', 'stage', 'state', 'from', 'to', 'outcome', 'sameName', 'overdue'] as const;
const OUTCOMES: readonly ProjectOutcome[] = ['open', 'completed', 'withdrawn', 'closed'];
const SORTS: readonly ProjectSort[] = ['submittedAt', 'stage'];

/** A list row: the summary with the due date of the step the project waits on (staff lists). */
export type DueRow = ProjectSummary & { dueOn?: string | null; overdue?: boolean };

/** The light red of an overdue row (cells on wide screens, a bar on the card on phones). */
export const OVERDUE_BG = '#fff1f0';
export const OVERDUE_BAR = '#cf1322';

/** Marks every cell of an overdue row (antd has no row style on a table it does not own). */
export function highlightOverdue<T extends { overdue?: boolean }>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((c) => ({
    ...c,
    onCell: (r: T) => (r.overdue ? { style: { background: OVERDUE_BG }, 'data-overdue': 'true' } : {}) as HTMLAttributes<HTMLElement>,
  }));
}

/** 同名企业: a tag naming the other credit codes (bureau only; the server sends none to anyone else). */
export function SameNameTag({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return null;
  const text = t('lists.sameNameTip', { codes: codes.join(t('lists.codeSeparator')) });
  return (
    <Tooltip title={text}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }} aria-label={`${t('lists.sameNameTag')}: ${text}`} data-testid="same-name-tag">
        {t('lists.sameNameTag')}
      </Tag>
    </Tooltip>
  );
}

/**
 * The project list of staff (bureau: all filed projects; town office: its town's): a filter bar kept in the
 * address, server pagination and sorting (newest filing first unless the user sorts), Excel export of exactly
 * the filtered rows in the same order, row → detail. Cards on phones.
 */
export function ProjectList({
  showTownFilter,
  exportable,
  emptyText,
  sortable = false,
  sameNameFilter = false,
  overdueFilter = false,
}: {
  showTownFilter: boolean;
  exportable: boolean;
  emptyText?: string;
  /** Offer the server's orders (table header sorters and a select). */
  sortable?: boolean;
  /** The bureau's 同名企业 filter. */
  sameNameFilter?: boolean;
  /** A 只看超期 filter (projects whose current step is past its due date). */
  overdueFilter?: boolean;
}) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const v = s.values;
  const stage = v.stage ? Number.parseInt(v.stage, 10) : undefined;
  const sort: ProjectSort = sortable && SORTS.includes(v.sort as ProjectSort) ? (v.sort as ProjectSort) : 'submittedAt';
  const order: 'asc' | 'desc' = sortable && v.order === 'asc' ? 'asc' : 'desc';
  const sortOrderOf = (key: ProjectSort) => (sort === key ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const onSort = (c: SortChange) => {
    const key = SORTS.find((k) => k === c.field);
    if (!key || !c.order) s.set({ sort: undefined, order: undefined });
    else s.set({ sort: key === 'submittedAt' ? undefined : key, order: c.order === 'ascend' ? 'asc' : undefined });
  };
  const filters: ProjectFilters & { overdue?: '1' } = {
    page: s.page,
    pageSize: s.pageSize,
    q: v.q,
    townCode: showTownFilter ? v.townCode : undefined,
    industryCode: v.industryCode,
    stage: stage && stage >= 1 && stage <= 8 ? stage : undefined,
    state: v.state,
    from: v.from,
    to: v.to,
    outcome: OUTCOMES.find((o) => o === v.outcome),
    sameName: sameNameFilter && v.sameName === '1' ? '1' : undefined,
    overdue: overdueFilter && v.overdue === '1' ? '1' : undefined,
    sort: sort === 'submittedAt' ? undefined : sort,
    order: order === 'desc' ? undefined : order,
  };
  const q = useProjects(filters);
  const { page: _p, pageSize: _ps, ...exportFilters } = filters;
  const states = (lookup.ref?.workflow.states ?? []).filter((x) => !filters.stage || x.stage === filters.stage);
  const anyFilter = FILTER_KEYS.some((k) => v[k]);

  const columns: TableColumnsType<DueRow> = [
    { title: t('project.filingNo'), dataIndex: 'filingNo', width: 150, fixed: 'left', render: (x: string | null) => x ?? <span className="muted">{t('project.noFilingNo')}</span> },
    {
      title: `${t('project.title')} / ${t('project.enterprise')}`,
      dataIndex: 'title',
      width: 240,
      render: (_x: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: r.title }} style={{ maxWidth: 220, display: 'block' }}>
            {r.title}
          </Typography.Text>
          <Flex gap={4} align="center" style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.enterpriseName }} style={{ maxWidth: r.sameNameUsccs?.length ? 150 : 220, display: 'block', fontSize: 12 }}>
              {r.enterpriseName}
            </Typography.Text>
            <SameNameTag codes={r.sameNameUsccs ?? []} />
          </Flex>
        </div>
      ),
    },
    ...(showTownFilter ? [{ title: t('project.town'), dataIndex: 'townCode', width: 100, render: (x: string | null) => lookup.town(x) }] : []),
    { title: t('project.industry'), dataIndex: 'industryCode', width: 120, ellipsis: true, render: (x: string | null) => lookup.industry(x) },
    {
      title: `${t('project.stage')} / ${t('project.state')}`,
      dataIndex: 'state',
      key: 'stage',
      width: 170,
      ...(sortable
        ? { sorter: true, sortOrder: sortOrderOf('stage'), sortDirections: ['ascend', 'descend', 'ascend'] as const, showSorterTooltip: { title: t('lists.stageSortTip') } }
        : {}),
      render: (_x: string, r) => (
        <div>
          <div style={{ fontSize: 12 }} className="muted">{`${r.stage}. ${lookup.stageLabel(r.stage)}`}</div>
          <StatusTag state={r.state} label={r.stateLabel} />
        </div>
      ),
    },
    {
      title: t('diagnosis2b.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      width: 120,
      render: (_x: string | null, r) => (r.dueOn ? <DueTag dueOn={r.dueOn} overdue={Boolean(r.overdue)} /> : <span className="muted">{t('diagnosis2b.noDue')}</span>),
    },
    { title: t('project.investmentWan'), dataIndex: 'plannedInvestmentFen', width: 110, align: 'right', render: (f: number) => wanText(f) },
    {
      title: t('project.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 140,
      render: (x: string | null) => formatDateTime(x),
      ...(sortable
        ? { sorter: true, sortOrder: sortOrderOf('submittedAt'), sortDirections: ['descend', 'ascend', 'descend'] as const, showSorterTooltip: { title: t('lists.submittedSortTip') } }
        : {}),
    },
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
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('lists.allOutcomes')}
              aria-label={t('lists.outcomeLabel')}
              value={filters.outcome}
              onChange={(x: string | undefined) => s.set({ outcome: x })}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`lists.${o}`) }))}
              popupMatchSelectWidth={false}
            />
          </Col>
          {sortable ? (
            <Col xs={24} md={12} xl={6}>
              <Select
                style={{ width: '100%' }}
                aria-label={t('lists.sortLabel')}
                value={`${sort}:${order}`}
                onChange={(x: string) => {
                  const [k, o] = x.split(':');
                  s.set({ sort: k === 'submittedAt' ? undefined : k, order: o === 'asc' ? 'asc' : undefined });
                }}
                options={SORTS.flatMap((k) => (['desc', 'asc'] as const).map((o) => ({ value: `${k}:${o}`, label: t(`lists.sortOptions.${k}_${o}`) })))}
              />
            </Col>
          ) : null}
          {overdueFilter ? (
            <Col xs={12} md={6} xl={4} style={{ display: 'flex', alignItems: 'center' }}>
              <Checkbox checked={v.overdue === '1'} onChange={(e) => s.set({ overdue: e.target.checked ? '1' : undefined })} data-testid="overdue-filter">
                {t('diagnosis2b.overdueFilter')}
              </Checkbox>
            </Col>
          ) : null}
          {sameNameFilter ? (
            <Col xs={24} md={12} xl={6} style={{ display: 'flex', alignItems: 'center' }}>
              <Checkbox checked={v.sameName === '1'} onChange={(e) => s.set({ sameName: e.target.checked ? '1' : undefined })} data-testid="same-name-filter">
                {t('lists.sameNameFilter')}
              </Checkbox>
            </Col>
          ) : null}
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
          {t('lists.dateNote')}
          {v.from && v.to ? ` ${formatDate(v.from)} ~ ${formatDate(v.to)}` : ''}
          {exportable ? ` ${t('lists.exportNote')}` : ''}
        </Typography.Text>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<DueRow>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          columns={highlightOverdue(columns)}
          scrollX={showTownFilter ? 1150 : 1050}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={s.page}
          pageSize={s.pageSize}
          onPage={(page, pageSize) => s.set({ page, pageSize })}
          onSort={sortable ? onSort : undefined}
          onOpen={(r) => void navigate(`/workbench/projects/${r.id}`)}
          empty={anyFilter ? t('filter.emptyFiltered') : (emptyText ?? t('filter.empty'))}
          card={(r) => (
            <Flex vertical gap={4} data-overdue={r.overdue ? 'true' : undefined} style={r.overdue ? { borderInlineStart: `3px solid ${OVERDUE_BAR}`, paddingInlineStart: 8 } : undefined}>
              <Flex justify="space-between" gap={8} align="start">
                <Typography.Text strong>{r.title}</Typography.Text>
                <StatusTag state={r.state} label={r.stateLabel} />
              </Flex>
              {r.dueOn ? (
                <div>
                  <DueTag dueOn={r.dueOn} overdue={Boolean(r.overdue)} />
                </div>
              ) : null}
              <Flex gap={6} align="center" wrap>
                <Typography.Text>{r.enterpriseName}</Typography.Text>
                <SameNameTag codes={r.sameNameUsccs ?? []} />
              </Flex>
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
