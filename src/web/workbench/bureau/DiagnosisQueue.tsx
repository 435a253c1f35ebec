import { Alert, Badge, Button, Card, Checkbox, Col, Empty, Flex, Grid, Input, Pagination, Row, Select, Spin, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ClusterOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useProjects, useRefLookup } from '../../api/hooks';
import type { ProjectFilters } from '../../api/types';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { highlightOverdue, OVERDUE_BAR, type DueRow } from '../../components/ProjectList';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, todayInShanghai } from '../../lib/format';
import { useSearchState } from '../../lib/useSearchState';
import { AssignDialog, type AssignTarget } from './AssignDialog';
import { ASSIGNMENT_INPUTS, PROJECT_LIFECYCLE } from '../../../core/workflow';
import type { Assignment } from '../../api/evaluation';

const TABS = ['waiting', 'assigned', 'overdue', 'evalWaiting', 'evalAssigned'] as const;
type Tab = (typeof TABS)[number];
const KEYS = ['tab', 'q', 'townCode'] as const;

/** The assignment (diagnosis or evaluation) each tab is about. */
const TAB_ASSIGNMENT: Record<Tab, Assignment> = { waiting: 'diagnosis', assigned: 'diagnosis', overdue: 'diagnosis', evalWaiting: 'evaluation', evalAssigned: 'evaluation' };

/**
 * The table's states of an assignment: the one waiting for the bureau to assign (a bureau transition taking an
 * assignment input) and the one waiting for the institution to accept (taskBucket 'toAccept').
 */
function assignmentStates(a: Assignment): { waiting: string; assigned: string; stage: number } {
  const states = PROJECT_LIFECYCLE.states.filter((s) => s.assignment === a);
  const waiting = states.find((s) => s.transitions.some((t) => t.input !== undefined && ASSIGNMENT_INPUTS.includes(t.input) && t.roles.includes('bureauReviewer')));
  const assigned = states.find((s) => s.taskBucket === 'toAccept');
  return { waiting: waiting?.id ?? '', assigned: assigned?.id ?? '', stage: waiting?.stage ?? 2 };
}
const STATES: Record<Assignment, ReturnType<typeof assignmentStates>> = { diagnosis: assignmentStates('diagnosis'), evaluation: assignmentStates('evaluation') };

/** Which projects each tab lists (the list API's filters). */
function tabFilters(tab: Tab): Pick<ProjectFilters, 'state' | 'stage'> & { overdue?: '1' } {
  const st = STATES[TAB_ASSIGNMENT[tab]];
  if (tab === 'assigned' || tab === 'evalAssigned') return { state: st.assigned };
  if (tab === 'overdue') return { stage: st.stage, overdue: '1' };
  return { state: st.waiting };
}
const isWaiting = (tab: Tab) => tab === 'waiting' || tab === 'evalWaiting';

const DAY_MS = 86_400_000;
/** A selected row keeps one light colour (antd's selected + hover blue would lower the secondary text's contrast). */
const SELECTED_BG = '#f0f5ff';
/** Calendar days from the filing date to today (Beijing time). */
function daysSince(iso: string | null): number | null {
  if (!iso) return null;
  const from = formatDate(iso);
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${todayInShanghai()}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.max(0, Math.round((b - a) / DAY_MS));
}

/**
 * 机构诊断队列 (bureau): the projects waiting for a diagnosis institution, assigned one by one or in a batch
 * (AssignDialog: workload per institution, the suggestion, automatic balancing), and the follow-up tabs
 * 已分配未接收 and 超期 (reassignment is an action on the project page).
 */
export function DiagnosisQueue() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const me = useMe().data;
  const canAssign = me?.role === 'bureauAdmin' || me?.role === 'bureauReviewer';
  const s = useSearchState(KEYS, { pageSize: 20 });
  const tab: Tab = TABS.find((x) => x === s.values.tab) ?? 'waiting';
  const filters = { page: s.page, pageSize: s.pageSize, q: s.values.q, townCode: s.values.townCode, ...tabFilters(tab) };
  const q = useProjects(filters);
  // The tab counts (one row each: only the totals are read).
  const waitingCount = useProjects({ page: 1, pageSize: 1, ...tabFilters('waiting') }).data?.total;
  const assignedCount = useProjects({ page: 1, pageSize: 1, ...tabFilters('assigned') }).data?.total;
  const overdueCount = useProjects({ page: 1, pageSize: 1, ...tabFilters('overdue') }).data?.total;
  const evalWaitingCount = useProjects({ page: 1, pageSize: 1, ...tabFilters('evalWaiting') }).data?.total;
  const evalAssignedCount = useProjects({ page: 1, pageSize: 1, ...tabFilters('evalAssigned') }).data?.total;

  const selectable = isWaiting(tab) && canAssign;
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [dialog, setDialog] = useState<AssignTarget[] | null>(null);
  const rows = (q.data?.items ?? []) as DueRow[];
  const selectedIds = useMemo(() => [...selected.keys()], [selected]);

  const toggle = (r: DueRow, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(r.id, r.title);
      else next.delete(r.id);
      return next;
    });
  const pageSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const pagePartly = !pageSelected && rows.some((r) => selected.has(r.id));
  const selectPage = (on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const r of rows) {
        if (on) next.set(r.id, r.title);
        else next.delete(r.id);
      }
      return next;
    });
  const openDialog = (targets: AssignTarget[]) => setDialog(targets);
  const closeDialog = (assigned: string[]) => {
    setDialog(null);
    if (assigned.length > 0)
      setSelected((prev) => {
        const next = new Map(prev);
        for (const id of assigned) next.delete(id);
        return next;
      });
  };
  const switchTab = (key: string) => {
    setSelected(new Map());
    s.set({ tab: key === 'waiting' ? undefined : key });
  };

  const waited = (r: DueRow) => {
    const d = daysSince(r.submittedAt);
    if (d === null) return null;
    return <span className="muted" style={{ fontSize: 12 }}>{d === 0 ? t('diagnosis2b.waitedToday') : t('diagnosis2b.waitedDays', { count: d })}</span>;
  };
  const due = (r: DueRow) => (r.dueOn ? <DueTag dueOn={r.dueOn} overdue={Boolean(r.overdue)} /> : <span className="muted">{t('diagnosis2b.noDue')}</span>);
  const action = (r: DueRow) =>
    isWaiting(tab) && canAssign ? (
      <Button
        size="small"
        type="primary"
        ghost
        onClick={(e) => {
          e.stopPropagation();
          openDialog([{ id: r.id, title: r.title }]);
        }}
        data-testid="assign-one"
      >
        {t('diagnosis2b.assignOne')}
      </Button>
    ) : (
      <Link to={`/workbench/projects/${r.id}`} onClick={(e) => e.stopPropagation()}>
        {t('diagnosis2b.openProject')}
      </Link>
    );

  const columns: TableColumnsType<DueRow> = [
    {
      title: `${t('project.title')} / ${t('project.enterprise')}`,
      dataIndex: 'title',
      render: (_x: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: r.title }} style={{ maxWidth: 320, display: 'block' }}>
            {r.title}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.enterpriseName }} style={{ maxWidth: 320, display: 'block', fontSize: 12 }}>
            {r.enterpriseName}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('project.town'), dataIndex: 'townCode', width: 100, render: (x: string | null) => lookup.town(x) },
    {
      title: t('diagnosis2b.filedOn'),
      dataIndex: 'submittedAt',
      width: 130,
      render: (x: string | null, r) => (
        <div>
          <div>{formatDate(x)}</div>
          {waited(r)}
        </div>
      ),
    },
    ...(isWaiting(tab) ? [] : [{ title: t('project.state'), dataIndex: 'state', width: 170, render: (_x: string, r: DueRow) => <StatusTag state={r.state} label={r.stateLabel} /> }]),
    { title: t('diagnosis2b.dueOn'), dataIndex: 'dueOn', width: 130, render: (_x: string | null, r) => due(r) },
    { title: t('diagnosis2b.taskAction'), key: 'action', width: 100, render: (_x: unknown, r) => action(r) },
  ];

  const hint =
    tab === 'waiting'
      ? t('diagnosis2b.tabWaitingHint')
      : tab === 'assigned'
        ? t('diagnosis2b.tabAssignedHint')
        : tab === 'evalWaiting'
          ? t('evaluation.queue.waitingHint')
          : tab === 'evalAssigned'
            ? t('evaluation.queue.assignedHint')
            : t('diagnosis2b.tabOverdueHint');
  const anyFilter = Boolean(s.values.q || s.values.townCode);
  const emptyText = anyFilter
    ? t('filter.emptyFiltered')
    : tab === 'waiting'
      ? t('diagnosis2b.emptyWaiting')
      : tab === 'assigned'
        ? t('diagnosis2b.emptyAssigned')
        : tab === 'evalWaiting'
          ? t('evaluation.queue.emptyWaiting')
          : tab === 'evalAssigned'
            ? t('evaluation.queue.emptyAssigned')
            : t('diagnosis2b.emptyOverdue');
  const empty = <Empty description={emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const tabLabel = (label: string, count: number | undefined, danger = false) => (
    <Flex gap={6} align="center">
      {label}
      {count !== undefined ? <Badge count={count} showZero overflowCount={999} color={danger && count > 0 ? '#cf1322' : '#8c8c8c'} /> : null}
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('diagnosis2b.menuQueue')} subTitle={t('diagnosis2b.queueIntro')} />
      <Flex vertical gap={12}>
        <Tabs
          activeKey={tab}
          onChange={switchTab}
          items={[
            { key: 'waiting', label: tabLabel(t('diagnosis2b.tabWaiting'), waitingCount) },
            { key: 'assigned', label: tabLabel(t('diagnosis2b.tabAssigned'), assignedCount) },
            { key: 'overdue', label: tabLabel(t('diagnosis2b.tabOverdue'), overdueCount, true) },
            { key: 'evalWaiting', label: tabLabel(t('evaluation.queue.tabWaiting'), evalWaitingCount) },
            { key: 'evalAssigned', label: tabLabel(t('evaluation.queue.tabAssigned'), evalAssignedCount) },
          ]}
          style={{ marginBottom: -12 }}
        />
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={12} xl={8}>
              <Input.Search
                allowClear
                key={s.values.q ?? ''}
                defaultValue={s.values.q}
                placeholder={t('filter.keyword')}
                aria-label={t('filter.keyword')}
                onSearch={(x) => s.set({ q: x.trim() })}
                enterButton={t('common.search')}
              />
            </Col>
            <Col xs={24} md={6} xl={4}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder={t('filter.allTowns')}
                aria-label={t('project.town')}
                value={s.values.townCode}
                onChange={(x: string | undefined) => s.set({ townCode: x })}
                options={lookup.townOptions}
              />
            </Col>
            {selectable ? (
              <Col flex="auto">
                <Flex gap={8} justify="flex-end" align="center" wrap>
                  <Checkbox checked={pageSelected} indeterminate={pagePartly} disabled={rows.length === 0} onChange={(e) => selectPage(e.target.checked)} data-testid="select-page" style={{ marginInlineEnd: 'auto' }}>
                    {t('diagnosis2b.selectPage')}
                  </Checkbox>
                  <Typography.Text type="secondary" data-testid="selected-count">
                    {selected.size > 0 ? t('diagnosis2b.selectedCount', { count: selected.size }) : t('diagnosis2b.selectHint')}
                  </Typography.Text>
                  {selected.size > 0 ? <Button onClick={() => setSelected(new Map())}>{t('diagnosis2b.clearSelection')}</Button> : null}
                  <Button
                    type="primary"
                    icon={<ClusterOutlined />}
                    disabled={selected.size === 0}
                    onClick={() => openDialog([...selected.entries()].map(([id, title]) => ({ id, title })))}
                    data-testid="assign-selected"
                  >
                    {selected.size > 0 ? t('diagnosis2b.assignSelected', { count: selected.size }) : t('diagnosis2b.assign')}
                  </Button>
                </Flex>
              </Col>
            ) : null}
          </Row>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {hint}
          </Typography.Text>
        </Card>
        {isWaiting(tab) && me && !canAssign ? <Alert type="info" showIcon title={t('diagnosis2b.readOnlyNote')} /> : null}
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : phone ? (
          <div className="data-cards">
            <Spin spinning={q.isFetching}>
              {rows.length === 0 ? (
                empty
              ) : (
                <Flex vertical gap={10}>
                  {rows.map((r) => (
                    <Card key={r.id} size="small" className="data-card" data-testid="queue-card" data-overdue={r.overdue ? 'true' : undefined}>
                      <Flex gap={10} align="start" style={r.overdue ? { borderInlineStart: `3px solid ${OVERDUE_BAR}`, paddingInlineStart: 8 } : undefined}>
                        {selectable ? (
                          <Checkbox
                            checked={selected.has(r.id)}
                            onChange={(e) => toggle(r, e.target.checked)}
                            aria-label={t('diagnosis2b.selectRow', { title: r.title })}
                            style={{ marginTop: 2 }}
                          />
                        ) : null}
                        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                          <Link to={`/workbench/projects/${r.id}`} style={{ fontWeight: 600 }}>
                            {r.title}
                          </Link>
                          <Typography.Text>{r.enterpriseName}</Typography.Text>
                          <Typography.Text type="secondary">
                            {lookup.town(r.townCode)} · {t('diagnosis2b.filedOn')} {formatDate(r.submittedAt)}
                          </Typography.Text>
                          <Flex gap={8} align="center" wrap>
                            {!isWaiting(tab) ? <StatusTag state={r.state} label={r.stateLabel} /> : null}
                            {r.dueOn ? due(r) : null}
                            {waited(r)}
                          </Flex>
                          {isWaiting(tab) && canAssign ? <div style={{ marginTop: 4 }}>{action(r)}</div> : null}
                        </Flex>
                      </Flex>
                    </Card>
                  ))}
                </Flex>
              )}
            </Spin>
            {(q.data?.total ?? 0) > 0 ? (
              <Pagination
                simple
                style={{ marginTop: 12, textAlign: 'center' }}
                current={s.page}
                pageSize={s.pageSize}
                total={q.data?.total ?? 0}
                showTotal={(n) => t('common.totalCount', { count: n })}
                onChange={(page, pageSize) => s.set({ page, pageSize })}
              />
            ) : null}
          </div>
        ) : (
          <Table<DueRow>
            rowKey="id"
            columns={highlightOverdue(columns).map((c) => ({
              ...c,
              onCell: (r: DueRow) => (selected.has(r.id) ? { style: { background: SELECTED_BG } } : (c.onCell?.(r) ?? {})),
            }))}
            dataSource={rows}
            loading={q.isFetching}
            size="middle"
            scroll={{ x: 860 }}
            locale={{ emptyText: empty }}
            onRow={(r) => ({ onClick: () => void navigate(`/workbench/projects/${r.id}`), style: { cursor: 'pointer' } })}
            rowSelection={
              selectable
                ? {
                    selectedRowKeys: selectedIds,
                    preserveSelectedRowKeys: true,
                    onSelect: (r, on) => toggle(r, on),
                    // 全选本页 is in the toolbar (the header checkbox would also sit in antd's aria-hidden measure row).
                    hideSelectAll: true,
                    getCheckboxProps: (r) => ({ 'aria-label': t('diagnosis2b.selectRow', { title: r.title }) }) as object,
                    columnWidth: 48,
                  }
                : undefined
            }
            pagination={{
              current: s.page,
              pageSize: s.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (n) => t('common.totalCount', { count: n }),
              onChange: (page, pageSize) => s.set({ page, pageSize }),
            }}
            data-testid="queue-table"
          />
        )}
      </Flex>
      <AssignDialog open={dialog !== null} projects={dialog ?? []} assignment={TAB_ASSIGNMENT[tab]} onClose={closeDialog} />
    </>
  );
}
