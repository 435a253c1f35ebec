import { Badge, Flex, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useRefLookup } from '../../api/hooks';
import { DataView } from '../../components/DataView';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { highlightOverdue, OVERDUE_BAR, ProjectList } from '../../components/ProjectList';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime } from '../../lib/format';
import { roleGroup } from '../../lib/roles';
import { useSearchState } from '../../lib/useSearchState';
import { TASK_BUCKETS, useTasks, type TaskBucket, type TaskRow } from './api';

const BUCKET_LABEL = {
  toAccept: 'diagnosis2b.bucketToAccept',
  inProgress: 'diagnosis2b.bucketInProgress',
  awaitingConfirmation: 'diagnosis2b.bucketAwaitingConfirmation',
  done: 'diagnosis2b.bucketDone',
} as const;
const BUCKET_EMPTY = {
  toAccept: 'diagnosis2b.emptyToAccept',
  inProgress: 'diagnosis2b.emptyInProgress',
  awaitingConfirmation: 'diagnosis2b.emptyAwaitingConfirmation',
  done: 'diagnosis2b.emptyDone',
} as const;
const KEYS = ['bucket'] as const;

/**
 * An institution's workbench: its tasks by bucket (待接收 / 进行中 / 待企业确认 / 已完成, from the lifecycle
 * table's taskBucket), soonest due first so overdue ones lead, each row opening the project page where the
 * actions are. Cards on phones.
 */
function InstitutionTasks() {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  const navigate = useNavigate();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const bucket: TaskBucket = TASK_BUCKETS.find((b) => b === s.values.bucket) ?? 'toAccept';
  const q = useTasks({ bucket, page: s.page, pageSize: s.pageSize });
  const counts = q.data?.counts;
  const open = (r: TaskRow) => void navigate(`/workbench/projects/${r.id}`);
  const due = (r: TaskRow) => (r.dueOn && bucket !== 'done' ? <DueTag dueOn={r.dueOn} overdue={r.overdue} /> : <span className="muted">{t('diagnosis2b.noDue')}</span>);
  const actionLink = (r: TaskRow) => (
    <Link to={`/workbench/projects/${r.id}`} onClick={(e) => e.stopPropagation()} aria-label={`${bucket === 'done' ? t('diagnosis2b.taskView') : t('diagnosis2b.taskOpen')}：${r.title}`}>
      {bucket === 'done' ? t('diagnosis2b.taskView') : t('diagnosis2b.taskOpen')}
    </Link>
  );

  const columns: TableColumnsType<TaskRow> = [
    {
      title: `${t('diagnosis2b.taskEnterprise')} / ${t('diagnosis2b.taskProject')}`,
      dataIndex: 'title',
      render: (_x: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: r.enterpriseName }} style={{ maxWidth: 340, display: 'block' }}>
            {r.enterpriseName}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.title }} style={{ maxWidth: 340, display: 'block', fontSize: 12 }}>
            {r.title}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('project.town'), dataIndex: 'townCode', width: 100, render: (x: string | null) => lookup.town(x) },
    { title: t('project.state'), dataIndex: 'state', width: 180, render: (_x: string, r) => <StatusTag state={r.state} label={r.stateLabel} /> },
    { title: t('diagnosis2b.dueOn'), dataIndex: 'dueOn', width: 130, render: (_x: string | null, r) => due(r) },
    { title: t('diagnosis2b.taskAction'), key: 'action', width: 90, render: (_x: unknown, r) => actionLink(r) },
  ];

  return (
    <>
      <PageHeader title={t('menu.tasks')} subTitle={t('diagnosis2b.tasksIntro')} />
      <Tabs
        activeKey={bucket}
        onChange={(key) => s.set({ bucket: key === 'toAccept' ? undefined : key })}
        items={TASK_BUCKETS.map((b) => ({
          key: b,
          label: (
            <Flex gap={6} align="center" data-testid={`bucket-${b}`}>
              {t(BUCKET_LABEL[b])}
              {counts ? <Badge count={counts[b]} showZero overflowCount={999} color={b === 'toAccept' && counts[b] > 0 ? '#1558d6' : '#8c8c8c'} /> : null}
            </Flex>
          ),
        }))}
      />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '-4px 0 10px', fontSize: 12 }}>
        {t('lists.dateNote')}
      </Typography.Text>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<TaskRow>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          columns={highlightOverdue(columns)}
          scrollX={720}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={s.page}
          pageSize={s.pageSize}
          onPage={(page, pageSize) => s.set({ page, pageSize })}
          onOpen={open}
          empty={t(BUCKET_EMPTY[bucket])}
          card={(r) => (
            <Flex vertical gap={4} data-testid="task-card" data-overdue={r.overdue ? 'true' : undefined} style={r.overdue ? { borderInlineStart: `3px solid ${OVERDUE_BAR}`, paddingInlineStart: 8 } : undefined}>
              <Flex justify="space-between" gap={8} align="start">
                <Typography.Text strong>{r.enterpriseName}</Typography.Text>
                {due(r)}
              </Flex>
              <Typography.Text>{r.title}</Typography.Text>
              <Flex gap={8} align="center" wrap>
                <StatusTag state={r.state} label={r.stateLabel} />
                <Typography.Text type="secondary">{lookup.town(r.townCode)}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.filingNo ?? t('project.noFilingNo')} · {formatDateTime(r.updatedAt)}
              </Typography.Text>
            </Flex>
          )}
        />
      )}
    </>
  );
}

/**
 * Institutions: their diagnosis tasks by bucket. Leading units / providers and experts: the projects assigned to
 * them, straight from GET /projects (the server decides what each may see). Empty until the bureau assigns work — and it says so.
 */
export function AssigneeHome() {
  const { t } = useTranslation();
  const me = useMe().data;
  const group = roleGroup(me?.role ?? '');
  if (group === 'institution') return <InstitutionTasks />;
  const title = group === 'provider' ? t('menu.clients') : t('menu.reviewTasks');
  const intro = group === 'provider' ? t('assignee.providerIntro') : t('assignee.expertIntro');
  const empty = group === 'provider' ? t('assignee.providerEmpty') : t('assignee.expertEmpty');
  return (
    <>
      <PageHeader title={title} subTitle={intro} />
      <ProjectList showTownFilter exportable={false} emptyText={empty} />
    </>
  );
}
